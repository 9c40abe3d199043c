import GRDB
import Domain

/// One score as an examiner gives it: from the command line, or a row of a filled score sheet.
public struct ScoreLine: Sendable, Equatable {
    /// Where the line came from, for messages: the file and sheet (`scores.xlsx › 理论一室`) and
    /// the row; nil for the command line.
    public var sheet: String?
    public var row: Int?
    public var ticket: String
    /// The name on the sheet, checked against the ticket's candidate when given.
    public var name: String?
    public var part: String
    /// The score (`85.5`), or 缺考 / 违纪.
    public var mark: String
    /// A score sheet's separate 缺考/违纪 cell; at most one of `mark` and `outcome` is filled.
    public var outcome: String

    public init(sheet: String? = nil, row: Int? = nil, ticket: String, name: String? = nil, part: String, mark: String,
                outcome: String = "") {
        self.sheet = sheet
        self.row = row
        self.ticket = ticket
        self.name = name
        self.part = part
        self.mark = mark
        self.outcome = outcome
    }
}

/// A score line that was refused, with the field at fault.
public struct ScoreLineProblem: BilingualError, Equatable {
    public let line: ScoreLine
    /// The line's position in what was given, so that the caller finds its source row.
    public let index: Int
    public let field: ListField
    public let value: String
    public let rule: Rejection

    public var chinese: String { located.chinese }
    public var english: String { located.english }

    /// The problem with its sheet and row, as every import message names them.
    public var located: FieldProblem {
        FieldProblem(file: line.sheet, line: line.row, field: .listColumn(field), value: value, rule: rule)
    }
}

/// What one entry did to its part.
public enum ScoreEntryResult: Sendable, Equatable {
    /// The first of two entries; the part waits for a second user.
    case awaitingSecondEntry
    /// Final: two equal entries, or the single entry a review needs.
    case confirmed(ExamMark)
    /// The two entries differ: the part is pending until a bureau user settles it.
    case mismatch(first: ExamMark, second: ExamMark)
    /// The same user entered the same mark again (a sheet imported twice).
    case unchanged
}

/// The answer to a score sheet import.
public struct ScoreImportSummary: Sendable, Equatable {
    public let lines: Int
    public let results: [ScoreEntryResult]
    /// Non-empty when the import was refused: nothing was written.
    public let problems: [ScoreLineProblem]

    public func count(where match: (ScoreEntryResult) -> Bool) -> Int { results.filter(match).count }
}

extension Store {
    /// Records one entry of a mark. Examiners assigned to the session and bureau users enter
    /// scores while the session is held; after the lock nothing is entered.
    public func enterScore(sessionId: Int64, _ line: ScoreLine, actor: User) throws(StoreError) -> ScoreEntryResult {
        try write { db in
            let actor = try currentActor(db, actor)
            let session = try scoringSession(db, id: sessionId, actor: actor)
            let context = try ScoringContext(db, session: session)
            switch try enter(db, line, index: 0, context: context, source: "manual", actor: actor) {
            case .success(let result): return result
            case .failure(let problem): throw StoreError.invalid(problem.located)
            }
        }
    }

    /// Records every line of a filled score sheet, or none: any refused line refuses the file and
    /// every refused line is reported with its sheet and row. A `preview` answers exactly the
    /// same and writes nothing (its transaction is rolled back).
    public func importScores(sessionId: Int64, fileName: String, lines: [ScoreLine], preview: Bool = false,
                             actor: User) throws(StoreError) -> ScoreImportSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            let session = try scoringSession(db, id: sessionId, actor: actor)
            let context = try ScoringContext(db, session: session)
            var results: [ScoreEntryResult] = []
            var problems: [ScoreLineProblem] = []
            var seen: [String: ScoreLine] = [:]
            try db.inSavepoint {
                for (index, line) in lines.enumerated() {
                    let key = "\(line.ticket.trimmingWhitespace())|\((try? ExamPart.parse(line.part))?.rawValue ?? line.part)"
                    if let first = seen[key] {
                        problems.append(ScoreLineProblem(line: line, index: index, field: .ticket, value: line.ticket, rule: Rejection(
                            "同一考生同一科目在表中重复（第 \(first.row ?? 0) 行）", "the same candidate and part appear twice (row \(first.row ?? 0))")))
                        continue
                    }
                    seen[key] = line
                    switch try enter(db, line, index: index, context: context, source: fileName, actor: actor) {
                    case .success(let result): results.append(result)
                    case .failure(let problem): problems.append(problem)
                    }
                }
                if problems.isEmpty {
                    try audit(db, actor: actor, action: "results.import", entity: "exam_sessions", key: String(sessionId),
                              after: ["file": fileName, "lines": String(lines.count)])
                }
                return problems.isEmpty && !preview ? .commit : .rollback
            }
            return ScoreImportSummary(lines: lines.count, results: problems.isEmpty ? results : [], problems: problems)
        }
    }

    /// The session, if the actor may enter scores in it now.
    func scoringSession(_ db: Database, id: Int64, actor: User) throws -> ExamSession {
        guard actor.role != .institution else {
            throw StoreError.notPermitted(action: "results enter", reasonZh: "机构经办人不能录入成绩",
                                          reasonEn: "institution users do not enter scores")
        }
        let session = try visibleSession(db, id: id, actor: actor)
        switch session.status {
        case .held: return session
        case .resultsLocked:
            throw StoreError.invalid(FieldProblem(field: .session, value: String(id), rule: Rejection(
                "成绩已锁定，不能再录入；更正由人社局用户说明理由后修改（results amend）",
                "the results are locked: nothing more is entered; a bureau user amends a mark with a reason (results amend)")))
        default:
            throw StoreError.invalid(FieldProblem(field: .session, value: String(id), rule: Rejection(
                "考试场次“\(session.status.chineseName)”，考试举行后才能录入成绩",
                "the session is \(session.status.englishName): scores are entered once it is held")))
        }
    }

    /// Checks one line and records it; a refusal is returned, not thrown, so that an import
    /// reports every line.
    func enter(_ db: Database, _ line: ScoreLine, index: Int, context: ScoringContext, source: String,
                       actor: User) throws -> Result<ScoreEntryResult, ScoreLineProblem> {
        func refuse(_ field: ListField, _ value: String, _ rule: Rejection) -> Result<ScoreEntryResult, ScoreLineProblem> {
            .failure(ScoreLineProblem(line: line, index: index, field: field, value: value, rule: rule))
        }
        func refuse(_ field: ListField, _ value: String, _ zh: String, _ en: String) -> Result<ScoreEntryResult, ScoreLineProblem> {
            refuse(field, value, Rejection(zh, en))
        }
        let ticket = line.ticket.trimmingWhitespace()
        // A hidden character would otherwise read as an unknown ticket or another name.
        if let hidden = HiddenCharacter.first(in: ticket) {
            return refuse(.ticket, line.ticket, hidden.rejection(chineseSubject: "准考证号", englishSubject: "ticket number"))
        }
        if let name = line.name?.trimmingWhitespace(), let hidden = HiddenCharacter.first(in: name) {
            return refuse(.name, name, hidden.rejection(chineseSubject: "姓名", englishSubject: "name"))
        }
        guard let candidate = context.candidates[ticket] else {
            return refuse(.ticket, line.ticket, "本场次没有这个准考证号", "no candidate of this session has this ticket")
        }
        if let name = line.name?.trimmingWhitespace(), !name.isEmpty, name != candidate.name {
            return refuse(.name, name, "与准考证号 \(ticket) 的考生姓名不一致", "is not the name of candidate \(ticket)")
        }
        let part: ExamPart
        do {
            part = try ExamPart.parse(line.part)
        } catch {
            return refuse(.part, line.part, error)
        }
        guard let rule = context.parts[part] else {
            return refuse(.part, line.part, "本场次没有\(part.chineseName)科目", "this session has no \(part.englishName) part")
        }
        guard candidate.seatedParts.contains(part) else {
            return refuse(.part, line.part, "考生 \(ticket) 未报考\(part.chineseName)科目（补考只考未通过的科目）",
                          "candidate \(ticket) is not registered for the \(part.englishName) part (a retake sits only the failed parts)")
        }
        if actor.role == .examiner, let refusal = try examinerRefusal(db, actor: actor, registrationId: candidate.registrationId,
                                                                     part: part, ticket: ticket) {
            return refuse(.ticket, line.ticket, refusal)
        }
        let mark: ExamMark
        do {
            mark = try ExamMark.parse(score: line.mark, outcome: line.outcome, maximum: rule.maxScore)
        } catch {
            return refuse(line.mark.isEmpty && !line.outcome.isEmpty ? .outcome : .score,
                          [line.mark, line.outcome].filter { !$0.isEmpty }.joined(separator: " / "), error)
        }
        if let final = try String.fetchOne(db, cached: "SELECT mark FROM part_marks WHERE registration_id = ? AND part = ?",
                                           arguments: [candidate.registrationId, part.rawValue]) {
            let already = try String.fetchOne(db, cached: "SELECT mark FROM score_entries WHERE registration_id = ? AND part = ? AND entered_by = ?",
                                              arguments: [candidate.registrationId, part.rawValue, actor.id])
            if already == mark.code { return .success(.unchanged) }
            return refuse(.score, line.mark, "考生 \(ticket) 的\(part.chineseName)成绩已确定为 \(Store.markText(final))",
                          "the \(part.englishName) mark of candidate \(ticket) is already final (\(Store.markText(final)))")
        }
        let entries = try Row.fetchAll(db, cached: "SELECT mark, entered_by FROM score_entries WHERE registration_id = ? AND part = ? ORDER BY id",
                                       arguments: [candidate.registrationId, part.rawValue])
        if let mine = entries.first(where: { ($0["entered_by"] as Int64) == actor.id }) {
            let previous: String = mine["mark"]
            if previous == mark.code { return .success(.unchanged) }
            return refuse(.score, line.mark,
                          "您已录入考生 \(ticket) 的\(part.chineseName)成绩 \(Store.markText(previous))，录入后不能覆盖；如有误，另一人录入后由人社局处理不一致",
                          "you already entered \(Store.markText(previous)) for candidate \(ticket), \(part.englishName); an entry is never overwritten: the other entry will show the mismatch for the bureau to settle")
        }
        if entries.count >= 2 {
            return refuse(.score, line.mark, "考生 \(ticket) 的\(part.chineseName)成绩已有两人录入，待人社局处理不一致",
                          "two users have entered the \(part.englishName) mark of candidate \(ticket); the bureau settles the mismatch")
        }
        try db.execute(cached: """
            INSERT INTO score_entries (registration_id, part, mark, entered_by, source, entered_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [candidate.registrationId, part.rawValue, mark.code, actor.id, source, clock.timestamp()])
        let marks = try entries.map { try Store.mark(from: $0["mark"]) } + [mark]
        let state: DoubleEntry = DoubleEntry.isRequired(for: part) ? .state(of: marks) : .confirmed(mark)
        let result: ScoreEntryResult
        switch state {
        case .awaitingFirst, .awaitingSecond:
            result = .awaitingSecondEntry
        case .confirmed(let final):
            try db.execute(cached: "INSERT INTO part_marks (registration_id, part, mark, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [candidate.registrationId, part.rawValue, final.code,
                                       DoubleEntry.isRequired(for: part) ? "double-entry" : "single-entry", clock.timestamp()])
            result = .confirmed(final)
        case .mismatch(let first, let second):
            result = .mismatch(first: first, second: second)
        }
        try audit(db, actor: actor, action: "results.enter", entity: "exam_registrations", key: String(candidate.registrationId),
                  after: ["part": part.rawValue, "mark": mark.code, "source": source, "state": "\(result)"])
        return .success(result)
    }

    /// Why an examiner may not enter this mark: they do not staff the room the candidate sits
    /// this part in, or their own institution trained the candidate. Nil when they may.
    private func examinerRefusal(_ db: Database, actor: User, registrationId: Int64, part: ExamPart, ticket: String) throws -> Rejection? {
        let row = try Row.fetchOne(db, cached: """
            SELECT r.name AS room, e.id AS examiner_id, e.own_institution_id,
                EXISTS (SELECT 1 FROM exam_room_examiners x WHERE x.room_id = r.id AND x.examiner_id = e.id) AS staffs
            FROM exam_seats s JOIN exam_rooms r ON r.id = s.room_id, examiners e
            WHERE s.registration_id = ? AND s.part = ? AND e.user_id = ?
            """, arguments: [registrationId, part.rawValue, actor.id])
        guard let row else {
            return Rejection("您不是本场次的考评员", "you are not an examiner of this session")
        }
        let room: String = row["room"]
        guard row["staffs"] as Bool else {
            return Rejection("考生 \(ticket) 的\(part.chineseName)在考场 \(room)，您未被安排在该考场",
                             "candidate \(ticket) sits the \(part.englishName) part in room \(room), which you do not staff")
        }
        if let own: Int64 = row["own_institution_id"],
           try Int.fetchOne(db, cached: "SELECT 1 FROM exam_registrations g WHERE g.id = ? AND (\(Store.trainedByInstitutionSQL(registration: "g", institution: "?")))",
                            arguments: [registrationId, own, own]) != nil {
            return Rejection("考生 \(ticket) 由您所在的培训机构培训，须回避", "candidate \(ticket) was trained by your own institution: you must not assess them")
        }
        return nil
    }

    /// A stored mark code (`85.5`, `absent`, `breach`) as a mark; codes are written only by `enter`.
    static func mark(from code: String) throws -> ExamMark {
        do {
            return try ExamMark.parse(code, maximum: 1000)
        } catch {
            throw StoreError.database(message: "unreadable mark \(code)")
        }
    }

    /// `85.5`, `缺考`, `违纪` for messages.
    static func markText(_ code: String) -> String {
        (try? mark(from: code).description) ?? code
    }
}

/// What entering scores in one session looks up for every line: its candidates by ticket and its parts.
struct ScoringContext {
    struct Candidate {
        let registrationId: Int64
        let name: String
        let seatedParts: Set<ExamPart>
    }

    let candidates: [String: Candidate]
    let parts: [ExamPart: ExamPartRule]

    init(_ db: Database, session: ExamSession) throws {
        var seated: [Int64: Set<ExamPart>] = [:]
        for row in try Row.fetchAll(db, cached: """
            SELECT s.registration_id, s.part FROM exam_seats s JOIN exam_registrations g ON g.id = s.registration_id WHERE g.session_id = ?
            """, arguments: [session.id!]) {
            if let part = ExamPart(rawValue: row["part"]) { seated[row["registration_id"], default: []].insert(part) }
        }
        var candidates: [String: Candidate] = [:]
        for row in try Row.fetchAll(db, cached: """
            SELECT g.id, g.ticket_number, p.name FROM exam_registrations g JOIN persons p ON p.id = g.person_id WHERE g.session_id = ?
            """, arguments: [session.id!]) {
            let id: Int64 = row["id"]
            candidates[row["ticket_number"]] = Candidate(registrationId: id, name: row["name"], seatedParts: seated[id] ?? [])
        }
        self.candidates = candidates
        parts = Dictionary(uniqueKeysWithValues: try Catalog.fetch(db).examParts(for: session.target.scope).map { ($0.part, $0) })
    }
}
