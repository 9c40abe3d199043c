import ArgumentParser
import Domain
import Services
import Store

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Exam sessions (认定场次): plan, staff, register candidates, hold; admission tickets and sheets.",
        subcommands: [Create.self, List.self, Show.self, Open.self, Close.self, Hold.self, Assign.self, Unassign.self,
                      Register.self, Tickets.self, SignIn.self, ScoreSheets.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a session (bureau): body, occupation and level or special-ability item, date, rooms.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The evaluation body (id or name).") var body: String
        @OptionGroup var target: TargetOptions
        @Option(help: "The sub-trade (工种) assessed, for occupations that have them (家政服务员: 母婴护理员 …).") var subTrade: String?
        @Option(help: "Exam day, YYYY-MM-DD.") var date: String
        @Option(help: "A room or panel: NAME:PART:SEATS, PART theory / practical / review (e.g. 理论一室:theory:30). Repeatable.")
        var room: [String] = []

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let plan = ExamSessionPlan(
                target: try target.target(in: try store.catalog(), purposeZh: "考试场次考核的", purposeEn: "a session assesses"),
                subTrade: subTrade, examDate: try parseOption("--date", date, CivilDate.parse),
                rooms: try room.map { text throws(CLIError) in try parseOption("--room", text, ExamRoomPlan.parse) })
            let summary = try store.createExamSession(plan, bodyId: try store.institution(body, actor: actor).id!, actor: actor)
            CLIContext.current.print("已创建考试场次 Created exam session \(summary.session.id!): \(summary.targetName) \(summary.session.examDate)，可容纳 capacity \(summary.capacity)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List sessions (examiners: the ones they are assigned to), a row each; session show has rooms, staff and staffing problems.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var paging: PagingOptions

        func run() throws {
            let store = try global.openStore()
            let sessions = try SessionDirectory(store: store).list(actor: try global.actor(in: store), page: paging.request)
            if listing.json {
                CLIContext.current.print(try jsonText(sessions.rows))
                paging.printFooter(sessions, countZh: "个考试场次", countEn: "session(s)", json: true)
                return
            }
            var table = TextTable(["编号 id", "日期 date", "考核内容 assesses", "评价机构 body", "状态 status", "报名 registered", "容量 capacity"])
            for view in sessions {
                table.add([String(view.id), view.examDate, view.target, view.body, view.statusText, String(view.registered), String(view.capacity)])
            }
            CLIContext.current.print(table.render())
            paging.printFooter(sessions, countZh: "个考试场次", countEn: "session(s)", json: false)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a session: rooms, staff, candidates per room, staffing problems.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Argument(help: "Session id.") var session: Int64

        func run() throws {
            let store = try global.openStore()
            let view = try SessionDirectory(store: store).show(actor: try global.actor(in: store), sessionId: session)
            if listing.json {
                CLIContext.current.print(try jsonText(view))
                return
            }
            CLIContext.current.print("""
                考试场次 exam session \(view.id): \(view.target) · \(view.examDate)
                评价机构 body: \(view.body) · 状态 status: \(view.statusText) · 报名 registered \(view.registered) / 容量 capacity \(view.capacity)
                """)
            var table = TextTable(["考场 room", "科目 part", "座位 seats", "考生 candidates", "考评员 examiners"])
            for room in view.rooms {
                table.add([room.name, room.part, String(room.seats), String(room.candidates), room.examiners.joined(separator: "、")])
            }
            CLIContext.current.print(table.render())
            if view.staffingProblems.isEmpty {
                CLIContext.current.print("人员配置符合规定 Staffing meets the rules.")
            } else {
                CLIContext.current.print("人员配置问题 Staffing problems (the session cannot be held until they are fixed):")
                for problem in view.staffingProblems { CLIContext.current.print("- \(problem)") }
            }
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a planned session and open registration (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64

        func run() throws {
            let store = try global.openStore()
            let summary = try store.moveExamSession(id: session, to: .open, actor: try global.actor(in: store))
            CLIContext.current.print("考试场次 \(session) 已开始报名 Session \(session) is open for registration (capacity \(summary.capacity)).")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close registration (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64

        func run() throws {
            let store = try global.openStore()
            let summary = try store.moveExamSession(id: session, to: .closed, actor: try global.actor(in: store))
            CLIContext.current.print("考试场次 \(session) 报名截止 Registration closed: \(summary.registered) candidate(s).")
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that the session took place (bureau): refused while a staffing rule is broken.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64

        func run() throws {
            let store = try global.openStore()
            _ = try store.holdExamSession(id: session, actor: try global.actor(in: store))
            CLIContext.current.print("考试场次 \(session) 已考试 Session \(session) is held; scores may now be entered.")
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put an examiner in a room or on a panel (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64
        @Option(help: "Room or panel name.") var room: String
        @Option(help: "Examiner id (see examiner list). Repeatable.") var examiner: [Int64]

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let summary = try store.assignExaminers(sessionId: session, roomName: room, examinerIds: examiner, actor: actor)
            CLIContext.current.print("已安排 Assigned examiner(s) \(examiner.map(String.init).joined(separator: ", ")) to \(room)")
            let problems = summary.staffingProblems
            if !problems.isEmpty {
                CLIContext.current.print("尚未符合规定 Still short of the rules:")
                for problem in problems { CLIContext.current.print("- \(problem)") }
            }
        }
    }

    struct Unassign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take an examiner out of a room (bureau), with a reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64
        @Option(help: "Room or panel name.") var room: String
        @Option(help: "Examiner id.") var examiner: Int64
        @Option(help: "Why (kept in the audit trail).") var reason: String

        func run() throws {
            let store = try global.openStore()
            _ = try store.unassignExaminer(sessionId: session, roomName: room, examinerId: examiner, reason: reason,
                                           actor: try global.actor(in: store))
            CLIContext.current.print("已撤下 Took examiner \(examiner) out of \(room)")
        }
    }
}
