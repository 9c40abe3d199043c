import Foundation
import Domain
import Services

/// The command line's words for an error workbook that could not be written (so nothing was):
/// the cause as every file error reads, and `--out` to name another folder.
struct ErrorWorkbookRefusal: BilingualError {
    let cause: UserMessage
    let refused: Int

    init(_ error: ErrorWorkbookNotWritten) {
        refused = error.outcome.refusedCount
        switch error.step {
        case .createFolder:
            let failure = FileAccessError(error.cause, path: error.url.path, action: .createFolder)
                ?? FileAccessError(path: error.url.path, action: .createFolder,
                                   cause: .other(code: 0, text: String(describing: type(of: error.cause))))
            cause = UserMessage(chinese: failure.chinese, english: failure.english)
        case .write:
            cause = userMessage(for: error.cause, command: nil)
                ?? UserMessage(chinese: String(describing: error.cause), english: String(describing: error.cause))
        }
    }

    var chinese: String {
        "\(cause.chinese)\n\(refused) 行被拒绝，错误行工作簿无法写出，因此未写入任何记录；请用 --out 指定可以写入的文件夹后重新导入"
    }

    var english: String {
        "\(cause.english)\n\(refused) row(s) were refused and their error workbook could not be written, so nothing was written; name a folder that can be written with --out and import again"
    }
}

/// Runs an import; when its error workbook cannot be written, shows what `show` shows of the
/// outcome (the refused rows, at least) and throws the command line's words for it.
func importShowingRefusals<Outcome>(_ show: (ImportOutcome) -> Void, _ body: () throws -> Outcome) throws -> Outcome {
    do {
        return try body()
    } catch let error as ErrorWorkbookNotWritten {
        show(error.outcome)
        throw ErrorWorkbookRefusal(error)
    }
}

/// An all-or-nothing import that found bad rows: nothing was written.
struct ImportRefused: BilingualError {
    enum Advice {
        /// Fix the rows, or take the valid ones with --accept-valid.
        case acceptValid
        /// Fix the rows and import the whole file again.
        case wholeFile
        /// Fix the lines and import the score sheet again: marks already entered are not entered twice.
        case scoreSheet
    }

    let rejected: Int
    let errorFile: URL?
    let advice: Advice

    var chinese: String {
        let then = switch advice {
        case .acceptValid: "改正后重新导入，或用 --accept-valid 只导入正确的行"
        case .wholeFile: "改正后重新导入整份文件"
        case .scoreSheet: "改正后重新导入整张评分表（已录入的相同成绩不会重复）"
        }
        return "未写入任何记录：\(rejected) 行被拒绝\(errorFile.map { "，见 \($0.path)" } ?? "")。\(then)"
    }

    var english: String {
        let then = switch advice {
        case .acceptValid: "Fix them and import again, or use --accept-valid to import the valid rows only"
        case .wholeFile: "Fix them and import the whole file again"
        case .scoreSheet: "Fix them and import the score sheet again (marks you already entered are not entered twice)"
        }
        return "nothing was written: \(rejected) row(s) refused\(errorFile.map { " (see \($0.path))" } ?? ""). \(then)"
    }
}
