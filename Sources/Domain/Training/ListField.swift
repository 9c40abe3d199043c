/// A column that trainee and attendance lists, filled score sheets and apprentice lists may carry. Clerks' and
/// examiners' sheets name columns in Chinese or English, in any order; `aliases` are the header
/// texts each field answers to.
public enum ListField: String, CaseIterable, Hashable, Sendable, Codable {
    case nationalId
    case name
    case phone
    case education
    case householdType
    case keyGroups
    case hours
    // Score sheets (评分表).
    case ticket
    case part
    case score
    case outcome
    // Apprentice lists (学徒名单).
    case enterprise
    case occupation
    case targetLevel
    case contractStart
    case contractYears
    case apprenticeStart
    case apprenticeEnd
    case extensionReason
    case enterpriseMentor
    case institutionMentor
    case institution

    /// What every cell of the template's notes row (under the header) starts with, so that the
    /// importer knows to skip that row: `【说明】身份证号：…`.
    public static let notesMarker = "【说明"

    /// The header the template writes, Chinese first: `身份证号 National ID`.
    public var header: String { "\(chineseHeader) \(englishHeader)" }

    public var chineseHeader: String {
        switch self {
        case .nationalId: "身份证号"
        case .name: "姓名"
        case .phone: "手机号码"
        case .education: "文化程度"
        case .householdType: "户籍类型"
        case .keyGroups: "重点群体"
        case .hours: "出勤学时"
        case .ticket: "准考证号"
        case .part: "科目"
        case .score: "成绩"
        case .outcome: "缺考/违纪"
        case .enterprise: "企业统一社会信用代码"
        case .occupation: "职业"
        case .targetLevel: "目标等级"
        case .contractStart: "劳动合同起始日期"
        case .contractYears: "合同年限"
        case .apprenticeStart: "学徒开始日期"
        case .apprenticeEnd: "学徒结束日期"
        case .extensionReason: "延长理由"
        case .enterpriseMentor: "企业导师"
        case .institutionMentor: "院校导师"
        case .institution: "培训机构"
        }
    }

    public var englishHeader: String {
        switch self {
        case .nationalId: "National ID"
        case .name: "Name"
        case .phone: "Mobile phone"
        case .education: "Education"
        case .householdType: "Household type"
        case .keyGroups: "Key groups"
        case .hours: "Hours attended"
        case .ticket: "Ticket"
        case .part: "Part"
        case .score: "Score"
        case .outcome: "Absent/Breach"
        case .enterprise: "Enterprise credit code"
        case .occupation: "Occupation"
        case .targetLevel: "Target level"
        case .contractStart: "Contract start"
        case .contractYears: "Contract years"
        case .apprenticeStart: "Apprenticeship start"
        case .apprenticeEnd: "Apprenticeship end"
        case .extensionReason: "Extension reason"
        case .enterpriseMentor: "Enterprise mentor"
        case .institutionMentor: "Institution mentor"
        case .institution: "Institution"
        }
    }

    /// Header texts (compared after normalising: trimmed, lower-cased, spaces, `*` and
    /// bracketed remarks such as `（必填）` removed) that name this field.
    public var aliases: [String] {
        switch self {
        case .nationalId: ["身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "nationalid", "idnumber", "idno", "id"]
        case .name: ["姓名", "学员姓名", "name", "fullname"]
        case .phone: ["手机号码", "手机号", "手机", "联系电话", "电话", "mobilephone", "mobile", "phone"]
        case .education: ["文化程度", "学历", "education"]
        case .householdType: ["户籍类型", "户口性质", "户籍性质", "户籍", "householdtype", "household"]
        case .keyGroups: ["重点群体", "人员类别", "keygroups", "keygroup"]
        case .hours: ["出勤学时", "学时", "实际学时", "hoursattended", "hours"]
        case .ticket: ["准考证号", "准考证号码", "准考证", "ticket", "ticketnumber", "admissionticket"]
        case .part: ["科目", "考试科目", "part", "subject"]
        case .score: ["成绩", "分数", "得分", "score", "mark"]
        case .outcome: ["缺考/违纪", "缺考违纪", "absent/breach", "absentbreach", "outcome"]
        // An enterprise is named by its credit code, or by its id in SkillCert.
        case .enterprise: ["企业统一社会信用代码", "统一社会信用代码", "企业信用代码", "信用代码", "企业编号",
                           "enterprisecreditcode", "creditcode", "enterprise", "enterpriseid"]
        case .occupation: ["职业", "职业名称", "职业编码", "职业代码", "培训职业", "occupation", "occupationcode"]
        case .targetLevel: ["目标等级", "培养等级", "等级", "targetlevel", "level"]
        case .contractStart: ["劳动合同起始日期", "劳动合同开始日期", "合同起始日期", "合同开始日期", "contractstart", "contractstartdate"]
        case .contractYears: ["合同年限", "劳动合同年限", "合同期限", "劳动合同期限", "contractyears", "contractlength"]
        case .apprenticeStart: ["学徒开始日期", "学徒培养开始日期", "培养开始日期", "开始日期", "apprenticeshipstart", "start", "startdate"]
        case .apprenticeEnd: ["学徒结束日期", "学徒培养结束日期", "培养结束日期", "结束日期", "apprenticeshipend", "end", "enddate"]
        case .extensionReason: ["延长理由", "延期理由", "延长原因", "extensionreason"]
        case .enterpriseMentor: ["企业导师", "enterprisementor"]
        case .institutionMentor: ["院校导师", "学校导师", "institutionmentor", "schoolmentor"]
        case .institution: ["培训机构", "培训院校", "院校", "institution", "traininginstitution"]
        }
    }
}

/// One cell's text as the clerk's file holds it, and whether the spreadsheet stored it as a
/// number (which for a national ID means Excel has already lost its last digits).
public struct CellText: Hashable, Sendable {
    public var text: String
    public var storedAsNumber: Bool

    public init(_ text: String, storedAsNumber: Bool = false) {
        self.text = text
        self.storedAsNumber = storedAsNumber
    }
}

/// A value of a list field that failed a rule.
public struct ListFieldIssue: Hashable, Sendable {
    public let field: ListField
    public let value: String
    public let rule: Rejection

    public init(field: ListField, value: String, rule: Rejection) {
        self.field = field
        self.value = value
        self.rule = rule
    }
}

/// A trainee row that passed every field rule: what the Store checks against its records next.
public struct TraineeCandidate: Hashable, Sendable {
    public var nationalId: NationalID
    public var name: String
    public var phone: String?
    /// Catalog codes.
    public var education: String?
    public var householdType: String?
    public var keyGroups: [String]
    /// Read from the ID once, where the row is checked, so that writing it costs nothing more.
    public let sex: Sex
    public let birthDateText: String

    public init(nationalId: NationalID, name: String, phone: String? = nil, education: String? = nil,
                householdType: String? = nil, keyGroups: [String] = []) {
        self.nationalId = nationalId
        self.sex = nationalId.sex
        self.birthDateText = nationalId.birthDate.description
        self.name = name
        self.phone = phone
        self.education = education
        self.householdType = householdType
        self.keyGroups = keyGroups
    }
}

extension ListField {
    /// Rows are dictionaries keyed by field, looked up several times per row of a million-row
    /// list: hashing the case's position instead of its raw string keeps that cheap.
    public func hash(into hasher: inout Hasher) { hasher.combine(position) }

    public static func == (a: ListField, b: ListField) -> Bool { a.position == b.position }

    private var position: Int {
        switch self {
        case .nationalId: 0
        case .name: 1
        case .phone: 2
        case .education: 3
        case .householdType: 4
        case .keyGroups: 5
        case .hours: 6
        case .ticket: 7
        case .part: 8
        case .score: 9
        case .outcome: 10
        case .enterprise: 11
        case .occupation: 12
        case .targetLevel: 13
        case .contractStart: 14
        case .contractYears: 15
        case .apprenticeStart: 16
        case .apprenticeEnd: 17
        case .extensionReason: 18
        case .enterpriseMentor: 19
        case .institutionMentor: 20
        case .institution: 21
        }
    }
}
