import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `skillcert serve` as an administrator starts it: it prints its address, answers, logs one line
/// per request, and stops cleanly on SIGTERM or Ctrl-C (SIGINT).
@Suite struct ServeCLITests {
    @Test(arguments: [SIGTERM, SIGINT])
    func theServerPrintsItsAddressAnswersLogsAndStopsCleanlyOnASignal(_ signal: Int32) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KillDuringImportTests.binary.path),
                     "the test runs the real tool: build it first (make test does)")
        let workspace = try Workspace()
        try workspace.initialise()
        let process = Process()
        process.executableURL = KillDuringImportTests.binary
        process.currentDirectoryURL = workspace.directory
        process.arguments = ["serve", "--db", workspace.path("skillcert.sqlite"), "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var seen = ""
        while !seen.contains("Ctrl-C stops it") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        let address = try #require(seen.firstMatch(of: /Serving at (http:\/\/127\.0\.0\.1:\d+)/).map { String($0.1) }, "printed: \(seen)")
        #expect(seen.hasPrefix("SkillCert 网页版已启动：\(address)（Ctrl-C 停止）"))

        let (body, response) = try await URLSession.shared.data(from: URL(string: address + "/signin?next=secret")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("登录"))

        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        seen += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(seen.contains(" GET /signin 200 ") && !seen.contains("secret"), "one line per request, no query string: \(seen)")
        #expect(seen.hasSuffix("已停止 · Stopped\n"))
    }

    @Test func aMissingDatabaseIsRefusedBeforeAnythingListens() throws {
        let workspace = try Workspace()
        let result = workspace.run("serve", "--db", "none.sqlite")
        #expect(result.status == 1)
        #expect(result.stderr.contains("数据库文件") && result.stderr.contains("none.sqlite"))
    }

    @Test func anUploadLimitOutsideItsRangeIsRefusedBeforeAnythingListens() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        for value in ["0", "1025"] {
            let result = workspace.run("serve", "--port", "0", "--upload-limit-mb", value)
            #expect(result.status != 0 && !result.stdout.contains("Serving at"), "\(value)")
            #expect(result.stderr.contains("--upload-limit-mb 应在 1–1024 之间") && result.stderr.contains("--upload-limit-mb is 1-1024"),
                    "\(value): \(result.stderr)")
        }
    }
}
