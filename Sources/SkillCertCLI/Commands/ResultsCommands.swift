import ArgumentParser
import Domain
import Services
import Store

struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Exam results: score entry (twice, by two users), mismatches, lock, amendments, re-checks, the results roster.",
        subcommands: [Enter.self, Import.self, Show.self, Settle.self, Lock.self, Amend.self, Recheck.self, RecheckDecide.self,
                      Roster.self])

    /// `--ticket` and `--part` of one candidate's part.
    struct PartOptions: ParsableArguments {
        @Argument(help: "Session id.") var session: Int64
        @Option(help: "Admission ticket number (准考证号).") var ticket: String
        @Option(help: "Part: theory / practical / review (理论 / 实操 / 评审).") var part: String

        func examPart() throws -> ExamPart { try parseOption("--part", part, ExamPart.parse) }
    }

    struct Enter: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter one mark (examiners of the session, bureau): a score 0-100 with one decimal, 缺考 or 违纪.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: PartOptions
        @Option(help: "The score, or 缺考 (absent) / 违纪 (breach).") var score: String

        func run() throws {
            let store = try global.openStore()
            let result = try store.enterScore(sessionId: target.session,
                                              ScoreLine(ticket: target.ticket, part: target.part, mark: score),
                                              actor: try global.actor(in: store))
            CLIContext.current.print("\(target.ticket) \(target.part): \(ResultsCommand.describe(result))")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the results per candidate and part (institutions: their own candidates).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Argument(help: "Session id.") var session: Int64
        @Flag(help: "Only the candidates with a mark not yet final.") var pending = false

        func run() throws {
            let store = try global.openStore()
            let results = try ResultsDirectory(store: store).show(actor: try global.actor(in: store), sessionId: session, pendingOnly: pending)
            if listing.json {
                CLIContext.current.print(try jsonText(results.candidates))
                return
            }
            var table = TextTable(["准考证号 ticket", "姓名 name"] + results.parts.map { "\($0.chineseName) \($0.rawValue)" } + ["结果 result"])
            for view in results.candidates { table.add([view.ticket, view.name] + view.parts.map(\.text) + [view.resultText]) }
            CLIContext.current.print(table.render())
            CLIContext.current.print("""
                考生 candidates \(results.candidateCount) · 合格 passed \(results.passed) · 待定 pending \(results.pending)\
                 · 状态 status \(results.status.chineseName) \(results.status.englishName)
                """)
        }
    }

    struct Settle: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Settle a mismatch between two entries (bureau), with a reason.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: PartOptions
        @Option(help: "The mark that counts.") var score: String
        @Option(help: "Why (e.g. 核对原始试卷).") var reason: String

        func run() throws {
            let store = try global.openStore()
            let mark = try store.settleMismatch(sessionId: target.session, ticket: target.ticket, part: try target.examPart(),
                                                mark: score, reason: reason, actor: try global.actor(in: store))
            CLIContext.current.print("已处理 Settled \(target.ticket) \(target.part): \(mark)")
        }
    }

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lock and publish the results (bureau): refused while a mark is pending.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64

        func run() throws {
            let store = try global.openStore()
            let results = try store.lockResults(sessionId: session, actor: try global.actor(in: store))
            let passed = results.candidates.filter(\.passed).count
            CLIContext.current.print("成绩已锁定 Results locked on \(results.summary.session.resultsLockedOn ?? ""): 合格 passed \(passed) / \(results.candidates.count)")
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Amend a locked mark (bureau), with a reason; before and after are kept.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: PartOptions
        @Option(help: "The corrected mark.") var score: String
        @Option(help: "Why.") var reason: String

        func run() throws {
            let store = try global.openStore()
            let amendment = try store.amendMark(sessionId: target.session, ticket: target.ticket, part: try target.examPart(),
                                                mark: score, reason: reason, actor: try global.actor(in: store))
            CLIContext.current.print("已更正 Amended \(target.ticket) \(target.part): \(amendment.before) → \(amendment.after)")
        }
    }

    struct Recheck: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a candidate's request for a re-check (复核), within the catalog's window after the lock.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64
        @Option(help: "Admission ticket number.") var ticket: String
        @Option(help: "The candidate's reason.") var reason: String

        func run() throws {
            let store = try global.openStore()
            let record = try store.requestRecheck(sessionId: session, ticket: ticket, reason: reason, actor: try global.actor(in: store))
            CLIContext.current.print("已登记复核申请 Re-check requested: \(record.ticketNumber) \(record.name) \(record.requestedOn)")
        }
    }

    struct RecheckDecide: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recheck-decide", abstract: "Record a re-check's outcome (bureau): --unchanged, or --part and --score to amend.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64
        @Option(help: "Admission ticket number.") var ticket: String
        @Flag(help: "The marks stand.") var unchanged = false
        @Option(help: "The part amended.") var part: String?
        @Option(help: "The amended mark.") var score: String?
        @Option(help: "What the re-check found.") var note: String

        func run() throws {
            let store = try global.openStore()
            let decision: RecheckDecision
            switch (unchanged, part, score) {
            case (true, nil, nil): decision = .unchanged(note: note)
            case (false, let part?, let score?):
                decision = .amended(part: try parseOption("--part", part, ExamPart.parse), mark: score, note: note)
            default:
                throw CLIError.missingOption(option: "--unchanged, or --part and --score", reasonZh: "复核结论为维持原成绩，或更正某一科目的成绩",
                                             reasonEn: "a re-check either leaves the marks unchanged or amends one part")
            }
            let record = try store.decideRecheck(sessionId: session, ticket: ticket, decision: decision, actor: try global.actor(in: store))
            CLIContext.current.print("复核结论 Re-check decided: \(record.ticketNumber) \(record.outcome == "amended" ? "更正 amended" : "维持 unchanged")")
        }
    }

    static func describe(_ result: ScoreEntryResult) -> String {
        switch result {
        case .awaitingSecondEntry: "已录入，待第二人录入 entered; a second entry by another user is needed"
        case .confirmed(let mark): "已确定 final: \(mark)"
        case .mismatch(let first, let second): "两次录入不一致 the entries differ (\(first) / \(second)); the bureau settles it"
        case .unchanged: "与您此前录入相同 same as your earlier entry"
        }
    }
}
