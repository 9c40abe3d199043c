extension Diploma {
    /// English wording for refusals; the Chinese is `chineseName`.
    public var englishName: String {
        switch self {
        case .technicalSchool: "technical-school or secondary-vocational graduate of a relevant major"
        case .seniorTechnicalSchool: "senior technical school or technician college graduate"
        case .juniorCollege: "junior college (大专) graduate or higher"
        }
    }
}
