import Foundation
import Domain
import Spreadsheet
import Store

/// An error as a user reads it: Chinese, then English.
struct UserMessage: Equatable, CustomStringConvertible {
    let chinese: String
    let english: String

    var description: String { "错误：\(chinese)\nError: \(english)" }
}

/// The one place where whatever stopped a command becomes what the user reads: the modules'
/// bilingual errors with their fields named by the options that carry them (`Field.flag`) and,
/// where a module says only what is missing (an uninitialised database), the command to run;
/// the spreadsheet writer's; and Foundation's file errors turned into a `FileAccessError`.
/// `command` is what the user typed (`cohort create`): a refusal names that operation. Nil for
/// what is not ours to word (help, a mistyped option): the argument parser words those.
func userMessage(for error: any Error, command: String?) -> UserMessage? {
    switch error {
    case StoreError.notPermitted(let action, let field, let reasonZh, let reasonEn):
        // A refused part of an operation is named as the user asked for it: `person update --name`.
        let asked = field.map { "\(action) \($0.flag)" } ?? action
        let named = StoreError.notPermitted(action: operationName(storeAction: asked, command: command),
                                            reasonZh: reasonZh, reasonEn: reasonEn)
        return UserMessage(chinese: named.chinese, english: named.english)
    case StoreError.notInitialized(let path):
        return UserMessage(chinese: "数据库 \(path) 尚未初始化，请先运行 skillcert init",
                           english: "database \(path) is not initialised: run skillcert init first")
    case StoreError.alreadyInitialized(let path):
        return UserMessage(chinese: "数据库 \(path) 已经初始化；更新目录请用 skillcert catalog sync",
                           english: "database \(path) is already initialised; use skillcert catalog sync to update the catalog")
    case let error as any FieldNamingError:
        return UserMessage(chinese: error.commandLineChinese, english: error.commandLineEnglish)
    case let error as any BilingualError:
        return UserMessage(chinese: error.chinese, english: error.english)
    case let error as SpreadsheetError:
        return UserMessage(chinese: error.chinese, english: error.english)
    default:
        return FileAccessError(error).map { UserMessage(chinese: $0.chinese, english: $0.english) }
    }
}

/// The operation a refusal names. The Store names the step that refused, which may be another
/// command's (`cert list` while writing `cert roster`, `institution show` while resolving
/// `cohort create --institution`); the user tried the command they typed. A qualified form of
/// it (`person update --name`) says which part was refused, and stays.
func operationName(storeAction: String, command: String?) -> String {
    guard let command else { return storeAction }
    if storeAction == command || storeAction.hasPrefix(command + " --") || storeAction.hasPrefix(command + " (") {
        return storeAction
    }
    return command
}
