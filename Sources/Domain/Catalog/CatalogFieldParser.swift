/// The value types of catalog fields: each parser accepts what a clerk may type and otherwise
/// throws the rule, in both languages, that `CatalogRowReader` attaches to the file, line and column.
enum CatalogFieldParser {
    /// The five national levels only: catalogs describe bureau exams, and 学徒工 / 特级技师 / 首席技师
    /// are not examined by the bureau. Accepts the digit or a Chinese name (`五级`, `初级工`).
    static func nationalLevel(_ text: String) throws(Rejection) -> SkillLevel {
        guard let level = try? SkillLevel.parse(text), level.nationalDigit != nil else {
            throw Rejection("等级应为国家职业技能等级 5、4、3、2 或 1", "a level here is a national level 5, 4, 3, 2 or 1")
        }
        return level
    }

    /// Accepts 是 / 否 as well because clerks edit these files in Chinese Excel.
    static func yesNo(_ text: String) throws(Rejection) -> Bool {
        switch text.trimmingWhitespace().lowercased() {
        case "yes", "是": return true
        case "no", "否": return false
        default: throw Rejection("应为 yes 或 no（是/否）", "must be yes or no (是/否)")
        }
    }

    static func integer(_ text: String, in range: ClosedRange<Int>) throws(Rejection) -> Int {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= 9, trimmed.allSatisfy(\.isASCIIDigit),
              let value = Int(trimmed), range.contains(value) else {
            throw Rejection("应为 \(range.lowerBound) 至 \(range.upperBound) 的整数",
                            "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A position or width on the sheet: millimetres from 0 to `limit`, with at most one decimal
    /// (a tenth of a millimetre is finer than any printer's registration).
    static func millimetres(_ text: String, upTo limit: Double) throws(Rejection) -> Double {
        let trimmed = text.trimmingWhitespace()
        let pieces = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), pieces.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) }),
              pieces.count == 1 || pieces[1].count == 1, let value = Double(trimmed), value <= limit else {
            throw Rejection("应为 0 至 \(Int(limit)) 的毫米数，最多一位小数（例如 62 或 62.5）",
                            "must be millimetres from 0 to \(Int(limit)), at most one decimal (e.g. 62 or 62.5)")
        }
        return value
    }

    /// A font size in points, 6 to 36, at most one decimal.
    static func fontSize(_ text: String) throws(Rejection) -> Double {
        let range = CertificateSheet.fontSizes
        guard let value = try? millimetres(text, upTo: range.upperBound), range.contains(value) else {
            throw Rejection("字号应为 \(Int(range.lowerBound)) 至 \(Int(range.upperBound)) 磅，最多一位小数",
                            "a font size is \(Int(range.lowerBound)) to \(Int(range.upperBound)) points, at most one decimal")
        }
        return value
    }

    static func certificateField(_ text: String) throws(Rejection) -> CertificateField {
        guard let field = CertificateField(rawValue: text.trimmingWhitespace().lowercased()) else {
            let names = CertificateField.allCases.map(\.rawValue).joined(separator: ", ")
            throw Rejection("未知的证书字段（可用字段为 \(names)）", "unknown certificate field (the fields are \(names))")
        }
        return field
    }

    static func year(_ text: String) throws(Rejection) -> Int {
        try integer(text, in: 2000...2100)
    }

    /// `d-dd-dd-dd`, the shape of the 2022 classification's codes (and of the 1999 ones, which the
    /// shape cannot tell apart: `unconfirmed` and the file's comments carry that warning).
    static func occupationCode(_ text: String) throws(Rejection) -> String {
        let code = text.trimmingWhitespace()
        let groups = code.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count == 4, groups[0].count == 1, groups.dropFirst().allSatisfy({ $0.count == 2 }),
              groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else {
            throw Rejection("职业编码应为 2022 版格式 d-dd-dd-dd，例如 4-03-02-01",
                            "an occupation code is written d-dd-dd-dd as in the 2022 classification, e.g. 4-03-02-01")
        }
        return code
    }

    /// Codes are stored in records and typed on the command line, so they stay plain ASCII.
    static func code(_ text: String) throws(Rejection) -> String {
        let code = text.trimmingWhitespace()
        guard !code.isEmpty, code.count <= 32,
              code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else {
            throw Rejection("代码只能由英文字母、数字、- 和 _ 组成（至多 32 个字符）",
                            "a code holds only ASCII letters, digits, - and _ (at most 32 characters)")
        }
        return code
    }

    /// The four strands of 南粤家政 (DOMAIN.md). Fixed here rather than in a file because reports
    /// lay the strands out as columns; an unknown strand is almost always a typo.
    static let strands = ["母婴", "居家", "养老", "医护"]

    static func strand(_ text: String) throws(Rejection) -> String {
        let strand = text.trimmingWhitespace()
        guard strands.contains(strand) else {
            throw Rejection("条线应为 母婴、居家、养老、医护 之一，或留空", "a strand is 母婴, 居家, 养老 or 医护, or empty")
        }
        return strand
    }

    static let districtKinds = ["街道", "镇", "区"]

    static func districtKind(_ text: String) throws(Rejection) -> String {
        let kind = text.trimmingWhitespace()
        guard districtKinds.contains(kind) else {
            throw Rejection("类型应为 街道、镇 或 区", "kind is 街道, 镇 or 区")
        }
        return kind
    }

    static func diploma(_ text: String) throws(Rejection) -> Diploma {
        guard let diploma = Diploma(rawValue: text.trimmingWhitespace()) else {
            throw Rejection("学历应为 technical-school、senior-technical-school、junior-college 之一，或留空",
                            "a diploma is technical-school, senior-technical-school or junior-college, or empty")
        }
        return diploma
    }

    static func metric(_ text: String) throws(Rejection) -> TargetMetric {
        guard let metric = TargetMetric(rawValue: text.trimmingWhitespace()) else {
            throw Rejection("指标应为 classes、trainees、certifications 或 apprentices",
                            "a metric is classes, trainees, certifications or apprentices")
        }
        return metric
    }

    static func examPart(_ text: String) throws(Rejection) -> ExamPart {
        guard let part = ExamPart(rawValue: text.trimmingWhitespace()) else {
            throw Rejection("科目应为 theory（理论知识）、practical（操作技能）或 review（综合评审）",
                            "a part is theory, practical or review")
        }
        return part
    }

    /// Route codes are short labels such as `4B`, shown next to the policy text.
    static func routeCode(_ text: String) throws(Rejection) -> String {
        let code = text.trimmingWhitespace()
        guard !code.isEmpty, code.count <= 8, code.unicodeScalars.allSatisfy({ ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }) else {
            throw Rejection("条件代码应为至多 8 个英文字母或数字，例如 4B", "a route code is up to 8 ASCII letters or digits, e.g. 4B")
        }
        return code
    }
}
