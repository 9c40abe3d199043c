import ArgumentParser
import Foundation
import DemoYear
import Domain
import Services
import Store

extension DemoScale: ExpressibleByArgument {}

/// `skillcert demo`: a realistic year for one district (or a city) in its own database, built by
/// the Store's own operations, then the main rosters written into the output folder.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic year of records into its own database and write the main rosters (演示数据).",
        discussion: """
            district: the catalog's plan for the year (粤菜师傅 and 南粤家政 classes and trainees, 广东技工 classes, \
            certifications, apprentices) with withdrawals, absences, mismatches, amendments, re-checks and revocations. \
            city: about 1.2 million people on file, 300,000 enrolments, 200,000 exam registrations, 150,000 certificates.
            """)

    @Option(help: "district, city, or tiny (a handful of classes, for tests).") var scale: DemoScale = .district
    @Option(help: "The database to create (default: demo.sqlite).") var db: String = "demo.sqlite"
    @Option(help: "Folder for the workbooks written (default: Exports/).") var out: String = "Exports"
    @Option(help: "The year to build; the catalog needs its targets.") var year: Int = 2026
    @Option(help: "The catalog folder.") var catalog: String = "Catalog"
    @Flag(help: "Overwrite the database if it exists.") var replace = false
    @Flag(help: "Build nothing: print the demo accounts of the existing database --db (as the end of the demo does).")
    var accounts = false

    func run() throws {
        let context = CLIContext.current
        if accounts {
            let path = context.url(for: db).path
            guard FileManager.default.fileExists(atPath: path) else { throw CLIError.databaseMissing(path: path) }
            let store = try Store.open(path: path, clock: context.clock)
            guard try store.isInitialized() else { throw StoreError.notInitialized(path: path) }
            context.print(DemoRun.accountsText(try DemoAccounts.status(store: store), database: db))
            if let verification = DemoRun.verificationText(store: store) { context.print(verification) }
            return
        }
        let catalog = try loadCatalog(self.catalog)
        let plan = try DemoPlan.make(scale: scale, year: year, catalog: catalog)
        let path = context.url(for: db).path
        if FileManager.default.fileExists(atPath: path) {
            guard replace else { throw CLIError.databaseExists(path: path) }
        }
        // The workbooks go there at the end: a folder that cannot be made is said before the year is built.
        try createFolder(context.url(for: out))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        context.print("演示数据 Demo: \(scale.rawValue), \(year) → \(path)")
        let year: DemoYearResult
        do {
            year = try DemoYear.build(plan: plan, catalog: catalog, open: { clock in try Store.open(path: path, clock: clock, durability: .rebuildable) },
                                      progress: { context.print($0) })
        } catch {
            // A half-built year is no demo: nothing is left behind.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
        var run = DemoRun(counts: year.counts, files: [])
        try run.writeRosters(of: year, into: context.url(for: out))
        context.print(run.summary)
        context.print("\n" + DemoRun.accountsText(try DemoAccounts.status(store: year.store), database: db))
        if let verification = DemoRun.verificationText(store: year.store) { context.print(verification) }
    }
}

/// What one `skillcert demo` did: the counts of the year and the workbooks written.
struct DemoRun {
    let counts: DemoCounts
    var files: [URL]

    /// The main rosters, masked as every export is: a class's roster (花名册) and its session's
    /// results (成绩册), the year's certificates (证书名册), the apprentices (学徒花名册) and the
    /// bureau's filing list (备案名单); then the quarterly statistics (季度统计) of the year's
    /// last quarter.
    mutating func writeRosters(of year: DemoYearResult, into folder: URL) throws {
        try createFolder(folder)
        let (store, admin) = (year.store, year.admin)
        let period = String(year.plan.year)
        func file(_ name: String) -> ReportDestination { { folder.appendingPathComponent(name) } }
        if let cohort = year.firstCohortId {
            files.append(try TrainingReports(store: store).cohortRoster(actor: admin, cohortId: cohort, to: file("roster-cohort-\(cohort).xlsx")).file)
        }
        if let session = year.sampleSessionId {
            files.append(try ExamReports(store: store).resultsRoster(actor: admin, sessionId: session, to: file("results-session-\(session).xlsx")).file)
        }
        // Streamed, as `cert roster` does: a city's 150,000 certificates never sit in memory.
        files.append(try CertificateReports(store: store).roster(actor: admin, filter: CertificateFilter(issued: Period.year(year.plan.year).range),
                                                                 title: period, to: file("certificates-\(period).xlsx")).file)
        let apprentices = ApprenticeReports(store: store)
        files.append(try apprentices.roster(actor: admin, to: file("apprentices.xlsx")).file)
        files.append(try apprentices.filingList(actor: admin, period: .year(year.plan.year), periodLabel: period,
                                                to: file("filing-list-\(period).xlsx")).file)
        // The year's last quarter, whose year to date is the whole year.
        files.append(try StatisticsReports(store: store).quarterly(actor: admin, year: year.plan.year, quarter: .q4,
                                                                   to: file("quarterly-\(period)Q4.xlsx")).file)
    }

    /// The public verification address of one valid certificate of the year, with its holder's
    /// name, to open in a browser as an employer would (the address `skillcert serve` listens on
    /// by default). Nil for a year without certificates, or whose administrator is gone.
    static func verificationText(store: Store) -> String? {
        guard let admin = try? store.user(login: "admin"),
              let certificates = try? store.certificates(CertificateFilter(), actor: admin, page: PageRequest(size: 20)),
              let valid = certificates.rows.first(where: { $0.revokedOn == nil }) else { return nil }
        return "证书查验 Verify a certificate: \(PublicAddress.local.certificateVerification(valid.number))（持证人 holder: \(valid.name)）"
    }

    /// The accounts to sign in with, one per role, each with its password while that still
    /// works; a password changed since is said to be, with the way back.
    static func accountsText(_ accounts: [DemoAccountStatus], database: String) -> String {
        var table = TextTable(["登录名 login", "密码 password", "角色 role", "机构 institution"])
        for status in accounts {
            let password = status.user == nil ? "（无此用户 no such user）"
                : status.passwordWorks ? status.account.password : "（已修改 changed since）"
            table.add([status.account.login, password, "\(status.account.role.chineseName) \(status.account.role.rawValue)",
                       status.institutionName ?? ""])
        }
        var text = """
            演示账号 Demo accounts: skillcert serve --db \(database) 后在浏览器登录 · sign in to the web app \
            (skillcert serve --db \(database)) with one of them
            \(table.render())
            """
        if accounts.contains(where: { !$0.passwordWorks }) {
            text += "\n有的演示账号已不能用演示密码登录：删除 \(database) 后重新运行 make demo 即可恢复 · "
                + "some demo password no longer works: delete \(database) and run make demo again to get them back"
        }
        return text
    }

    var summary: String {
        let c = counts
        let projects = ["yuecai": "粤菜师傅", "nanyue": "南粤家政", "jigong": "广东技工"]
        let classes = ["yuecai", "nanyue", "jigong"].map { "\(projects[$0]!) \(c.cohorts[$0] ?? 0) 班 classes / \(c.enrolments[$0] ?? 0) 人 trainees" }
        return """
            汇总 Summary
              人员 people on file        \(c.personsOnFile)
              培训 enrolments            \(c.totalEnrolments) (\(classes.joined(separator: "; ")))
                                         退学 withdrawn \(c.withdrawals) · 学时不足 short of hours \(c.shortOfHours) · 结业 completed \(c.completions)
              报名 exam registrations    \(c.registrations) in \(c.sessions) 场次 sessions · 缺考 absent \(c.absences) · 违纪 breach \(c.breaches)
                                         已考待录成绩 held, marks awaited \(c.sessionsAwaitingMarks) · 明年场次开放报名 next year's sessions open for registration \(c.sessionsOpen)
                                         不一致已处理 mismatches settled \(c.mismatchesSettled) · 更正 amendments \(c.amendments) · 复核 re-checks \(c.rechecks)
              证书 certificates          \(c.certificates) (合格 passed \(c.passed)) · 撤销 revoked \(c.revocations) · 补发 reissued \(c.reissues)
                                         高技能 high-skill (三级及以上 level 3 and above) \(c.highSkillCertificates)\
            \(c.certificates > 0 ? String(format: " (%.1f %%)", Double(c.highSkillCertificates) * 100 / Double(c.certificates)) : "")
              以证定补 subsidy claims     \(c.subsidyClaims) claims · \(c.subsidyClaimedYuan) 元 yuan
              学徒 apprentices           \(c.apprenticesRegistered) registered · \(c.apprenticesFiled) filed · \(c.apprenticesStarted) started · \
            \(c.apprenticesCompleted) completed · \(c.apprenticesTerminated) terminated (企业 enterprises \(c.enterprises))
            已写出 Wrote
            \(files.map { "  \($0.path)" }.joined(separator: "\n"))
            """
    }
}
