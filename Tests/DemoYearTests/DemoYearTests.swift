import Foundation
import Testing
import GRDB
import Domain
import Intake
import Services
@testable import DemoYear
@testable import Store

/// The package's own catalog, as `skillcert demo` reads it.
func packageCatalog() throws -> Catalog {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try #require(CatalogReader.load(root.appendingPathComponent("Catalog")).catalog)
}

/// A tiny year built in memory.
func tinyYear() throws -> DemoYearResult {
    let catalog = try packageCatalog()
    let plan = try DemoPlan.make(scale: .tiny, year: 2026, catalog: catalog)
    return try DemoYear.build(plan: plan, catalog: catalog, open: { clock in try Store.inMemory(clock: clock) }, progress: { _ in })
}

extension DemoYearResult {
    func count(_ sql: String) throws -> Int { try store.writer.read { db in try Int.fetchOne(db, sql: sql) ?? 0 } }
    func strings(_ sql: String) throws -> [String] { try store.writer.read { db in try String.fetchAll(db, sql: sql) } }
}

@Suite struct DemoPlanTests {
    @Test func theDistrictPlanIsTheCatalogsTargetsForTheYear() throws {
        let catalog = try packageCatalog()
        let plan = try DemoPlan.make(scale: .district, year: 2026, catalog: catalog)
        #expect(plan.classes["yuecai"] == 8 && plan.trainees["yuecai"] == 400)
        #expect(plan.classes["nanyue"] == 30 && plan.trainees["nanyue"] == 1500)
        #expect(plan.apprentices == 290)
        for project in ["yuecai", "nanyue", "jigong"] {
            let sizes = (0..<plan.classes[project]!).map { plan.classSize(project: project, index: $0) }
            #expect(sizes.reduce(0, +) == plan.trainees[project]!)
        }
        // 广东技工 trains what the certification target still needs.
        #expect(plan.trainees.values.reduce(0, +) > 4500)
    }

    @Test func aYearWithoutTargetsIsRefusedInBothLanguages() throws {
        #expect {
            try DemoPlan.make(scale: .district, year: 2031, catalog: try packageCatalog())
        } throws: { error in
            (error as? DemoError)?.english.contains("no 2031 target for classes of project yuecai") == true
                && (error as? DemoError)?.chinese.contains("2031 年") == true
        }
    }

    @Test func theCityPlanHoldsAMillionPeopleAndThreeHundredThousandEnrolments() throws {
        let plan = try DemoPlan.make(scale: .city, year: 2026, catalog: try packageCatalog())
        let enrolments = plan.trainees.values.reduce(0, +)
        #expect((290_000...310_000).contains(enrolments))
        #expect(plan.earlierPersons + enrolments == 1_200_000)
    }
}

@Suite struct DemoDistrictTests {
    /// The default scale, built once in memory: what `make demo` shows must meet the catalog's plan.
    @Test func theDistrictYearMeetsTheCatalogsTargets() throws {
        let catalog = try packageCatalog()
        let plan = try DemoPlan.make(scale: .district, year: 2026, catalog: catalog)
        let year = try DemoYear.build(plan: plan, catalog: catalog, open: { clock in try Store.inMemory(clock: clock) }, progress: { _ in })
        func target(_ project: String?, _ metric: TargetMetric) -> Int? {
            catalog.targets.first { $0.year == 2026 && $0.district == nil && $0.projectCode == project && $0.metric == metric }?.value
        }
        for project in ["yuecai", "nanyue"] {
            #expect(try year.count("SELECT count(*) FROM cohorts WHERE project_code = '\(project)'") == target(project, .classes))
            #expect(try year.count("SELECT count(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.project_code = '\(project)'")
                    == target(project, .trainees))
        }
        #expect(try year.count("SELECT count(*) FROM apprenticeships WHERE created_at >= '2026'") == target(nil, .apprentices))
        // Certifications land near the target: the pass rates decide the exact figure.
        let certificates = try year.count("SELECT count(*) FROM certificates WHERE issued_on LIKE '2026-%'")
        let planned = try #require(target(nil, .certifications))
        #expect(abs(certificates - planned) * 20 <= planned, "\(certificates) certificates for a target of \(planned)")
        // Every quarter sees certificates issued.
        #expect(try year.strings("SELECT DISTINCT (CAST(substr(issued_on, 6, 2) AS INTEGER) + 2) / 3 FROM certificates").count == 4)
        // A realistic share is high-skill (三级 and above), each through a catalog route: the
        // year's 四级 holders with a technician college diploma (3B).
        let highSkill = try year.count("SELECT count(*) FROM certificates WHERE issued_on LIKE '2026-%' AND level IN ('1', '2', '3')")
        #expect(try year.count("SELECT count(*) FROM certificates WHERE issued_on LIKE '2026-%' AND level = '3'") > 0)
        #expect(highSkill * 10 >= certificates && highSkill * 5 <= certificates, "\(highSkill) high-skill of \(certificates)")
        #expect(highSkill == year.counts.highSkillCertificates)
        #expect(try year.count("SELECT count(*) FROM exam_registrations g JOIN exam_sessions s ON s.id = g.session_id WHERE s.level = '3' AND (g.route_code IS NULL OR g.eligibility <> 'route')") == 0)
        #expect(try year.count("SELECT count(*) FROM cohorts WHERE level = '3'") > 0)
        // Training subsidies (以证定补) are claimed through the year.
        #expect(try year.count("SELECT count(*) FROM subsidy_claims WHERE claimed_on LIKE '2026-%'") == year.counts.subsidyClaims)
        #expect(year.counts.subsidyClaims >= 9 && year.counts.subsidyClaimedYuan > 0)
    }
}

@Suite struct DemoYearTests {
    /// A clerk opening the demo in December finds next spring's session for what her school
    /// trains, so a class she creates, fills and completes has somewhere to register.
    @Test func theYearEndsWithNextSpringsSessionsOpenForEveryOccupationItTrained() throws {
        let year = try tinyYear()
        let open = "FROM exam_sessions WHERE status = 'open'"
        #expect(try year.strings("SELECT DISTINCT exam_date \(open)") == ["2027-03-20"])
        #expect(try year.count("SELECT count(*) \(open)") == year.counts.sessionsOpen)
        // Each class's target has exactly one open session, and no open session fits no class.
        #expect(try year.count("""
            SELECT count(*) FROM cohorts c WHERE (SELECT count(*) FROM exam_sessions s WHERE s.status = 'open'
                AND ((s.occupation_code = c.occupation_code AND s.level = c.level) OR s.special_ability_code = c.special_ability_code)) <> 1
            """) == 0)
        #expect(try year.count("""
            SELECT count(*) FROM exam_sessions s WHERE s.status = 'open' AND NOT EXISTS (SELECT 1 FROM cohorts c
                WHERE (s.occupation_code = c.occupation_code AND s.level = c.level) OR s.special_ability_code = c.special_ability_code)
            """) == 0)
        #expect(try year.count("SELECT count(*) FROM exam_registrations g JOIN exam_sessions s ON s.id = g.session_id WHERE s.status = 'open'") == 0)
        // The demo clerk's desk offers them.
        let clerk = try year.store.user(login: "clerk.yuecai.1")
        let desk = try year.store.clerkDesk(actor: clerk)
        let schoolTargets = try year.count("""
            SELECT count(DISTINCT coalesce(occupation_code || level, special_ability_code)) FROM cohorts WHERE institution_id = \(clerk.institutionId!)
            """)
        #expect(schoolTargets > 0 && desk.openSessions.count == schoolTargets)
        #expect(desk.openSessions.allSatisfy { $0.session.examDate == "2027-03-20" })
    }

    @Test func aTinyYearHoldsTheClassesAndTraineesOfItsPlan() throws {
        let year = try tinyYear()
        for project in ["yuecai", "nanyue", "jigong"] {
            #expect(try year.count("SELECT count(*) FROM cohorts WHERE project_code = '\(project)'") == year.plan.classes[project])
            #expect(try year.count("SELECT count(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.project_code = '\(project)'")
                    == year.plan.trainees[project])
            #expect(year.counts.enrolments[project] == year.plan.trainees[project])
        }
        #expect(try year.count("SELECT count(*) FROM persons") == year.counts.personsOnFile)
        #expect(try year.count("SELECT count(*) FROM exam_registrations") == year.counts.registrations)
        #expect(try year.count("SELECT count(*) FROM certificates") == year.counts.certificates)
        #expect(try year.count("SELECT count(*) FROM apprenticeships") == year.plan.apprentices + year.plan.carriedOverApprentices)
        // Key groups on a share of enrolments, withdrawals and trainees short of hours.
        #expect(try year.count("SELECT count(*) FROM enrolment_key_groups") > 0)
        #expect(try year.count("SELECT count(*) FROM enrolments WHERE status = 'withdrawn'") >= 1)
        #expect(try year.count("SELECT count(*) FROM enrolments WHERE status = 'enrolled'") >= 1)
        // The institutions claim their training subsidies (以证定补) quarter by quarter.
        #expect(try year.count("SELECT count(*) FROM subsidy_claims") == year.counts.subsidyClaims)
        #expect(year.counts.subsidyClaims >= 1)
        #expect(try year.count("SELECT sum(total_fen) / 100 FROM subsidy_claims") == year.counts.subsidyClaimedYuan)
    }

    @Test func theSessionsShowMismatchesAbsencesAmendmentsRechecksAndRevocations() throws {
        let year = try tinyYear()
        let first = try #require(year.sampleSessionId)
        let results = try year.store.sessionResults(id: first, actor: year.admin)
        #expect(results.settledMismatches.first?.reason == "核对原始评分表")
        #expect(results.candidates.contains { $0.standing(.theory) == .final(.absent, passed: false) })
        #expect(results.amendments.contains { $0.reason == "复核试卷发现漏计一题分数" && $0.before == .score(tenths: 585) })
        #expect(results.rechecks.count == 1)
        #expect(try year.count("SELECT count(*) FROM certificates WHERE revoked_on IS NOT NULL") == year.counts.revocations)
        #expect(year.counts.revocations >= 1 && year.counts.reissues >= 1)
        #expect(try year.count("SELECT count(*) FROM certificate_reissues") == year.counts.reissues)
        // The settled mark is the one on the examiners' sheet: both entries are kept beside it.
        #expect(try year.count("SELECT count(*) FROM mismatch_settlements") == year.counts.mismatchesSettled)
    }

    @Test func everyCertificateBelongsToAPassedCandidateOfItsSession() throws {
        let year = try tinyYear()
        let certificates = try year.store.certificates(CertificateFilter(), actor: year.admin)
        #expect(certificates.count == year.counts.certificates && !certificates.isEmpty)
        var passed: [Int64: Set<Int64>] = [:]
        for sessionId in Set(certificates.compactMap(\.sessionId)) {
            let results = try year.store.sessionResults(id: sessionId, actor: year.admin)
            passed[sessionId] = Set(results.candidates.filter(\.passed).map(\.personId))
            #expect(results.summary.session.status == .resultsLocked)
        }
        for certificate in certificates {
            #expect(passed[certificate.sessionId!]?.contains(certificate.personId) == true, "\(certificate.number)")
        }
        #expect(year.counts.passed == year.counts.certificates)
    }

    @Test func datesSpreadOverTheYearAndIdentitiesPassTheirChecks() throws {
        let year = try tinyYear()
        let starts = try year.strings("SELECT start_date FROM cohorts")
        #expect(Set(starts.map { (Int($0.dropFirst(5).prefix(2))! - 1) / 3 }).count >= 2)
        let issued = try year.strings("SELECT issued_on FROM certificates")
        #expect(issued.allSatisfy { $0.hasPrefix("2026-") })
        #expect(try year.strings("SELECT filed_on FROM apprenticeships WHERE filed_on IS NOT NULL AND created_at >= '2026'")
                .allSatisfy { $0.hasPrefix("2026-") })
        let today = CivilDate(year: 2026, month: 12, day: 31)!
        for id in try year.strings("SELECT national_id FROM persons") {
            #expect((try? NationalID.parse(id, today: today)) != nil, "\(id)")
        }
        for code in try year.strings("SELECT credit_code FROM enterprises") + year.strings("SELECT credit_code FROM institutions WHERE credit_code IS NOT NULL") {
            #expect(try CreditCode.parse(code).warnings.isEmpty, "\(code)")
        }
        let names = try year.strings("SELECT name FROM persons")
        #expect(names.contains { $0.unicodeScalars.contains { $0.value > 0xFFFF } })
        // Last year's apprentices complete with the certificate of this year's class.
        #expect(try year.count("SELECT count(*) FROM apprenticeships WHERE status = 'completed' AND certificate_id IS NOT NULL")
                == year.counts.apprenticesCompleted)
        #expect(year.counts.apprenticesCompleted >= 1)
    }

    /// One account per role, whose published password signs in at once: no forced change stands
    /// between a visitor and the demo. Nobody else has a password.
    @Test func theDemoAccountsSignInWithTheirPublishedPasswordsStraightAway() throws {
        let year = try tinyYear()
        #expect(Set(DemoAccount.all.map(\.role)) == [.bureau, .institution, .examiner])
        let accounts = Accounts()
        for account in DemoAccount.all {
            let outcome = try accounts.signIn(login: account.login, password: account.password, address: "127.0.0.1", store: year.store)
            guard case .signedIn(_, let session) = outcome else {
                Issue.record("\(account.login) did not sign in: \(outcome)")
                continue
            }
            #expect(session.user.role == account.role)
            #expect(!session.mustChangePassword, "\(account.login)")
            guard case .refused = try accounts.signIn(login: account.login, password: account.password + "x", address: "127.0.0.2",
                                                      store: year.store) else {
                Issue.record("\(account.login) signed in with a wrong password")
                continue
            }
        }
        #expect(try year.count("SELECT count(*) FROM user_passwords") == DemoAccount.all.count)

        let status = try DemoAccounts.status(store: year.store)
        #expect(status.map(\.passwordWorks) == [true, true, true, true])
        #expect(status.map { $0.institutionName ?? "" } == ["", "中山市粤菜师傅培训学校", "中山市粤菜师傅职业技能评价站", "中山市粤菜师傅职业技能评价站"])
        // Each examiner account is one of its body's examiners, so their sessions are theirs to see.
        let examiners = status.filter { $0.account.role == .examiner }.compactMap(\.user)
        #expect(examiners.map(\.login) == ["exam.yuecai.1", "exam.yuecai.2"])
        for examiner in examiners {
            #expect(try year.count("SELECT count(*) FROM examiners WHERE user_id = \(examiner.id!)") == 1)
        }

        // Changed on the web since: the published password is no longer said to work.
        try accounts.setPassword(login: "clerk.yuecai.1", password: "another-password-9", actor: year.admin, store: year.store)
        #expect(try DemoAccounts.status(store: year.store).map(\.passwordWorks) == [true, false, true, true])
    }

    /// The year ends with one session held four days before its end and no mark entered, whose
    /// panel has both demo examiner accounts on it: the web app's score entry has work on the demo.
    @Test func theYearEndsWithASessionHeldAndItsMarksAwaitedByBothDemoExaminers() throws {
        let year = try tinyYear()
        #expect(year.counts.sessionsAwaitingMarks == 1)
        let held = try year.strings("SELECT id || ' ' || exam_date || ' ' || special_ability_code FROM exam_sessions WHERE status = 'held'")
        #expect(held.count == 1 && held.first?.hasSuffix(" 2026-12-27 YC01") == true, "\(held)")
        let sessionId = try #require(held.first.flatMap { Int64($0.prefix { $0 != " " }) })
        #expect(try year.count("SELECT count(*) FROM exam_registrations WHERE session_id = \(sessionId)") == 3)
        #expect(try year.count("SELECT count(*) FROM score_entries e JOIN exam_registrations g ON g.id = e.registration_id WHERE g.session_id = \(sessionId)") == 0)
        // Both examiner accounts staff its one panel, and see it among their rooms, awaiting their marks.
        for login in ["exam.yuecai.1", "exam.yuecai.2"] {
            let examiner = try year.store.user(login: login)
            let rooms = try year.store.examinerRooms(actor: examiner).filter { $0.session.id == sessionId }
            #expect(rooms.map(\.room.name) == ["实操一组"] && rooms.allSatisfy(\.acceptsEntries), "\(login)")
        }
        // The other sessions of the year are locked (or next spring's, open): this one alone waits.
        #expect(try year.count("SELECT count(*) FROM exam_sessions WHERE status NOT IN ('results-locked', 'open', 'held')") == 0)
    }

    @Test func twoRunsBuildTheSameYear() throws {
        let first = try tinyYear(), second = try tinyYear()
        #expect(first.counts == second.counts)
        let sql = "SELECT c.number || ' ' || p.name || ' ' || p.national_id || ' ' || c.issued_on FROM certificates c JOIN persons p ON p.id = c.person_id ORDER BY c.number"
        #expect(try first.strings(sql) == second.strings(sql))
        #expect(try first.strings("SELECT action || at FROM audit_events ORDER BY id") == second.strings("SELECT action || at FROM audit_events ORDER BY id"))
    }
}
