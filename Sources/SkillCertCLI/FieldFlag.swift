import Domain

extension Field {
    /// How the command line names a field in its messages: the option that carries it
    /// (`--reason`), the argument's word where a command takes it as an argument (`session`,
    /// `number`), or the column of the user's file.
    var flag: String {
        switch self {
        case .nationalID: "--id"
        case .name, .institutionName, .enterpriseName, .cohortName: "--name"
        case .phone, .contactPhone: "--phone"
        case .institution: "--institution"
        case .institutionKind: "--kind"
        case .creditCode: "--credit-code"
        case .body: "--body"
        case .bodyKind: "--body-kind"
        case .bodyCode: "--body-code"
        case .provinceCode: "--province"
        case .siteSequence: "--site"
        case .district: "--district"
        case .login: "--login"
        case .role: "--role"
        case .project: "--project"
        case .cohort: "--cohort"
        case .occupation: "--occupation"
        case .level: "--level"
        case .subTrade: "--sub-trade"
        case .specialAbility: "--special-ability"
        case .startDate: "--start"
        case .endDate: "--end"
        case .plannedHours, .attendedHours: "--hours"
        case .capacity: "--capacity"
        case .session: "session"
        case .examDate: "--date"
        case .room: "--room"
        case .ticket: "--ticket"
        case .part: "--part"
        case .score: "--score"
        case .status: "status"
        case .qualification: "--qualify"
        case .overrideReason: "--override-reason"
        case .retake: "--retake"
        case .declaredYears: "--years"
        case .diploma: "--diploma"
        case .finalYearOf: "--final-year"
        case .certificateNumber: "number"
        case .holder: "--name / --id"
        case .period: "--period"
        case .contractStart: "--contract-start"
        case .contractYears: "--contract-years"
        case .extensionReason: "--extension-reason"
        case .enterpriseMentor: "--enterprise-mentor"
        case .institutionMentor: "--institution-mentor"
        case .terminationDate: "--on"
        case .reason: "--reason"
        case .note: "--note"
        case .file: "file"
        case .directory: "directory"
        case .wholeRow: "整行 row"
        case .listColumn(let column): column.header
        case .column(let header): header
        }
    }
}

extension FieldNamingError {
    /// The error as the command line words it: fields named by their options.
    var commandLineChinese: String { chinese(naming: \.flag) }
    var commandLineEnglish: String { english(naming: \.flag) }
    var commandLineDescription: String { "\(commandLineChinese)\n\(commandLineEnglish)" }
}
