import Foundation
import Testing
import Domain
import Store
@testable import Services

/// The two all-or-nothing imports through their use cases: an apprentice list and a filled score
/// sheet, each refused whole with every refused row in the outcome and the error workbook.
@Suite struct ApprenticeAndScoreImportTests {
    static let apprenticeHeader = "序号,企业统一社会信用代码,身份证号,姓名,职业,目标等级,劳动合同起始日期,合同年限,学徒开始日期,学徒结束日期,延长理由,企业导师,院校导师\n"

    @Test func anApprenticeListWithRefusedRowsRegistersNobodyAndNamesEachRow() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let list = try world.file("学徒.csv", Self.apprenticeHeader + """
            1,91440101MA5CJQ4N59,110105194912310021,李四,中式烹调师,4,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师
            2,91440101MA5CJQ4N59,34052419800101001X,钱七,中式烹调师,4,2026-09-01,3,2026-09-01,2027-03-01,,李师傅,王老师

            """)
        let listImport = ApprenticeListImport(request: world.request(list))

        let outcome = try listImport.run(store: world.store)
        #expect((outcome.rows.rowsRead, outcome.rows.recorded, outcome.rows.refusedCount) == (2, 0, 2))
        #expect(!outcome.rows.committed && outcome.apprenticeships.isEmpty)
        #expect(outcome.rows.ignoredColumns == ["序号"])
        #expect(outcome.rows.refused.map(\.row) == [2, 3])
        let badID = try #require(outcome.rows.refused[0].problems.first { $0.field == .nationalId })
        #expect(badID.column?.letter == "C" && badID.value == "110105********0021")
        // Every reason of the row: the enterprise not on file, and the plan too short.
        #expect(outcome.rows.refused[1].problems.contains { $0.field == .enterprise && $0.value == "91440101MA5CJQ4N59" })
        let short = try #require(outcome.rows.refused[1].problems.first { $0.field == .apprenticeEnd })
        #expect(short.column?.letter == "J" && short.column?.header == "学徒结束日期")
        #expect(short.value == "2027-03-01")
        #expect(short.rule.english == "an apprenticeship runs at least one year (this one 6 months)")
        let back = try world.readBack(try #require(outcome.rows.errorWorkbook), required: [.nationalId, .name])
        #expect(back.rows.count == 2 && back.rows[1].contains("2027-03-01"))
        #expect(try !world.auditActions("apprenticeships").contains { $0.contains("import") })

        // Cancelled once the list is read: the Store is not reached, and no workbook written.
        try FileManager.default.removeItem(at: try #require(outcome.rows.errorWorkbook))
        let cancellation = Cancellation()
        cancellation.cancel()
        #expect(throws: CancellationError.self) { try listImport.run(store: world.store, cancellation: cancellation) { _ in } }
        #expect(!FileManager.default.fileExists(atPath: outcome.rows.errorWorkbook!.path))
    }

    /// Session 1 held today for the cohort's three trainees (tickets 2026000010001…0003).
    func heldSession(_ world: ImportWorld) throws -> Int64 {
        let (store, admin, clerk, cohortId) = (world.store, world.admin, world.clerk, world.cohort.id!)
        let list = try world.file("list.csv", ImportWorld.header + ImportWorld.goodRows)
        #expect(try world.traineeImport(list).run(store: store).rows.committed)
        for id in ["440524188001010014", "11010519491231002X", "34052419800101001X"] {
            _ = try store.recordHours(cohortId: cohortId, nationalId: nationalID(id), hoursTenths: 800, actor: clerk)
        }
        _ = try store.completeTrainees(cohortId: cohortId, actor: clerk)
        let body = try store.addInstitution(NewInstitution(
            name: "评价中心", kind: .evaluation, district: "石岐街道",
            issuer: try CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 123)), actor: admin)
        let examiners = try ["442000199001010011", "442000199002020027", "442000198503030034"].map { id in
            let parsed = try NationalID.parse(id, today: ImportWorld.day)
            return try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: parsed, name: "考评员"),
                bodyId: body.id!, qualifications: [.occupation(code: "4-03-02-01", level: .level4)]), actor: admin).examiner.id!
        }
        let plan = ExamSessionPlan(target: .occupation(code: "4-03-02-01", level: .level5), examDate: ImportWorld.day, rooms: [
            ExamRoomPlan(name: "理论一室", part: .theory, seats: 30), ExamRoomPlan(name: "实操一组", part: .practical, seats: 30),
        ])
        let session = try store.createExamSession(plan, bodyId: body.id!, actor: admin).session.id!
        _ = try store.moveExamSession(id: session, to: .open, actor: admin)
        _ = try store.registerCohort(sessionId: session, cohortId: cohortId, declaration: CandidateDeclaration(declaredYears: 1),
                                     actor: clerk)
        for examiner in examiners[0...1] {
            _ = try store.assignExaminers(sessionId: session, roomName: "理论一室", examinerIds: [examiner], actor: admin)
        }
        for examiner in examiners {
            _ = try store.assignExaminers(sessionId: session, roomName: "实操一组", examinerIds: [examiner], actor: admin)
        }
        _ = try store.moveExamSession(id: session, to: .closed, actor: admin)
        _ = try store.holdExamSession(id: session, actor: admin)
        return session
    }

    @Test func aScoreSheetWithARefusedLineEntersNothingThenTheFixedOneEntersEveryMark() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let session = try heldSession(world)
        let header = "准考证号,科目,成绩,缺考/违纪\n"
        let bad = try world.file("scores.csv", header + "2026000010001,theory,85.5,\n2026000010002,theory,185,\n")
        let refused = try ScoreSheetImport(sessionId: session, request: world.request(bad, actor: world.admin)).run(store: world.store)
        #expect((refused.rows.rowsRead, refused.rows.recorded, refused.rows.refusedCount) == (2, 1, 1))
        #expect(!refused.rows.committed)
        let line = try #require(refused.rows.refused.first)
        #expect(line.file == "scores.csv" && line.row == 3)
        #expect(line.problems.count == 1)
        #expect(line.problems[0].field == .score && line.problems[0].column?.letter == "C" && line.problems[0].value == "185")
        #expect(line.problems[0].rule.english == "a score is between 0 and 100")
        let back = try world.readBack(try #require(refused.rows.errorWorkbook), required: [.ticket, .part])
        #expect(back.rows.count == 1 && back.rows[0].contains("185"))
        #expect(try !world.auditActions("exam_sessions").contains("results.import"))

        let good = try world.file("scores.csv", header + "2026000010001,theory,85.5,\n2026000010002,theory,,缺考\n")
        let sheet = ScoreSheetImport(sessionId: session, request: world.request(good, actor: world.admin))
        let entered = try sheet.run(store: world.store)
        #expect(entered.rows.committed && entered.rows.errorWorkbook == nil)
        #expect((entered.rows.recorded, entered.rows.alreadyPresent, entered.awaitingSecondEntry, entered.final) == (2, 0, 2, 0))
        let again = try sheet.run(store: world.store)
        #expect((again.rows.recorded, again.rows.alreadyPresent) == (0, 2))
        #expect(try world.auditActions("exam_sessions").filter { $0 == "results.import" }.count == 2)
    }

    @Test func aScoreSheetPreviewAnswersAsTheImportWouldAndWritesNothing() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let session = try heldSession(world)
        let header = "准考证号,科目,成绩,缺考/违纪\n"
        let good = try world.file("scores.csv", header + "2026000010001,theory,85.5,\n2026000010002,theory,,缺考\n")
        let preview = try ScoreSheetImport(sessionId: session, request: world.request(good, actor: world.admin), preview: true)
            .run(store: world.store)
        #expect(preview.rows.preview && !preview.rows.committed)
        #expect((preview.rows.recorded, preview.rows.refusedCount, preview.awaitingSecondEntry) == (2, 0, 2))
        #expect(try !world.auditActions("exam_sessions").contains("results.import"))
        let bad = try world.file("scores-bad.csv", header + "2026000010001,theory,85.5,\n2026000010002,theory,185,\n")
        let refused = try ScoreSheetImport(sessionId: session, request: world.request(bad, actor: world.admin), preview: true)
            .run(store: world.store)
        #expect((refused.rows.recorded, refused.rows.refusedCount) == (1, 1) && !refused.rows.committed)
        let entered = try ScoreSheetImport(sessionId: session, request: world.request(good, actor: world.admin)).run(store: world.store)
        #expect(entered.rows.committed && (entered.rows.recorded, entered.rows.alreadyPresent) == (2, 0), "the previews entered nothing")
    }
}
