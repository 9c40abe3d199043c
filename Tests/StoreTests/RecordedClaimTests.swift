import Testing
import GRDB
import Domain
@testable import Store

/// A recorded claim read back: the certificates at the amounts recorded, what its period leaves
/// off and why, within the institution's scope.
@Suite struct RecordedClaimTests {
    @Test func aRecordedClaimReadsBackAsRecordedForItsInstitutionAndTheBureauOnly() throws {
        let (r, issued) = try certifiedWorld()
        let schoolA = r.exams.world.schoolA.id!
        let claim = try r.store.subsidyClaim(institutionId: schoolA, period: SubsidyClaimTests.year, record: true, actor: r.exams.world.clerkA)
        // A later change of rate does not change what was claimed.
        try r.store.rawWrite { db in try db.execute(sql: "UPDATE catalog_training_subsidies SET amount_fen = amount_fen * 2") }
        let read = try r.store.recordedSubsidyClaim(id: claim.id!, actor: r.exams.world.clerkA)
        #expect(read.id == claim.id && read.period == claim.period && read.claimedOn == claim.claimedOn)
        #expect(read.lines == claim.lines && read.total == Money(yuan: 1000) && read.leftOff.isEmpty)
        #expect(try r.store.recordedSubsidyClaim(id: claim.id!, actor: r.admin) == read)
        #expect(storeError { _ = try r.store.recordedSubsidyClaim(id: claim.id!, actor: r.exams.world.clerkB) }
                == storeError { _ = try r.store.recordedSubsidyClaim(id: 999_999, actor: r.exams.world.clerkB) }
                    .replacingOccurrences(of: "999999", with: String(claim.id!)))
        #expect(throws: StoreError.self) { try r.store.recordedSubsidyClaim(id: claim.id!, actor: r.exams.world.examiner) }

        let listed = try r.store.recordedSubsidyClaims(actor: r.exams.world.clerkA)
        #expect(listed.map(\.id) == [claim.id!] && listed.map(\.certificates) == [1] && listed.map(\.total) == [Money(yuan: 1000)])
        #expect(try r.store.recordedSubsidyClaims(actor: r.exams.world.clerkB).isEmpty)
        #expect(try r.store.recordedSubsidyClaims(actor: r.admin).count == 1)

        // Revoked since: still on the claim as recorded.
        _ = try r.store.revokeCertificate(number: issued.issued[0].number, reason: "冒名顶替", actor: r.admin)
        #expect(try r.store.recordedSubsidyClaim(id: claim.id!, actor: r.admin).lines.map(\.certificate.number) == [issued.issued[0].number])
    }
}
