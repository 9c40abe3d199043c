import Foundation
import Testing
import Domain
import PDFTestSupport
import Services
import Store

@Suite("Certificates printed (证书打印 PDF)")
struct CertificatePrintTests {
    private func printed(_ world: CertifiedCohort, _ batch: CertificatePrintBatch, actor: User? = nil,
                         address: PublicAddress = .local, disclosure: Disclosure = .masked, name: String = "certificates.pdf") throws -> (PrintedPDF, URL) {
        let url = temporaryWorkbook(name)
        let pdf = try CertificateReports(store: world.store).printCertificates(
            actor: actor ?? world.admin, batch: batch, address: address, disclosure: disclosure) { try prepared(url) }
        return (pdf, url)
    }

    @Test("a session's issue: a page per certificate with every field, the rare character as it is, the ID masked, the QR to its verification page")
    func sessionBatch() throws {
        let world = try CertifiedCohort()
        let (pdf, url) = try printed(world, .session(id: world.sessionId))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(pdf.pages == 2)
        #expect(try PDFReadBack.pageCount(url) == 2)
        let pages = try PDFReadBack.text(url).components(separatedBy: "\u{0C}")
        for (page, (certificate, person)) in zip(pages, zip(world.certificates, [CertifiedCohort.chen, CertifiedCohort.wang])) {
            for value in [person.name, Masking.nationalID(person.id), "中式烹调师", "五级/初级工", certificate.number, "2026-11-21",
                          "中山市丙职业技能评价中心", "姓名 Name", "证书编号"] {
                #expect(page.contains(value), "the certificate of \(person.name) lacks \(value)")
            }
            #expect(page.contains(try #require(Sex(rawValue: certificate.sex)).chineseName))
        }
        #expect(pages[1].contains("王𠈌"))
        for whole in CertifiedCohort.wholeNumbers { #expect(!pages.joined().contains(whole)) }
        #expect(try PDFReadBack.qrCodes(url, page: 1) == ["http://127.0.0.1:8080/verify?number=\(world.certificates[0].number)"])
        #expect(try PDFReadBack.qrCodes(url, page: 2) == ["http://127.0.0.1:8080/verify?number=\(world.certificates[1].number)"])
    }

    @Test("printing is an audit event per certificate, naming the batch; a refused print records nothing")
    func audited() throws {
        let world = try CertifiedCohort()
        let (_, url) = try printed(world, .session(id: world.sessionId))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let events = try world.store.auditEvents(actor: world.admin, page: .all).rows.filter { $0.action == "cert.print" }
        #expect(Set(events.map(\.entityKey)) == Set(world.certificates.map { String($0.id) }))
        #expect(events.allSatisfy { $0.actorLogin == world.admin.login && ($0.after ?? "").contains("session \(world.sessionId)") })
        #expect(events.contains { ($0.after ?? "").contains(world.certificates[1].number) })

        // The institution's clerk does not hold the stock: refused, no file, nothing recorded.
        let refused = temporaryWorkbook("refused.pdf")
        #expect(throws: StoreError.self) {
            try CertificateReports(store: world.store).printCertificates(actor: world.clerk, batch: .session(id: world.sessionId)) {
                try prepared(refused)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: refused.path))
        #expect(try world.store.auditEvents(actor: world.admin, page: .all).rows.filter { $0.action == "cert.print" }.count == 2)
    }

    @Test("one certificate by number (a reissue); a revoked one is not printed, and the session batch leaves it out")
    func oneAndRevoked() throws {
        let world = try CertifiedCohort()
        let wang = world.certificates[1]
        let (one, url) = try printed(world, .number(wang.number), address: try PublicAddress("https://skills.example.gov.cn"))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(one.pages == 1)
        #expect(try PDFReadBack.qrCodes(url, page: 1) == ["https://skills.example.gov.cn/verify?number=\(wang.number)"])

        _ = try world.store.revokeCertificate(number: wang.number, reason: "信息不实", actor: world.admin)
        #expect(throws: StoreError.self) { try printed(world, .number(wang.number), name: "revoked.pdf") }
        let (batch, batchURL) = try printed(world, .session(id: world.sessionId), name: "batch.pdf")
        defer { try? FileManager.default.removeItem(at: batchURL.deletingLastPathComponent()) }
        #expect(batch.pages == 1)
        #expect(!(try PDFReadBack.text(batchURL).contains("王𠈌")))
    }

    @Test("a layout change in the catalog moves the field on the page")
    func layoutMovesField() throws {
        let world = try CertifiedCohort()
        let number = world.certificates[0].number
        func numberPosition(_ url: URL) throws -> (x: Double, y: Double) {
            // The word that holds the number (after its label, when the layout gives one).
            let word = try PDFReadBack.words(url).first?.first { $0.word.contains(number) }
            #expect(word != nil, "no word holds \(number)")
            return (word?.x ?? -1000, word?.y ?? -1000)
        }
        let (_, before) = try printed(world, .number(number), name: "before.pdf")
        defer { try? FileManager.default.removeItem(at: before.deletingLastPathComponent()) }
        let old = try numberPosition(before)

        var catalog = try world.store.catalog()
        let index = try #require(catalog.certificateLayout.firstIndex { $0.field == .number })
        catalog.certificateLayout[index].label = ""
        catalog.certificateLayout[index].xMillimetres = 20
        catalog.certificateLayout[index].yMillimetres = 30
        _ = try world.store.syncCatalog(catalog, actor: world.admin)

        let (_, after) = try printed(world, .number(number), name: "after.pdf")
        defer { try? FileManager.default.removeItem(at: after.deletingLastPathComponent()) }
        let new = try numberPosition(after)
        #expect(abs(new.x - 20) < 1.5, "x \(new.x) mm")
        #expect(abs(new.y - 30) < 3, "y \(new.y) mm")
        #expect(old.y > 100 && abs(new.y - old.y) > 100)
    }

    @Test("whole IDs only for a reason, which is recorded")
    func wholeIDs() throws {
        let world = try CertifiedCohort()
        let (_, url) = try printed(world, .session(id: world.sessionId), disclosure: .whole(reason: "证书须印完整身份证号 the stock needs whole IDs"))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(try PDFReadBack.text(url).contains(CertifiedCohort.wang.id))
        #expect(try world.disclosures().count == 1)
        #expect(throws: DisclosureError.self) { try printed(world, .session(id: world.sessionId), disclosure: .whole(reason: " "), name: "x.pdf") }
    }
}
