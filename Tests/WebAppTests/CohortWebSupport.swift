import Foundation
import Testing
import Domain
@testable import Store

/// Classes for the cohort pages' tests: one of school 甲 (clerk.a's) in training on the world's
/// day (2026-11-21), and one of school 乙 that clerk.a must never see.
struct CohortWorld: Sendable {
    let world: WebWorld
    let own: Cohort
    let other: Cohort
    var store: Store { world.store }

    static let cooking = CertificationTarget.occupation(code: "4-03-02-01", level: .level4)

    init() throws {
        world = try WebWorld()
        own = try world.store.createCohort(Self.plan("2026年第9期中式烹调师（四级）培训班"), institutionId: world.schoolA.id!,
                                           actor: world.clerkA)
        other = try world.store.createCohort(Self.plan("乙校2026年第1期中式烹调师班"), institutionId: world.schoolB.id!,
                                             actor: world.admin)
    }

    func remove() { world.remove() }

    /// 100 planned hours from 2026-11-01 to 2026-11-30 unless told otherwise.
    static func plan(_ name: String, start: String = "2026-11-01", end: String = "2026-11-30",
                     target: CertificationTarget = cooking, project: String = "yuecai") -> CohortPlan {
        CohortPlan(name: name, projectCode: project, target: target, district: "石岐街道",
                   startDate: try! CivilDate.parse(start), endDate: try! CivilDate.parse(end), plannedHours: 100, capacity: 60)
    }

    /// A valid national ID born on 1990-01-01 with sequence `n` (check character computed).
    static func nationalId(_ n: Int) -> String {
        let body = "44200019900101" + String(format: "%03d", n)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    /// Enrols trainees (name, sequence of their ID) into a class as its clerk's list would.
    @discardableResult
    func enrol(_ trainees: [(String, Int)], into cohortId: Int64, actor: User, mode: ImportMode = .allOrNothing,
               refusedRows: Int = 0) throws -> TraineeImportSummary {
        try store.importTrainees(cohortId: cohortId, fileName: "名单.csv", format: "CSV UTF-8", mode: mode, actor: actor) { session in
            for (index, trainee) in trainees.enumerated() {
                _ = try session.add(TraineeCandidate(nationalId: try NationalID.parse(Self.nationalId(trainee.1), today: CivilDate(year: 2026, month: 11, day: 21)!),
                                                     name: trainee.0, phone: "1380013\(String(format: "%04d", trainee.1))"),
                                    row: index + 2)
            }
            for _ in 0..<refusedRows { session.countRejectedRow() }
        }
    }

    /// The enrolment id of the trainee with ID sequence `n` in a class.
    func enrolmentId(_ n: Int, in cohortId: Int64) throws -> Int64 {
        try #require(try store.cohortTrainees(cohortId: cohortId, actor: world.admin).rows
            .first { $0.nationalId == Self.nationalId(n) }?.enrolmentId)
    }

    func setHours(_ n: Int, _ hours: Int, in cohortId: Int64, actor: User) throws {
        _ = try store.recordHours(cohortId: cohortId, nationalId: try NationalID.parse(Self.nationalId(n), today: CivilDate(year: 2026, month: 11, day: 21)!),
                                  hoursTenths: hours * 10, actor: actor)
    }
}
