import Foundation
import Testing
import Domain
import Intake
import Spreadsheet
import Store

/// A real session built through the Store's public API on the repository's catalog: 中式烹调师
/// 五级 on 2026-11-21 (the fixed day) at an evaluation body. Two trainees of a school's completed cohort are
/// registered by the school's clerk (tickets …0001 陈大文, …0002 王𠈌), then one person applying
/// on their own by the bureau (…0003 李四). Theory rooms 理论一室 (2 seats, so 李四 goes on) and
/// 理论二室/东楼 (a name Excel refuses as a sheet name), and the practical panel 实操考评组.
/// Two invigilators in 理论一室, one examiner on the panel, nobody yet in 理论二室/东楼.
struct ExamSessionFixture {
    let store: Store
    let admin: User
    let clerk: User
    let sessionId: Int64

    static let catalogDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Catalog")
    static let today = CivilDate(year: 2026, month: 11, day: 21)!
    static let target = CertificationTarget.occupation(code: "4-03-02-01", level: .level5)

    static let chen = (id: "440524188001010014", name: "陈大文")
    static let wang = (id: "11010519491231002X", name: "王𠈌")
    static let li = (id: "34052419800101001X", name: "李四")
    static let wholeIDs = [chen.id, wang.id, li.id]

    init() throws {
        let catalog = try #require(CatalogReader.load(Self.catalogDirectory).catalog)
        store = try Store.inMemory(clock: .fixed(Self.today))
        admin = try store.initialize(catalog: catalog)
        let school = try store.addInstitution(NewInstitution(name: "中山市甲烹饪培训学校", kind: .training, district: "石岐街道"),
                                              actor: admin)
        let body = try store.addInstitution(NewInstitution(
            name: "中山市丙职业技能评价中心", kind: .evaluation, district: "石岐街道",
            issuer: try CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 123)), actor: admin)
        clerk = try store.addUser(login: "clerk.a", name: "甲经办", role: .institution, institutionId: school.id, actor: admin)

        let cohort = try store.createCohort(CohortPlan(
            name: "2026年第3期中式烹调师（五级）培训班", projectCode: "yuecai", target: Self.target, district: "石岐街道",
            startDate: CivilDate(year: 2026, month: 9, day: 1)!, endDate: CivilDate(year: 2026, month: 10, day: 31)!,
            plannedHours: 80, capacity: 40), institutionId: school.id!, actor: clerk)
        let trainees = try [Self.chen, Self.wang].map { trainee in
            TraineeCandidate(nationalId: try NationalID.parse(trainee.id, today: Self.today), name: trainee.name,
                             education: "senior-secondary", householdType: "urban")
        }
        _ = try store.importTrainees(cohortId: cohort.id!, fileName: "list.csv", format: "CSV UTF-8", mode: .allOrNothing,
                                     actor: clerk) { session in
            for (index, trainee) in trainees.enumerated() { _ = try session.add(trainee, row: index + 2) }
        }
        for trainee in [Self.chen, Self.wang] {
            _ = try store.recordHours(cohortId: cohort.id!, nationalId: nationalID(trainee.id), hoursTenths: 800, actor: clerk)
        }
        _ = try store.completeTrainees(cohortId: cohort.id!, actor: clerk)

        let session = try store.createExamSession(ExamSessionPlan(
            target: Self.target, examDate: Self.today,
            rooms: [ExamRoomPlan(name: "理论一室", part: .theory, seats: 2),
                    ExamRoomPlan(name: "理论二室/东楼", part: .theory, seats: 30),
                    ExamRoomPlan(name: "实操考评组", part: .practical, seats: 30)]), bodyId: body.id!, actor: admin)
        sessionId = session.session.id!
        _ = try store.moveExamSession(id: sessionId, to: .open, actor: admin)
        let years = CandidateDeclaration(declaredYears: 2)
        _ = try store.registerCohort(sessionId: sessionId, cohortId: cohort.id!, declaration: years, actor: clerk)
        _ = try store.registerPerson(NewPerson(nationalId: nationalID(Self.li.id), name: Self.li.name), actor: admin)
        _ = try store.registerCandidate(sessionId: sessionId, nationalId: nationalID(Self.li.id), declaration: years, actor: admin)

        let staff = [("张监考", "44200019900307123X", "理论一室"), ("刘监考", "442000198511204567", "理论一室"),
                     ("黄考评", "442000197812013575", "实操考评组")]
        for (name, id, room) in staff {
            let examiner = try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: nationalID(id), name: name),
                bodyId: body.id!, qualifications: [Self.target]), actor: admin)
            _ = try store.assignExaminers(sessionId: sessionId, roomName: room, examinerIds: [examiner.examiner.id!], actor: admin)
        }
    }

    /// What the bureau sees: every candidate and every room.
    func sheets() throws -> ExamSessionSheets {
        try store.examSessionSheets(id: sessionId, actor: admin)
    }

    /// What the school's clerk sees: its own candidates' tickets, no rooms.
    func clerkSheets() throws -> ExamSessionSheets {
        try store.examSessionSheets(id: sessionId, actor: clerk)
    }

    /// `2026` + the session in five digits + the sequence in four: 13 digits Excel would round
    /// if it took them for a number.
    func ticket(_ sequence: Int) -> String { "2026\(Int(sessionId).zeroPadded(5))\(sequence.zeroPadded(4))" }
}

extension XLSXReader {
    /// A sheet's raw XML by name (`sheet1.xml` is the first sheet), for what the typed API does
    /// not expose: merges, validations, print set-up.
    func sheetXML(_ name: String) throws -> String {
        let index = try #require(sheetNames.firstIndex(of: name))
        return try rawXML(path: "xl/worksheets/sheet\(index + 1).xml")
    }

    /// Every text stored in the workbook: sheets, shared strings, defined names, properties.
    func allText() throws -> String {
        try (sheetNames.indices.map { "xl/worksheets/sheet\($0 + 1).xml" } + ["xl/workbook.xml", "docProps/core.xml"])
            .map { try rawXML(path: $0) }.joined()
            // A workbook written in constant-memory mode keeps its strings in the sheets and has no table.
            + ((try? rawXML(path: "xl/sharedStrings.xml")) ?? "")
    }
}

extension ExamSessionFixture {
    /// Staffs every room to the rules (two invigilators in 理论二室/东楼, a panel of three), closes
    /// and holds the session, and returns a second bureau user, so that each mark can be entered
    /// twice by two different people.
    func holdSession() throws -> User {
        let bodyId = try store.examSession(id: sessionId, actor: admin).session.bodyId
        let staff = [("赵监考", "442000198802141236", "理论二室/东楼"), ("钱监考", "442000197905193456", "理论二室/东楼"),
                     ("周考评", "442000198309115675", "实操考评组"), ("吴考评", "442000199107267894", "实操考评组")]
        for (name, id, room) in staff {
            let examiner = try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: nationalID(id), name: name),
                bodyId: bodyId, qualifications: [Self.target]), actor: admin)
            _ = try store.assignExaminers(sessionId: sessionId, roomName: room, examinerIds: [examiner.examiner.id!], actor: admin)
        }
        _ = try store.moveExamSession(id: sessionId, to: .closed, actor: admin)
        _ = try store.holdExamSession(id: sessionId, actor: admin)
        return try store.addUser(login: "bureau.b", name: "乙科员", role: .bureau, institutionId: nil, actor: admin)
    }

    /// Enters the mark of candidate `sequence` in `part`: first by the administrator, then, when
    /// given, `second` by `other`.
    func enter(_ sequence: Int, _ part: ExamPart, _ first: String, _ second: String? = nil, by other: User) throws {
        _ = try store.enterScore(sessionId: sessionId, ScoreLine(ticket: ticket(sequence), part: part.rawValue, mark: first),
                                 actor: admin)
        if let second {
            _ = try store.enterScore(sessionId: sessionId, ScoreLine(ticket: ticket(sequence), part: part.rawValue, mark: second),
                                     actor: other)
        }
    }
}
