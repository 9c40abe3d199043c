import Foundation
import Testing
import GRDB
import Domain
@testable import Store

/// A clock the test sets to the second, so that events land on either side of a day's edge.
private final class SetClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ utc: String) { current = SetClock.date(utc) }

    var clock: Clock { Clock { [self] in lock.withLock { current } } }

    func set(_ utc: String) { lock.withLock { current = SetClock.date(utc) } }

    private static func date(_ utc: String) -> Date { try! Date(utc, strategy: .iso8601) }
}

private func day(_ text: String) -> CivilDate { try! CivilDate.parse(text) }

/// The audit trail's filters: by user, action, record and the bureau's days, newest first, with
/// their totals, a whole trail streamed, and each filter reading an index in the listing's order.
@Suite struct AuditTrailTests {
    let store: Store
    let admin: User
    let clerk: User
    private let clock: SetClock

    /// Events on three days around midnight in Zhongshan (UTC+8):
    /// 11-19T10:00Z catalog.load, user.create ×2 (setup, admin);
    /// 11-20T15:59:59Z (23:59:59 on the 20th there) institution.create 甲 by admin;
    /// 11-20T16:00:00Z (00:00 on the 21st) institution.update 甲 by clerk.a;
    /// 11-21T15:59:59Z (23:59:59 on the 21st) institution.create 乙 by admin;
    /// 11-21T16:00:00Z (00:00 on the 22nd) user.disable clerk.b by admin.
    init() throws {
        clock = SetClock("2026-11-19T10:00:00Z")
        store = try Store.inMemory(clock: clock.clock)
        admin = try store.initialize(catalog: sampleCatalog())
        clock.set("2026-11-20T15:59:59Z")
        let school = try store.addInstitution(NewInstitution(name: "中山市甲烹饪培训学校", kind: .training, district: "石岐街道"), actor: admin)
        clerk = try store.addUser(login: "clerk.a", name: "甲经办", role: .institution, institutionId: school.id, actor: admin)
        _ = try store.addUser(login: "clerk.b", name: "乙经办", role: .institution, institutionId: school.id, actor: admin)
        clock.set("2026-11-20T16:00:00Z")
        _ = try store.updateInstitution(id: school.id!, InstitutionChanges(contactPhone: "13800138000"), actor: clerk)
        clock.set("2026-11-21T15:59:59Z")
        _ = try store.addInstitution(NewInstitution(name: "中山市乙家政培训中心", kind: .training, district: "小榄镇"), actor: admin)
        clock.set("2026-11-21T16:00:00Z")
        _ = try store.setUserActive(login: "clerk.b", active: false, actor: admin)
    }

    private func actions(_ filter: AuditFilter) throws -> [String] {
        try store.auditEvents(actor: admin, filter: filter, page: .all).rows.map(\.action)
    }

    @Test func eachFilterAloneAndTogetherNewestFirst() throws {
        #expect(try actions(AuditFilter()) == ["user.disable", "institution.create", "institution.update", "user.create", "user.create",
                                               "institution.create", "catalog.load", "user.create"])
        #expect(try actions(AuditFilter(actorLogin: "clerk.a")) == ["institution.update"])
        #expect(try actions(AuditFilter(action: "institution.create")) == ["institution.create", "institution.create"])
        #expect(try actions(AuditFilter(entity: "users")) == ["user.disable", "user.create", "user.create", "user.create"])
        #expect(try actions(AuditFilter(entity: "users", key: "clerk.b")) == ["user.disable", "user.create"])
        #expect(try actions(AuditFilter(actorLogin: "admin", action: "user.create", entity: "users", key: "clerk.a")) == ["user.create"])
        #expect(try actions(AuditFilter(actorLogin: "clerk.a", action: "user.create")) == [])
        #expect(try actions(AuditFilter(actorLogin: "nobody")) == [])
        // Blanks and spaces around a value are no filter / the value.
        #expect(try actions(AuditFilter(actorLogin: "  clerk.a ", action: "", entity: " ", key: "")) == ["institution.update"])
    }

    @Test func daysAreTheBureausFromMidnightToMidnightInZhongshan() throws {
        let twentyFirst = day("2026-11-21")
        #expect(try actions(AuditFilter(from: twentyFirst, through: twentyFirst)) == ["institution.create", "institution.update"])
        #expect(try actions(AuditFilter(from: twentyFirst)) == ["user.disable", "institution.create", "institution.update"])
        #expect(try actions(AuditFilter(through: day("2026-11-20"))) == ["user.create", "user.create", "institution.create",
                                                                             "catalog.load", "user.create"])
        #expect(try actions(AuditFilter(from: day("2026-11-22"), through: day("2026-11-22"))) == ["user.disable"])
        #expect(try actions(AuditFilter(actorLogin: "admin", from: twentyFirst, through: twentyFirst)) == ["institution.create"])
        #expect(try actions(AuditFilter(from: day("2026-11-23"))) == [])
    }

    @Test func aLastDayBeforeTheFirstIsRefusedNamingBoth() throws {
        let error = try #require(throws: StoreError.self) {
            try store.auditEvents(actor: admin, filter: AuditFilter(from: day("2026-11-21"), through: day("2026-11-20")))
        }
        #expect(error.chinese.contains("结束日期") && error.chinese.contains("2026-11-20") && error.chinese.contains("结束日期早于开始日期 2026-11-21"))
        #expect(error.english.contains("the end date is before the start date, 2026-11-21"))
        // One day is a range.
        #expect(try actions(AuditFilter(from: day("2026-11-22"), through: day("2026-11-22"))).count == 1)
    }

    @Test func pagesCarryTheTotalOfTheFilterOrOfTheWholeTrail() throws {
        for index in 1...60 {
            _ = try store.addInstitution(NewInstitution(name: "第\(index)培训学校", kind: .training, district: "石岐街道"), actor: admin)
        }
        let whole = try store.auditEvents(actor: admin, filter: AuditFilter(), page: PageRequest(number: 2, size: 50))
        #expect(whole.total == 68 && whole.rows.count == 18)
        let created = try store.auditEvents(actor: admin, filter: AuditFilter(action: "institution.create"), page: PageRequest(number: 1, size: 50))
        #expect(created.total == 62 && created.rows.count == 50 && created.hasMore)
        #expect(created.rows.first?.entityKey == String(try #require(created.rows.map { Int($0.entityKey)! }.max())))
        let second = try store.auditEvents(actor: admin, filter: AuditFilter(action: "institution.create"), page: PageRequest(number: 2, size: 50))
        #expect(second.rows.count == 12 && second.total == 62 && second.rows.last?.entityKey == "1")
    }

    @Test func onlyTheBureauReadsTheTrailItsChoicesOrItsStream() throws {
        for attempt in [
            { _ = try store.auditEvents(actor: clerk, filter: AuditFilter()) },
            { try store.eachAuditEvent(actor: clerk, filter: AuditFilter()) { _ in } },
            { _ = try store.auditChoices(actor: clerk) },
        ] as [() throws -> Void] {
            let error = try #require(throws: StoreError.self) { try attempt() }
            #expect(error.chinese.contains("无权执行 audit list：只有人社局用户可以执行此操作"))
        }
    }

    @Test func theStreamHandsOverEveryMatchInTheListingsOrderAndStopsAtTheCallersError() throws {
        var streamed: [AuditEvent] = []
        try store.eachAuditEvent(actor: admin, filter: AuditFilter(entity: "users")) { streamed.append($0) }
        #expect(streamed == (try store.auditEvents(actor: admin, filter: AuditFilter(entity: "users"), page: .all).rows))

        struct Full: Error {}
        var seen = 0
        #expect(throws: Full.self) {
            try store.eachAuditEvent(actor: admin, filter: AuditFilter()) { _ in
                seen += 1
                if seen == 2 { throw Full() }
            }
        }
        #expect(seen == 2)
    }

    @Test func theChoicesAreTheActionsAndTablesOnFile() throws {
        let choices = try store.auditChoices(actor: admin)
        #expect(choices.actions == ["catalog.load", "institution.create", "institution.update", "user.create", "user.disable"])
        #expect(choices.entities == ["catalog", "institutions", "users"])
    }

    /// At a city's scale (millions of events) a page must come from an index read in the
    /// listing's order: a sort of the matches ("TEMP B-TREE") or a scan of the table would read
    /// them all before showing fifty.
    @Test(arguments: [
        AuditFilter(),
        AuditFilter(actorLogin: "admin"),
        AuditFilter(action: "user.create"),
        AuditFilter(entity: "users", key: "clerk.a"),
        AuditFilter(from: day("2026-11-21")),
        AuditFilter(from: day("2026-11-21"), through: day("2026-11-22")),
        AuditFilter(actorLogin: "admin", from: day("2026-11-21"), through: day("2026-11-22")),
        AuditFilter(action: "user.create", through: day("2026-11-22")),
        AuditFilter(entity: "users", key: "clerk.a", from: day("2026-11-21")),
        AuditFilter(actorLogin: "admin", action: "user.create"),
    ])
    func everyFilterReadsAnIndexInTheListingsOrder(_ filter: AuditFilter) throws {
        let plan = try store.rawRead { db in
            let statement = try store.auditRequest(store.checked(filter)).limit(50).makePreparedRequest(db).statement
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                .map { $0["detail"] as String }
        }
        #expect(plan.count == 1 && plan[0].contains("USING INDEX audit_events_"), "\(plan)")
        #expect(!plan.joined().contains("TEMP B-TREE"), "\(plan)")
    }
}
