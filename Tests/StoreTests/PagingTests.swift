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
        #expect(try world.store.persons(actor: world.admin, nameStartingWith: "学员6", page: .first).total == 8)
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

    /// An institution sees the people it registered and its trainees: each once, however many
    /// ways it knows them, and nobody else's.
    @Test func anInstitutionsPeopleAreListedOnceWhetherRegisteredTrainedOrBoth() throws {
        let training = try TrainingWorld(capacity: 10)
        let world = training.world
        _ = try world.store.registerPerson(newPerson(), actor: world.clerkA)
        _ = try training.importRows([chen, wang], into: training.cohort.id!)
        let roast = try world.store.createCohort(TrainingWorld.plan(name: "烧味班", capacity: 10, target: .specialAbility(code: "YC01")),
                                                 institutionId: world.schoolA.id!, actor: world.clerkA)
        _ = try training.importRows([chen], into: roast.id!)
        _ = try world.store.registerPerson(newPerson("34052419800101001X", name: "李四", phone: nil), actor: world.clerkB)

        var seen: [String] = []
        for number in 1...3 {
            let page = try world.store.persons(actor: world.clerkA, page: PageRequest(number: number, size: 1))
            #expect(page.total == 2)
            seen += page.map(\.name)
        }
        #expect(seen == ["陈大文", "王𠈌"])
        #expect(try world.store.persons(actor: world.clerkA, nameStartingWith: "王", page: .first).map(\.name) == ["王𠈌"])
        #expect(try world.store.persons(actor: world.clerkA, nameStartingWith: "李", page: .first).total == 0)
        #expect(try world.store.persons(actor: world.clerkB, page: .first).map(\.name) == ["李四"])
        #expect(try world.store.person(nationalId: nationalID("11010519491231002X"), actor: world.clerkA).name == "王𠈌")
        #expect(throws: StoreError.self) { try world.store.person(nationalId: nationalID("11010519491231002X"), actor: world.clerkB) }
    }

    /// An institution's page reads its people's ids in order and stops at the page's end, and
    /// its total counts the ids without reading the people: no sort of a large school's 50,000.
    @Test func anInstitutionsPageReadsItsPeoplesIdsInOrderAndCountsWithoutTheirRows() throws {
        let training = try TrainingWorld(capacity: 10)
        _ = try training.importRows([chen, wang, li], into: training.cohort.id!)
        try Self.register(3, in: training.world, as: training.world.clerkA)
        let store = training.store
        let recorder = StatementRecorder()
        store.writer.writeWithoutTransaction { db in db.trace { recorder.add($0.expandedDescription) } }
        let page = try store.persons(actor: training.world.clerkA, page: PageRequest(number: 1, size: 2))
        store.writer.writeWithoutTransaction { db in db.trace(options: [], nil) }
        #expect(page.total == 6 && page.count == 2)
        func plan(_ sql: String) throws -> [String] {
            try store.rawRead { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String } }
        }
        let rows = try plan(try #require(recorder.statements.first { $0.hasPrefix("SELECT * FROM persons") }))
        #expect(rows.contains("MERGE (UNION)"), "\(rows)")
        #expect(!rows.contains { $0.contains("TEMP B-TREE") }, "\(rows)")
        let count = try plan(try #require(recorder.statements.first { $0.hasPrefix("SELECT count(*)") }))
        #expect(!count.contains { $0.contains(" persons ") }, "\(count)")
    }

    /// A page of classes counts each class's trainees (in training, completed, withdrawn) from
    /// the index on (class, status) alone, not by reading every enrolment row of the page's classes.
    @Test func aPageOfClassesCountsItsTraineesFromAnIndexAlone() throws {
        let training = try TrainingWorld(capacity: 10)
        _ = try training.importRows([chen, wang, li], into: training.cohort.id!)
        let store = training.store
        let recorder = StatementRecorder()
        store.writer.writeWithoutTransaction { db in db.trace { recorder.add($0.expandedDescription) } }
        let page = try store.cohorts(actor: training.world.clerkA, filter: CohortFilter(), page: .first)
        store.writer.writeWithoutTransaction { db in db.trace(options: [], nil) }
        #expect(page.total == 1 && page.rows.first?.enrolled == 3)
        let listing = try #require(recorder.statements.first { $0.contains("n_enrolled") && $0.contains("LIMIT") })
        let plan = try store.rawRead { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(listing)").map { $0["detail"] as String }
        }
        let counts = plan.filter { $0.contains(" e ") }
        #expect(counts.count >= 3 && counts.allSatisfy { $0.contains("COVERING INDEX enrolments_cohort_status") }, "\(plan)")
    }

    /// Registers one person per name, with IDs of their own.
    static func register(names: [String], in world: World, as actor: User, from first: Int = 900) throws {
        for (offset, name) in names.enumerated() {
            _ = try world.store.registerPerson(newPerson(nationalId(first + offset), name: name, phone: nil), actor: actor)
        }
    }

    /// `--name` keeps the names that begin with the text, character for character: the
    /// next character (陉 after 陈) and the text inside a name are not matches.
    @Test func aNameFilterKeepsTheNamesThatBeginWithTheText() throws {
        let world = try World()
        try Self.register(names: ["陈大文", "李陈", "陈", "陉明", "陈伟", "王小陈", "陈伟强", "𠈌明", "𠈍明", "Chen Li"], in: world, as: world.clerkA)
        func names(_ text: String, actor: User? = nil) throws -> [String] {
            let page = try world.store.persons(actor: actor ?? world.admin, nameStartingWith: text, page: .first)
            #expect(page.total == page.count)
            return page.map(\.name)
        }
        #expect(try names("陈") == ["陈大文", "陈", "陈伟", "陈伟强"])
        #expect(try names(" 陈伟 ") == ["陈伟", "陈伟强"])
        #expect(try names("陈伟强") == ["陈伟强"])
        #expect(try names("陈伟强三").isEmpty)
        #expect(try names("李陈") == ["李陈"])
        #expect(try names("小陈").isEmpty)
        #expect(try names("𠈌") == ["𠈌明"])
        #expect(try names("Chen") == ["Chen Li"])
        #expect(try names("%").isEmpty && (try names("_")).isEmpty)
        #expect(try world.store.persons(actor: world.admin, nameStartingWith: "  ", page: .first).total == 10)
        // A clerk's matches are their own institution's people only.
        try Self.register(names: ["陈乙"], in: world, as: world.clerkB, from: 950)
        #expect(try names("陈", actor: world.clerkB) == ["陈乙"])
        #expect(try names("陈", actor: world.clerkA) == ["陈大文", "陈", "陈伟", "陈伟强"])
    }

    @Test func aNameFiltersPagesSplitItsMatchesInOrderWithTheirTotal() throws {
        let world = try World()
        try Self.register(120, in: world, as: world.clerkA)
        // 学员1, 学员10 to 学员19 and 学员100 to 学员119: 31 names, in the order they were registered.
        let matches = ["学员1"] + (10..<20).map { "学员\($0)" } + (100..<120).map { "学员\($0)" }
        for actor in [world.admin, world.clerkA] {
            var seen: [String] = []
            for number in 1...4 {
                let page = try world.store.persons(actor: actor, nameStartingWith: "学员1", page: PageRequest(number: number, size: 10))
                #expect(page.total == 31)
                #expect(page.count == (number < 4 ? 10 : 1))
                #expect(page.hasMore == (number < 4))
                seen += page.map(\.name)
            }
            #expect(seen == matches)
            let beyond = try world.store.persons(actor: actor, nameStartingWith: "学员1", page: PageRequest(number: 5, size: 10))
            #expect(beyond.isEmpty && beyond.total == 31)
            #expect(try world.store.persons(actor: actor, nameStartingWith: "学员1", page: .all).map(\.name) == matches)
        }
    }

    /// A name's page and total come from the index on names: no statement reads every person.
    @Test(arguments: [false, true])
    func aNameFilterReadsTheIndexNotEveryPerson(asClerk: Bool) throws {
        let world = try World()
        try Self.register(60, in: world, as: world.clerkA)
        let recorder = StatementRecorder()
        world.store.writer.writeWithoutTransaction { db in db.trace { recorder.add($0.expandedDescription) } }
        let page = try world.store.persons(actor: asClerk ? world.clerkA : world.admin, nameStartingWith: "学员1",
                                           page: PageRequest(number: 1, size: 5))
        world.store.writer.writeWithoutTransaction { db in db.trace(options: [], nil) }
        #expect(page.total == 11)
        #expect(page.map(\.name) == ["学员1", "学员10", "学员11", "学员12", "学员13"])
        // The page and the total: one statement each, or one for both.
        let listing = recorder.statements.filter { $0.contains("FROM persons") }
        #expect(listing.count == (asClerk ? 1 : 2))
        for sql in listing {
            let details = try world.store.rawRead { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String } }
            #expect(details.contains { $0.contains("persons_name") }, "\(sql): \(details)")
            #expect(!details.contains { $0.hasPrefix("SCAN persons") }, "\(sql): \(details)")
        }
    }
}
