/// What the demo built, counted as each Store operation reported it.
public struct DemoCounts: Sendable, Equatable {
    /// Persons in the database: earlier years' people, this year's new trainees, examiners.
    public var personsOnFile = 0
    /// Classes and enrolments per project code.
    public var cohorts: [String: Int] = [:]
    public var enrolments: [String: Int] = [:]
    public var withdrawals = 0
    public var completions = 0
    /// Trainees whose attended hours fell short of the completion share.
    public var shortOfHours = 0
    public var sessions = 0
    /// Next year's sessions the year ends with, open for registration.
    public var sessionsOpen = 0
    /// Sessions the year ends with held and their marks not yet entered (in `sessions` too).
    public var sessionsAwaitingMarks = 0
    public var registrations = 0
    /// Candidates marked absent (缺考) in every part they sat.
    public var absences = 0
    public var breaches = 0
    public var mismatchesSettled = 0
    public var amendments = 0
    public var rechecks = 0
    public var passed = 0
    public var certificates = 0
    public var revocations = 0
    public var reissues = 0
    /// Certificates issued at 三级/高级工 and above (高技能人才).
    public var highSkillCertificates = 0
    /// Training subsidy claims (以证定补) the institutions recorded, and their total in yuan.
    public var subsidyClaims = 0
    public var subsidyClaimedYuan = 0
    public var enterprises = 0
    /// Apprenticeships registered during the year, and what became of all apprenticeships.
    public var apprenticesRegistered = 0
    public var apprenticesFiled = 0
    public var apprenticesStarted = 0
    public var apprenticesCompleted = 0
    public var apprenticesTerminated = 0

    public var totalCohorts: Int { cohorts.values.reduce(0, +) }
    public var totalEnrolments: Int { enrolments.values.reduce(0, +) }
}
