/// The rules about a catalog as a whole (files, columns, duplicates, references, completeness),
/// in both languages. The rules about single values are with their parsers in `CatalogFieldParser`.
enum CatalogRule {
    static func missingFile() -> Rejection {
        Rejection("缺少此目录文件", "this catalog file is missing")
    }

    static func unknownFile() -> Rejection {
        let names = CatalogFile.allCases.map(\.fileName).joined(separator: ", ")
        return Rejection("不是目录文件（目录文件为 \(names)）", "not a catalog file (the catalog files are \(names))")
    }

    static func fileGivenTwice() -> Rejection {
        Rejection("此目录文件出现了两次", "this catalog file was given twice")
    }

    static func missingColumn() -> Rejection {
        Rejection("表头缺少此列", "the header row lacks this column")
    }

    static func unknownColumn(_ file: CatalogFile) -> Rejection {
        let names = file.columns.joined(separator: ", ")
        return Rejection("未知的列（此文件的列为 \(names)）", "unknown column (this file's columns are \(names))")
    }

    static func columnTwice() -> Rejection {
        Rejection("表头中此列出现了两次", "this column appears twice in the header row")
    }

    static func qrHasNoFontSize() -> Rejection {
        Rejection("二维码没有字号，此栏应留空；其大小由 width_mm 给出", "the QR code has no font size: leave it empty; width_mm gives its size")
    }

    static func qrTooSmall() -> Rejection {
        Rejection("二维码边长至少 \(Int(CertificateSheet.smallestQRSide)) 毫米，否则印在纸上难以扫描",
                  "a QR code needs a side of at least \(Int(CertificateSheet.smallestQRSide)) mm to scan from paper")
    }

    static func offTheSheet() -> Rejection {
        Rejection("超出 A4 纸（210 × 297 毫米）", "runs off the A4 sheet (210 × 297 mm)")
    }

    static func zeroWidth() -> Rejection {
        Rejection("宽度须大于 0", "the width must be more than 0")
    }

    static func missingCertificateField() -> Rejection {
        Rejection("证书版式缺少此字段：证书必须印有编号和核验二维码", "the layout lacks this field: a certificate must carry its number and its verification QR code")
    }

    static func empty() -> Rejection {
        Rejection("不能为空", "must not be empty")
    }

    static func emptyListItem() -> Rejection {
        Rejection("列表中有空项（两个 | 之间没有内容）", "the list has an empty item (nothing between two |)")
    }

    static func listItemTwice() -> Rejection {
        Rejection("列表中此项出现了两次", "this item appears twice in the list")
    }

    static func duplicate(ofLine line: Int) -> Rejection {
        Rejection("与第 \(line) 行重复", "duplicates line \(line)")
    }

    static func unknownProject() -> Rejection {
        Rejection("projects.csv 中没有此项目代码", "no such project code in projects.csv")
    }

    static func unknownOccupation() -> Rejection {
        Rejection("occupations.csv 中没有此职业编码（或用 * 表示所有职业）", "no such occupation code in occupations.csv (or * for every occupation)")
    }

    static func levelNotOffered(by occupation: String) -> Rejection {
        Rejection("职业 \(occupation) 未设此等级（见 occupations.csv 的 levels）",
                  "occupation \(occupation) does not offer this level (see levels in occupations.csv)")
    }

    static func certificateNotLower(than level: SkillLevel) -> Rejection {
        let digit = level.nationalDigit ?? 0
        return Rejection("所需证书应低于申报等级 \(digit)（数字更大）", "the required certificate must be a lower level than \(digit) (a larger digit)")
    }

    static func finalYearWithoutDiploma() -> Rejection {
        Rejection("final_year_students 为 yes 时须填写 required_diploma", "final_year_students = yes needs a required_diploma")
    }

    static func apprenticeshipLevel() -> Rejection {
        Rejection("企业新型学徒制培养目标为 4 至 1 级（中级工至高级技师）", "an apprenticeship targets level 4 to 1 (中级工 to 高级技师)")
    }

    static func unknownDistrict() -> Rejection {
        Rejection("districts.csv 中没有此镇街（留空表示全区域）", "no such district in districts.csv (empty = the whole area)")
    }

    static func passMarkAboveMaximum(_ maximum: Int) -> Rejection {
        Rejection("及格分不能高于满分 \(maximum)", "the pass mark cannot be above the maximum score \(maximum)")
    }

    static func missingExamPart(_ part: ExamPart, scope: CertificationScope, neededBy who: String) -> Rejection {
        let scopeZh = scope == .specialAbility ? "专项职业能力" : "等级 \(scope.code)"
        let scopeEn = scope == .specialAbility ? "special-ability" : "level \(scope.code)"
        return Rejection("\(scopeZh) 缺少 \(part.chineseName)（\(part.rawValue)）科目，而 \(who) 需要它",
                         "\(scopeEn) has no \(part.rawValue) part, but \(who) needs it")
    }

    static func noRoute(level: SkillLevel) -> Rejection {
        let digit = level.nationalDigit ?? 0
        return Rejection("该职业的等级 \(digit) 没有任何申报条件（既无模板 * 也无本职业的条件）",
                         "no eligibility route for level \(digit) of this occupation (neither template * nor its own)")
    }

    static func unknownSetting() -> Rejection {
        let names = CatalogSettingKey.allCases.map(\.rawValue).joined(separator: ", ")
        return Rejection("未知的设置项（已知的设置项为 \(names)）", "unknown setting (the known keys are \(names))")
    }

    static func missingSetting() -> Rejection {
        Rejection("缺少此必需的设置项", "this required setting is missing")
    }
}
