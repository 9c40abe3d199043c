import Foundation
import Domain
import Store
@testable import SkillCertCLI

/// What a user sees after one command: the exit status and the two output streams.
struct CLIRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// A temporary working folder in which `skillcert` runs exactly as from a terminal, with a
/// fixed date and its own environment.
final class Workspace {
    let directory: URL
    let environment: [String: String]
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalogDirectory = packageRoot.appendingPathComponent("Catalog")

    init(environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.environment = environment
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func run(_ arguments: String...) -> CLIRun { run(arguments) }

    func run(_ arguments: [String]) -> CLIRun {
        let context = CLIContext(environment: environment, clock: .fixed(CivilDate(year: 2026, month: 11, day: 21)!),
                                 workingDirectory: directory, echo: false)
        let status = SkillCertCommand.run(arguments: arguments, context: context)
        return CLIRun(status: status, stdout: context.standardOutput, stderr: context.standardError)
    }

    /// `skillcert init` with the package's catalog.
    func initialise() throws {
        let result = run("init", "--catalog", Workspace.catalogDirectory.path)
        guard result.status == 0 else { throw InitFailed(output: result.stderr) }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Copies the package's catalog into the workspace, so that a test may break it.
    func copyCatalog(to name: String = "Catalog") throws -> URL {
        let target = directory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: Workspace.catalogDirectory, to: target)
        return target
    }

    struct InitFailed: Error { let output: String }
}
