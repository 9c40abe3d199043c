import ArgumentParser
import Foundation
import Domain
import Services
import Store

extension ApprenticeCommand {
    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the apprentice roster (学徒花名册); IDs masked unless --unmasked.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Option(help: "Only this enterprise (id or credit code).") var enterprise: String?
        @Option(help: "File name inside the output folder (default: apprentices.xlsx).") var file: String = "apprentices.xlsx"

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let chosen = try enterprise.map { try store.enterprise($0, actor: actor) }
            let written = try ApprenticeReports(store: store).roster(actor: actor, enterprise: chosen, disclosure: disclosure.choice) {
                try outputFile(global, file)
            }
            CLIContext.current.print("已写出 Wrote \(written.file.path)（\(written.lines) 名学徒 apprentice(s)）")
        }
    }

    struct FilingList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "filing-list", abstract: "Write the bureau's filing list (备案名单) of apprenticeships filed in a quarter or year.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Option(help: "Filed in this quarter or year (2026Q4, 2026).") var period: String
        @Option(help: "File name inside the output folder (default: filing-list-<period>.xlsx).") var file: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let written = try ApprenticeReports(store: store).filingList(
                actor: actor, period: try parseOption("--period", period, Period.parse), periodLabel: period, disclosure: disclosure.choice
            ) { try outputFile(global, file ?? "filing-list-\(period).xlsx") }
            CLIContext.current.print("已写出 Wrote \(written.file.path)（\(written.lines) 项备案 filing(s)）")
        }
    }
}

extension ApprenticeCommand {
    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an enterprise's subsidy claim sheet for a period: advances on filing, remainders on completion, sums owed back; without --enterprise, list the enterprises with claim items in the period.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Option(help: "The enterprise (id or credit code); without it, the enterprises with items in the period are listed.") var enterprise: String?
        @Option(help: "Events in this quarter or year (2026Q4, 2026).") var period: String
        @Option(help: "File name inside the output folder (default: apprentice-claim-<credit code>-<period>.xlsx).") var file: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let range = try parseOption("--period", period, Period.parse).range
            guard let enterprise else { return try list(store, actor: actor, range: range) }
            let chosen = try store.enterprise(enterprise, actor: actor)
            let claim = try ApprenticeReports(store: store).claim(
                actor: actor, enterpriseId: chosen.id!, period: range, disclosure: disclosure.choice
            ) { try outputFile(global, file ?? "apprentice-claim-\(chosen.creditCode)-\(period).xlsx") }
            CLIContext.current.print("已写出 Wrote \(claim.file.path)：\(claim.items) 项 item(s)，合计 total \(claim.total) 元 yuan")
        }

        /// The enterprises with items in the period and their figures, as the bureau's web page lists them.
        private func list(_ store: Store, actor: User, range: DateRange) throws {
            let claims = try store.apprenticeClaimList(period: range, actor: actor)
            var table = TextTable(["企业 enterprise", "信用代码 credit code", "培训机构 institution", "事项 items", "预付 advances",
                                   "余额 remainders", "应退 owed back", "合计 total"])
            for row in claims.page.rows {
                table.add([row.enterprise.name, row.enterprise.creditCode, row.institutionNames.joined(separator: "、"), String(row.items),
                           row.advances.description, row.remainders.description, row.owedBack.description, row.total.description])
            }
            CLIContext.current.print(table.render())
            CLIContext.current.print("\(claims.page.total) 家企业 enterprise(s)，\(claims.items) 项 item(s)，合计 total \(claims.total) 元 yuan")
        }
    }
}
