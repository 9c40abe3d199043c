import Foundation
import Store

/// What a command run sees of the world: where output goes, the environment, and the clock.
///
/// The tool's `main` uses the real ones; tests run the very same commands with captured
/// output, a fixed clock and their own environment.
public final class CLIContext: @unchecked Sendable {
    // Mutated only from the thread running the command; tests read it after the run.
    public private(set) var standardOutput = ""
    public private(set) var standardError = ""
    let environment: [String: String]
    let clock: Clock
    let echo: Bool
    /// The working directory relative paths (Catalog/, Exports/, the database) are read against.
    let workingDirectory: URL

    public init(environment: [String: String], clock: Clock, workingDirectory: URL, echo: Bool) {
        self.environment = environment
        self.clock = clock
        self.workingDirectory = workingDirectory
        self.echo = echo
    }

    @TaskLocal static var current = CLIContext(
        environment: ProcessInfo.processInfo.environment, clock: .system,
        workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), echo: true)

    func print(_ text: String) {
        if echo {
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        } else {
            standardOutput += text + "\n"
        }
    }

    func printError(_ text: String) {
        if echo {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        } else {
            standardError += text + "\n"
        }
    }

    /// Resolves a path typed by the user against the working directory.
    func url(for path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingDirectory.appendingPathComponent(path)
    }
}
