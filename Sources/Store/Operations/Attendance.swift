import GRDB
import Domain

/// What became of one attendance row.
public enum AttendanceRowOutcome: Hashable, Sendable {
    case updated(fromTenths: Int)
    case unchanged
    case rejected([ImportRowIssue])
}

/// What an attendance sheet did.
public struct AttendanceSummary: Sendable, Equatable, Codable {
    public var rowsRead = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    public var committed = false
}

/// The open transaction of one attendance sheet: each row sets a trainee's attended hours.
public final class AttendanceSession {
    private let store: Store
    private let db: Database
    private let actor: User
    private let cohort: Cohort
    public private(set) var summary = AttendanceSummary()
    /// The row each national ID was first seen on, to refuse the same trainee twice in one sheet.
    private var firstRows: [String: Int] = [:]

    init(store: Store, db: Database, actor: User, cohort: Cohort) {
        self.store = store
        self.db = db
        self.actor = actor
        self.cohort = cohort
    }

    public func countRejectedRow() {
        summary.rowsRead += 1
        summary.rejected += 1
    }

    /// Sets the trainee's attended hours (the sheet holds totals, so importing it twice is harmless).
    /// A name, when the sheet has one, must be the trainee's: a sheet sorted by one column only
    /// would otherwise give hours to the wrong people.
    public func set(nationalId: String, name: String?, hoursTenths: Int, row: Int) throws -> AttendanceRowOutcome {
        summary.rowsRead += 1
        let outcome: AttendanceRowOutcome
        if let first = firstRows[nationalId] {
            outcome = .rejected([ImportRowIssue(field: .nationalId, value: nationalId, rule: Rejection(
                "与本表第 \(first) 行的身份证号重复", "the same national ID as row \(first) of this sheet"))])
        } else {
            firstRows[nationalId] = row
            outcome = try store.setHours(db, cohort: cohort, nationalId: nationalId, name: name, hoursTenths: hoursTenths, actor: actor)
        }
        switch outcome {
        case .updated: summary.updated += 1
        case .unchanged: summary.unchanged += 1
        case .rejected: summary.rejected += 1
        }
        return outcome
    }
}

/// What `completeTrainees` did: who completed, and who could not yet and why.
public struct CompletionResult: Sendable, Equatable {
    public struct Shortfall: Sendable, Equatable {
        public let name: String
        public let nationalId: String
        public let hoursTenths: Int
        public let requiredTenths: Int
    }

    public var completed: [String] = []
    public var notEligible: [Shortfall] = []
    public var requiredTenths = 0
}

extension Store {
    /// The field of a one-trainee hours entry that an issue of the list rules is about.
    private static func hoursField(_ column: ListField?) -> Field {
        switch column {
        case .nationalId: .nationalID
        case .hours: .attendedHours
        case let column?: .listColumn(column)
        case nil: .wholeRow
        }
    }

    /// Sets one trainee's attended hours.
    public func recordHours(cohortId: Int64, nationalId: NationalID, hoursTenths: Int, actor: User) throws(StoreError) -> AttendanceRowOutcome {
        try write { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort hours")
            let outcome = try setHours(db, cohort: cohort, nationalId: nationalId.value, name: nil, hoursTenths: hoursTenths, actor: actor)
            if case .rejected(let issues) = outcome {
                throw StoreError.invalidFields(issues.map { FieldProblem(field: Self.hoursField($0.field), value: $0.value, rule: $0.rule) })
            }
            return outcome
        }
    }

    /// Sets attended hours from a sheet in one transaction; all or nothing unless `acceptValid`.
    public func importHours(cohortId: Int64, fileName: String, mode: ImportMode, actor: User,
                            feed: (AttendanceSession) throws -> Void) throws -> AttendanceSummary {
        var result = AttendanceSummary()
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    let actor = try currentActor(db, actor)
                    let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort hours")
                    let session = AttendanceSession(store: self, db: db, actor: actor, cohort: cohort)
                    try feed(session)
                    result = session.summary
                    if mode == .allOrNothing && result.rejected > 0 { return .rollback }
                    result.committed = true
                    try audit(db, actor: actor, action: "cohort.hours-import", entity: "cohorts", key: String(cohortId),
                              after: ["file": fileName, "rows_read": String(result.rowsRead), "updated": String(result.updated),
                                      "unchanged": String(result.unchanged), "rejected": String(result.rejected)])
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, database: location)
        }
        return result
    }

    func setHours(_ db: Database, cohort: Cohort, nationalId: String, name: String?, hoursTenths: Int,
                  actor: User) throws -> AttendanceRowOutcome {
        guard var enrolment = try enrolment(db, cohort: cohort, nationalId: nationalId) else {
            return .rejected([ImportRowIssue(field: .nationalId, value: nationalId, rule: Rejection(
                "不是本培训班的学员", "is not a trainee of this cohort"))])
        }
        if let name, let person = try Person.fetchOne(db, key: enrolment.personId), person.name != name {
            return .rejected([ImportRowIssue(field: .name, value: name, rule: Rejection(
                "与该身份证号学员的姓名不符", "is not the name of the trainee with this national ID"))])
        }
        guard enrolment.status == .enrolled else {
            return .rejected([ImportRowIssue(field: .nationalId, value: nationalId, rule: Rejection(
                "学员已\(enrolment.status.chineseName)，学时不能再修改", "the trainee has \(enrolment.status.rawValue); hours can no longer change"))])
        }
        guard hoursTenths <= cohort.plannedHours * 10 else {
            return .rejected([ImportRowIssue(field: .hours, value: Hours(tenths: hoursTenths).description, rule: Rejection(
                "超过本班计划学时 \(cohort.plannedHours)", "more than the cohort's \(cohort.plannedHours) planned hours"))])
        }
        guard enrolment.hoursTenths != hoursTenths else { return .unchanged }
        let before = enrolment
        enrolment.hoursTenths = hoursTenths
        try enrolment.update(db)
        try audit(db, actor: actor, action: "enrolment.hours", entity: "enrolments", key: String(enrolment.id!),
                  before: before, after: enrolment)
        return .updated(fromTenths: before.hoursTenths)
    }

    /// Completes (结业) trainees whose attended hours reach the catalog's share of the planned
    /// hours: everyone eligible, or only `nationalIds`. Those short of hours are reported, not completed.
    public func completeTrainees(cohortId: Int64, nationalIds: [NationalID]? = nil, actor: User) throws(StoreError) -> CompletionResult {
        let today = clock.today
        return try write { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort complete")
            var result = CompletionResult()
            result.requiredTenths = try requiredTenths(db, cohort: cohort)
            if let notYet = Self.completionNotYetOpen(cohort, today: today) { throw notYet }
            var candidates: [(Enrolment, Person)] = []
            if let nationalIds {
                var seen = Set<String>()
                for id in nationalIds.map(\.value) where seen.insert(id).inserted {
                    guard let enrolment = try enrolment(db, cohort: cohort, nationalId: id) else {
                        throw StoreError.notFound(kind: "学员", key: Masking.nationalID(id))
                    }
                    guard enrolment.status == .enrolled else {
                        throw StoreError.conflict(reasonZh: "学员 \(Masking.nationalID(id)) 已\(enrolment.status.chineseName)",
                                                  reasonEn: "trainee \(Masking.nationalID(id)) has already \(enrolment.status.rawValue)")
                    }
                    candidates.append((enrolment, try Person.fetchOne(db, key: enrolment.personId)!))
                }
            } else {
                let enrolments = try Enrolment.filter(Column("cohort_id") == cohortId && Column("status") == EnrolmentStatus.enrolled.rawValue)
                    .order(Column("id")).fetchAll(db)
                for enrolment in enrolments {
                    candidates.append((enrolment, try Person.fetchOne(db, cached: "SELECT * FROM persons WHERE id = ?", arguments: [enrolment.personId])!))
                }
            }
            for (enrolment, person) in candidates {
                guard enrolment.hoursTenths >= result.requiredTenths else {
                    result.notEligible.append(.init(name: person.name, nationalId: person.nationalId,
                                                    hoursTenths: enrolment.hoursTenths, requiredTenths: result.requiredTenths))
                    continue
                }
                var completed = enrolment
                completed.status = .completed
                completed.completedOn = today.description
                try completed.update(db)
                try audit(db, actor: actor, action: "enrolment.complete", entity: "enrolments", key: String(enrolment.id!),
                          before: enrolment, after: completed)
                result.completed.append(person.name)
            }
            // Trainees named one by one are completed together or not at all.
            if nationalIds != nil, !result.notEligible.isEmpty {
                let names = result.notEligible.map { "\($0.name) \(Masking.nationalID($0.nationalId)) \(Hours(tenths: $0.hoursTenths))" }
                throw StoreError.conflict(
                    reasonZh: "出勤学时不足 \(Hours(tenths: result.requiredTenths))，未结业任何人：\(names.joined(separator: "、"))",
                    reasonEn: "fewer than \(Hours(tenths: result.requiredTenths)) hours attended, nobody was completed: \(names.joined(separator: ", "))")
            }
            return result
        }
    }

    /// Withdraws a trainee (退学) with a reason; their place is freed.
    public func withdrawTrainee(cohortId: Int64, nationalId: NationalID, reason: String, actor: User) throws(StoreError) -> Enrolment {
        let today = clock.today
        return try write { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort withdraw")
            let reason = try Store.requiredText(reason, field: .reason)
            guard let enrolment = try enrolment(db, cohort: cohort, nationalId: nationalId.value) else {
                throw StoreError.notFound(kind: "学员", key: nationalId.masked)
            }
            return try withdraw(db, enrolment, reason: reason, on: today, actor: actor)
        }
    }

    /// Withdraws the trainee of `enrolmentId` in the cohort: a page names a trainee by their
    /// place in the class, never by a whole national ID it would have to carry.
    public func withdrawTrainee(cohortId: Int64, enrolmentId: Int64, reason: String, actor: User) throws(StoreError) -> Enrolment {
        let today = clock.today
        return try write { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort withdraw")
            guard let enrolment = try Enrolment.fetchOne(db, key: enrolmentId), enrolment.cohortId == cohort.id else {
                throw StoreError.notFound(kind: "学员", key: String(enrolmentId))
            }
            let reason = try Store.requiredText(reason, field: .reason)
            return try withdraw(db, enrolment, reason: reason, on: today, actor: actor)
        }
    }

    private func withdraw(_ db: Database, _ enrolment: Enrolment, reason: String, on today: CivilDate, actor: User) throws -> Enrolment {
        guard enrolment.status == .enrolled else {
            throw StoreError.conflict(reasonZh: "学员已\(enrolment.status.chineseName)，不能退学",
                                      reasonEn: "the trainee has already \(enrolment.status.rawValue) and cannot withdraw")
        }
        var withdrawn = enrolment
        withdrawn.status = .withdrawn
        withdrawn.withdrawnOn = today.description
        withdrawn.withdrawalReason = reason
        try withdrawn.update(db)
        try audit(db, actor: actor, action: "enrolment.withdraw", entity: "enrolments", key: String(enrolment.id!),
                  before: enrolment, after: withdrawn, reason: reason)
        return withdrawn
    }

    /// The attended hours (in tenths) that reach the catalog's share of the planned hours,
    /// rounded up: 80 % of 75 hours is 60.0, of 77 hours 61.6 hours.
    func requiredTenths(_ db: Database, cohort: Cohort) throws -> Int {
        let share = try Catalog.fetch(db).integerSetting(.completionSharePercent)
        return (cohort.plannedHours * 10 * share + 99) / 100
    }

    /// Nobody completes a class before its first day.
    static func completionNotYetOpen(_ cohort: Cohort, today: CivilDate) -> StoreError? {
        guard let start = try? cohort.startDay, today < start else { return nil }
        return StoreError.conflict(reasonZh: "培训班 \(cohort.startDate) 才开班，不能结业",
                                   reasonEn: "the cohort starts on \(cohort.startDate); nobody can complete it yet")
    }

    func enrolment(_ db: Database, cohort: Cohort, nationalId: String) throws -> Enrolment? {
        try Enrolment.fetchOne(db, cached: """
            SELECT e.* FROM enrolments e JOIN persons p ON p.id = e.person_id
            WHERE e.cohort_id = ? AND p.national_id = ?
            """, arguments: [cohort.id, nationalId])
    }
}

