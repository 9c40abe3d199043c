/// What a rejected value is: the national ID, the reason, the district… Every rejection below the
/// interfaces names its field with one of these, never with an interface's word for it: the
/// command line maps a field to its option (`--reason`), a web form to its label (`labelZh`).
public enum Field: Hashable, Sendable {
    // A person.
    case nationalID
    /// A person's name.
    case name
    case phone
    // Institutions, enterprises and users.
    case institution
    case institutionName
    case institutionKind
    case creditCode
    /// The evaluation body that holds an exam or issues a certificate.
    case body
    /// The parts of an evaluation body's certificate numbers.
    case bodyKind
    case bodyCode
    case provinceCode
    case siteSequence
    case enterpriseName
    case district
    /// An institution's contact number: a mobile or a fixed line (`phone` is a person's mobile).
    case contactPhone
    case login
    /// What a user may do: bureau, institution clerk or examiner.
    case role
    // Training.
    case project
    case cohort
    case cohortName
    case occupation
    case level
    case subTrade
    case specialAbility
    case startDate
    case endDate
    case plannedHours
    case capacity
    case attendedHours
    // Exams and results.
    case session
    case examDate
    case room
    case ticket
    case part
    case score
    /// The stage a session, result or apprenticeship is at.
    case status
    /// An examiner's occupation and level.
    case qualification
    /// Why a bureau user admits a person no eligibility route admits.
    case overrideReason
    /// A registration for the parts not yet passed (补考).
    case retake
    /// The whole years in the occupation a candidate declares when registering (申报从业年限).
    case declaredYears
    /// A diploma a candidate declares: technical school, senior technical school, junior college.
    case diploma
    /// The diploma a candidate is in the final year of (应届在校生).
    case finalYearOf
    // Certificates and claims.
    case certificateNumber
    /// The holder named to verify a certificate: a name or a national ID.
    case holder
    case period
    // Apprenticeships.
    case contractStart
    case contractYears
    case extensionReason
    case enterpriseMentor
    case institutionMentor
    case terminationDate
    // Any change.
    case reason
    case note
    // Files.
    case file
    case directory
    /// A list's row as a whole (too many trainees for the cohort, say), not one of its cells.
    case wholeRow
    /// A column of a list file (trainee, attendance, apprentice or score list).
    case listColumn(ListField)
    /// A column of a file, named as the file names it (a catalog file's `levels`, a list's
    /// `C 身份证号`): the file's own word, the same in every interface.
    case column(String)

    /// The field's name on a Chinese page.
    public var labelZh: String {
        switch self {
        case .nationalID: "身份证号"
        case .name: "姓名"
        case .phone: "手机号码"
        case .institution: "机构"
        case .institutionName: "机构名称"
        case .institutionKind: "机构类型"
        case .creditCode: "统一社会信用代码"
        case .body: "评价机构"
        case .bodyKind: "评价机构类别"
        case .bodyCode: "评价机构代码"
        case .provinceCode: "省份代码"
        case .siteSequence: "站点序号"
        case .enterpriseName: "企业名称"
        case .district: "镇街"
        case .contactPhone: "联系电话"
        case .login: "登录名"
        case .role: "角色"
        case .project: "项目"
        case .cohort: "培训班"
        case .cohortName: "培训班名称"
        case .occupation: "职业"
        case .level: "等级"
        case .subTrade: "工种"
        case .specialAbility: "专项职业能力"
        case .startDate: "开始日期"
        case .endDate: "结束日期"
        case .plannedHours: "计划学时"
        case .capacity: "班额"
        case .attendedHours: "出勤学时"
        case .session: "考试场次"
        case .examDate: "考试日期"
        case .room: "考场"
        case .ticket: "准考证号"
        case .part: "科目"
        case .score: "成绩"
        case .status: "状态"
        case .qualification: "考评资格"
        case .overrideReason: "准予报名理由"
        case .retake: "补考"
        case .declaredYears: "申报从业年限"
        case .diploma: "学历"
        case .finalYearOf: "在读最后一学年"
        case .certificateNumber: "证书编号"
        case .holder: "持证人姓名或身份证号"
        case .period: "期间"
        case .contractStart: "劳动合同起始日期"
        case .contractYears: "合同年限"
        case .extensionReason: "延长理由"
        case .enterpriseMentor: "企业导师"
        case .institutionMentor: "院校导师"
        case .terminationDate: "终止日期"
        case .reason: "理由"
        case .note: "说明"
        case .file: "文件"
        case .directory: "文件夹"
        case .wholeRow: "整行"
        case .listColumn(let column): column.chineseHeader
        case .column(let header): header
        }
    }

    /// The field's name on an English page.
    public var labelEn: String {
        switch self {
        case .nationalID: "national ID"
        case .name: "name"
        case .phone: "mobile phone"
        case .institution: "institution"
        case .institutionName: "institution name"
        case .institutionKind: "institution kind"
        case .creditCode: "credit code"
        case .body: "evaluation body"
        case .bodyKind: "body kind"
        case .bodyCode: "body code"
        case .provinceCode: "province code"
        case .siteSequence: "site sequence"
        case .enterpriseName: "enterprise name"
        case .district: "district"
        case .contactPhone: "contact phone"
        case .login: "login"
        case .role: "role"
        case .project: "project"
        case .cohort: "cohort"
        case .cohortName: "cohort name"
        case .occupation: "occupation"
        case .level: "level"
        case .subTrade: "sub-trade"
        case .specialAbility: "special ability"
        case .startDate: "start date"
        case .endDate: "end date"
        case .plannedHours: "planned hours"
        case .capacity: "capacity"
        case .attendedHours: "hours attended"
        case .session: "session"
        case .examDate: "exam date"
        case .room: "room"
        case .ticket: "ticket"
        case .part: "part"
        case .score: "score"
        case .status: "status"
        case .qualification: "qualification"
        case .overrideReason: "override reason"
        case .retake: "retake"
        case .declaredYears: "declared years"
        case .diploma: "diploma"
        case .finalYearOf: "final-year student of"
        case .certificateNumber: "certificate number"
        case .holder: "holder's name or national ID"
        case .period: "period"
        case .contractStart: "contract start"
        case .contractYears: "contract years"
        case .extensionReason: "extension reason"
        case .enterpriseMentor: "enterprise mentor"
        case .institutionMentor: "institution mentor"
        case .terminationDate: "termination date"
        case .reason: "reason"
        case .note: "note"
        case .file: "file"
        case .directory: "directory"
        case .wholeRow: "row"
        case .listColumn(let column): column.englishHeader
        case .column(let header): header
        }
    }
}

/// How an interface names a field in its messages: a label, an option, a column.
public typealias FieldNaming = (Field) -> String

/// An error whose words name fields. Each interface renders it with its own names for them
/// (`chinese(naming:)`); `chinese` and `english` use the fields' labels.
public protocol FieldNamingError: BilingualError {
    func chinese(naming name: FieldNaming) -> String
    func english(naming name: FieldNaming) -> String
}

extension FieldNamingError {
    public var chinese: String { chinese(naming: \.labelZh) }
    public var english: String { english(naming: \.labelEn) }
}
