import Foundation
import Testing
import Domain
import Store
@testable import Services

/// The public page's lookup as one use case (`PublicVerification.lookup(…, register:, on:)`):
/// the city's own database, or another register (`--province-pg`) asked once the city has checked
/// the input, every answer in the city's trail with the kind and the name of the register that
/// gave it, and a register that cannot be reached told as such with nothing recorded.
@Suite struct PublicVerificationRegisterTests {
    let world: CertifiedCohort
    let threads: StoreThreads
    init() throws {
        world = try CertifiedCohort()
        threads = StoreThreads(store: world.store, threads: 2)
    }

    /// A register that knows one holder, 陈大文, under any well-formed number, or that cannot be
    /// reached at all.
    struct TestRegister: CertificateRegister {
        var reachable = true
        var kind: String { "test-register" }
        var description: String { "测试证书库 test register" }

        func verify(number: String, name: String, nationalId: NationalID?) async throws -> PublicVerificationAnswer {
            guard reachable else { throw URLError(.cannotConnectToHost) }
            guard name == "陈大文" else { return .noMatch }
            return .valid(PublicCertificateFacts(number: number, certified: "中式烹调师 五级/初级工", issuedOn: "2026-10-01",
                                                 body: "东莞市某评价中心", city: "4419 东莞市 Dongguan"))
        }
    }

    /// The public lookups in the trail, oldest first, as their `after` fields.
    func recorded() throws -> [[String: String]] {
        try world.store.auditEvents(actor: world.admin, filter: AuditFilter(action: "cert.verify.public"), page: .all).rows
            .reversed().map { event in
                let data = Data((event.after ?? "{}").utf8)
                return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
            }
    }

    @Test func anotherRegistersAnswersAreRecordedWithItsKindAndName() async throws {
        // A number this city never issued: only the register can know it.
        let elsewhere = "S000044000123265009999"
        let valid = try await PublicVerification.lookup(number: elsewhere, name: "陈大文", nationalId: "", register: TestRegister(), on: threads)
        guard case .valid(let facts) = valid else {
            Issue.record("expected the register's valid answer, got \(valid)")
            return
        }
        #expect(facts.city == "4419 东莞市 Dongguan" && facts.number == elsewhere)
        let none = try await PublicVerification.lookup(number: elsewhere, name: "王𠈌", nationalId: "", register: TestRegister(), on: threads)
        #expect(none == .noMatch)

        let lines = try recorded()
        #expect(lines == [["outcome": "valid", "register": "test-register", "register_name": "测试证书库 test register"],
                          ["outcome": "no-match", "register": "test-register", "register_name": "测试证书库 test register"]])
    }

    @Test func theCityChecksTheInputBeforeAnyRegisterIsAsked() async throws {
        // An unreachable register: any question put to it would throw.
        let unreachable = TestRegister(reachable: false)
        let malformed = try await PublicVerification.lookup(number: "ABC-123", name: "陈大文", nationalId: "", register: unreachable, on: threads)
        guard case .unusable = malformed else {
            Issue.record("expected a malformed number refused, got \(malformed)")
            return
        }
        let badID = try await PublicVerification.lookup(number: world.certificates[0].number, name: "陈大文", nationalId: "123",
                                                        register: unreachable, on: threads)
        guard case .unusable(let rule) = badID else {
            Issue.record("expected the ID refused, got \(badID)")
            return
        }
        #expect(rule.chinese.contains("身份证号无效"))
        // The malformed number is a lookup, recorded against the register that would have answered;
        // an ID that is no ID is refused before anything is looked up, as on the city's own page.
        #expect(try recorded() == [["outcome": "malformed", "register": "test-register", "register_name": "测试证书库 test register"]])
    }

    @Test func aRegisterThatCannotBeReachedIsToldAndNothingRecorded() async throws {
        let unavailable = await #expect(throws: RegisterUnavailable.self) {
            try await PublicVerification.lookup(number: world.certificates[0].number, name: "陈大文", nationalId: "",
                                                register: TestRegister(reachable: false), on: threads)
        }
        // The cause is kept for the server's log, and it is the connection's, not what was typed.
        #expect(unavailable?.register == "测试证书库 test register")
        #expect(unavailable?.underlying.hasPrefix("URLError") == true, "\(String(describing: unavailable?.underlying))")
        #expect(unavailable?.underlying.contains("陈大文") == false)
        #expect(try recorded().isEmpty)
    }

    @Test func withoutARegisterTheCitysOwnDatabaseAnswers() async throws {
        let own = try await PublicVerification.lookup(number: world.certificates[0].number, name: "陈大文", nationalId: "",
                                                      register: nil, on: threads)
        guard case .valid(let facts) = own else {
            Issue.record("expected the city's valid answer, got \(own)")
            return
        }
        #expect(facts.city == nil && facts.body == "中山市丙职业技能评价中心")
        #expect(try recorded() == [["outcome": "valid"]])
    }
}
