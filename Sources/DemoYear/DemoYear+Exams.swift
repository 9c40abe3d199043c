import Domain
import Store

/// A class's exam session: its candidates and the marks they earn.
final class SessionRun {
    struct Candidate {
        let ticket: String
        let nationalId: String
        /// The marks as the examiners gave them; both data-entry users copy them from the sheets.
        var marks: [ExamPart: ExamMark]
        var passes: Bool {
            !marks.isEmpty && marks.values.allSatisfy { if case .score(let tenths) = $0 { tenths >= 600 } else { false } }
        }
    }

    let id: Int64
    let examDay: CivilDate
    let parts: [ExamPart]
    let rooms: [(name: String, part: ExamPart)]
    var candidates: [Candidate] = []
    var lockDay: CivilDate?

    init(id: Int64, examDay: CivilDate, parts: [ExamPart], rooms: [(name: String, part: ExamPart)]) {
        self.id = id
        self.examDay = examDay
        self.parts = parts
        self.rooms = rooms
    }
}

extension DemoYearBuilder {
    /// The bureau plans the class's session the day the class completes, for ten to eighteen days
    /// after the class ended; the school registers the next day.
    func scheduleSession(_ run: ClassRun) {
        let examDay = run.end.adding(days: random.between(10, 18))
        agenda.on(agenda.today) { try self.createSession(run, examDay: examDay) }
    }

    /// Rooms of thirty for each part the catalog sets: two invigilators each for theory, a panel
    /// of three for practical work.
    private func rooms(for kind: ClassKind, candidates: Int) -> [(name: String, part: ExamPart)] {
        let parts = catalog.examParts(for: kind.target.scope).map(\.part).sorted()
        let roomCount = max(1, (candidates + 29) / 30)
        let numerals = ["一", "二", "三", "四", "五", "六"]
        var rooms: [(name: String, part: ExamPart)] = []
        for part in parts {
            for index in 0..<roomCount {
                rooms.append((part == .theory ? "理论\(numerals[index])室" : part == .practical ? "实操\(numerals[index])组" : "评审\(numerals[index])组", part))
            }
        }
        return rooms
    }

    private func planSession(_ kind: ClassKind, examDay: CivilDate, rooms: [(name: String, part: ExamPart)]) throws -> ExamSession {
        try store.createExamSession(
            ExamSessionPlan(target: kind.target, subTrade: kind.subTrade, examDate: examDay,
                            rooms: rooms.map { ExamRoomPlan(name: $0.name, part: $0.part, seats: 30) }),
            bodyId: bodies[kind.project]!.id!, actor: admin).session
    }

    private func createSession(_ run: ClassRun, examDay: CivilDate) throws {
        let rooms = rooms(for: run.kind, candidates: run.size)
        let parts = Array(Set(rooms.map(\.part))).sorted()
        let planned = try planSession(run.kind, examDay: examDay, rooms: rooms)
        let session = SessionRun(id: planned.id!, examDay: examDay, parts: parts, rooms: rooms)
        run.session = session
        counts.sessions += 1
        if firstSessionId == nil { firstSessionId = session.id }
        _ = try store.moveExamSession(id: session.id, to: .open, actor: admin)
        agenda.on(agenda.today.adding(days: 1)) { try self.register(run) }
        agenda.on(examDay.adding(days: -2)) { try self.closeAndStaff(run) }
        agenda.on(examDay) { try self.hold(run) }
    }

    /// The year ends with next spring's sessions open for registration, one for each occupation
    /// (or special ability) the year's classes trained: the classes the schools run from now on
    /// have a session to register for, as a bureau would have by December.
    func openNextYearsSessions() throws {
        let examDay = CivilDate(year: plan.year + 1, month: 3, day: 20)!
        var planned: Set<String> = []
        for run in classes where planned.insert("\(run.kind.target)|\(run.kind.subTrade ?? "")").inserted {
            let session = try planSession(run.kind, examDay: examDay, rooms: rooms(for: run.kind, candidates: 60))
            _ = try store.moveExamSession(id: session.id!, to: .open, actor: admin)
            counts.sessionsOpen += 1
        }
    }

    /// The school registers its completed trainees, declaring what the eligibility route needs.
    private func register(_ run: ClassRun) throws {
        let session = run.session!
        let outcome = try store.registerCohort(sessionId: session.id, cohortId: run.cohortId!, declaration: run.kind.declaration,
                                               actor: run.school.clerk)
        guard outcome.refused.isEmpty else {
            throw DemoError.refused(step: "session register \(session.id)", chinese: "\(outcome.refused.count) 名学员不符合申报条件",
                                    english: "\(outcome.refused.count) trainee(s) met no eligibility route")
        }
        for candidate in outcome.registered {
            guard case .registered(let ticket, _, _) = candidate.result else { continue }
            session.candidates.append(SessionRun.Candidate(ticket: ticket, nationalId: candidate.nationalId, marks: [:]))
        }
        counts.registrations += session.candidates.count
        run.trainees = []
    }

    private func closeAndStaff(_ run: ClassRun) throws {
        let session = run.session!
        _ = try store.moveExamSession(id: session.id, to: .closed, actor: admin)
        let pool = examiners[run.kind.project]!
        // The body's examiners take turns, session by session.
        var next = Int(session.id * 7 % Int64(pool.count))
        for room in session.rooms {
            let needed = room.part == .theory ? 2 : 3
            var ids: [Int64] = []
            for _ in 0..<needed {
                ids.append(pool[next])
                next = (next + 1) % pool.count
            }
            _ = try store.assignExaminers(sessionId: session.id, roomName: room.name, examinerIds: ids, actor: admin)
        }
    }

    /// The exam day; the marks are entered by two users within the week, mismatches settled,
    /// the results locked, amended and re-checked where candidates ask, then certificates issued.
    private func hold(_ run: ClassRun) throws {
        let session = run.session!
        guard !session.candidates.isEmpty else { return }
        _ = try store.holdExamSession(id: session.id, actor: admin)
        let showcase = !firstSessionClaimed && session.candidates.count >= 4
        if showcase {
            firstSessionClaimed = true
            showcaseSessionId = session.id
        }
        markCandidates(session, apprentices: Set(run.apprentices), showcase: showcase)
        let typos = typoLines(session, showcase: showcase)
        agenda.on(session.examDay.adding(days: 3)) { try self.enterScores(session, by: self.entryOne, typos: [:]) }
        agenda.on(session.examDay.adding(days: 5)) { try self.enterScores(session, by: self.entryTwo, typos: typos) }
        agenda.on(session.examDay.adding(days: 6)) { try self.settle(session, typos: typos) }
        let lockDay = session.examDay.adding(days: 8)
        session.lockDay = lockDay
        agenda.on(lockDay) {
            _ = try self.store.lockResults(sessionId: session.id, actor: self.admin)
            self.scheduleCorrections(run, showcase: showcase)
        }
    }

    /// What every candidate scored: a share absent (缺考), a rare breach (违纪), each part passed
    /// at the plan's rate. The showcase session has one of each correction to make.
    private func markCandidates(_ session: SessionRun, apprentices: Set<String>, showcase: Bool) {
        for index in session.candidates.indices {
            let candidate = session.candidates[index]
            var marks: [ExamPart: ExamMark] = [:]
            let absent = random.chance(0.02) || (showcase && index == 1)
            for part in session.parts {
                if absent {
                    marks[part] = .absent
                    continue
                }
                let rate = apprentices.contains(candidate.nationalId) ? 0.98 : plan.partPassRate
                marks[part] = random.chance(rate) ? .score(tenths: random.between(120, 196) * 5) : .score(tenths: random.between(50, 119) * 5)
            }
            // The showcase's third candidate misses theory by a point and a half (amended after the
            // lock), its fourth fails the practical part and asks for a re-check.
            if showcase && index == 2, let first = session.parts.first {
                for part in session.parts { marks[part] = .score(tenths: 780) }
                marks[first] = .score(tenths: 585)
            }
            if showcase && index == 3, let last = session.parts.last {
                for part in session.parts { marks[part] = .score(tenths: 700) }
                marks[last] = .score(tenths: 520)
            }
            if !absent && !(showcase && index >= 2) && random.chance(0.002), let part = session.parts.last {
                marks[part] = .breach
                counts.breaches += 1
            }
            if absent { counts.absences += 1 }
            session.candidates[index].marks = marks
        }
    }

    /// Lines the second user mistypes (digits swapped, a ten too many): about one in a hundred.
    private func typoLines(_ session: SessionRun, showcase: Bool) -> [String: ExamMark] {
        var typos: [String: ExamMark] = [:]
        for (index, candidate) in session.candidates.enumerated() {
            // A review (综合评审) is the panel's joint mark, entered once: nothing to mistype twice.
            for part in session.parts where DoubleEntry.isRequired(for: part) {
                guard case .score(let tenths) = candidate.marks[part]!, random.chance(0.01) || (showcase && index == 0 && part == session.parts[0])
                else { continue }
                let whole = tenths / 10
                let swapped = (whole % 10) * 10 + whole / 10
                let typo = swapped != whole && whole < 100 ? swapped * 10 + tenths % 10 : (tenths >= 900 ? tenths - 100 : tenths + 100)
                typos["\(candidate.ticket)|\(part.rawValue)"] = .score(tenths: typo)
            }
        }
        return typos
    }

    /// One user's entry of the session's marks. The first user also enters the review marks
    /// (综合评审), which need a single entry; the second enters theory and practical only.
    private func enterScores(_ session: SessionRun, by user: User, typos: [String: ExamMark]) throws {
        var lines: [ScoreLine] = []
        let second = user.id == entryTwo.id
        for candidate in session.candidates {
            for part in session.parts where !second || DoubleEntry.isRequired(for: part) {
                let mark = typos["\(candidate.ticket)|\(part.rawValue)"] ?? candidate.marks[part]!
                lines.append(ScoreLine(sheet: "评分表-\(session.id).xlsx", row: lines.count + 2, ticket: candidate.ticket,
                                       part: part.rawValue, mark: mark.description))
            }
        }
        let summary = try store.importScores(sessionId: session.id, fileName: "评分表-\(session.id)-\(user.login).xlsx", lines: lines, actor: user)
        guard summary.problems.isEmpty else {
            throw DemoError.refused(step: "results import \(session.id)", chinese: summary.problems[0].chinese, english: summary.problems[0].english)
        }
    }

    /// The bureau settles each mismatch with the mark on the examiners' original sheet.
    private func settle(_ session: SessionRun, typos: [String: ExamMark]) throws {
        for candidate in session.candidates {
            for part in session.parts where typos["\(candidate.ticket)|\(part.rawValue)"] != nil {
                _ = try store.settleMismatch(sessionId: session.id, ticket: candidate.ticket, part: part,
                                             mark: candidate.marks[part]!.description, reason: "核对原始评分表", actor: admin)
                counts.mismatchesSettled += 1
            }
        }
    }

    /// After the lock: now and then an amendment (a mark added up wrongly) and a re-check asked
    /// for by a candidate who failed; then the certificates.
    private func scheduleCorrections(_ run: ClassRun, showcase: Bool) {
        let session = run.session!
        let lockDay = session.lockDay!
        let failedByAPart = session.candidates.indices.filter { index in
            let marks = session.candidates[index].marks.values
            let failing = marks.filter { if case .score(let tenths) = $0 { tenths < 600 } else { true } }
            return failing.count == 1 && marks.allSatisfy { if case .score = $0 { true } else { false } }
        }
        // The showcase session amends its third candidate and re-checks its fourth; elsewhere a
        // near miss is now and then found added up wrongly, and a failed candidate asks for a re-check.
        let amended = showcase ? failedByAPart.first { $0 == 2 }
            : random.chance(0.08) ? failedByAPart.first { index in
                session.candidates[index].marks.values.contains { if case .score(let tenths) = $0 { (550..<600).contains(tenths) } else { false } }
            } : nil
        if let amended {
            agenda.on(lockDay.adding(days: 2)) { try self.amend(session, candidate: amended) }
        }
        let rechecked = showcase ? failedByAPart.first { $0 == 3 } : random.chance(0.06) ? failedByAPart.first { $0 != amended } : nil
        if let index = rechecked {
            agenda.on(lockDay.adding(days: 3)) {
                let part = self.failingPart(session.candidates[index])
                _ = try self.store.requestRecheck(sessionId: session.id, ticket: session.candidates[index].ticket,
                                                  reason: "对\(part.chineseName)成绩有异议", actor: run.school.clerk)
                self.counts.rechecks += 1
            }
            agenda.on(lockDay.adding(days: 10)) { try self.decideRecheck(session, candidate: index) }
        }
        agenda.on(lockDay.adding(days: 14)) { try self.issue(run) }
    }

    private func failingPart(_ candidate: SessionRun.Candidate) -> ExamPart {
        candidate.marks.first { if case .score(let tenths) = $0.value { tenths < 600 } else { true } }!.key
    }

    private func amend(_ session: SessionRun, candidate index: Int) throws {
        let part = failingPart(session.candidates[index])
        let mark = ExamMark.score(tenths: 600 + random.between(0, 6) * 5)
        _ = try store.amendMark(sessionId: session.id, ticket: session.candidates[index].ticket, part: part, mark: mark.description,
                                reason: "复核试卷发现漏计一题分数", actor: admin)
        session.candidates[index].marks[part] = mark
        counts.amendments += 1
    }

    private func decideRecheck(_ session: SessionRun, candidate index: Int) throws {
        let part = failingPart(session.candidates[index])
        let decision: RecheckDecision
        if case .score(let tenths) = session.candidates[index].marks[part]!, tenths >= 560, random.chance(0.5) {
            let mark = ExamMark.score(tenths: 600 + random.between(0, 4) * 5)
            decision = .amended(part: part, mark: mark.description, note: "复核发现合分错误")
            session.candidates[index].marks[part] = mark
            counts.amendments += 1
        } else {
            decision = .unchanged(note: "复核无误，维持原成绩")
        }
        _ = try store.decideRecheck(sessionId: session.id, ticket: session.candidates[index].ticket, decision: decision, actor: admin)
    }

    /// Certificates for the passed; last year's apprentices among them complete their
    /// apprenticeship; now and then a certificate is later revoked or reissued.
    private func issue(_ run: ClassRun) throws {
        let session = run.session!
        counts.passed += session.candidates.filter(\.passes).count
        let result = try store.issueCertificates(sessionId: session.id, actor: admin)
        counts.certificates += result.issued.count
        if let level = run.kind.level, level >= .level3 { counts.highSkillCertificates += result.issued.count }
        // The first issuance early enough for a revocation and a reissue within the year shows both.
        // Apprentices complete with theirs, so the two shown are the first two other holders.
        let others = result.issued.indices.filter { carriedOver[result.issued[$0].nationalId] == nil }
        let showcase = !firstIssuanceClaimed && others.count >= 3 && agenda.today.adding(days: 70) <= yearEnd
        if showcase { firstIssuanceClaimed = true }
        var holders: [String] = []
        for (index, line) in result.issued.enumerated() {
            if let apprenticeship = carriedOver[line.nationalId] {
                let day = min(yearEnd, agenda.today.adding(days: random.between(5, 20)))
                agenda.on(day) {
                    _ = try self.store.completeApprenticeship(id: apprenticeship, certificateNumber: line.number, actor: self.admin)
                    self.counts.apprenticesCompleted += 1
                }
                continue
            }
            let revokeDay = agenda.today.adding(days: random.between(15, 60))
            if (random.chance(0.002) || (showcase && index == others[0])), revokeDay <= yearEnd {
                agenda.on(revokeDay) {
                    _ = try self.store.revokeCertificate(number: line.number, reason: self.random.pick(DemoYearBuilder.revocationReasons),
                                                         actor: self.admin)
                    self.counts.revocations += 1
                }
            } else if (random.chance(0.003) || (showcase && index == others[1])), revokeDay.adding(days: 10) <= yearEnd {
                agenda.on(revokeDay.adding(days: 10)) {
                    _ = try self.store.reissueCertificate(number: line.number, reason: self.random.chance(0.7) ? .lost : .damaged,
                                                          note: "本人申请补发，已登报声明", actor: self.admin)
                    self.counts.reissues += 1
                }
                holders.append(line.nationalId)
            } else {
                holders.append(line.nationalId)
            }
        }
        // The year's 四级 holders (but those whose certificate is to be revoked) may go on to a 三级 class.
        if run.kind.level == .level4, let occupation = run.kind.occupationCode { addHolders(holders, occupation: occupation) }
        session.candidates = []
    }

    static let revocationReasons = ["冒名顶替，经查实", "报名材料弄虚作假，经查实", "考试违纪，经查实"]

    /// Training subsidies (以证定补): early in each quarter every training institution claims
    /// for the certificates its trainees obtained in the quarter before.
    func scheduleSubsidyClaims() {
        for quarter in 1...3 {
            let start = CivilDate(year: plan.year, month: quarter * 3 - 2, day: 1)!
            let period = DateRange(start: start, end: start.adding(months: 3).adding(days: -1))!
            agenda.on(start.adding(months: 3).adding(days: random.between(7, 14))) { try self.claimSubsidies(period) }
        }
    }

    private func claimSubsidies(_ period: DateRange) throws {
        for project in DemoPlan.projects {
            for school in schools[project]! {
                let preview = try store.subsidyClaim(institutionId: school.id, period: period, record: false, actor: school.clerk)
                guard !preview.lines.isEmpty else { continue }
                let claim = try store.subsidyClaim(institutionId: school.id, period: period, record: true, actor: school.clerk)
                counts.subsidyClaims += 1
                counts.subsidyClaimedYuan += Int(claim.total.fen / 100)
            }
        }
    }
}
