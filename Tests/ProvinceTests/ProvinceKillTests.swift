import Foundation
import Testing
import GRDB
import Domain
import Store
@testable import Province

/// `skillcert province push` killed with SIGKILL (no chance to clean up) at three moments, with
/// the city changing in between; the next run picks up where the province's mark says and the
/// province ends with exactly the city's records, every change counted once.
@Suite struct ProvinceKillTests {
    @Test func aPushKilledThreeTimesAndRunAgainLeavesExactlyTheCitysRecords() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CityFixture.binary.path),
                     "the test runs the real tool: build it first (make test does)")
        let (database, url) = try await ProvinceServer.freshDatabase()
        let city = try CityFixture.copy(CityFixture.zhongshan)
        let arguments = ["province", "push", "--db", city.path, "--city", "4420", "--pg", url, "--batch", "7", "--progress"]

        // After the first batch, about half-way, and near the end: each time the tool has just
        // committed a batch and is already inside the next one. A run numbers its batches from 1.
        var marks: [Int64] = []
        for moment in 1...3 {
            let remaining = Int(try city.store.lastProvinceChange() - (marks.last ?? 0) + 6) / 7
            let killAfter = moment == 1 ? 1 : moment == 2 ? remaining / 2 : remaining - 2
            let seen = try Self.runAndKill(arguments, afterBatch: killAfter)
            #expect(seen.killed, "moment \(moment): the push finished before batch \(killAfter) of \(remaining) could be killed")
            let mark = try #require(try await ProvinceServer.mark(database, city: "4420"))
            #expect(mark >= seen.lastReported, "a batch reported committed is in the province")
            #expect(mark < (try city.store.lastProvinceChange()))
            marks.append(mark)
            if moment == 2 {
                // The city goes on working between two runs: a certificate revoked.
                let admin = try city.store.user(login: try city.store.administratorLogin())
                let number = try CityFixture.query(city.path) { db in
                    try String.fetchOne(db, sql: "SELECT number FROM certificates WHERE revoked_on IS NULL ORDER BY id DESC LIMIT 1")
                }
                _ = try city.store.revokeCertificate(number: try #require(number), reason: "重复发证", actor: admin)
            }
        }
        #expect(marks == marks.sorted() && Set(marks).count == 3, "each run started where the last one's commits ended: \(marks)")

        let last = try city.store.lastProvinceChange()
        let finish = CityFixture.run(arguments)
        #expect(finish.status == 0, "\(finish.output)")
        // The finishing run sent exactly what the province did not have: nothing twice, nothing lost.
        #expect(finish.output.contains("pushed \(last - marks[2]) changes"), "\(finish.output)")
        #expect(finish.output.contains("through change \(last)"))
        #expect(try await ProvinceServer.mark(database, city: "4420") == last)
        #expect(try await ProvinceServer.rows(database, city: "4420") == (try CityFixture.rows(city.path)))

        // What the province's operator sees: the city, its position equal to the city's last
        // change, its people and its certificates (valid ones in brackets).
        let status = CityFixture.run(["province", "status", "--pg", url])
        #expect(status.status == 0, "\(status.output)")
        let persons = try CityFixture.query(city.path) { try Int.fetchOne($0, sql: "SELECT count(*) FROM persons") ?? 0 }
        let certificates = try CityFixture.query(city.path) { try Int.fetchOne($0, sql: "SELECT count(*) FROM certificates") ?? 0 }
        let valid = try CityFixture.query(city.path) {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM certificates WHERE revoked_on IS NULL") ?? 0
        }
        let line = try #require(status.output.split(separator: "\n").first { $0.hasPrefix("4420 | ") }, "\(status.output)")
        #expect(line.contains("| \(last)/\(last) | \(persons) |"), "\(line)")
        #expect(line.contains("| \(certificates) (\(valid)) |"), "\(line)")
        #expect(line.contains("s | ") || line.contains("m | "), "the lag of a push just made, in seconds or minutes: \(line)")
    }

    /// Runs the tool, reads its batch lines and kills it with SIGKILL once batch `afterBatch` is
    /// reported; what it had reported.
    static func runAndKill(_ arguments: [String], afterBatch: Int) throws -> (killed: Bool, lastReported: Int64) {
        let process = Process()
        process.executableURL = CityFixture.binary
        process.arguments = arguments
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        var lastReported: Int64 = 0
        reading: while true {
            let data = stderr.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            for match in seen.matches(of: /batch ([0-9]+): through change ([0-9]+)/) {
                lastReported = max(lastReported, Int64(match.2) ?? 0)
                if Int(match.1) ?? 0 >= afterBatch {
                    kill(process.processIdentifier, SIGKILL)
                    break reading
                }
            }
        }
        process.waitUntilExit()
        return (process.terminationReason == .uncaughtSignal, lastReported)
    }
}
