import Foundation
import Synchronization
import Testing
import GRDB
import Domain
@testable import Store

/// ResultLockTests' locked session: 陈大文 passed; 王𠈌 absent; 李四 failed theory with 59.5.
func certifiedWorld(exams: ExamWorld? = nil) throws -> (ResultsWorld, IssuanceResult) {
    let r = try ResultLockTests().lockedWorld(exams: exams)
    return (r, try r.store.issueCertificates(sessionId: r.session.id!, actor: r.admin))
}

@Suite struct CertificateIssuanceTests {
    @Test func eachPassedCandidateGetsOneNumberOfBodyProvinceSiteYearLevelAndSerial() throws {
        let (r, issued) = try certifiedWorld()
        #expect(issued.issued.map(\.number) == ["S000044000123265000001"])
        #expect(issued.issued.first?.name == "陈大文" && issued.issued.first?.issuedOn == "2026-11-21")
        #expect(issued.issued.first?.trainingInstitutionName == "中山市甲烹饪培训学校")
        let again = try r.store.issueCertificates(sessionId: r.session.id!, actor: r.admin)
        #expect(again.issued.isEmpty && again.alreadyCertified == 1)
        #expect(throws: StoreError.self) { try r.store.issueCertificates(sessionId: r.session.id!, actor: r.exams.world.clerkA) }
        let held = try ResultsWorld()
        #expect(storeError { _ = try held.store.issueCertificates(sessionId: held.session.id!, actor: held.admin) }
                .contains("the results are not locked yet"))
    }

    @Test func aRevokedNumberIsNeverGivenAgainNorIsItsHolderReissuedFromTheSameSession() throws {
        let (r, issued) = try certifiedWorld()
        _ = try r.store.revokeCertificate(number: issued.issued[0].number, reason: "冒名顶替", actor: r.admin)
        _ = try r.store.amendMark(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], part: .theory, mark: "60",
                                  reason: "漏计一题", actor: r.admin)
        let next = try r.store.issueCertificates(sessionId: r.session.id!, actor: r.admin)
        #expect(next.issued.map(\.number) == ["S000044000123265000002"])
        #expect(next.issued.map(\.name) == ["李四"])
    }

    @Test func anAmendmentThatFailsACertifiedCandidateWaitsForTheRevocation() throws {
        let (r, issued) = try certifiedWorld()
        #expect(storeError {
            _ = try r.store.amendMark(sessionId: r.session.id!, ticket: ResultsWorld.tickets[0], part: .practical, mark: "55",
                                      reason: "评分表看错行", actor: r.admin)
        }.contains("the amendment fails the candidate, whose certificate \(issued.issued[0].number) is valid: revoke it first (cert revoke)"))
        _ = try r.store.revokeCertificate(number: issued.issued[0].number, reason: "成绩更正后不合格", actor: r.admin)
        let amendment = try r.store.amendMark(sessionId: r.session.id!, ticket: ResultsWorld.tickets[0], part: .practical, mark: "55",
                                              reason: "评分表看错行", actor: r.admin)
        #expect(amendment.after == .score(tenths: 550))
        #expect(try r.store.issueCertificates(sessionId: r.session.id!, actor: r.admin).issued.isEmpty)
    }

    @Test func aSerialRangeThatRunsOutIsRefusedAndNothingIsIssued() throws {
        let r = try ResultLockTests().lockedWorld()
        try r.store.rawWrite { db in
            try db.execute(sql: "INSERT INTO certificate_serials (body_id, year, series, last_serial) VALUES (?, 2026, '5', 999999)",
                           arguments: [r.exams.world.body.id])
        }
        #expect(storeError { _ = try r.store.issueCertificates(sessionId: r.session.id!, actor: r.admin) }
                .contains("the serials of S000044000123 for 2026, level 5 are used up (the largest is 999999)"))
        #expect(try r.exams.count("certificates") == 0)
    }

    @Test func specialAbilityCertificatesFollowTheCatalogsPattern() throws {
        let exams = try ExamWorld()
        let item = CertificationTarget.specialAbility(code: "YC01")
        for examiner in exams.examiners.prefix(3) {
            _ = try exams.store.qualifyExaminer(id: examiner.examiner.id!, target: item, actor: exams.admin)
        }
        let session = try exams.openSession(ExamWorld.plan([ExamRoomPlan(name: "实操", part: .practical, seats: 10)], target: item))
        _ = try exams.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId, declaration: CandidateDeclaration(),
                                              actor: exams.admin)
        try exams.staff(session, room: "实操", Array(exams.examiners.prefix(3)))
        _ = try exams.store.moveExamSession(id: session.id!, to: .closed, actor: exams.admin)
        _ = try exams.store.holdExamSession(id: session.id!, actor: exams.admin)
        let second = try exams.store.addUser(login: "bureau.two", name: "二", role: .bureau, institutionId: nil, actor: exams.admin)
        for user in [exams.admin, second] {
            _ = try exams.store.enterScore(sessionId: session.id!, ScoreLine(ticket: "2026000010001", part: "practical", mark: "75"), actor: user)
        }
        _ = try exams.store.lockResults(sessionId: session.id!, actor: exams.admin)
        let issued = try exams.store.issueCertificates(sessionId: session.id!, actor: exams.admin)
        #expect(issued.issued.map(\.number) == ["S00004400012326Z000001"])
        #expect(issued.issued.first?.targetName == "广东烧味制作（专项职业能力）")
    }

    @Test func twoIssuersAtOnceNeverShareANumber() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-certs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("city.sqlite").path
        let exams = try ExamWorld(path: path)
        // Session 1: the cohort, everyone passes.
        let first = try ResultsWorld(exams: exams)
        for ticket in 0..<3 {
            try first.confirm(ticket, "theory", "80")
            try first.confirm(ticket, "practical", "80")
        }
        _ = try exams.store.lockResults(sessionId: first.session.id!, actor: exams.admin)
        // Session 2: three people applying on their own, everyone passes.
        let open = try exams.openSession()
        for (id, name) in [("442000197507070071", "甲"), ("44200019700606006X", "乙"), ("442000198004040043", "丙")] {
            let parsed = try NationalID.parse(id, today: fixedDay)
            if (try? exams.store.person(nationalId: parsed, actor: exams.admin)) == nil {
                _ = try exams.store.registerPerson(NewPerson(nationalId: parsed, name: name),
                                                   actor: exams.admin)
            }
            _ = try exams.store.registerCandidate(sessionId: open.id!, nationalId: parsed, declaration: CandidateDeclaration(declaredYears: 1),
                                                  actor: exams.admin)
        }
        try exams.staff(open, room: "理论一室", Array(exams.examiners[0...1]))
        try exams.staff(open, room: "实操一组", Array(exams.examiners[0...2]))
        _ = try exams.store.moveExamSession(id: open.id!, to: .closed, actor: exams.admin)
        _ = try exams.store.holdExamSession(id: open.id!, actor: exams.admin)
        for sequence in 1...3 {
            for part in ["theory", "practical"] {
                for user in [exams.admin, first.second] {
                    _ = try exams.store.enterScore(sessionId: open.id!, ScoreLine(ticket: "202600002000\(sequence)", part: part, mark: "70"),
                                                   actor: user)
                }
            }
        }
        _ = try exams.store.lockResults(sessionId: open.id!, actor: exams.admin)

        // Two connections (as two terminals, or a terminal and the web app) issue at the same moment.
        let other = try Store.open(path: path, clock: .fixed(fixedDay))
        let stores = [exams.store, other]
        let sessions = [first.session.id!, open.id!]
        let numbers = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let issued = try? stores[index].issueCertificates(sessionId: sessions[index], actor: exams.admin)
            numbers.withLock { $0 += issued?.issued.map(\.number) ?? [] }
        }
        let all = numbers.withLock { $0 }
        #expect(all.count == 6)
        #expect(Set(all).count == 6)
        let serials = Set(all.map { String($0.suffix(6)) })
        #expect(serials == Set((1...6).map { $0.zeroPadded(6) }))
    }
}

@Suite struct CertificateRecordTests {
    @Test func verificationAnswersValidRevokedNoSuchOrNoMatchWithoutNamingTheHolder() throws {
        let (r, issued) = try certifiedWorld()
        let number = issued.issued[0].number
        #expect(try r.store.verifyCertificate(number: number, name: "陈大文", nationalId: nil, actor: r.exams.world.clerkB) == .valid(issued.issued[0]))
        #expect(try r.store.verifyCertificate(number: number.lowercased(), name: nil, nationalId: chen.nationalId, actor: r.admin)
                == .valid(issued.issued[0]))
        #expect(try r.store.verifyCertificate(number: number, name: "王𠈌", nationalId: nil, actor: r.admin) == .noMatch)
        #expect(try r.store.verifyCertificate(number: number, name: "陈大文", nationalId: wang.nationalId, actor: r.admin) == .noMatch)
        #expect(try r.store.verifyCertificate(number: "S000044000123265999999", name: "陈大文", nationalId: nil, actor: r.admin) == .noSuchCertificate)
        #expect(storeError { _ = try r.store.verifyCertificate(number: number, name: " ", nationalId: nil, actor: r.admin) }
                .contains("verification needs the holder's name or national ID"))
        _ = try r.store.revokeCertificate(number: number, reason: "冒名顶替", actor: r.admin)
        guard case .revoked(let line) = try r.store.verifyCertificate(number: number, name: "陈大文", nationalId: nil, actor: r.admin) else {
            Issue.record("not revoked")
            return
        }
        #expect(line.revokedOn == "2026-11-21" && line.revocationReason == "冒名顶替")
    }

    @Test func aMalformedNumberIsRefusedSayingWhatIsWrongAndAWellFormedUnknownOneIsNotFound() throws {
        let (r, _) = try certifiedWorld()
        func verify(_ number: String) throws -> CertificateVerification {
            try r.store.verifyCertificate(number: number, name: "陈大文", nationalId: nil, actor: r.admin)
        }
        #expect {
            try verify("S00004400012326500000")
        } throws: { error in
            guard case StoreError.invalid(let problem) = error else { return false }
            return problem.field == .certificateNumber && problem.value == "S00004400012326500000"
                && problem.rule.english.hasPrefix("the certificate number has 21 characters, 22 expected (a letter and 21 digits)")
                && problem.rule.chinese.hasPrefix("证书编号长度为 21 位，应为 22 位")
        }
        #expect(storeError { _ = try verify("S000044000123267000001") }
                .contains("character 16 of the certificate number, the level, is \"7\"; it must be 1-5"))
        #expect(storeError { _ = try verify("S0000440001232650O0001") }
                .contains("character 18 of the certificate number is \"O\"; characters 2-22 must be digits"))
        // Well formed, national or of the special-ability pattern, but never issued.
        #expect(try verify("S000044000123265999999") == .noSuchCertificate)
        #expect(try verify("S00004400012326Z000001") == .noSuchCertificate)
    }

    @Test func revocationAndReissueAreBureauActionsThatKeepTheNumber() throws {
        let (r, issued) = try certifiedWorld()
        let number = issued.issued[0].number
        #expect(throws: StoreError.self) { try r.store.reissueCertificate(number: number, reason: .lost, note: "遗失", actor: r.exams.world.clerkA) }
        let reissued = try r.store.reissueCertificate(number: number, reason: .lost, note: "搬家遗失，已登报声明", actor: r.admin)
        #expect(reissued.number == number && reissued.reissues == 1)
        #expect(throws: StoreError.self) { try r.store.revokeCertificate(number: number, reason: "x", actor: r.exams.world.clerkA) }
        #expect(throws: StoreError.self) { try r.store.revokeCertificate(number: number, reason: " ", actor: r.admin) }
        _ = try r.store.revokeCertificate(number: number, reason: "冒名顶替", actor: r.admin)
        #expect(storeError { _ = try r.store.revokeCertificate(number: number, reason: "再次", actor: r.admin) }
                .contains("this certificate was revoked on 2026-11-21"))
        #expect(storeError { _ = try r.store.reissueCertificate(number: number, reason: .damaged, note: "损毁", actor: r.admin) }
                .contains("a revoked certificate cannot be reissued"))
        let actions = try r.exams.auditActions()
        #expect(actions.contains("cert.reissue") && actions.contains("cert.revoke"))
    }

    @Test func listingsAreScopedAndFiltered() throws {
        let (r, _) = try certifiedWorld()
        #expect(try r.store.certificates(CertificateFilter(sessionId: r.session.id), actor: r.admin).count == 1)
        #expect(try r.store.certificates(CertificateFilter(), actor: r.exams.world.clerkA).count == 1)
        #expect(try r.store.certificates(CertificateFilter(), actor: r.exams.world.clerkB).isEmpty)
        let january = DateRange(start: CivilDate(year: 2026, month: 1, day: 1)!, end: CivilDate(year: 2026, month: 1, day: 31)!)!
        #expect(try r.store.certificates(CertificateFilter(issued: january), actor: r.admin).isEmpty)
        #expect(throws: StoreError.self) { try r.store.certificates(CertificateFilter(), actor: r.exams.world.examiner) }
    }

    /// An institution's page of certificates reads their index in number order and stops at the
    /// page's end: no join and sort of all its lines first (a large school has 40,000).
    @Test func anInstitutionsPageReadsItsCertificatesInNumberOrderFromTheIndex() throws {
        let (r, _) = try certifiedWorld()
        let recorder = StatementRecorder()
        r.store.writer.writeWithoutTransaction { db in db.trace { recorder.add($0.expandedDescription) } }
        let page = try r.store.certificates(CertificateFilter(), actor: r.exams.world.clerkA, page: .first)
        r.store.writer.writeWithoutTransaction { db in db.trace(options: [], nil) }
        #expect(page.count == 1 && page.total == 1)
        let listing = try #require(recorder.statements.first { $0.contains("ORDER BY c.number") })
        let plan = try r.store.rawRead { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(listing)").map { $0["detail"] as String } }
        #expect(plan.contains { $0.contains("certificates_training_number") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE FOR ORDER BY") }, "\(plan)")
    }

    /// The roster's streamed read: the same lines, scope and order as the listing, one at a time.
    @Test func streamedLinesAreTheListedOnesInTheSameScope() throws {
        let (r, issued) = try certifiedWorld()
        _ = try r.store.reissueCertificate(number: issued.issued[0].number, reason: .lost, note: "遗失", actor: r.admin)
        for actor in [r.admin, r.exams.world.clerkA, r.exams.world.clerkB] {
            var streamed: [CertificateLine] = []
            try r.store.eachCertificate(CertificateFilter(), actor: actor) { streamed.append($0) }
            #expect(streamed == (try r.store.certificates(CertificateFilter(), actor: actor).rows), "\(actor.login)")
        }
        var all: [CertificateLine] = []
        try r.store.eachCertificate(CertificateFilter(), actor: r.admin) { all.append($0) }
        #expect(all.map(\.reissues) == [1])
        #expect(throws: StoreError.self) {
            try r.store.eachCertificate(CertificateFilter(), actor: r.exams.world.examiner) { _ in Issue.record("no line for an examiner") }
        }
    }

    @Test func anErrorThatStopsTheStreamComesBackAsItWas() throws {
        struct DiskFull: Error, Equatable {}
        let (r, _) = try certifiedWorld()
        var handed = 0
        #expect(throws: DiskFull()) {
            try r.store.eachCertificate(CertificateFilter(), actor: r.admin) { _ in
                handed += 1
                throw DiskFull()
            }
        }
        #expect(handed == 1)
        // The read is over: the Store answers the next request as usual.
        #expect(try r.store.certificates(CertificateFilter(), actor: r.admin).count == 1)
    }
}

@Suite struct SubsidyClaimTests {
    static let year = DateRange(start: CivilDate(year: 2025, month: 1, day: 1)!, end: CivilDate(year: 2026, month: 12, day: 31)!)!

    @Test func aClaimPaysTheCatalogRateInFenOnceWithinTheWindow() throws {
        let (r, issued) = try certifiedWorld()
        let schoolA = r.exams.world.schoolA.id!
        let preview = try r.store.subsidyClaim(institutionId: schoolA, period: Self.year, record: false, actor: r.exams.world.clerkA)
        #expect(preview.id == nil && preview.lines.map(\.amount) == [Money(fen: 100_000)])
        #expect(preview.lines.first?.claimableUntil == "2027-11-21")
        #expect(try r.exams.count("subsidy_claims") == 0)
        #expect(throws: StoreError.self) {
            try r.store.subsidyClaim(institutionId: schoolA, period: Self.year, record: true, actor: r.exams.world.clerkB)
        }
        let claim = try r.store.subsidyClaim(institutionId: schoolA, period: Self.year, record: true, actor: r.exams.world.clerkA)
        #expect(claim.id != nil && claim.total == Money(yuan: 1000))
        let again = try r.store.subsidyClaim(institutionId: schoolA, period: Self.year, record: false, actor: r.admin)
        #expect(again.lines.isEmpty)
        #expect(again.leftOff.map(\.reason) == [.alreadyClaimed(claimId: claim.id!)])
        #expect(storeError { _ = try r.store.subsidyClaim(institutionId: schoolA, period: Self.year, record: true, actor: r.admin) }
                .contains("no certificate of this period can be claimed"))
        #expect(issued.issued.count == 1)
    }

    @Test func expiredAndRevokedCertificatesAreLeftOffWithTheirReason() throws {
        let (r, issued) = try certifiedWorld()
        _ = try r.store.amendMark(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], part: .theory, mark: "60", reason: "漏计", actor: r.admin)
        let second = try r.store.issueCertificates(sessionId: r.session.id!, actor: r.admin).issued[0]
        try r.store.rawWrite { db in
            try db.execute(sql: "UPDATE certificates SET issued_on = '2025-11-20' WHERE number = ?", arguments: [second.number])
        }
        _ = try r.store.revokeCertificate(number: issued.issued[0].number, reason: "冒名顶替", actor: r.admin)
        let claim = try r.store.subsidyClaim(institutionId: r.exams.world.schoolA.id!, period: Self.year, record: false, actor: r.admin)
        #expect(claim.lines.isEmpty)
        #expect(claim.leftOff.map(\.reason) == [.revoked, .expired(claimableUntil: "2026-11-20")])
    }
}
