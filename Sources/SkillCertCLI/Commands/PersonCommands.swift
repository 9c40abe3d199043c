import ArgumentParser
import Domain
import Services
import Store

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Persons, one per national ID, shared by every institution (人员).",
        subcommands: [Add.self, List.self, Show.self, Update.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a person (bureau or institution).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("id"), help: "National ID number (居民身份证号码), 18 characters.") var nationalId: String
        @Option(help: "Name as on the ID card.") var name: String
        @Option(help: "Mobile phone, 11 digits.") var phone: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let today = try global.clock().today
            let id = try parseOption("--id", nationalId) { text throws(Rejection) in try NationalID.parse(text, today: today) }
            let phone = try phone.map { text throws(CLIError) in try parseOption("--phone", text, MobilePhone.parse) }
            let result = try store.registerPerson(
                NewPerson(nationalId: id, name: name, phone: phone),
                actor: actor)
            let who = "\(result.person.name) \(Masking.nationalID(result.person.nationalId))"
            CLIContext.current.print(result.created ? "已登记 Registered: \(who)" : "已在册 Already registered: \(who)")
            if result.phoneOnRecordDiffers {
                CLIContext.current.printError("""
                    注意：登记的手机号与已有记录不同，已保留原号码；如需更改请用 skillcert person update --phone
                    Warning: the phone differs from the one on record, which was kept; change it with skillcert person update --phone
                    """)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the persons you may see; IDs and phones masked.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var paging: PagingOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Option(help: ArgumentHelp(
            "Only names beginning with this text: a surname (陈) or a surname and given name (陈伟).",
            discussion: "The beginning of a name, not any part of it: an index answers it at a city's scale."))
        var name: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let persons = try PersonDirectory(store: store).list(actor: actor, nameStartingWith: name, page: paging.request,
                                                                 disclosure: disclosure.choice)
            if listing.json {
                CLIContext.current.print(try jsonText(persons.rows))
                paging.printFooter(persons, countZh: "人", countEn: "person(s)", json: true)
                return
            }
            var table = TextTable(["姓名 name", "身份证号 national ID", "性别 sex", "手机 phone"])
            for view in persons { table.add([view.name, view.nationalId, view.sex, view.phone ?? ""]) }
            CLIContext.current.print(table.render())
            paging.printFooter(persons, countZh: "人", countEn: "person(s)", json: false)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one person by national ID.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Argument(help: "National ID number.") var nationalId: String

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let today = try global.clock().today
            let id = try parseOption("national ID", nationalId) { text throws(Rejection) in try NationalID.parse(text, today: today) }
            let view = try PersonDirectory(store: store).show(actor: actor, nationalId: id, disclosure: disclosure.choice)
            if listing.json {
                CLIContext.current.print(try jsonText(view))
                return
            }
            var lines = ["姓名 name: \(view.name)", "身份证号 national ID: \(view.nationalId)", "性别 sex: \(view.sex)"]
            if let birthDate = view.birthDate { lines.append("出生日期 birth date: \(birthDate)") }
            lines.append("手机 phone: \(view.phone ?? "-")")
            CLIContext.current.print(lines.joined(separator: "\n"))
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a person's name (bureau) or phone (bureau or the registering institution).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "National ID number.") var nationalId: String
        @Option var name: String?
        @Option var phone: String?
        @Option(help: "Why (kept in the audit trail).") var reason: String

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let today = try global.clock().today
            let id = try parseOption("national ID", nationalId) { text throws(Rejection) in try NationalID.parse(text, today: today) }
            let phone = try phone.map { text throws(CLIError) in try parseOption("--phone", text, MobilePhone.parse) }
            let person = try store.updatePerson(nationalId: id, name: name, phone: phone, reason: reason, actor: actor)
            CLIContext.current.print("已更正 Corrected: \(person.name) \(Masking.nationalID(person.nationalId))")
        }
    }
}
