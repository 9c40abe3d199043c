import Foundation

/// "N rows read" while a long import runs: rewritten in place on a terminal, one line per
/// update when forced elsewhere (`--progress`), silent otherwise.
final class ProgressLine {
    private let enabled: Bool
    private let onTerminal: Bool
    private var lastShown = ContinuousClock.now
    private var shownAny = false

    init(forced: Bool) {
        onTerminal = isatty(STDERR_FILENO) == 1 && CLIContext.current.echo
        enabled = onTerminal || forced
    }

    func update(rows: Int) {
        guard enabled, ContinuousClock.now - lastShown > .milliseconds(250) else { return }
        lastShown = .now
        shownAny = true
        let text = "已读取 \(rows) 行 · \(rows) rows read"
        if onTerminal {
            FileHandle.standardError.write(Data("\r\(text)".utf8))
        } else {
            CLIContext.current.printError(text)
        }
    }

    func finish() {
        if onTerminal && shownAny { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
