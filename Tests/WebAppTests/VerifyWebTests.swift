import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Services
@testable import Store
@testable import WebApp

/// The public verification page (证书查验): open without signing in, the QR address's number filled
/// in, answers that say nothing about the holder, every lookup recorded without personal data,
/// limited per address.
@Suite(.serialized) struct VerifyWebTests {
    static let number = "S000044000123265000001"

    /// `world` with one certificate, 中式烹调师 五级, issued to 王𠈌 by the world's evaluation body.
    func certified(_ world: WebWorld) throws {
        let person = try world.store.registerPerson(
            NewPerson(nationalId: try NationalID.parse("11010519491231002X", today: CivilDate(year: 2026, month: 11, day: 21)!), name: "王𠈌"),
            actor: world.admin)
        try world.store.writer.write { db in
            let body = try Int64.fetchOne(db, sql: "SELECT id FROM institutions WHERE kind = 'evaluation'")
            try db.execute(sql: """
                INSERT INTO certificates (number, person_id, occupation_code, level, body_id, issued_on, created_at)
                VALUES (?, ?, '4-03-02-01', '5', ?, '2026-11-20', '2026-11-20T10:00:00+08:00')
                """, arguments: [Self.number, person.person.id, body])
        }
    }

    func publicLookups(_ world: WebWorld) throws -> [AuditEvent] {
        try world.store.auditEvents(actor: world.admin, page: .all).rows.filter { $0.action == "cert.verify.public" }
    }

    @Test func theQRAddressOpensThePageWithTheNumberFilledInWithoutSigningIn() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            let page = try await browser.get("/verify?number=\(Self.number)")
            #expect(page.status == .ok)
            #expect(page.body.contains("name=\"number\" value=\"\(Self.number)\""))
            #expect(page.body.contains("证书查验"))
            // The rest of the app still wants a sign-in.
            #expect(try await browser.get("/audit").location == "/signin")
        }
    }

    @Test func aMatchShowsWhatWasCertifiedAndNothingElseAboutTheHolder() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try certified(world)
        try await world.withBrowser { browser in
            try await browser.get("/verify?number=\(Self.number)")
            let valid = try await browser.post("/verify", ["number": Self.number, "name": "王𠈌"])
            #expect(valid.status == .ok)
            for shown in ["证书有效", "中式烹调师 五级/初级工", "2026-11-20", "中山市丙职业技能评价中心", Self.number] {
                #expect(valid.body.contains(shown), "the answer lacks \(shown)")
            }
            #expect(!valid.body.contains("11010519491231002X") && !valid.body.contains("110105********002X"))

            let withID = try await browser.post("/verify", ["number": Self.number, "name": "王𠈌", "id": "11010519491231002X"])
            #expect(withID.body.contains("证书有效") && !withID.body.contains("11010519491231002X"))

            // A wrong name and a number nobody holds read the same: no match, nothing certified shown.
            let wrongName = try await browser.post("/verify", ["number": Self.number, "name": "陈大文"])
            let noSuch = try await browser.post("/verify", ["number": "S000044000123265000002", "name": "王𠈌"])
            for answer in [wrongName, noSuch] {
                #expect(answer.status == .ok)
                #expect(answer.body.contains("没有与此编号和持证人相符的证书"))
                #expect(!answer.body.contains("中式烹调师") && !answer.body.contains("证书有效"))
            }
            let wrongID = try await browser.post("/verify", ["number": Self.number, "name": "王𠈌", "id": "440524188001010014"])
            #expect(wrongID.body.contains("没有与此编号和持证人相符的证书"))

            // A number no certificate could have is told as such.
            let malformed = try await browser.post("/verify", ["number": "S0000440001", "name": "王𠈌"])
            #expect(malformed.status == .badRequest)
            #expect(!malformed.body.contains("没有与此编号和持证人相符的证书"))
        }
        let lookups = try publicLookups(world)
        #expect(lookups.count == 6)
        #expect(lookups.allSatisfy { $0.actorLogin == "public" && $0.entityKey.isEmpty })
        for event in lookups {
            for personal in ["王𠈌", "陈大文", "11010519491231002X", Self.number] {
                #expect(!"\(event.after ?? "")\(event.before ?? "")\(event.reason ?? "")".contains(personal))
            }
        }
        #expect(Set(lookups.compactMap(\.after)).count == 3)
    }

    @Test func aRevokedCertificateSaysWhenAndWhy() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try certified(world)
        _ = try world.store.revokeCertificate(number: Self.number, reason: "冒名顶替", actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.get("/verify")
            let revoked = try await browser.post("/verify", ["number": Self.number, "name": "王𠈌"])
            #expect(revoked.body.contains("证书已撤销") && revoked.body.contains("冒名顶替") && revoked.body.contains("2026-11-21"))
        }
    }

    @Test func lookupsBeyondTheLimitAreRefusedAndEveryAnswerTakesTheFloor() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try certified(world)
        try await world.withBrowser { browser in
            try await browser.get("/verify")
            let limit = WebApp.publicLookupLimit.lookups
            for index in 0..<limit {
                let started = ContinuousClock.now
                let answer = try await browser.post("/verify", ["number": index % 2 == 0 ? Self.number : "S000044000123265000009",
                                                                "name": "王𠈌"])
                #expect(answer.status == .ok)
                #expect(ContinuousClock.now - started >= WebApp.publicAnswerFloor)
            }
            let refused = try await browser.post("/verify", ["number": Self.number, "name": "王𠈌"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.contains("查询次数过多") && !refused.body.contains("证书有效"))
        }
        #expect(try publicLookups(world).count == WebApp.publicLookupLimit.lookups)
    }

    /// A register that answers every lookup valid, named otherwise than the province's.
    struct NamedRegister: CertificateRegister {
        var kind: String { "test-register" }
        var description: String { "测试证书库 test register" }

        func verify(number: String, name: String, nationalId: NationalID?) async throws -> PublicVerificationAnswer {
            .valid(PublicCertificateFacts(number: number, certified: "中式烹调师 五级/初级工", issuedOn: "2026-10-01",
                                          body: "东莞市某评价中心", city: "4419 东莞市 Dongguan"))
        }
    }

    @Test func anotherRegistersAnswerIsShownAndRecordedUnderThatRegistersName() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let app = try await WebServer.application(store: world.store, accounts: WebWorld.accounts,
                                                  options: .init(host: "127.0.0.1", port: 0, certificateRegister: NamedRegister()),
                                                  log: world.log.requestLog)
        try await app.test(.router) { client in
            let browser = Browser(client: client)
            try await browser.get("/verify")
            let answer = try await browser.post("/verify", ["number": Self.number, "name": "王𠈌"])
            #expect(answer.status == .ok && answer.body.contains("证书有效") && answer.body.contains("4419 东莞市 Dongguan"))
        }
        let lookups = try publicLookups(world)
        #expect(lookups.count == 1)
        let after = try #require(try JSONSerialization.jsonObject(with: Data((lookups.first?.after ?? "{}").utf8)) as? [String: String])
        #expect(after == ["outcome": "valid", "register": "test-register", "register_name": "测试证书库 test register"])
    }

    @Test func aPostWithoutThePageTokenIsRefused() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            let refused = try await browser.post("/verify", ["number": Self.number, "name": "王𠈌"], token: .none)
            #expect(refused.status != .ok)
        }
        #expect(try publicLookups(world).isEmpty)
    }
}
