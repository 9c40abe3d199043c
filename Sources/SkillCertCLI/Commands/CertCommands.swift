import ArgumentParser
import Domain
import Services
import Store

struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Certificates (职业技能等级证书): issue, verify, revoke, reissue, print, rosters, the national upload, subsidy claims.",
        subcommands: [Issue.self, Verify.self, Revoke.self, Reissue.self, List.self, Print.self, Roster.self, Upload.self, Claims.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue certificates to the passed candidates of a locked session (bureau); issuing again issues nothing twice.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64

        func run() throws {
            let store = try global.openStore()
            let result = try store.issueCertificates(sessionId: session, actor: try global.actor(in: store))
            var table = TextTable(["证书编号 number", "姓名 name", "身份证号 national ID", "职业等级 certified", "发证日期 issued"])
            for line in result.issued {
                table.add([line.number, line.name, Masking.nationalID(line.nationalId), line.targetName, line.issuedOn])
            }
            if !result.issued.isEmpty { CLIContext.current.print(table.render()) }
            CLIContext.current.print("发证 Issued \(result.issued.count) · 已持证 already certified \(result.alreadyCertified)"
                                     + (result.revoked > 0 ? " · 证书已撤销不再发证 revoked, not issued again \(result.revoked)" : ""))
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a certificate number with the holder's name or national ID: valid, revoked, no such certificate, or what is wrong with the number.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Certificate number (22 characters, or a special-ability certificate's number).") var number: String
        @Option(help: "The holder's name.") var name: String?
        @Option(name: .customLong("id"), help: "The holder's national ID.") var nationalId: String?

        func run() throws {
            let store = try global.openStore()
            let today = try global.clock().today
            let id = try nationalId.map { text throws(CLIError) in
                try parseOption("--id", text) { value throws(Rejection) in try NationalID.parse(value, today: today) }
            }
            let answer = try CertificateLookup(store: store).verify(actor: try global.actor(in: store), number: number, name: name,
                                                                    nationalId: id)
            let out = CLIContext.current
            switch answer {
            case .valid(let certificate):
                out.print("有效 VALID\n" + CertCommand.publicFields(certificate))
            case .revoked(let certificate, let on, let reason):
                out.print("已撤销 REVOKED on \(on)：\(reason)\n" + CertCommand.publicFields(certificate))
            case .noSuchCertificate:
                out.print("查无此证书 No such certificate: \(number)")
            case .noMatch:
                out.print("证书编号与持证人信息不符 The number does not match this holder")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a certificate (bureau), with a reason; its number is never given again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Certificate number.") var number: String
        @Option(help: "Why.") var reason: String

        func run() throws {
            let store = try global.openStore()
            let line = try store.revokeCertificate(number: number, reason: reason, actor: try global.actor(in: store))
            CLIContext.current.print("已撤销 Revoked \(line.number) on \(line.revokedOn ?? "")：\(reason)")
        }
    }

    struct Reissue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a reissue (补发) of a lost or damaged certificate, same number (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Certificate number.") var number: String
        @Option(help: "lost (遗失) or damaged (损毁).") var reason: String
        @Option(help: "Details (e.g. 已登报声明作废).") var note: String

        func run() throws {
            let store = try global.openStore()
            guard let why = ReissueReason(rawValue: reason.lowercased()) ?? ReissueReason.allCases.first(where: { $0.chineseName == reason }) else {
                throw CLIError.invalidOption(option: "--reason", value: reason, rule: Rejection(
                    "补发原因为 lost（遗失）或 damaged（损毁）", "a reissue is for a lost or damaged certificate"))
            }
            let line = try store.reissueCertificate(number: number, reason: why, note: note, actor: try global.actor(in: store))
            CLIContext.current.print("已补发 Reissued \(line.number)（\(why.chineseName)），共补发 \(line.reissues) 次")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List certificates by session, institution or period (IDs masked).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var paging: PagingOptions
        @OptionGroup var filter: CertificateFilterOptions

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let lines = try CertificateDirectory(store: store).list(actor: actor, filter: try filter.filter(store: store, actor: actor),
                                                                    page: paging.request)
            if listing.json {
                CLIContext.current.print(try jsonText(lines.rows))
                paging.printFooter(lines, countZh: "本", countEn: "certificate(s)", json: true)
                return
            }
            var table = TextTable(["证书编号 number", "姓名 name", "身份证号 national ID", "职业等级 certified", "发证日期 issued", "状态 status"])
            for view in lines { table.add([view.number, view.name, view.nationalId, view.certified, view.issuedOn, view.status]) }
            CLIContext.current.print(table.render())
            paging.printFooter(lines, countZh: "本", countEn: "certificate(s)", json: false)
        }
    }

    /// What the national lookup shows.
    static func publicFields(_ certificate: PublicCertificateView) -> String {
        """
        姓名 name: \(certificate.name) · 身份证号 ID: \(certificate.nationalId)
        职业等级 certified: \(certificate.certified) · 证书编号 number: \(certificate.number)
        发证日期 issued: \(certificate.issuedOn) · 评价机构 body: \(certificate.body)
        """
    }
}

/// `--session`, `--institution`, `--period` (a quarter or year) or `--from`/`--to`.
struct CertificateFilterOptions: ParsableArguments {
    @Option(help: "Only this session's certificates.") var session: Int64?
    @Option(help: "Only those of this training institution's trainees (id or name).") var institution: String?
    @Option(help: "Only those issued in this quarter or year (2026Q1, 2026).") var period: String?

    func filter(store: Store, actor: User) throws -> CertificateFilter {
        CertificateFilter(sessionId: session,
                          institutionId: try institution.map { try store.institution($0, actor: actor).id! },
                          issued: try period.map { try parseOption("--period", $0, Period.parse).range })
    }
}
