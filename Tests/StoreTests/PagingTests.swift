import Foundation
import GRDB
import Testing
import Domain
@testable import Store

/// Listings read one page and the total: what a terminal or a web page shows as
/// "rows 51–100 of 120", within the actor's scope.
@Suite struct PagingTests {
    /// A valid national ID per index (GB 11643 check character), all distinct.
    static func nationalId(_ index: Int) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let digits = String(format: "44200019%02d0101%03d", 60 + index / 900, index % 900 + 100)
        let sum = zip(digits, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return digits + String(Array("10X98765432")[sum % 11])
    }

    static func register(_ count: Int, in world: World, as actor: User, from first: Int = 0) throws {
        for index in first..<(first + count) {
            _ = try world.store.registerPerson(newPerson(nationalId(index), name: "学员\(index)", phone: nil), actor: actor)
        }
    }

    @Test func aPageHoldsItsRowsInOrderAndTheWholeListingsTotal() throws {
        let world = try World()
        try Self.register(120, in: world, as: world.clerkA)

        let first = try world.store.persons(actor: world.admin, page: PageRequest(number: 1, size: 50))
        #expect(first.rows.map(\.name) == (0..<50).map { "学员\($0)" })
        #expect(first.total == 120)
        #expect((first.firstPosition, first.lastPosition, first.pageCount, first.hasMore) == (1, 50, 3, true))

        let last = try world.store.persons(actor: world.admin, page: PageRequest(number: 3, size: 50))
        #expect(last.rows.map(\.name) == (100..<120).map { "学员\($0)" })
        #expect((last.total, last.firstPosition, last.lastPosition, last.hasMore) == (120, 101, 120, false))

        let beyond = try world.store.persons(actor: world.admin, page: PageRequest(number: 4, size: 50))
        #expect(beyond.rows.isEmpty)
        #expect(beyond.total == 120)

        let every = try world.store.persons(actor: world.admin, page: .all)
        #expect(every.count == 120)
        #expect(every.total == 120)
        #expect(!every.hasMore)
    }

    @Test func theTotalCountsOnlyWhatTheActorMaySee() throws {
        let world = try World()
        try Self.register(60, in: world, as: world.clerkA)
        try Self.register(7, in: world, as: world.clerkB, from: 60)

        let ofB = try world.store.persons(actor: world.clerkB, page: .first)
        #expect(ofB.total == 7)
        #expect(ofB.rows.map(\.name) == (60..<67).map { "学员\($0)" })
        let ofA = try world.store.persons(actor: world.clerkA, page: PageRequest(number: 2, size: 50))
        #expect((ofA.total, ofA.count) == (60, 10))
        // 学员6 and 学员60 to 学员66.
        #expect(try world.store.persons(actor: world.admin, nameContains: "学员6", page: .first).total == 8)
    }

    @Test func everyListingPagesWithItsTotal() throws {
        let world = try World()
        try Self.register(3, in: world, as: world.clerkA)
        let institutions = try world.store.institutions(actor: world.admin, page: PageRequest(number: 2, size: 2))
        #expect(institutions.map(\.name) == ["中山市丙职业技能评价中心"])
        #expect(institutions.total == 3)

        let users = try world.store.users(actor: world.admin, page: PageRequest(number: 1, size: 1))
        #expect((users.count, users.total) == (1, try world.store.users(actor: world.admin, page: .all).count))

        // Each registration by a clerk is a person.create and a person.link.
        let events = try world.store.auditEvents(actor: world.admin, entity: "persons", page: PageRequest(number: 1, size: 2))
        #expect(events.count == 2)
        #expect(events.total == 6)
        let allEvents = try world.store.auditEvents(actor: world.admin, page: .all)
        #expect(try world.store.auditEvents(actor: world.admin, page: PageRequest(size: 5)).total == allEvents.count)
    }

    /// A page costs the same statements whether the listing holds 60 rows or 600: nothing is
    /// read per row beyond the page.
    @Test func aPageRunsTheSameNumberOfStatementsWhateverTheNumberOfRows() throws {
        func statements(forPeople count: Int) throws -> Int {
            let counter = StatementCounter()
            var config = Configuration()
            config.foreignKeysEnabled = true
            config.prepareDatabase { db in db.trace { _ in counter.add() } }
            let store = try Store(writer: try DatabaseQueue(configuration: config), clock: .fixed(fixedDay), location: ":memory:")
            let world = try World(store: store, admin: try store.initialize(catalog: sampleCatalog()))
            try Self.register(count, in: world, as: world.clerkA)
            counter.reset()
            let page = try store.persons(actor: world.clerkA, page: .first)
            #expect(page.count == 50)
            #expect(page.total == count)
            return counter.value
        }
        #expect(try statements(forPeople: 60) == (try statements(forPeople: 600)))
    }
}

/// Counts the statements a database connection runs.
private final class StatementCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    func reset() { lock.withLock { count = 0 } }
    var value: Int { lock.withLock { count } }
}
