import ArgumentParser
import Foundation
import Domain

/// `--password TEXT` or `--password-file PATH`: an initial password, which its user must change
/// at the first sign-in. The tool never prints it, nor its hash.
struct PasswordOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "An initial password (at least 10 characters), to be changed at the first sign-in.",
        discussion: "Prefer --password-file: other users of this machine can see a command line."))
    var password: String?

    @Option(name: .customLong("password-file"), help: "Read the initial password from the first line of this file.")
    var passwordFile: String?

    func validate() throws {
        if password != nil && passwordFile != nil {
            throw ValidationError("--password 与 --password-file 只能用一个 · give --password or --password-file, not both")
        }
    }

    /// The password given, or nil when neither option was.
    func read() throws -> String? {
        if let password { return password }
        guard let passwordFile else { return nil }
        let url = CLIContext.current.url(for: passwordFile)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw CLIError.invalidOption(option: "--password-file", value: passwordFile, rule: Rejection(
                "无法读取该文件（须为 UTF-8 文本文件）", "cannot read this file (it must be a UTF-8 text file)"))
        }
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}
