import Domain
import Store

/// The examiner's rooms: per room, its session and how far its marks are.
struct RoomsPage {
    struct Row {
        let href: String
        let examDate: String
        let sessionId: Int64
        let target: String
        let body: String
        let room: String
        let partZh: String
        let partEn: String
        let candidates: Int
        let entered: Int
        let awaitingSecond: Int
        let disagreeing: Int
        let hasDisagreeing: Bool
        let statusZh: String
        let statusEn: String
        let locked: Bool
        let acceptsEntries: Bool
    }

    let rows: [Row]
    let empty: Bool

    init(_ rooms: [RoomScoreGrid]) {
        rows = rooms.map { grid in
            Row(href: "/rooms/\(grid.room.id!)", examDate: grid.session.examDate, sessionId: grid.session.id!, target: grid.targetName,
                body: grid.bodyName, room: grid.room.name, partZh: grid.room.part.chineseName, partEn: grid.room.part.englishName,
                candidates: grid.lines.count, entered: grid.entered, awaitingSecond: grid.count(.awaitingSecond),
                disagreeing: grid.count(.disagrees), hasDisagreeing: grid.count(.disagrees) > 0,
                statusZh: grid.session.status.chineseName, statusEn: grid.session.status.englishName,
                locked: grid.session.status == .resultsLocked, acceptsEntries: grid.acceptsEntries)
        }
        empty = rows.isEmpty
    }
}

/// One room's score-entry grid: a line per candidate with her own entry or an input, the line's
/// state, and, after a save, each refused value as typed with its reason.
struct RoomGridPage {
    struct Line {
        let seat: Int
        let ticket: String
        let name: String
        let nationalId: String
        let inputId: String
        /// The input, for a line the user may enter now (or whose value was refused).
        let open: Bool
        /// What the input shows: a refused value as typed, otherwise empty.
        let value: String
        /// The user's own entry, once made.
        let ownEntry: String?
        let state: String
        let stateZh: String
        let stateEn: String
        let disagrees: Bool
        let error: FormMessage?
        /// A refused value on a line that no longer takes one (another user finished it meanwhile).
        let refusedValue: String?
    }

    let action: String
    let title: String
    let examDate: String
    let sessionId: Int64
    let target: String
    let body: String
    let partZh: String
    let partEn: String
    let statusZh: String
    let statusEn: String
    let acceptsEntries: Bool
    let locked: Bool
    let closed: FormMessage?
    let maxScore: Int
    let pattern: String
    let lines: [Line]
    let hasOpenLines: Bool
    let candidates: Int
    let entered: Int
    let awaitingSecond: Int
    let disagreeing: Int
    let saved: Int?
    let refusedCount: Int
    let hasRefused: Bool
    let uploadHref: String?

    /// The input of a line is named by its registration, which the grid of the POST looks up again.
    static func inputName(_ line: RoomScoreLine) -> String { "mark-\(line.registrationId)" }

    static func roomTitle(_ grid: RoomScoreGrid) -> String {
        "\(grid.room.name) · \(grid.room.part.chineseName) \(grid.room.part.englishName)"
    }

    /// Why the room takes no marks now: before the session is held, or after the lock.
    static func closedProblem(_ grid: RoomScoreGrid) -> FieldProblem {
        let status = grid.session.status
        let rule = status == .resultsLocked
            ? Rejection("成绩已锁定，不能再录入或修改；更正由人社局用户说明理由后修改",
                        "the results are locked: nothing is entered or changed here any more; a bureau user amends a mark with a reason")
            : Rejection("考试场次“\(status.chineseName)”，考试举行后才能录入成绩",
                        "the session is \(status.englishName): marks are entered once it is held")
        return FieldProblem(field: .session, value: String(grid.session.id!), rule: rule)
    }

    init(_ grid: RoomScoreGrid, saved: Int? = nil, outcomes: [RoomMarkOutcome] = []) {
        let refused = Dictionary(outcomes.compactMap { outcome -> (String, (String, ScoreLineProblem))? in
            guard case .failure(let problem) = outcome.result else { return nil }
            return (outcome.mark.ticket, (outcome.mark.mark, problem))
        }, uniquingKeysWith: { first, _ in first })
        action = "/rooms/\(grid.room.id!)"
        title = Self.roomTitle(grid)
        examDate = grid.session.examDate
        sessionId = grid.session.id!
        target = grid.targetName
        body = grid.bodyName
        partZh = grid.room.part.chineseName
        partEn = grid.room.part.englishName
        statusZh = grid.session.status.chineseName
        statusEn = grid.session.status.englishName
        acceptsEntries = grid.acceptsEntries
        locked = grid.session.status == .resultsLocked
        closed = grid.acceptsEntries ? nil : FormMessage(Self.closedProblem(grid).rule)
        maxScore = grid.maxScore
        pattern = Self.pattern(maxScore: grid.maxScore)
        lines = grid.lines.map { line in
            let typed = refused[line.ticket]
            let state = Self.stateText(line.state)
            let open = line.open && grid.acceptsEntries
            return Line(seat: line.seat, ticket: line.ticket, name: line.name, nationalId: line.maskedNationalId,
                        inputId: Self.inputName(line), open: open, value: open ? typed?.0 ?? "" : "",
                        ownEntry: line.ownEntry?.description, state: line.state.rawValue, stateZh: state.zh, stateEn: state.en,
                        disagrees: line.state == .disagrees,
                        error: typed.map { FormMessage($0.1.rule) },
                        refusedValue: open ? nil : typed?.0)
        }
        hasOpenLines = lines.contains { $0.open }
        candidates = grid.lines.count
        entered = grid.entered
        awaitingSecond = grid.count(.awaitingSecond)
        disagreeing = grid.count(.disagrees)
        self.saved = saved
        refusedCount = refused.count
        hasRefused = !refused.isEmpty
        uploadHref = grid.acceptsEntries ? "/rooms/\(grid.room.id!)/score-sheet" : nil
    }

    static func stateText(_ state: RoomLineState) -> (zh: String, en: String) {
        switch state {
        case .notEntered: ("未录入", "Not entered")
        case .awaitingSecond: ("待第二人录入", "Awaiting a second entry")
        case .matched: ("两次一致，已确定", "Entries match: final")
        case .disagrees: ("两次录入不一致，待人社局处理", "Entries disagree: the bureau settles it")
        case .settled: ("已由人社局确定", "Settled by the bureau")
        }
    }

    /// What an input takes, as the browser checks it while typing: a score of 0 to the maximum
    /// with one decimal at most, or a code the Store reads as 缺考 / 违纪. The Store checks again.
    static func pattern(maxScore: Int) -> String {
        let score = maxScore == 100 ? "100(\\.0)?|[1-9]?[0-9](\\.[0-9])?" : "[0-9]{1,3}(\\.[0-9])?"
        return score + "|缺考|违纪|[Aa]bsent|ABSENT|[Bb]reach|BREACH"
    }
}
