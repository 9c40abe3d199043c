import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// The bureau's apprentice subsidy claims of a period (`/apprenticeships/claims`): every
/// enterprise with items, its figures equal to its claim sheet (the workbook `apprentice claims`
/// writes) read back, IDs masked, whole IDs for a reason that is audited. A clerk sees her
/// institution's only; examiners are refused.
@Suite struct ApprenticeClaimListWebTests {
    static let hostile = "<script>alert(1)</script>"
    /// The claim sheet's one sheet, as `ApprenticeWorkbooks.writeClaim` names it.
    static let claimSheet = "学徒补贴 Subsidy claim"

    /// On 2026-11-21: 甲 school's 王二 at 中山市某某酒家 filed, started and completed with his
    /// certificate (an advance and a remainder); 乙 school's apprentice at 中山市乙方制造厂 filed,
    /// started and terminated today (an advance and a sum owed back); 陈小明 with 乙 school at an
    /// enterprise with a hostile name, filed (an advance).
    static func claims() throws -> ApprenticeWorld {
        let w = try ApprenticeWorld()
        let store = w.store, admin = w.world.admin
        _ = try store.startApprenticeship(id: w.own.id!, actor: admin)
        _ = try store.completeApprenticeship(id: w.own.id!, certificateNumber: ApprenticeWorld.ownCertificate, actor: admin)
        _ = try store.fileApprenticeship(id: w.other.id!, actor: admin)
        _ = try store.startApprenticeship(id: w.other.id!, actor: admin)
        _ = try store.terminateApprenticeship(id: w.other.id!, on: ApprenticeWorld.today, reason: "学徒离职", actor: admin)
        let hostile = try store.addEnterprise(creditCode: try CreditCode.parse(Self.hostileCode),
                                              name: Self.hostile, district: "小榄镇", actor: admin)
        let third = try store.registerApprenticeship(ApprenticeWorld.plan(), enterpriseId: hostile.id!, institutionId: w.world.schoolB.id!,
                                                     nationalId: ApprenticeWorld.id(1), actor: admin)
        _ = try store.fileApprenticeship(id: third.id!, actor: admin)
        return w
    }

    static let hostileCode = "91442000MA4UU0Y1KG"

    /// The claim sheet's items (kind, masked ID, amount) and its total, as the page's figures are written.
    static func sheet(_ file: URL) throws -> (items: [[String]], total: String, texts: [String]) {
        let reader = try XLSXReader(url: file)
        #expect(reader.sheetNames == [Self.claimSheet])
        let rows = try reader.rows(sheet: Self.claimSheet).map { $0.cells.map(\.value) }
        let items = rows.filter { $0.count > 8 && ["备案预付 Advance", "结业余额 Remainder", "终止应退 Owed back"].contains($0[2]) }
        let total = try #require(rows.last { $0.first == "合计 Total" }?.last)
        return (items, yuan(total), rows.flatMap { $0 })
    }

    /// A workbook's number of yuan as the pages write money (`5,500.00`).
    static func yuan(_ value: String) -> String { Money(fen: Int64((Double(value)! * 100).rounded())).description }

    @Test func signedOutGoesToSignInAndExaminersAreRefused() async throws {
        let w = try Self.claims()
        defer { w.remove() }
        let sheet = "/apprenticeships/claims/\(w.ownEnterprise.id!)/sheet?period=2026Q4"
        try await w.world.withBrowser { browser in
            for path in ["/apprenticeships/claims", "/apprenticeships/claims?period=2026Q4", sheet] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "\(path)")
            }
            try await browser.signInFirstTime("exam.1")
            for path in ["/apprenticeships/claims", "/apprenticeships/claims?period=2026Q4", sheet,
                         "/apprenticeships/claims/\(w.ownEnterprise.id!)/sheet/whole?period=2026Q4"] {
                let page = try await browser.get(path)
                #expect(page.status == .forbidden && page.headers[.contentDisposition] == nil, "\(path)")
            }
        }
        #expect(throws: StoreError.self) { try w.store.apprenticeClaimList(period: try Period.parse("2026").range, actor: w.world.examiner) }
    }

    @Test func anExaminerIsRefusedTheClaimsThemselvesWithOrWithoutAPeriodAndAClerkGetsTheForm() async throws {
        let w = try Self.claims()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            // The refusal is the claims' own, not that of some other list asked first.
            for path in ["/apprenticeships/claims", "/apprenticeships/claims?period=2026Q5", "/apprenticeships/claims?period=2026Q4"] {
                let page = try await browser.get(path)
                #expect(page.status == .forbidden, "\(path)")
                #expect(page.body.contains("无权执行 apprentice claims：考评员不查看学徒补贴") && page.body.contains("examiners do not see apprentice subsidies"),
                        "\(path)")
                #expect(!page.body.contains("考评员不查看企业") && !page.body.contains("enterprise list"), "\(path)")
            }
        }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let form = try await browser.get("/apprenticeships/claims")
            #expect(form.status == .ok && form.body.contains("<label for=\"period\">") && !form.body.contains("家企业，"))
            let refused = try await browser.get("/apprenticeships/claims?period=2026Q5")
            #expect(refused.status == .badRequest && refused.body.contains("id=\"period-error\""))
        }
    }

    @Test func theBureauListsEveryEnterpriseWithItsFiguresEqualToItsSheetReadBack() async throws {
        let w = try Self.claims()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            #expect(try await browser.get("/apprenticeships").body.contains("href=\"/apprenticeships/claims\""))
            let empty = try await browser.get("/apprenticeships/claims")
            #expect(empty.status == .ok && empty.body.contains("<label for=\"period\">") && !empty.body.contains("家企业，"))

            let page = try await browser.get("/apprenticeships/claims?period=2026q4")
            #expect(page.status == .ok)
            #expect(page.body.contains("2026Q4：3 家企业，5 项"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.body.contains(Self.hostile))
            #expect(!page.body.contains(CohortWorld.nationalId(1)) && !page.body.contains(CohortWorld.nationalId(2)))

            var grandTotal: Int64 = 0
            for (enterprise, code, school, kinds) in [
                (w.ownEnterprise, w.ownEnterprise.creditCode, "中山市甲烹饪培训学校", ["备案预付 Advance", "结业余额 Remainder"]),
                (w.otherEnterprise, w.otherEnterprise.creditCode, "中山市乙家政培训中心", ["备案预付 Advance", "终止应退 Owed back"]),
            ] {
                let row = rowWith(page.body, "<td>\(code)</td>")
                #expect(row.contains("<td>\(enterprise.name)</td><td>\(code)</td><td>\(school)</td><td>\(kinds.count)</td>"), "\(row)")
                let download = try await browser.download("/apprenticeships/claims/\(enterprise.id!)/sheet?period=2026Q4")
                defer { try? FileManager.default.removeItem(at: download.file) }
                #expect(download.status == .ok)
                #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"apprentice-claim-\(code)-2026Q4.xlsx\"") == true)
                let sheet = try Self.sheet(download.file)
                #expect(sheet.items.map { $0[2] } == kinds)
                let amounts = sheet.items.map { Self.yuan($0[8]) }
                // Advances, remainders, owed back and the total: the page's cells are the sheet's.
                let advance = amounts[0], second = amounts[1]
                let (remainder, owed) = kinds[1] == "结业余额 Remainder" ? (second, "0.00") : ("0.00", second)
                #expect(row.contains("<td>\(advance)</td><td>\(remainder)</td><td>\(owed)</td><td>\(sheet.total)</td>"), "\(row) \(amounts)")
                #expect(advance == "5,500.00" && (kinds[1] == "结业余额 Remainder" || owed.hasPrefix("-")))
                grandTotal += Int64((Double(sheet.total.replacingOccurrences(of: ",", with: ""))! * 100).rounded())
                // Masked, and only this enterprise's apprentices.
                let person = kinds[1] == "结业余额 Remainder" ? 2 : 3
                #expect(sheet.items.allSatisfy { $0[4] == Masking.nationalID(CohortWorld.nationalId(person)) })
                #expect(!sheet.texts.contains { $0.contains(CohortWorld.nationalId(person)) })
            }
            let hostileRow = rowWith(page.body, "<td>\(Self.hostileCode)</td>")
            #expect(hostileRow.contains("<td>1</td><td>5,500.00</td><td>0.00</td><td>0.00</td><td>5,500.00</td>"), "\(hostileRow)")
            grandTotal += 550_000
            #expect(page.body.contains("合计 \(Money(fen: grandTotal)) 元"))
            #expect(try w.auditEvents("person.disclose").isEmpty, "masked sheets disclose nobody")
        }
        // The same figures and paging from the Store: the total covers every page.
        let second = try w.store.apprenticeClaimList(period: try Period.parse("2026").range, actor: w.world.admin, page: PageRequest(number: 2, size: 1))
        #expect(second.page.total == 3 && second.page.rows.map(\.enterprise.name) == [w.otherEnterprise.name] && second.items == 5)
    }

    @Test func aMalformedPeriodIsRefusedAtTheField() async throws {
        let w = try Self.claims()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            for (typed, zh, en) in [("2026Q5", "季度应为 Q1-Q4，实际为 Q5", "a quarter is Q1 to Q4, found Q5"),
                                    ("26Q4", "年份“26”应为 4 位数字", "must have 4 digits: write a quarter as 2026Q1 or 2026-Q1"),
                                    ("第四季度", "统计期应以 4 位年份开头", "a period starts with a 4-digit year")] {
                let page = try await browser.get("/apprenticeships/claims?period=\(typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(page.status == .badRequest && page.body.contains("id=\"period-error\""), "\(typed)")
                // The message on the field, in both languages, and the value typed kept in it.
                #expect(page.body.contains(zh) && page.body.contains(en.replacingOccurrences(of: "\"", with: "&quot;")), "\(typed)")
                #expect(page.body.contains("value=\"\(typed)\""), "\(typed)")
                #expect(!page.body.contains("家企业，") && !page.body.contains(w.ownEnterprise.name))
            }
            let sheet = try await browser.get("/apprenticeships/claims/\(w.ownEnterprise.id!)/sheet?period=2026Q5")
            #expect(sheet.status == .badRequest && sheet.headers[.contentDisposition] == nil)
        }
    }

    @Test func aClerkSeesHerInstitutionsOnlyAndAnotherEnterprisesSheetIsNotFound() async throws {
        let w = try Self.claims()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get("/apprenticeships/claims?period=2026Q4")
            #expect(page.status == .ok && page.body.contains("2026Q4：1 家企业，2 项"))
            #expect(page.body.contains(w.ownEnterprise.name) && !page.body.contains(w.otherEnterprise.name) && !page.body.contains("alert(1)"))
            #expect(!page.body.contains("中山市乙家政培训中心"))
            let other = "/apprenticeships/claims/\(w.otherEnterprise.id!)/sheet?period=2026Q4"
            let missing = "/apprenticeships/claims/999999/sheet?period=2026Q4"
            let refused = try await browser.get(other), absent = try await browser.get(missing)
            #expect(refused.status == .notFound && absent.status == .notFound && refused.body == absent.body)
            #expect(try await browser.get(other.replacingOccurrences(of: "/sheet?", with: "/sheet/whole?")).status == .notFound)
            let own = try await browser.download("/apprenticeships/claims/\(w.ownEnterprise.id!)/sheet?period=2026Q4")
            defer { try? FileManager.default.removeItem(at: own.file) }
            let ownSheet = try Self.sheet(own.file)
            #expect(own.status == .ok && ownSheet.items.count == 2)
        }
        let hers = try w.store.apprenticeClaimList(period: try Period.parse("2026").range, actor: w.world.clerkA)
        #expect(hers.page.rows.map(\.enterprise.id) == [w.ownEnterprise.id] && hers.page.rows.first?.institutionNames == ["中山市甲烹饪培训学校"])
    }

    @Test func wholeIDsNeedAReasonAndTheDisclosureIsAudited() async throws {
        let w = try Self.claims()
        defer { w.remove() }
        let path = "/apprenticeships/claims/\(w.otherEnterprise.id!)/sheet/whole?period=2026Q4"
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/apprenticeships/claims?period=2026Q4")
            #expect(page.body.contains("href=\"\(path)\""))
            let form = try await browser.get(path)
            #expect(form.status == .ok && form.body.contains("<label for=\"reason\">"))
            // Without the form's token: refused, and nothing disclosed.
            let tokenless = try await browser.post(path, ["reason": "核对"], token: .none)
            #expect(tokenless.status == .forbidden && tokenless.headers[.contentDisposition] == nil)
            try await browser.get(path)
            let blank = try await browser.post(path, ["reason": " "])
            #expect(blank.status == .badRequest && blank.body.contains("id=\"reason-error\""))
            #expect(try w.auditEvents("person.disclose").isEmpty)
            try await browser.get(path)
            let whole = try await browser.downloadPosted(path, ["reason": "人社局核对学徒身份"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(whole.status == .ok)
            let sheet = try Self.sheet(whole.file)
            #expect(sheet.items.count == 2 && sheet.items.allSatisfy { $0[4] == CohortWorld.nationalId(3) })
        }
        let events = try w.store.auditEvents(actor: w.world.admin, filter: AuditFilter(action: "person.disclose")).rows
        #expect(events.count == 1 && events.first?.actorLogin == "admin" && events.first?.reason == "人社局核对学徒身份")
    }
}
