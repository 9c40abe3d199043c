import ArgumentParser
import Foundation
import Domain
import Reports
import Store

extension CertCommand {
    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the certificate roster (证书名册) by session, institution or period; IDs masked unless --unmasked.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @OptionGroup var filter: CertificateFilterOptions
        @Option(help: "File name inside the output folder (default: certificates-<what>.xlsx).") var file: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let certificates = try filter.filter(store: store, actor: actor)
            let url = try outputFile(global, file ?? "certificates-\(filter.fileSuffix).xlsx")
            // Streamed from the Store into the workbook: a city's roster never sits in memory.
            let roster = try CertificateRosterWorkbook.Writer(title: filter.title, unmasked: disclosure.unmasked, to: url)
            var shownWhole: [Int64] = []
            do {
                try store.eachCertificate(certificates, actor: actor) { line in
                    if disclosure.unmasked { shownWhole.append(line.personId) }
                    try roster.append(line)
                }
                try roster.finish()
                // The persons are known only once the roster is read; a disclosure that cannot
                // be recorded takes the workbook with it, so no whole IDs go out unrecorded.
                try disclosure.record(shownWhole, store: store, actor: actor)
            } catch {
                roster.abandon()
                throw error
            }
            CLIContext.current.print("已写出 Wrote \(url.path)（\(roster.count) 本 certificate(s)）")
        }
    }

    struct Upload: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the national upload file: one row per valid certificate with whole IDs (bureau; recorded as a disclosure).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: CertificateFilterOptions
        @Option(help: "File name inside the output folder (default: national-upload-<what>.xlsx).") var file: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let uploaded = try store.nationalUpload(try filter.filter(store: store, actor: actor), actor: actor)
            let url = try outputFile(global, file ?? "national-upload-\(filter.fileSuffix).xlsx")
            try NationalUploadWorkbook.write(uploaded, to: url)
            CLIContext.current.print("已写出 Wrote \(url.path)（\(uploaded.count) 本有效证书 valid certificate(s)；身份证号完整，已记录 whole IDs, recorded）")
        }
    }

    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an institution's training subsidy claim sheet (以证定补) for a period; --record records the claim.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Option(help: "The training institution (id or name; institution users: their own).") var institution: String?
        @Option(help: "Certificates issued in this quarter or year (2026Q3, 2026).") var period: String
        @Flag(help: "Record the claim, so that these certificates are not claimed again.") var record = false
        @Option(help: "File name inside the output folder (default: claim-<institution>-<period>.xlsx).") var file: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let institutionId = try resolveInstitution(institution, store: store, actor: actor)
            let range = try parseOption("--period", period, Period.parse).range
            let claim = try store.subsidyClaim(institutionId: institutionId, period: range, record: record, actor: actor)
            // Both sheets show IDs: the claimed certificates and those left off.
            try disclosure.record(claim.lines.map(\.certificate.personId) + claim.leftOff.map(\.certificate.personId),
                                  store: store, actor: actor)
            let url = try outputFile(global, file ?? "claim-\(institutionId)-\(period).xlsx")
            try SubsidyClaimWorkbook.write(claim, unmasked: disclosure.unmasked, to: url)
            CLIContext.current.print("""
                \(claim.id.map { "已登记申领 Claim \($0) recorded" } ?? "预览，未登记 Preview, not recorded (add --record)"): \
                \(claim.lines.count) 本 certificate(s), 合计 total \(claim.total) 元 yuan · 未申领 left off \(claim.leftOff.count)
                已写出 Wrote \(url.path)
                """)
        }
    }
}

extension CertificateFilterOptions {
    /// What the roster's title says it covers.
    var title: String {
        [session.map { "考试场次 \($0)" }, institution, period].compactMap { $0 }.joined(separator: " · ").nonEmpty ?? "全部证书 All certificates"
    }

    /// `session-3`, `2026Q4`, `all`.
    var fileSuffix: String {
        [session.map { "session-\($0)" }, institution.map { _ in "institution" }, period].compactMap { $0 }.joined(separator: "-").nonEmpty ?? "all"
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
