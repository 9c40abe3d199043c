import Foundation
import Testing

/// No CLI flag, command name or "run skillcert …" text below the interfaces: Domain, Store,
/// Intake, Reports and Services name fields with `Field` and leave their wording to each
/// interface (the command line's `--reason`, a page's form label).
///
/// The rule, applied to the source text (a rough parse, enough for this code base):
/// - only string literals count: comments (`//`, `///`) may name commands, as may code;
/// - in a one-line literal `"…"`, and in every line of a multi-line literal `"""…"""` except
///   SQL comment lines (a line that starts with `--`), the text must not hold an option
///   (`--` followed by a letter: `"--reason"`, `用 --override-reason 说明`) nor `skillcert `
///   (a command: `run skillcert init`). The product's name `SkillCert` is fine.
@Suite("No interface words below the interfaces")
struct NoInterfaceWordsTests {
    static let modules = ["Domain", "Store", "Intake", "Reports", "Services"]

    @Test func noStringLiteralInTheLowerModulesNamesAnOptionOrACommand() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var scanned = 0
        var found: [String] = []
        for module in Self.modules {
            let folder = sources.appendingPathComponent(module)
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            for file in files.sorted(by: { $0.path < $1.path }) {
                scanned += 1
                let text = try String(contentsOf: file, encoding: .utf8)
                for hit in InterfaceWords.lines(in: text) {
                    found.append("Sources/\(module)/\(file.path.dropFirst(folder.path.count + 1)):\(hit.line): \(hit.text)")
                }
            }
        }
        #expect(scanned > 100, "the scan found only \(scanned) source files under \(sources.path)")
        #expect(found.isEmpty, "interface words in string literals:\n\(found.joined(separator: "\n"))")
    }

    @Test func theScanFlagsOptionsAndCommandsInLiteralsOnly() {
        let flagged = """
            let a = FieldProblem(field: "--reason", value: "", rule: rule)
            let b = Rejection("可用 --override-reason 说明理由", "with --override-reason")
            let c = "run skillcert init first"
            let sql = \"\"\"
                SELECT 1 -- and --more
                \"\"\"
            """
        #expect(InterfaceWords.lines(in: flagged).map(\.line) == [1, 2, 3, 5])
        let clean = """
            /// Exported by `skillcert catalog export` with --out.
            // A note on --reason.
            let sql = \"\"\"
                -- The audit trail is append-only.
                SELECT 1
                \"\"\"
            let name = "SkillCert 数据库" // see skillcert init --db
            let dash = "——" + "a-b" + "-1"
            """
        #expect(InterfaceWords.lines(in: clean).isEmpty)
    }
}

/// Finds the lines of Swift source whose string literals name an option or a command.
enum InterfaceWords {
    struct Hit {
        let line: Int
        let text: String
    }

    static func lines(in source: String) -> [Hit] {
        var hits: [Hit] = []
        var inMultiline = false
        for (index, rawLine) in source.components(separatedBy: "\n").enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if inMultiline {
                if line.hasPrefix("\"\"\"") {
                    inMultiline = false
                    continue
                }
                if !line.hasPrefix("--") && namesInterface(line) { hits.append(Hit(line: index + 1, text: line)) }
                continue
            }
            if line.hasPrefix("//") { continue }
            let (literals, opensMultiline) = literalTexts(in: line)
            if literals.contains(where: namesInterface) { hits.append(Hit(line: index + 1, text: line)) }
            inMultiline = opensMultiline
        }
        return hits
    }

    /// An option (`--` and a letter) or a `skillcert` command.
    static func namesInterface(_ text: String) -> Bool {
        text.range(of: "--[A-Za-z]", options: .regularExpression) != nil || text.contains("skillcert ")
    }

    /// The texts of the one-line literals of a line of code, and whether the line opens a
    /// multi-line literal. Text after `//` outside a literal is a comment and is skipped.
    static func literalTexts(in line: String) -> (literals: [String], opensMultiline: Bool) {
        var literals: [String] = []
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            if characters[index] == "/" && index + 1 < characters.count && characters[index + 1] == "/" { break }
            guard characters[index] == "\"" else {
                index += 1
                continue
            }
            if index + 2 < characters.count && characters[index + 1] == "\"" && characters[index + 2] == "\"" {
                // A multi-line literal opens here; its text starts on the next line.
                return (literals, true)
            }
            var text = ""
            index += 1
            while index < characters.count && characters[index] != "\"" {
                if characters[index] == "\\" { index += 1 }
                if index < characters.count { text.append(characters[index]) }
                index += 1
            }
            literals.append(text)
            index += 1
        }
        return (literals, false)
    }
}
