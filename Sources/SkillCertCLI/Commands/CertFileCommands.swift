import ArgumentParser
import Foundation
import Domain
import Services
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
            let written = try CertificateReports(store: store).roster(
                actor: actor, filter: try filter.filter(store: store, actor: actor), title: filter.title, disclosure: disclosure.choice
            ) { try outputFile(global, file ?? "certificates-\(filter.fileSuffix).xlsx") }
            CLIContext.current.print("已写出 Wrote \(written.file.path)（\(written.lines) 本 certificate(s)）")
        }
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print certificates (证书打印) as a PDF for the bureau's stock, laid out by the catalog's certificate_layout.csv, each with a QR code of its verification address: a session's issue, or one certificate (bureau; recorded in the audit trail).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Option(help: "The session whose valid certificates to print.") var session: Int64?
        @Option(help: "Only this certificate (a reissue, a spoilt sheet).") var number: String?
        @OptionGroup var address: PublicAddressOption
        @Option(help: "File name inside the output folder (default: certificates-session-ID.pdf or certificate-NUMBER.pdf).") var file: String?

        func validate() throws {
            guard (session == nil) != (number == nil) else { throw ValidationError("give --session or --number (one of them)") }
        }

        func run() throws {
            let store = try global.openStore()
            let batch: CertificatePrintBatch = if let session { .session(id: session) } else { .number(number ?? "") }
            let printed = try CertificateReports(store: store).printCertificates(
                actor: try global.actor(in: store), batch: batch, address: try address.publicAddress(), disclosure: disclosure.choice
            ) { try outputFile(global, file ?? session.map { "certificates-session-\($0).pdf" } ?? "certificate-\(number ?? "").pdf") }
            CLIContext.current.print("已写出 Wrote \(printed.file.path)（\(printed.pages) 本证书 certificate(s)；已记入审计日志 recorded in the audit trail）")
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
            let written = try CertificateReports(store: store).nationalUpload(actor: actor, filter: try filter.filter(store: store, actor: actor)) {
                try outputFile(global, file ?? "national-upload-\(filter.fileSuffix).xlsx")
            }
            CLIContext.current.print("已写出 Wrote \(written.file.path)（\(written.lines) 本有效证书 valid certificate(s)；身份证号完整，已记录 whole IDs, recorded）")
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
            let claim = try CertificateReports(store: store).subsidyClaim(
                actor: actor, institutionId: institutionId, period: range, record: record, disclosure: disclosure.choice
            ) { try outputFile(global, file ?? "claim-\(institutionId)-\(period).xlsx") }
            CLIContext.current.print("""
                \(claim.claimId.map { "已登记申领 Claim \($0) recorded" } ?? "预览，未登记 Preview, not recorded (add --record)"): \
                \(claim.certificates) 本 certificate(s), 合计 total \(claim.total) 元 yuan · 未申领 left off \(claim.leftOff)
                已写出 Wrote \(claim.file.path)
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
