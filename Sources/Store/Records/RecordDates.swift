import Domain

// The dates and levels of records, typed. The database keeps them as text (`YYYY-MM-DD`, level
// codes `5` … `1`), written only from Domain values; these read them back as Domain values, so
// that no caller parses a record's text again. A text that does not parse (a database edited by
// hand) throws the parser's rejection.

extension Person {
    public var birthDay: CivilDate { get throws(Rejection) { try CivilDate.parse(birthDate) } }
}

extension Cohort {
    public var startDay: CivilDate { get throws(Rejection) { try CivilDate.parse(startDate) } }
    public var endDay: CivilDate { get throws(Rejection) { try CivilDate.parse(endDate) } }
}

extension ExamSession {
    public var examDay: CivilDate { get throws(Rejection) { try CivilDate.parse(examDate) } }
    /// The day results were locked; nil while they are open.
    public var resultsLockedDay: CivilDate? { get throws(Rejection) { try resultsLockedOn.map(CivilDate.parse) } }
}

extension Apprenticeship {
    public var targetSkillLevel: SkillLevel { get throws(Rejection) { try SkillLevel.parse(targetLevel) } }
    public var contractStartDay: CivilDate { get throws(Rejection) { try CivilDate.parse(contractStart) } }
    public var startDay: CivilDate { get throws(Rejection) { try CivilDate.parse(startDate) } }
    public var endDay: CivilDate { get throws(Rejection) { try CivilDate.parse(endDate) } }
    /// The day the apprenticeship was terminated; nil unless it was.
    public var terminatedDay: CivilDate? { get throws(Rejection) { try terminatedOn.map(CivilDate.parse) } }
}

extension CertificateLine {
    public var issuedDay: CivilDate { get throws(Rejection) { try CivilDate.parse(issuedOn) } }
}
