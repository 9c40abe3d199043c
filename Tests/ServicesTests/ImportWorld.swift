import Foundation
import Testing
import Domain
import Intake
import Store
import Services

/// A file database (the real catalog, a fixed day) with a training school, its clerk and cohort 1
/// (中式烹调师 level 5, 80 hours, 10 places), and a folder for the lists the tests write.
struct ImportWorld {
    static let day = CivilDate(year: 2026, month: 11, day: 21)!
    static let header = "序号,姓名,身份证号,手机号码,文化程度,户籍类型,重点群体\n"
    static let goodRows = """
        1,陈大文,440524188001010014,13800138000,大专,农村,高校毕业生
        2,王𠈌,11010519491231002X,13900139000,高中/中专/技校,城镇,
        3,钱七,34052419800101001X,13500135000,初中及以下,农村,农村劳动力、退役军人

        """
    /// Row 5: a national ID with a wrong check character; row 6: no name, a phone too short, an
    /// unknown education, household type and key group.
    static let badRows = """
        4,李四,110105194912310021,13700137000,本科,城镇,
        5,,440524188001010014,12345,博士,乡村,外星人

        """

    let folder: URL
    let store: Store
    let admin: User
    let clerk: User
    let cohort: Cohort

    init(capacity: Int = 10) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-imports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store.open(path: folder.appendingPathComponent("t.sqlite").path, clock: .fixed(Self.day))
        let catalogFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Catalog")
        admin = try store.initialize(catalog: try #require(CatalogReader.load(catalogFolder).catalog))
        let school = try store.addInstitution(NewInstitution(name: "甲学校", kind: .training, district: "石岐街道"), actor: admin)
        clerk = try store.addUser(login: "clerk.a", name: "甲经办", role: .institution, institutionId: school.id, actor: admin)
        cohort = try store.createCohort(CohortPlan(
            name: "2026年第1期中式烹调师（五级）", projectCode: "yuecai", target: .occupation(code: "4-03-02-01", level: .level5),
            district: "石岐街道", startDate: CivilDate(year: 2026, month: 9, day: 1)!, endDate: CivilDate(year: 2026, month: 10, day: 31)!,
            plannedHours: 80, capacity: capacity), institutionId: school.id!, actor: clerk)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` (UTF-8) as `name` in the world's folder.
    func file(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The error workbooks go to `Exports/` in the world's folder.
    func request(_ file: URL, actor: User? = nil, errorFolder: String = "Exports") -> ImportRequest {
        ImportRequest(file: file, actor: actor ?? clerk, errorFolder: folder.appendingPathComponent(errorFolder))
    }

    func traineeImport(_ file: URL, mode: ImportMode = .allOrNothing, preview: Bool = false,
                       errorFolder: String = "Exports") -> TraineeListImport {
        TraineeListImport(cohortId: cohort.id!, request: request(file, errorFolder: errorFolder), mode: mode, preview: preview,
                          today: Self.day)
    }

    func enrolled() throws -> Int { try store.cohort(id: cohort.id!, actor: admin).enrolled }

    func persons() throws -> Int { try store.persons(actor: admin, page: .first).total }

    /// The actions of the audit trail about `entity`, newest first.
    func auditActions(_ entity: String) throws -> [String] {
        try store.auditEvents(actor: admin, entity: entity, page: .all).rows.map(\.action)
    }

    /// The error workbook read back as a clerk would import it again: its header and rows.
    func readBack(_ workbook: URL, required: [ListField]) throws -> (header: [String], rows: [[String]]) {
        let reader = try TraineeListReader(url: workbook, required: required, optional: [])
        var rows: [[String]] = []
        try reader.forEachRow { rows.append($0.cells) }
        return (reader.header, rows)
    }
}
