import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// The bureau's steps on an apprenticeship: file, start, complete with the certificate, terminate
/// with a date and a reason; refused to clerks (but starting her own) and examiners.
@Suite struct ApprenticeFilingWebTests {
    static func steps(_ id: Int64) -> [String] { ["file", "start", "complete", "terminate"].map { "/apprenticeships/\(id)/\($0)" } }

    @Test func theBureauFilesStartsAndCompletesWithTheCertificateAndTerminatesWithAReason() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        let own = w.own.id!, other = w.other.id!
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let home = try await browser.get("/")
            #expect(home.body.contains("href=\"/apprenticeships\""))
            let list = try await browser.get("/apprenticeships")
            #expect(list.body.contains("action=\"/apprenticeships/filing-list.xlsx\"") && list.body.contains("<label for=\"filing-period\">"))
            let filing = try await browser.download("/apprenticeships/filing-list.xlsx?period=2026Q4")
            defer { try? FileManager.default.removeItem(at: filing.file) }
            #expect(filing.status == .ok && filing.headers[.contentDisposition]?.contains("apprentice-filing-list.xlsx") == true)
            let filingText = try XLSXRows(filing.file, sheet: try XLSXReader(url: filing.file).sheetNames[0]).joined(separator: "\n")
            #expect(filingText.contains("王二") && filingText.contains(Masking.nationalID(CohortWorld.nationalId(2))) && !filingText.contains("乙校学徒"))
            #expect(!filingText.contains(CohortWorld.nationalId(2)))
            #expect(try await browser.get("/apprenticeships/filing-list.xlsx?period=2026Q9").status == .badRequest)
            let queue = try await browser.get("/apprenticeships?status=registered")
            #expect(queue.body.contains("乙校学徒") && !queue.body.contains("<td><a href=\"/apprenticeships/\(own)\">王二</a>"))

            let page = try await browser.get("/apprenticeships/\(other)")
            #expect(page.body.contains("href=\"/apprenticeships/\(other)/file\"") && page.body.contains("href=\"/apprenticeships/\(other)/terminate\""))
            #expect(!page.body.contains("href=\"/apprenticeships/\(other)/complete\""))
            let confirm = try await browser.get("/apprenticeships/\(other)/file")
            #expect(confirm.status == .ok && confirm.body.contains("action=\"/apprenticeships/\(other)/file\""))
            let filed = try await browser.post("/apprenticeships/\(other)/file", [:])
            #expect(filed.status == .seeOther && filed.location == "/apprenticeships/\(other)?done=file")
            #expect(try await browser.get("/apprenticeships/\(other)?done=file").body.contains("已备案"))

            // Start, then complete: a number nobody holds and someone else's are refused at the field.
            try await browser.get("/apprenticeships/\(own)/start")
            #expect(try await browser.post("/apprenticeships/\(own)/start", [:]).location == "/apprenticeships/\(own)?done=start")
            try await browser.get("/apprenticeships/\(own)/complete")
            for number in ["S000044000123264999999", ApprenticeWorld.otherCertificate] {
                let refused = try await browser.post("/apprenticeships/\(own)/complete", ["certificate": number])
                #expect(refused.status == .badRequest && refused.body.contains("id=\"certificate-error\""), "\(number)")
            }
            let completed = try await browser.post("/apprenticeships/\(own)/complete", ["certificate": ApprenticeWorld.ownCertificate])
            #expect(completed.status == .seeOther)
            let done = try await browser.get("/apprenticeships/\(own)/complete")
            #expect(done.body.contains("不能结业") && !done.body.contains("action=\"/apprenticeships/\(own)/complete\""))

            // Terminate: the date and the reason, each refused at its field.
            try await browser.get("/apprenticeships/\(other)/terminate")
            let noDate = try await browser.post("/apprenticeships/\(other)/terminate", ["date": "", "reason": "学徒离职"])
            #expect(noDate.status == .badRequest && noDate.body.contains("id=\"date-error\""))
            let noReason = try await browser.post("/apprenticeships/\(other)/terminate", ["date": "2026-11-01", "reason": " "])
            #expect(noReason.status == .badRequest && noReason.body.contains("id=\"reason-error\"") && noReason.body.contains("字段 理由"))
            let terminated = try await browser.post("/apprenticeships/\(other)/terminate", ["date": "2026-11-01", "reason": "学徒离职 <b>"])
            #expect(terminated.status == .seeOther)
            #expect(try await browser.get("/apprenticeships/\(other)").body.contains("学徒离职 &lt;b&gt;"))
        }
        let ownLine = try w.store.apprenticeship(id: own, actor: w.world.admin).apprenticeship
        #expect(ownLine.status == .completed && ownLine.completedOn == "2026-11-21" && ownLine.trainingStartedOn == "2026-11-21")
        let otherLine = try w.store.apprenticeship(id: other, actor: w.world.admin).apprenticeship
        #expect(otherLine.status == .terminated && otherLine.filedOn == "2026-11-21")
        #expect(otherLine.terminatedOn == "2026-11-01" && otherLine.terminationReason == "学徒离职 <b>")
    }

    @Test func aClerkMayOnlyStartHerOwnAndAnExaminerNothing() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        let own = w.own.id!, other = w.other.id!
        try await w.world.withBrowser { browser in
            for path in Self.steps(own) {
                #expect(try await browser.get(path).location == "/signin", "\(path)")
                #expect(try await browser.post(path, ["reason": "x"], token: .given("x")).location == "/signin", "\(path)")
            }
            try await browser.signInFirstTime("clerk.a")
            for step in ["file", "complete", "terminate"] {
                #expect(try await browser.get("/apprenticeships/\(own)/\(step)").status == .forbidden, "\(step)")
                #expect(try await browser.post("/apprenticeships/\(own)/\(step)", ["certificate": ApprenticeWorld.ownCertificate,
                                                                                   "date": "2026-11-01", "reason": "x"]).status == .forbidden, "\(step)")
            }
            // Another institution's apprenticeship is not there for her.
            #expect(try await browser.get("/apprenticeships/\(other)/start").status == .notFound)
            #expect(try await browser.post("/apprenticeships/\(other)/start", [:]).status == .notFound)
            // Her own, filed: she may start it, and a POST without the token is refused.
            let page = try await browser.get("/apprenticeships/\(own)")
            #expect(page.body.contains("href=\"/apprenticeships/\(own)/start\"") && !page.body.contains("/file\""))
            #expect(try await browser.post("/apprenticeships/\(own)/start", [:], token: .none).status == .forbidden)
            #expect(try await browser.post("/apprenticeships/\(own)/start", [:]).status == .seeOther)
        }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            for path in Self.steps(own) { #expect(try await browser.get(path).status == .forbidden, "\(path)") }
        }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            for path in Self.steps(999) { #expect(try await browser.get(path).status == .notFound, "\(path)") }
            try await browser.get("/")
            #expect(try await browser.post("/apprenticeships/\(other)/file", [:], token: .none).status == .forbidden)
        }
        #expect(try w.store.apprenticeship(id: own, actor: w.world.admin).apprenticeship.status == .inTraining)
        #expect(try w.store.apprenticeship(id: other, actor: w.world.admin).apprenticeship.status == .registered)
    }
}
