import Foundation
import Testing
import Domain
import Store

/// Certificates issued through the Store on `ExamSessionFixture`'s session: the results of
/// `ResultsRosterWorkbookTests.lockedResults`, with 王𠈌's absent theory and 李四's 58 amended
/// after the lock so that all three pass; then issued, 王𠈌's certificate revoked and 陈大文's
/// reissued once, all on the fixture's day 2026-11-21.
struct CertificateFixture {
    let session: ExamSessionFixture
    /// The school's id: 陈大文 and 王𠈌 trained there, 李四 applied on their own.
    let schoolId: Int64
    /// In number order: 陈大文 (reissued once), 王𠈌 (revoked), 李四.
    let lines: [CertificateLine]

    static let revocationReason = "冒名顶替参加考试"
    static let november = DateRange(start: CivilDate(year: 2026, month: 11, day: 1)!, end: CivilDate(year: 2026, month: 11, day: 30)!)!

    init() throws {
        session = try ExamSessionFixture()
        schoolId = try #require(session.clerk.institutionId)
        _ = try ResultsRosterWorkbookTests.lockedResults(session)
        let store = session.store, admin = session.admin
        _ = try store.amendMark(sessionId: session.sessionId, ticket: session.ticket(2), part: .theory, mark: "70",
                                reason: "缺考登记有误，考生在场", actor: admin)
        _ = try store.amendMark(sessionId: session.sessionId, ticket: session.ticket(3), part: .theory, mark: "61",
                                reason: "复核加分", actor: admin)
        let issued = try store.issueCertificates(sessionId: session.sessionId, actor: admin).issued
        try #require(issued.map(\.name) == ["陈大文", "王𠈌", "李四"])
        _ = try store.revokeCertificate(number: issued[1].number, reason: Self.revocationReason, actor: admin)
        _ = try store.reissueCertificate(number: issued[0].number, reason: .lost, note: "本人遗失", actor: admin)
        lines = try store.certificates(CertificateFilter(sessionId: session.sessionId), actor: admin).rows
    }

    /// The school's claim for November: recorded unless `record` is false.
    func claim(record: Bool) throws -> SubsidyClaim {
        try session.store.subsidyClaim(institutionId: schoolId, period: Self.november, record: record, actor: session.admin)
    }
}
