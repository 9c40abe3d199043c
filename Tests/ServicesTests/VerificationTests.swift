import Testing
import Domain
import Store
@testable import Services

/// Verifying a certificate answers with the public fields only, the holder's ID masked.
@Suite struct VerificationTests {
    let world: CertifiedCohort
    init() throws { world = try CertifiedCohort() }

    var lookup: CertificateLookup { CertificateLookup(store: world.store) }

    @Test func aValidCertificateShowsThePublicFieldsMasked() throws {
        let number = world.certificates[0].number
        let answer = try lookup.verify(actor: world.admin, number: number, name: "陈大文", nationalId: nil)
        guard case .valid(let certificate) = answer else {
            Issue.record("expected valid, got \(answer)")
            return
        }
        #expect(certificate.name == "陈大文" && certificate.nationalId == "440524********0014")
        #expect(certificate.number == number && certificate.issuedOn == "2026-11-21")
        #expect(certificate.certified.hasPrefix("中式烹调师") && certificate.body == "中山市丙职业技能评价中心")
        // The holder's ID works as well as the name.
        #expect(try lookup.verify(actor: world.admin, number: number, name: nil, nationalId: nationalID(CertifiedCohort.chen.id)) == answer)
    }

    @Test func aRevokedCertificateSaysWhenAndWhy() throws {
        let number = world.certificates[1].number
        _ = try world.store.revokeCertificate(number: number, reason: "冒名顶替", actor: world.admin)
        let answer = try lookup.verify(actor: world.admin, number: number, name: "王𠈌", nationalId: nil)
        guard case .revoked(let certificate, let on, let reason) = answer else {
            Issue.record("expected revoked, got \(answer)")
            return
        }
        #expect(on == "2026-11-21" && reason == "冒名顶替")
        #expect(certificate.nationalId == "110105********002X")
    }

    @Test func aWrongHolderOrNumberSaysNoMoreThanThat() throws {
        #expect(try lookup.verify(actor: world.admin, number: world.certificates[0].number, name: "王𠈌", nationalId: nil) == .noMatch)
        let unknown = "S000044000123265009999"
        #expect(try lookup.verify(actor: world.admin, number: unknown, name: "陈大文", nationalId: nil) == .noSuchCertificate)
    }
}
