import ArgumentParser
import Domain
import Services
import Store

struct ExaminerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "examiner",
        abstract: "Examiners (考评员) of evaluation bodies and what they may assess.",
        subcommands: [Add.self, List.self, Qualify.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an examiner (bureau); the person is registered if new.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The evaluation body (id or name) the examiner works for.") var body: String
        @Option(name: .customLong("id"), help: "National ID number.") var nationalId: String
        @Option(help: "Name as on the ID card.") var name: String
        @Option(help: "Mobile phone, 11 digits.") var phone: String?
        @Option(help: "The training institution the examiner also works for (id or name): they never assess its trainees.")
        var institution: String?
        @Option(help: "The examiner's login (an examiner user of the same body).") var login: String?
        @Option(help: "What they may assess: OCCUPATION:HIGHEST-LEVEL (e.g. 4-03-02-01:3) or a special-ability item. Repeatable.")
        var qualify: [String] = []

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let catalog = try store.catalog()
            let today = try global.clock().today
            let id = try parseOption("--id", nationalId) { text throws(Rejection) in try NationalID.parse(text, today: today) }
            let phone = try phone.map { text throws(CLIError) in try parseOption("--phone", text, MobilePhone.parse) }
            let summary = try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: id, name: name, phone: phone),
                bodyId: try store.institution(body, actor: actor).id!,
                ownInstitutionId: try institution.map { try store.institution($0, actor: actor).id! },
                userLogin: login,
                qualifications: try qualify.map { try qualificationTarget($0, in: catalog) }), actor: actor)
            CLIContext.current.print("已登记考评员 Recorded examiner \(summary.examiner.id!): \(summary.person.name) \(Masking.nationalID(summary.person.nationalId))")
        }
    }

    struct Qualify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add what an examiner may assess, or change the highest level of an occupation (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Examiner id.") var examiner: Int64
        @Argument(help: "OCCUPATION:HIGHEST-LEVEL (e.g. 4-03-02-01:3) or a special-ability item.") var qualification: String

        func run() throws {
            let store = try global.openStore()
            let target = try qualificationTarget(qualification, in: try store.catalog())
            let view = try ExaminerDirectory(store: store).qualify(actor: try global.actor(in: store), examinerId: examiner, target: target)
            CLIContext.current.print("考评员 Examiner \(examiner): \(view.qualifications.joined(separator: "、"))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List examiners (bureau; an examiner sees themselves).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var paging: PagingOptions

        func run() throws {
            let store = try global.openStore()
            let examiners = try ExaminerDirectory(store: store).list(actor: try global.actor(in: store), page: paging.request)
            if listing.json {
                CLIContext.current.print(try jsonText(examiners.rows))
                paging.printFooter(examiners, countZh: "名考评员", countEn: "examiner(s)", json: true)
                return
            }
            var table = TextTable(["编号 id", "姓名 name", "身份证号 national ID", "评价机构 body", "所在培训机构 also at",
                                   "登录名 login", "考评资格 may assess"])
            for view in examiners {
                table.add([String(view.id), view.name, view.nationalId, view.body, view.ownInstitution ?? "", view.login ?? "",
                           view.qualifications.joined(separator: "、")])
            }
            CLIContext.current.print(table.render())
            paging.printFooter(examiners, countZh: "名考评员", countEn: "examiner(s)", json: false)
        }
    }
}
