import Domain
import Store

/// What a candidate declared when registering, in the words every page shows it with (the
/// class's registration list once registered, and a registration's own page): the diplomas held
/// and the diploma whose final year they are in, Chinese with English beside. An empty
/// declaration reads 无 none and 否 No, never a blank, so a page cannot tell "nothing declared"
/// apart from "not shown".
struct DeclarationWords {
    struct Words {
        let zh: String
        let en: String
    }

    let diplomas: Words
    let finalYear: Words

    init(_ declaration: CandidateDeclaration) {
        let held = Diploma.allCases.filter(declaration.diplomas.contains)
        diplomas = held.isEmpty ? Words(zh: "无", en: "none")
            : Words(zh: held.map(\.shortChineseName).joined(separator: "、"), en: held.map(\.rawValue).joined(separator: ", "))
        finalYear = declaration.finalYearOf.map { Words(zh: $0.shortChineseName, en: $0.rawValue) } ?? Words(zh: "否", en: "No")
    }
}
