import ArgumentParser
import Domain
import Store

struct EnterpriseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprise", abstract: "Enterprises (企业) by their 统一社会信用代码.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an enterprise; an early pilot code that fails its check is kept with a warning.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "统一社会信用代码, 18 characters.") var creditCode: String
        @Option(help: "Name.") var name: String
        @Option(help: "District (镇街).") var district: String

        func run() throws {
            let store = try global.openStore()
            let code = try parseOption("--credit-code", creditCode, CreditCode.parse)
            let actor = try global.actor(in: store)
            // Only for the wording: an enterprise already on file joins the institution's list as it is.
            let onFile = (try? store.enterprise(code.code.description, actor: actor)) != nil
            let enterprise = try store.addEnterprise(creditCode: code, name: name, district: district, actor: actor)
            CLIContext.current.print(onFile
                ? "企业已有记录，已加入本机构的企业列表 Enterprise on file, added to your institution's list \(enterprise.id!): \(enterprise.name) \(enterprise.creditCode)"
                : "已登记企业 Recorded enterprise \(enterprise.id!): \(enterprise.name) \(enterprise.creditCode)")
            for warning in code.warnings { CLIContext.current.printError("注意 Warning: \(warning.chinese) / \(warning.english)") }
        }
    }
}

struct ApprenticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apprentice",
        abstract: "Enterprise new-type apprenticeships (企业新型学徒制): register (one, or a list), file, start, complete, terminate, show.",
        subcommands: [Register.self, Import.self, Template.self, File.self, Start.self, Complete.self, Terminate.self, Show.self, Roster.self,
                      FilingList.self, Claims.self])

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an apprenticeship (an institution for apprentices it trains, or the bureau).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Enterprise id or credit code.") var enterprise: String
        @Option(help: "Training institution (institution users: default their own).") var institution: String?
        @Option(name: .customLong("id"), help: "The apprentice's national ID (a person on file).") var nationalId: String
        @Option(help: "Occupation code or name.") var occupation: String
        @Option(help: "Target level 4-1.") var level: String
        @Option(help: "Labour contract start, YYYY-MM-DD.") var contractStart: String
        @Option(help: "Labour contract length in years.") var contractYears: Int
        @Option(help: "Apprenticeship start, YYYY-MM-DD.") var start: String
        @Option(help: "Apprenticeship end, YYYY-MM-DD.") var end: String
        @Option(help: "Why it runs longer than two years.") var extensionReason: String?
        @Option(help: "Enterprise mentor (企业导师).") var enterpriseMentor: String
        @Option(help: "Institution mentor (院校导师).") var institutionMentor: String

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let today = try global.clock().today
            let plan = ApprenticeshipPlan(
                occupationCode: try occupationCode(occupation, in: try store.catalog(), option: "--occupation"),
                targetLevel: try parseOption("--level", level, SkillLevel.parse),
                contractStart: try parseOption("--contract-start", contractStart, CivilDate.parse), contractYears: contractYears,
                start: try parseOption("--start", start, CivilDate.parse), end: try parseOption("--end", end, CivilDate.parse),
                extensionReason: extensionReason, enterpriseMentor: enterpriseMentor, institutionMentor: institutionMentor)
            let id = try parseOption("--id", nationalId) { text throws(Rejection) in try NationalID.parse(text, today: today) }
            let apprenticeship = try store.registerApprenticeship(
                plan, enterpriseId: try store.enterprise(enterprise, actor: actor).id!,
                institutionId: try resolveInstitution(institution, store: store, actor: actor), nationalId: id, actor: actor)
            CLIContext.current.print("已登记学徒 Registered apprenticeship \(apprenticeship.id!): \(Masking.nationalID(id.value)) \(plan.plannedMonths) 个月 months")
        }
    }

    struct File: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "File (备案) an apprenticeship (bureau); the advance is fixed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Apprenticeship id.") var apprenticeship: Int64

        func run() throws {
            let store = try global.openStore()
            let filed = try store.fileApprenticeship(id: apprenticeship, actor: try global.actor(in: store))
            CLIContext.current.print("已备案 Filed \(apprenticeship): 预付 advance \(Money(fen: filed.advanceFen ?? 0)) 元 yuan")
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that training has started.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Apprenticeship id.") var apprenticeship: Int64

        func run() throws {
            let store = try global.openStore()
            _ = try store.startApprenticeship(id: apprenticeship, actor: try global.actor(in: store))
            CLIContext.current.print("培训中 In training: \(apprenticeship)")
        }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Complete (结业) with the certificate obtained in the target occupation (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Apprenticeship id.") var apprenticeship: Int64
        @Option(help: "The certificate number.") var certificate: String

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            _ = try store.completeApprenticeship(id: apprenticeship, certificateNumber: certificate, actor: actor)
            let money = try store.apprenticeshipMoney(id: apprenticeship, actor: actor)
            CLIContext.current.print("已结业 Completed \(apprenticeship): 应付余额 due \(money.due) 元 yuan")
        }
    }

    struct Terminate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Terminate an apprenticeship (bureau) on a date, with a reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Apprenticeship id.") var apprenticeship: Int64
        @Option(help: "Last day, YYYY-MM-DD.") var on: String
        @Option(help: "Why.") var reason: String

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            _ = try store.terminateApprenticeship(id: apprenticeship, on: try parseOption("--on", on, CivilDate.parse), reason: reason, actor: actor)
            let money = try store.apprenticeshipMoney(id: apprenticeship, actor: actor)
            CLIContext.current.print("已终止 Terminated \(apprenticeship): 培养 \(money.monthsTrained) 个月 months trained, 应退预付 owed back \(money.owedBack) 元 yuan")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an apprenticeship's subsidy: rate, months, advance, due, owed back.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Apprenticeship id.") var apprenticeship: Int64

        func run() throws {
            let store = try global.openStore()
            let money = try store.apprenticeshipMoney(id: apprenticeship, actor: try global.actor(in: store))
            CLIContext.current.print("""
                学徒培养 apprenticeship \(apprenticeship): 年补贴 \(money.yearlyRate) 元/年 yuan a year · 计划 \(money.plannedMonths) 个月 planned · 已培养 \(money.monthsTrained) 个月 trained
                预付 advance \(money.advance.map { "\($0)" } ?? "-") · 应付余额 due \(money.due) · 应退 owed back \(money.owedBack)
                """)
        }
    }
}
