import Foundation
import Testing
import Domain
import Intake
import Spreadsheet
import Store
@testable import Services

/// The error workbook of an import as the web app hands it out: the import writes it masked when
/// asked (the CLI's stays as the file gave it), and written again afterwards it is masked unless
/// whole values are asked for with a reason, which the audit trail keeps naming the file and rows.
@Suite struct ImportErrorWorkbooksTests {
    /// Rows 5 and 6 of `ImportWorld` refused: 110105194912310021 (a wrong check character), and
    /// 440524188001010014 with no name and the phone 12345.
    static let wholeIDs = ["110105194912310021", "440524188001010014"]

    static func texts(_ workbook: URL) throws -> [String] {
        try XLSXReader(url: workbook).rows(sheet: "错误行 Rejected rows").flatMap { $0.cells.map(\.value) }
    }

    func previewed(_ world: ImportWorld, masked: Bool) throws -> ImportOutcome {
        let list = try world.file("第9期名单.csv", ImportWorld.header + ImportWorld.goodRows + ImportWorld.badRows)
        var request = world.request(list)
        request.masksErrorWorkbook = masked
        let listImport = TraineeListImport(cohortId: world.cohort.id!, request: request, mode: .acceptValid, preview: true,
                                           today: ImportWorld.day)
        return try listImport.run(store: world.store).rows
    }

    func disclosures(_ world: ImportWorld) throws -> [AuditEvent] {
        try world.store.auditEvents(actor: world.admin, entity: "import_errors", page: .all).rows
    }

    @Test func anImportAskedToMaskWritesItsErrorWorkbookMasked() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let outcome = try previewed(world, masked: true)
        #expect(outcome.refusedCount == 2)
        let texts = try Self.texts(try #require(outcome.errorWorkbook))
        #expect(texts.contains("110105********0021") && texts.contains("440524********0014"))
        #expect(texts.contains("137****7000") && texts.contains(Masking.phone("12345")) && !texts.contains("12345"))
        #expect(!texts.contains { text in Self.wholeIDs.contains { text.contains($0) } || text.contains("13700137000") })
        #expect(texts.contains("李四") && texts.contains("博士"), "the other cells stay as given")
    }

    @Test func byDefaultAsTheCLIHasItTheErrorWorkbookKeepsTheValuesAsGiven() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let texts = try Self.texts(try #require(try previewed(world, masked: false).errorWorkbook))
        #expect(texts.contains(Self.wholeIDs[0]) && texts.contains(Self.wholeIDs[1]) && texts.contains("13700137000"))
    }

    @Test func writtenAgainItIsMaskedAndRecordsNothing() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let outcome = try previewed(world, masked: true)
        let url = world.folder.appendingPathComponent("again.xlsx")
        let written = try ImportErrorWorkbooks(store: world.store).write(outcome, actor: world.clerk, to: { url })
        #expect(written.lines == 2)
        let texts = try Self.texts(url)
        #expect(texts.contains("110105********0021") && !texts.contains { text in Self.wholeIDs.contains { text.contains($0) } })
        #expect(try disclosures(world).isEmpty)
    }

    @Test func wholeValuesNeedAReasonAndAreRecordedNamingTheFileAndRowsMasked() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let outcome = try previewed(world, masked: true)
        let workbooks = ImportErrorWorkbooks(store: world.store)
        let url = world.folder.appendingPathComponent("whole.xlsx")
        #expect(throws: DisclosureError.reasonMissing(value: "  ")) {
            try workbooks.write(outcome, actor: world.clerk, disclosure: .whole(reason: "  "), to: { url })
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try disclosures(world).isEmpty)

        _ = try workbooks.write(outcome, actor: world.clerk, disclosure: .whole(reason: " 核对学员身份 "), to: { url })
        let texts = try Self.texts(url)
        #expect(texts.contains(Self.wholeIDs[0]) && texts.contains(Self.wholeIDs[1]) && texts.contains("13700137000"))

        let event = try #require(try disclosures(world).first)
        #expect(try disclosures(world).count == 1)
        #expect(event.action == "person.disclose" && event.actorLogin == "clerk.a" && event.reason == "核对学员身份")
        #expect(event.entityKey == "第9期名单.csv")
        let after = try #require(event.after)
        #expect(after.contains("\"file\":\"第9期名单.csv\"") && after.contains("\"row\":5") && after.contains("\"row\":6"))
        #expect(after.contains("110105********0021") && after.contains("440524********0014"))
        #expect(!Self.wholeIDs.contains { after.contains($0) }, "the trail holds no whole ID")
    }

    @Test func anOutcomeWithoutRefusedRowsHasNoWorkbook() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let list = try world.file("good.csv", ImportWorld.header + ImportWorld.goodRows)
        let outcome = try world.traineeImport(list, preview: true).run(store: world.store).rows
        #expect(throws: StoreError.self) {
            try ImportErrorWorkbooks(store: world.store).write(outcome, actor: world.clerk, to: { world.folder.appendingPathComponent("none.xlsx") })
        }
    }
}
