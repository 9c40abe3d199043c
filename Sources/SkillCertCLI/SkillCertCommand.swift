import ArgumentParser
import Foundation
import Domain
import Store

/// `skillcert`: the command-line tool. Each area is a subcommand group; each command parses
/// what the user said, calls one Store operation or one report, and prints the outcome.
public struct SkillCertCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "skillcert",
        abstract: "SkillCert: vocational skills certification records (职业技能等级认定记录).",
        discussion: """
            Start with `skillcert init`, which creates the database from Catalog/ and a bureau \
            administrator. Every command takes --db, --as and --out; listings take --json.
            """,
        subcommands: [
            InitCommand.self, CatalogCommand.self, InstitutionCommand.self, PersonCommand.self, CohortCommand.self,
            ExaminerCommand.self, SessionCommand.self, ResultsCommand.self, CertCommand.self, EnterpriseCommand.self,
            ApprenticeCommand.self, ReportCommand.self, UserCommand.self, AuditCommand.self, DemoCommand.self,
            ServeCommand.self, BackupCommand.self, ProvinceCommand.self,
        ]
    )

    public init() {}

    /// Runs the tool on `arguments` (without the program name) and returns the exit status:
    /// 0 on success or help, 1 on any refusal, with the reason on standard error.
    public static func run(arguments: [String], context: CLIContext? = nil) -> Int32 {
        let body = { () -> Int32 in
            var typed: String?
            do {
                var command = try parseAsRoot(arguments)
                typed = commandPath(to: type(of: command)).flatMap { $0.isEmpty ? nil : $0 }
                try command.run()
                return 0
            } catch {
                if let message = userMessage(for: error, command: typed) {
                    CLIContext.current.printError(message.description)
                    return 1
                }
                let code = exitCode(for: error)
                let message = fullMessage(for: error)
                if code == .success {
                    CLIContext.current.print(message)
                    return 0
                }
                CLIContext.current.printError(message)
                return 1
            }
        }
        if let context { return CLIContext.$current.withValue(context, operation: body) }
        return body()
    }

    /// `cohort create` for `CohortCommand.Create`: the subcommand names that lead to `target`.
    static func commandPath(to target: any ParsableCommand.Type,
                            from root: any ParsableCommand.Type = SkillCertCommand.self) -> String? {
        if ObjectIdentifier(root) == ObjectIdentifier(target) { return "" }
        for subcommand in root.configuration.subcommands {
            if let rest = commandPath(to: target, from: subcommand) {
                return rest.isEmpty ? subcommand._commandName : "\(subcommand._commandName) \(rest)"
            }
        }
        return nil
    }
}
