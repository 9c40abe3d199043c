import ArgumentParser
import Domain
import Services
import Store

struct InstitutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "institution",
        abstract: "Training institutions, technical schools and evaluation bodies (培训机构、技工院校、评价机构).",
        subcommands: [Add.self, List.self, Show.self, Update.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an institution (bureau).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Full registered name.") var name: String
        @Option(help: "training (培训机构), school (技工院校) or evaluation (评价机构).") var kind: String
        @Option(help: "District (镇街) from the catalog.") var district: String
        @Option(help: "Unified social credit code (统一社会信用代码).") var creditCode: String?
        @Option(help: "Contact person.") var contact: String?
        @Option(help: "Contact phone: a mobile, or a fixed line with its area code (0760-88881234).") var phone: String?
        @Option(help: "Address.") var address: String?
        @Option(help: "Evaluation bodies: Y (employer) or S (social organisation).") var bodyKind: String?
        @Option(help: "Evaluation bodies: body code 0000-9999 (0000 when filed with the province).") var bodyCode: String?
        @Option(help: "Evaluation bodies: province code (44 for Guangdong).") var province: String = "44"
        @Option(help: "Evaluation bodies: site sequence number assigned by the province (6 digits).") var site: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let entry = InstitutionEntry(name: name, kind: kind, district: district, creditCode: creditCode, contactPerson: contact,
                                         contactPhone: phone, address: address, bodyKind: bodyKind, bodyCode: bodyCode,
                                         province: province, site: site)
            let recorded = try InstitutionRegistration(store: store).add(entry, actor: actor)
            for warning in recorded.warnings {
                CLIContext.current.printError("注意：\(warning.chinese)\nWarning: \(warning.english)")
            }
            let institution = recorded.institution
            CLIContext.current.print("已登记机构 Registered institution \(institution.id!): \(institution.name)（\(institution.kind.chineseName)，\(institution.district)）")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List institutions (yours only, unless bureau).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var paging: PagingOptions
        @Option(help: "Only this kind: training, school or evaluation.") var kind: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let kind = try kind.map { text throws(CLIError) in try parseOption("--kind", text, InstitutionKind.parse) }
            let institutions = try InstitutionDirectory(store: store).list(actor: actor, kind: kind, page: paging.request)
            if listing.json {
                CLIContext.current.print(try jsonText(institutions.rows))
                paging.printFooter(institutions, countZh: "个机构", countEn: "institution(s)", json: true)
                return
            }
            var table = TextTable(["编号 id", "名称 name", "类型 kind", "镇街 district", "信用代码 credit code", "评价机构 body"])
            for view in institutions {
                table.add([String(view.id), view.name, InstitutionKind(rawValue: view.kind)?.chineseName ?? view.kind, view.district, view.creditCode ?? "",
                           view.bodyPrefix ?? ""])
            }
            CLIContext.current.print(table.render())
            paging.printFooter(institutions, countZh: "个机构", countEn: "institution(s)", json: false)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one institution by id or name.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Argument(help: "Institution id or exact name.") var institution: String

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let view = try InstitutionDirectory(store: store).show(actor: actor, institution: institution)
            if listing.json {
                CLIContext.current.print(try jsonText(view))
                return
            }
            var lines = [
                "编号 id: \(view.id)", "名称 name: \(view.name)", "类型 kind: \(view.kind)", "镇街 district: \(view.district)",
            ]
            if let code = view.creditCode { lines.append("信用代码 credit code: \(code)") }
            if let warning = view.creditCodeWarning { lines.append("注意 warning: \(warning)") }
            if let contact = view.contactPerson { lines.append("联系人 contact: \(contact)") }
            if let phone = view.contactPhone { lines.append("电话 phone: \(phone)") }
            if let address = view.address { lines.append("地址 address: \(address)") }
            if let prefix = view.bodyPrefix { lines.append("证书编号前缀 certificate number prefix: \(prefix)") }
            CLIContext.current.print(lines.joined(separator: "\n"))
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an institution: the bureau changes anything, an institution its own contact details.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Institution id.") var id: Int64
        @Option var name: String?
        @Option var district: String?
        @Option var creditCode: String?
        @Option var contact: String?
        @Option var phone: String?
        @Option var address: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let entry = InstitutionEntry(name: name, district: district, creditCode: creditCode, contactPerson: contact,
                                         contactPhone: phone, address: address)
            let recorded = try InstitutionRegistration(store: store).update(id: id, entry, actor: actor)
            for warning in recorded.warnings {
                CLIContext.current.printError("注意：\(warning.chinese)\nWarning: \(warning.english)")
            }
            let institution = recorded.institution
            CLIContext.current.print("已更新机构 Updated institution \(institution.id!): \(institution.name)")
        }
    }
}
