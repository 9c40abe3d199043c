import ArgumentParser
import Foundation
import Domain
import Reports
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
            let lines = try store.apprenticeships(ApprenticeshipFilter(enterpriseId: chosen?.id), actor: actor)
            try disclosure.record(lines.map(\.apprenticeship.personId), store: store, actor: actor)
            let url = try outputFile(global, file)
            try ApprenticeWorkbooks.writeRoster(lines, title: chosen?.name ?? "", unmasked: disclosure.unmasked, to: url)
            CLIContext.current.print("已写出 Wrote \(url.path)（\(lines.count) 名学徒 apprentice(s)）")
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
            let lines = try store.apprenticeships(ApprenticeshipFilter(filed: try parseOption("--period", period, Period.parse).range), actor: actor)
            try disclosure.record(lines.map(\.apprenticeship.personId), store: store, actor: actor)
            let url = try outputFile(global, file ?? "filing-list-\(period).xlsx")
            try ApprenticeWorkbooks.writeFilingList(lines, period: period, unmasked: disclosure.unmasked, to: url)
            CLIContext.current.print("已写出 Wrote \(url.path)（\(lines.count) 项备案 filing(s)）")
        }
    }
}

extension ApprenticeCommand {
    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an enterprise's subsidy claim sheet for a period: advances on filing, remainders on completion, sums owed back.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Option(help: "The enterprise (id or credit code).") var enterprise: String
        @Option(help: "Events in this quarter or year (2026Q4, 2026).") var period: String
        @Option(help: "File name inside the output folder (default: apprentice-claim-<credit code>-<period>.xlsx).") var file: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let chosen = try store.enterprise(enterprise, actor: actor)
            let claim = try store.apprenticeClaim(enterpriseId: chosen.id!, period: try parseOption("--period", period, Period.parse).range, actor: actor)
            try disclosure.record(claim.lines.map(\.line.apprenticeship.personId), store: store, actor: actor)
            let url = try outputFile(global, file ?? "apprentice-claim-\(chosen.creditCode)-\(period).xlsx")
            try ApprenticeWorkbooks.writeClaim(claim, unmasked: disclosure.unmasked, to: url)
            CLIContext.current.print("已写出 Wrote \(url.path)：\(claim.lines.count) 项 item(s)，合计 total \(claim.total) 元 yuan")
        }
    }
}
