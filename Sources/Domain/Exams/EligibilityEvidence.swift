/// What the system knows of a candidate when they register for an exam: the certificates it
/// issued, the years they declare, their diplomas and a completed apprenticeship.
///
/// Only facts, no judgement: `EligibilityCheck` compares them with the catalog's routes.
public struct EligibilityEvidence: Equatable, Hashable, Sendable {
    /// A skill-level certificate the candidate holds.
    public struct HeldCertificate: Equatable, Hashable, Sendable {
        public var occupationCode: String
        public var level: SkillLevel
        /// Years "after the certificate" are counted from this date.
        public var issueDate: CivilDate

        public init(occupationCode: String, level: SkillLevel, issueDate: CivilDate) {
            self.occupationCode = occupationCode
            self.level = level
            self.issueDate = issueDate
        }
    }

    public var certificates: [HeldCertificate]
    /// Whole years in the occupation the candidate declares (申报人自述从业年限).
    public var declaredYears: Int
    public var diplomas: Set<Diploma>
    /// The diploma the candidate is in the final year of, if any: some routes admit them early.
    public var finalYearStudentOf: Diploma?
    public var completedApprenticeship: Bool

    public init(certificates: [HeldCertificate] = [], declaredYears: Int = 0, diplomas: Set<Diploma> = [],
                finalYearStudentOf: Diploma? = nil, completedApprenticeship: Bool = false) {
        self.certificates = certificates
        self.declaredYears = declaredYears
        self.diplomas = diplomas
        self.finalYearStudentOf = finalYearStudentOf
        self.completedApprenticeship = completedApprenticeship
    }
}
