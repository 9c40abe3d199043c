import ArgumentParser
import Foundation
import Domain
import Services
import Store

struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Training cohorts (培训班): create, import trainee lists, hours, completion, rosters.",
        subcommands: [Create.self, List.self, Show.self, Template.self, Import.self, Hours.self, Complete.self,
                      Withdraw.self, Roster.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a cohort (bureau, or an institution for itself).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Cohort name, e.g. 2026年第3期中式烹调师（四级）培训班.") var name: String
        @Option(help: "Institution id or name (institution users: default their own).") var institution: String?
        @Option(help: "Project: yuecai / 粤菜师傅, nanyue / 南粤家政, jigong / 广东技工.") var project: String
        @OptionGroup var target: TargetOptions
        @Option(help: "District (镇街) where the cohort is held.") var district: String
        @Option(help: "First day, YYYY-MM-DD.") var start: String
        @Option(help: "Last day, YYYY-MM-DD.") var end: String
        @Option(help: "Planned hours (计划学时).") var hours: Int
        @Option(help: "Capacity: most trainees (班额).") var capacity: Int

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let catalog = try store.catalog()
            let institutionId = try resolveInstitution(institution, store: store, actor: actor)
            guard let project = catalog.project(matching: project) else {
                throw CLIError.invalidOption(option: "--project", value: project, rule: Rejection(
                    "不是目录中的项目（\(catalog.projects.map { "\($0.code) \($0.nameZh)" }.joined(separator: "、"))）",
                    "is not a project in the catalog (\(catalog.projects.map(\.code).joined(separator: ", ")))"))
            }
            let plan = CohortPlan(
                name: name, projectCode: project.code,
                target: try target.target(in: catalog, purposeZh: "培训班的培训内容", purposeEn: "a cohort trains for"), district: district,
                startDate: try parseOption("--start", start, CivilDate.parse), endDate: try parseOption("--end", end, CivilDate.parse),
                plannedHours: hours, capacity: capacity)
            let cohort = try store.createCohort(plan, institutionId: institutionId, actor: actor)
            CLIContext.current.print("已创建培训班 Created cohort \(cohort.id!): \(cohort.name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cohorts (yours only, unless bureau).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var paging: PagingOptions

        func run() throws {
            let store = try global.openStore()
            let cohorts = try CohortDirectory(store: store).list(actor: try global.actor(in: store), page: paging.request)
            if listing.json {
                CLIContext.current.print(try jsonText(cohorts.rows))
                paging.printFooter(cohorts, countZh: "个培训班", countEn: "cohort(s)", json: true)
                return
            }
            var table = TextTable(["编号 id", "培训班 cohort", "机构 institution", "日期 dates", "学时 hours", "班额 capacity",
                                   "在读 enrolled", "结业 completed", "退学 withdrawn"])
            for cohort in cohorts {
                table.add([String(cohort.id), cohort.name, cohort.institution, "\(cohort.startDate)..\(cohort.endDate)",
                           String(cohort.plannedHours), String(cohort.capacity), String(cohort.enrolled),
                           String(cohort.completed), String(cohort.withdrawn)])
            }
            CLIContext.current.print(table.render())
            paging.printFooter(cohorts, countZh: "个培训班", countEn: "cohort(s)", json: false)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a cohort and its trainees (IDs and phones masked).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Argument(help: "Cohort id.") var cohort: Int64

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let detail = try CohortDirectory(store: store).show(actor: actor, cohortId: cohort, disclosure: disclosure.choice)
            if listing.json {
                CLIContext.current.print(try jsonText(detail))
                return
            }
            let c = detail.cohort, trainees = detail.trainees
            CLIContext.current.print("""
                培训班 cohort \(c.id): \(c.name)
                机构 institution: \(c.institution) · 项目 project: \(detail.projectName) · 培训内容 target: \(detail.targetName)
                镇街 district: \(c.district) · 日期 dates: \(c.startDate) 至 \(c.endDate) · 计划学时 planned hours: \(c.plannedHours) · 班额 capacity: \(c.capacity)
                在读 enrolled \(c.enrolled) · 结业 completed \(c.completed) · 退学 withdrawn \(c.withdrawn)
                """)
            var table = TextTable(["姓名 name", "身份证号 national ID", "手机 phone", "学时 hours", "状态 status"])
            for trainee in trainees { table.add([trainee.name, trainee.nationalId, trainee.phone ?? "", trainee.hours, trainee.statusText]) }
            if !trainees.isEmpty { CLIContext.current.print(table.render()) }
        }
    }

    struct Hours: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record attended hours: one trainee (--id, --hours) or a sheet (--file) of IDs and hours.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Cohort id.") var cohort: Int64
        @Option(name: .customLong("id"), help: "The trainee's national ID.") var nationalId: String?
        @Option(help: "Total attended hours, e.g. 64 or 64.5.") var hours: String?
        @Option(help: "A sheet (.xlsx or CSV) with 身份证号 and 出勤学时 columns.") var file: String?
        @Option(help: "The sheet to read in an .xlsx (default: the first).") var sheet: String?
        @Flag(help: "Record the valid rows even if some are refused.") var acceptValid = false

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            if let file {
                let request = ImportRequest(file: CLIContext.current.url(for: file), sheet: sheet, actor: actor,
                                            errorFolder: global.outputDirectory)
                let sheetImport = AttendanceSheetImport(cohortId: cohort, request: request, mode: acceptValid ? .acceptValid : .allOrNothing,
                                                        today: try global.clock().today)
                try printAttendanceOutcome(try importShowingRefusals({ RefusalLog($0.refused).print() }) { try sheetImport.run(store: store) })
                return
            }
            guard let nationalId, let hours else {
                throw CLIError.missingOption(option: "--id and --hours, or --file", reasonZh: "请给出一名学员的身份证号和学时，或一个学时表",
                                             reasonEn: "give one trainee's ID and hours, or a sheet of them")
            }
            let today = try global.clock().today
            let id = try parseOption("--id", nationalId) { text throws(Rejection) in try NationalID.parse(text, today: today) }
            let tenths = try parseOption("--hours", hours, Domain.Hours.parse).tenths
            let outcome = try store.recordHours(cohortId: cohort, nationalId: id, hoursTenths: tenths, actor: actor)
            switch outcome {
            case .unchanged: CLIContext.current.print("学时未变 Hours unchanged: \(hours)")
            default: CLIContext.current.print("已记录学时 Recorded \(hours) hours for \(Masking.nationalID(id.value))")
            }
        }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Complete (结业) the trainees whose hours reach the catalog's share of the planned hours.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Cohort id.") var cohort: Int64
        @Option(name: .customLong("id"), help: "Only these trainees (national IDs); default: everyone eligible.") var nationalIds: [String] = []

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let today = try global.clock().today
            let ids = try nationalIds.map { text throws in
                try parseOption("--id", text) { value throws(Rejection) in try NationalID.parse(value, today: today) }
            }
            let result = try store.completeTrainees(cohortId: cohort, nationalIds: ids.isEmpty ? nil : ids, actor: actor)
            let required = Domain.Hours(tenths: result.requiredTenths).description
            CLIContext.current.print("结业 Completed: \(result.completed.count)（需出勤 \(required) 学时 · \(required) hours required）")
            for shortfall in result.notEligible {
                CLIContext.current.print("  未达学时 short of hours: \(shortfall.name) \(Masking.nationalID(shortfall.nationalId)) \(Domain.Hours(tenths: shortfall.hoursTenths).description) / \(required)")
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a trainee (退学) with a reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Cohort id.") var cohort: Int64
        @Option(name: .customLong("id"), help: "The trainee's national ID.") var nationalId: String
        @Option(help: "Why (kept with the record).") var reason: String

        func run() throws {
            let store = try global.openStore()
            let today = try global.clock().today
            let id = try parseOption("--id", nationalId) { text throws(Rejection) in try NationalID.parse(text, today: today) }
            _ = try store.withdrawTrainee(cohortId: cohort, nationalId: id, reason: reason, actor: try global.actor(in: store))
            CLIContext.current.print("已退学 Withdrawn: \(Masking.nationalID(id.value))（\(reason)）")
        }
    }
}

/// Institution users act for their own institution; the bureau names one.
func resolveInstitution(_ text: String?, store: Store, actor: User) throws -> Int64 {
    if let text { return try store.institution(text, actor: actor).id! }
    if let own = actor.institutionId { return own }
    throw CLIError.missingOption(option: "--institution", reasonZh: "人社局用户须指明机构", reasonEn: "bureau users must name the institution")
}
