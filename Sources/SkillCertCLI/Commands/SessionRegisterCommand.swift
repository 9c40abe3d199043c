import ArgumentParser
import Domain
import Store

extension SessionCommand {
    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register candidates: a cohort's completed trainees (--cohort) or one person (--id), checked for eligibility.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64
        @Option(help: "Register this cohort's completed trainees.") var cohort: Int64?
        @Option(name: .customLong("id"), help: "Register this person (national ID).") var nationalId: String?
        @Option(help: "Years in the occupation the candidate declares (申报从业年限).") var years: Int = 0
        @Option(help: "A diploma held: technical-school, senior-technical-school, junior-college. Repeatable.") var diploma: [String] = []
        @Option(help: "The diploma the candidate is in the final year of.") var finalYear: String?
        @Option(help: "Bureau only: admit a person whom no route admits, with this reason (audited).") var overrideReason: String?
        @Flag(help: "A retake (补考): only the parts not passed within the catalog's retention window (with --id).") var retake = false
        @Flag(help: "Show who would be registered or refused, and why, without writing anything.") var dryRun = false

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            guard years >= 0 else {
                throw CLIError.invalidOption(option: "--years", value: String(years), rule: Rejection(
                    "从业年限不能为负数", "years cannot be negative"))
            }
            let declaration = CandidateDeclaration(
                declaredYears: years,
                diplomas: Set(try diploma.map { text throws(CLIError) in try parseOption("--diploma", text, Diploma.parse) }),
                finalYearOf: try finalYear.map { text throws(CLIError) in try parseOption("--final-year", text, Diploma.parse) })
            let outcome: RegistrationOutcome
            switch (cohort, nationalId) {
            case (let cohort?, nil):
                if overrideReason != nil || retake {
                    throw CLIError.invalidOption(
                        option: retake ? "--retake" : "--override-reason", value: overrideReason ?? "", rule: Rejection(
                        "特批和补考只能逐人办理（--id）", "overrides and retakes register one person at a time (--id)"))
                }
                outcome = try store.registerCohort(sessionId: session, cohortId: cohort, declaration: declaration, dryRun: dryRun, actor: actor)
            case (nil, let text?):
                let today = try global.clock().today
                let id = try parseOption("--id", text) { value throws(Rejection) in try NationalID.parse(value, today: today) }
                outcome = try store.registerCandidate(sessionId: session, nationalId: id, declaration: declaration,
                                                      overrideReason: overrideReason, retake: retake, dryRun: dryRun, actor: actor)
            default:
                throw CLIError.missingOption(option: "--cohort or --id", reasonZh: "请给出一个培训班，或一名考生的身份证号",
                                             reasonEn: "give a cohort, or one candidate's national ID")
            }
            report(outcome)
        }

        private func report(_ outcome: RegistrationOutcome) {
            let out = CLIContext.current
            if outcome.dryRun { out.print("试运行，未写入任何记录 Dry run: nothing was written.") }
            var table = TextTable(["姓名 name", "身份证号 national ID", "结果 outcome", "准考证号 ticket", "说明 details"])
            for candidate in outcome.candidates {
                let who = [candidate.name, Masking.nationalID(candidate.nationalId)]
                switch candidate.result {
                case .registered(let ticket, let eligibility, let route):
                    let grounds = switch eligibility {
                    case .route: "路线 route \(route ?? "")"
                    case .noConditions: "专项能力无申报条件 no entry condition"
                    case .override: "特批 override"
                    }
                    table.add(who + [outcome.dryRun ? "可报名 would register" : "已报名 registered", outcome.dryRun ? "" : ticket, grounds])
                case .alreadyRegistered(let ticket):
                    table.add(who + ["已报名过 already registered", ticket, ""])
                case .refused(let reasons):
                    table.add(who + ["不符合条件 refused", "", reasons.map(\.chinese).joined(separator: "；")])
                    for reason in reasons { table.add(["", "", "", "", reason.english]) }
                }
            }
            if !outcome.candidates.isEmpty { out.print(table.render()) }
            out.print("""
                \(outcome.dryRun ? "可报名 would register" : "已报名 registered") \(outcome.registered.count) · 不符合 refused \(outcome.refused.count) · 已报名过 already registered \(outcome.alreadyRegistered.count)\
                \(outcome.notCompleted > 0 ? " · 未结业未报名 not completed, left out \(outcome.notCompleted)" : "")
                """)
            let certified = outcome.alreadyCertified
            if !certified.isEmpty {
                out.print("注意：\(certified.count) 人已持有本职业本等级的有效证书 "
                    + "Note: \(certified.count) already hold(s) a valid certificate of this occupation and level:")
                var held = TextTable(["姓名 name", "身份证号 national ID", "证书编号 certificate"])
                for candidate in certified {
                    held.add([candidate.name, Masking.nationalID(candidate.nationalId), candidate.heldCertificate ?? ""])
                }
                out.print(held.render())
            }
        }
    }
}
