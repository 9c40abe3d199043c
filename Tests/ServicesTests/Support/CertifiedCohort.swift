import Foundation
import Testing
import Domain
import Intake
import Spreadsheet
import Store

/// A year in small, built through the Store's public API on the repository's catalog: a school's
/// cohort of 中式烹调师 五级 with two trainees who give their phones, both completed, registered
/// for a session at an evaluation body, examined (every mark entered twice), the results locked
/// and certificates issued, all on 2026-11-21.
struct CertifiedCohort {
    let store: Store
    let admin: User
    let clerk: User
    let examiner: User
    let schoolId: Int64
    let cohortId: Int64
    let sessionId: Int64
    /// In number order: 陈大文's, 王𠈌's.
    let certificates: [CertificateLine]

    static let today = CivilDate(year: 2026, month: 11, day: 21)!
    static let target = CertificationTarget.occupation(code: "4-03-02-01", level: .level5)
    static let catalogDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Catalog")

    static let chen = (id: "440524188001010014", name: "陈大文", phone: "13800138000")
    static let wang = (id: "11010519491231002X", name: "王𠈌", phone: "13912345678")
    /// What must never appear unless asked for whole.
    static let wholeNumbers = [chen.id, chen.phone, wang.id, wang.phone]

    init() throws {
        let catalog = try #require(CatalogReader.load(Self.catalogDirectory).catalog)
        store = try Store.inMemory(clock: .fixed(Self.today))
        admin = try store.initialize(catalog: catalog)
        let school = try store.addInstitution(NewInstitution(name: "中山市甲烹饪培训学校", kind: .training, district: "石岐街道"),
                                              actor: admin)
        let body = try store.addInstitution(NewInstitution(
            name: "中山市丙职业技能评价中心", kind: .evaluation, district: "石岐街道",
            issuer: try CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 123)), actor: admin)
        schoolId = school.id!
        clerk = try store.addUser(login: "clerk.a", name: "甲经办", role: .institution, institutionId: school.id, actor: admin)
        examiner = try store.addUser(login: "exam.1", name: "考评员一", role: .examiner, institutionId: body.id, actor: admin)

        let cohort = try store.createCohort(CohortPlan(
            name: "2026年第3期中式烹调师（五级）培训班", projectCode: "yuecai", target: Self.target, district: "石岐街道",
            startDate: CivilDate(year: 2026, month: 9, day: 1)!, endDate: CivilDate(year: 2026, month: 10, day: 31)!,
            plannedHours: 80, capacity: 40), institutionId: school.id!, actor: clerk)
        cohortId = cohort.id!
        let trainees = try [Self.chen, Self.wang].map { trainee in
            TraineeCandidate(nationalId: try NationalID.parse(trainee.id, today: Self.today), name: trainee.name, phone: trainee.phone,
                             education: "senior-secondary", householdType: "urban")
        }
        _ = try store.importTrainees(cohortId: cohortId, fileName: "list.csv", format: "CSV UTF-8", mode: .allOrNothing,
                                     actor: clerk) { session in
            for (index, trainee) in trainees.enumerated() { _ = try session.add(trainee, row: index + 2) }
        }
        for trainee in [Self.chen, Self.wang] {
            _ = try store.recordHours(cohortId: cohortId, nationalId: nationalID(trainee.id), hoursTenths: 800, actor: clerk)
        }
        _ = try store.completeTrainees(cohortId: cohortId, actor: clerk)

        let session = try store.createExamSession(ExamSessionPlan(
            target: Self.target, examDate: Self.today,
            rooms: [ExamRoomPlan(name: "理论一室", part: .theory, seats: 30),
                    ExamRoomPlan(name: "实操考评组", part: .practical, seats: 30)]), bodyId: body.id!, actor: admin)
        sessionId = session.session.id!
        _ = try store.moveExamSession(id: sessionId, to: .open, actor: admin)
        _ = try store.registerCohort(sessionId: sessionId, cohortId: cohortId, declaration: CandidateDeclaration(declaredYears: 2),
                                     actor: clerk)
        let staff = [("张监考", "44200019900307123X", "理论一室"), ("刘监考", "442000198511204567", "理论一室"),
                     ("黄考评", "442000197812013575", "实操考评组"), ("周考评", "442000198309115675", "实操考评组"),
                     ("吴考评", "442000199107267894", "实操考评组")]
        for (name, id, room) in staff {
            let added = try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: nationalID(id), name: name),
                bodyId: body.id!, qualifications: [Self.target]), actor: admin)
            _ = try store.assignExaminers(sessionId: sessionId, roomName: room, examinerIds: [added.examiner.id!], actor: admin)
        }
        _ = try store.moveExamSession(id: sessionId, to: .closed, actor: admin)
        _ = try store.holdExamSession(id: sessionId, actor: admin)

        let second = try store.addUser(login: "bureau.b", name: "乙科员", role: .bureau, institutionId: nil, actor: admin)
        for sequence in 1...2 {
            let ticket = "2026\(Int(sessionId).zeroPadded(5))\(sequence.zeroPadded(4))"
            for part in [ExamPart.theory, .practical] {
                for user in [admin, second] {
                    _ = try store.enterScore(sessionId: sessionId, ScoreLine(ticket: ticket, part: part.rawValue, mark: "80"), actor: user)
                }
            }
        }
        _ = try store.lockResults(sessionId: sessionId, actor: admin)
        _ = try store.issueCertificates(sessionId: sessionId, actor: admin)
        certificates = try store.certificates(CertificateFilter(sessionId: sessionId), actor: admin).rows
        try #require(certificates.map(\.name) == [Self.chen.name, Self.wang.name])
    }

    /// The disclosure events of the audit trail, newest first.
    func disclosures() throws -> [AuditEvent] {
        try store.auditEvents(actor: admin, page: .all).rows.filter { $0.action == "person.disclose" }
    }
}

/// A file name in a fresh temporary folder, removed by the caller.
func temporaryWorkbook(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-services-\(UUID().uuidString)")
        .appendingPathComponent(name)
}

/// Creates the folder of `url` and returns `url`: the destination an interface would give.
func prepared(_ url: URL) throws -> URL {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    return url
}

/// Every value of every sheet of a workbook, one line per row with cells joined by `|`.
func workbookText(_ url: URL) throws -> String {
    let reader = try XLSXReader(url: url)
    return try reader.sheetNames.flatMap { try reader.rows(sheet: $0) }
        .map { $0.cells.map(\.value).joined(separator: "|") }.joined(separator: "\n")
}
