import Foundation
import Testing
import GRDB
import Hummingbird
import HummingbirdTesting
import Domain
import Services
import Store
@testable import Province
@testable import WebApp

/// `skillcert serve --province-pg`: the public page `/verify` of one city answered by the
/// province over every city, saying which city issued the certificate, with the same masking and
/// the same "no match" as the city's own page, and a plain 503 page when the province is down.
@Suite struct ProvinceVerifyWebTests {
    /// A certificate of a city's copy with its holder.
    static func certificate(_ path: String, revoked: Bool = false) throws -> (number: String, name: String, nationalId: String) {
        try CityFixture.query(path) { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT c.number, p.name, p.national_id FROM certificates c JOIN persons p ON p.id = c.person_id
                WHERE c.occupation_code IS NOT NULL AND c.revoked_on IS NULL ORDER BY c.id LIMIT 1
                """))
            return (row[0], row[1], row[2])
        }
    }

    /// The web app of `store` with `register` answering `/verify`; a GET then form POSTs with the
    /// page's cookie and form token, as a browser without JavaScript sends them.
    static func withVerifyPage(store: Store, register: (any CertificateRegister)?,
                               _ test: @escaping @Sendable (_ post: @Sendable ([String: String]) async throws -> (HTTPResponse.Status, String)) async throws -> Void) async throws {
        let app = try await WebServer.application(
            store: store, accounts: Accounts(bcryptCost: 4),
            options: .init(host: "127.0.0.1", port: 0, certificateRegister: register), log: RequestLog { _ in })
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/verify", method: .get)
            let body = String(buffer: page.body)
            let token = String(try #require(body.firstMatch(of: /name="_csrf" value="([0-9a-f]*)"/)).1)
            let cookie = try #require(page.headers[values: .setCookie].first).split(separator: ";")[0]
            try await test { fields in
                var all = fields
                all["_csrf"] = token
                let form = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                    .joined(separator: "&")
                let response = try await client.execute(
                    uri: "/verify", method: .post,
                    headers: [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form))
                return (response.status, String(buffer: response.body))
            }
        }
    }

    @Test func theProvinceAnswersForEveryCityAndSaysWhichIssued() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        let zhongshan = try CityFixture.copy(CityFixture.zhongshan)
        let dongguan = try CityFixture.copy(CityFixture.dongguan)
        _ = try await ProvincePush(store: zhongshan.store, city: try CityCode("4420"), database: database).run()
        // Revoked in Dongguan before its push: the province knows it revoked.
        let held = try Self.certificate(dongguan.path)
        let admin = try dongguan.store.user(login: try dongguan.store.administratorLogin())
        _ = try dongguan.store.revokeCertificate(number: held.number, reason: "材料造假", actor: admin)
        let valid = try Self.certificate(dongguan.path)
        _ = try await ProvincePush(store: dongguan.store, city: try CityCode("4419"), database: database).run()
        // Zhongshan's own database knows none of Dongguan's certificates.
        #expect(try PublicVerification(store: zhongshan.store).lookup(number: valid.number, name: valid.name, nationalId: "") == .noMatch)

        let register = ProvinceCertificateRegister(database: database, catalog: try zhongshan.store.catalog())
        try await Self.withVerifyPage(store: zhongshan.store, register: register) { post in
            let (status, page) = try await post(["number": valid.number, "name": valid.name, "id": valid.nationalId])
            #expect(status == .ok)
            #expect(page.contains("证书有效") && page.contains(valid.number))
            #expect(page.contains("发证城市") && page.contains("4419 东莞市 Dongguan"), "the issuing city is named")
            #expect(!page.contains(valid.nationalId) && !page.contains(Masking.nationalID(valid.nationalId)),
                    "nothing about the holder but what was asked")

            let (revokedStatus, revoked) = try await post(["number": held.number, "name": held.name])
            #expect(revokedStatus == .ok)
            #expect(revoked.contains("证书已撤销") && revoked.contains("材料造假") && revoked.contains("4419 东莞市 Dongguan"))

            for wrong in [["number": "Y000044000000265000001", "name": valid.name],
                          ["number": valid.number, "name": valid.name + "甲"],
                          ["number": valid.number, "name": valid.name, "id": "11010519491231002X"]] {
                let (noStatus, none) = try await post(wrong)
                #expect(noStatus == .ok && none.contains("没有与此编号和持证人相符的证书"), "\(wrong)")
                #expect(!none.contains("东莞市") && !none.contains("证书有效"))
            }
            let (badStatus, bad) = try await post(["number": valid.number, "name": valid.name, "id": "123"])
            #expect(badStatus == .badRequest && bad.contains("身份证号无效"), "the ID is checked as on the city's page")
            let (malformedStatus, malformed) = try await post(["number": "ABC-123", "name": valid.name])
            #expect(malformedStatus == .badRequest && !malformed.contains("没有与此编号和持证人相符的证书"),
                    "a number no certificate could have is refused as on the city's page")
        }
        // Each lookup the province answered is in Zhongshan's trail as its own are: the outcome and
        // the register, nothing about the number, the holder or who asked.
        let zhongshanAdmin = try zhongshan.store.user(login: try zhongshan.store.administratorLogin())
        let lookups = try zhongshan.store.auditEvents(actor: zhongshanAdmin, page: .all).rows.filter { $0.action == "cert.verify.public" }
        let answered = lookups.filter { ($0.after ?? "").contains("\"province\"") }
        #expect(lookups.count == 7 && answered.count == 6,
                "the city's own lookup above, and the province's but the ID refused before any register was asked")
        #expect(lookups.allSatisfy { $0.actorLogin == "public" && $0.entityKey.isEmpty })
        for event in lookups {
            for personal in [valid.number, valid.name, valid.nationalId, held.number] {
                #expect(!"\(event.after ?? "")\(event.before ?? "")".contains(personal))
            }
        }
    }

    @Test func theProvinceDownGivesAPlain503PageNotACrash() async throws {
        let city = try CityFixture.copy(CityFixture.zhongshan)
        let held = try Self.certificate(city.path)
        let nowhere = "/tmp/skillcert-no-province-\(UUID().uuidString)"
        let register = ProvinceCertificateRegister(
            database: ProvinceDatabase(address: try ProvinceAddress("postgres://postgres@localhost/province?host=\(nowhere)")),
            catalog: try city.store.catalog())
        try await Self.withVerifyPage(store: city.store, register: register) { post in
            let started = ContinuousClock.now
            let (status, page) = try await post(["number": held.number, "name": held.name])
            #expect(status == .serviceUnavailable)
            #expect(page.contains("全省证书库暂时无法查询") && page.contains("cannot be reached just now"))
            #expect(!page.contains(nowhere) && !page.contains("证书有效"), "no address and no answer leak out")
            #expect(ContinuousClock.now - started >= .milliseconds(300), "the time floor holds for this answer too")
        }
    }
}
