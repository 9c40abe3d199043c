import Testing
import GRDB
import Domain
@testable import Store

/// Registration judges a route's time after a certificate on the session's exam date, and only
/// with the years the candidate declares.
@Suite struct EligibilityAtRegistrationTests {
    /// A level-4 session of 中式烹调师 on 2026-12-05, two weeks after the fixed "today".
    func levelFourSession(_ w: ExamWorld) throws -> ExamSession {
        try w.openSession(ExamWorld.plan(target: .occupation(code: "4-03-02-01", level: .level4), date: CivilDate(year: 2026, month: 12, day: 5)!))
    }

    func giveLevelFive(_ w: ExamWorld, issuedOn date: String) throws {
        let person = try w.store.person(nationalId: chen.nationalId, actor: w.admin)
        try w.store.rawWrite { db in
            try db.execute(sql: """
                INSERT INTO certificates (number, person_id, occupation_code, level, body_id, issued_on, created_at)
                VALUES ('S000044000123225000001', ?, '4-03-02-01', '5', ?, ?, 'now')
                """, arguments: [person.id, w.world.body.id, date])
        }
    }

    func register(_ w: ExamWorld, _ session: ExamSession, years: Int) throws -> RegistrationOutcome {
        try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                      declaration: CandidateDeclaration(declaredYears: years), actor: w.admin)
    }

    @Test func fourYearsAfterTheCertificateAreCountedToTheExamDayAndMustAlsoBeDeclared() throws {
        let w = try ExamWorld()
        let session = try levelFourSession(w)
        // Four years before the exam day (but not yet before today).
        try giveLevelFive(w, issuedOn: "2022-12-05")
        #expect {
            try register(w, session, years: 3)
        } throws: { error in
            // The Store tests' catalog has route 4A only at level 4.
            brokenRules(error) == ["route 4A: needs 4 years in this occupation after the level 5 (junior) certificate; the candidate declares 3"]
        }
        #expect(try w.count("exam_registrations") == 0)
        let outcome = try register(w, session, years: 4)
        #expect(outcome.registered.first?.result == .registered(ticket: "2026000010001", eligibility: .route, route: "4A"))
        // The years the registration keeps are those declared.
        #expect(try w.store.rawRead { db in try Int.fetchOne(db, sql: "SELECT declared_years FROM exam_registrations") } == 4)
    }

    @Test func aCertificateIssuedLessThanTheRoutesYearsBeforeTheExamDoesNotQualify() throws {
        let w = try ExamWorld()
        let session = try levelFourSession(w)
        try giveLevelFive(w, issuedOn: "2022-12-06")
        #expect {
            try register(w, session, years: 5)
        } throws: { error in
            brokenRules(error).first == "route 4A: needs 4 years in this occupation after the level 5 (junior) certificate; it was issued on 2022-12-06, less than 4 years before the exam on 2026-12-05"
        }
    }
}
