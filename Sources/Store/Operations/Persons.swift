import GRDB
import Domain

/// A person to register. The ID and phone arrive parsed by Domain (checksum, birth date, mobile
/// number rules); sex and birth date are the ID's.
public struct NewPerson: Sendable {
    public var nationalId: NationalID
    public var name: String
    public var phone: MobilePhone?

    public init(nationalId: NationalID, name: String, phone: MobilePhone? = nil) {
        self.nationalId = nationalId
        self.name = name
        self.phone = phone
    }

    public var sex: Sex { nationalId.sex }
    public var birthDate: CivilDate { nationalId.birthDate }
}

/// What registering a person did.
public struct PersonRegistration: Sendable, Equatable {
    public let person: Person
    /// False when the person was already known (same ID, same name).
    public let created: Bool
    /// Set when the sheet's phone differs from the one on record: the record is kept as it
    /// was and the difference reported, never silently overwritten.
    public let phoneOnRecordDiffers: Bool
}

extension Store {
    /// Registers a person, or finds them when the ID is already known under the same name.
    /// Institution users link the person to their institution, which is what lets them see
    /// the person afterwards. The same ID under a different name is refused.
    public func registerPerson(_ new: NewPerson, actor: User) throws(StoreError) -> PersonRegistration {
        try write { db in
            let actor = try currentActor(db, actor)
            guard actor.role != .examiner else {
                throw StoreError.notPermitted(action: "person add", reasonZh: "考评员不能登记人员",
                                              reasonEn: "examiners cannot register persons")
            }
            return try findOrRegisterPerson(db, new, actor: actor)
        }
    }

    /// The body of `registerPerson`, for operations that register a person inside their own
    /// transaction (an examiner is a person too).
    func findOrRegisterPerson(_ db: Database, _ new: NewPerson, actor: User) throws -> PersonRegistration {
        let name = try Store.personName(new.name)
        let now = clock.timestamp()
        var created = false, phoneDiffers = false
        var person: Person
        if let existing = try Person.filter(Column("national_id") == new.nationalId.value).fetchOne(db) {
            guard existing.name == name else {
                // Only the bureau learns the name on record: anyone else could read it by
                // typing a stranger's ID with a made-up name.
                guard actor.role == .bureau else {
                    throw StoreError.conflict(
                        reasonZh: "身份证号 \(new.nationalId.masked) 已以另一个姓名登记；请核对姓名和身份证号，或由人社局更正",
                        reasonEn: "ID \(new.nationalId.masked) is registered under another name; check the name and the ID, or ask the bureau to correct it")
                }
                throw StoreError.conflict(
                    reasonZh: "身份证号 \(new.nationalId.masked) 已登记为“\(existing.name)”，与“\(name)”不一致；请核对，或由人社局更正姓名",
                    reasonEn: "ID \(new.nationalId.masked) is registered under another name (\(existing.name)), not \(name); check it, or ask the bureau to correct the name")
            }
            person = existing
            let phone = new.phone?.value
            phoneDiffers = phone != nil && existing.phone != nil && phone != existing.phone
            if existing.phone == nil, let phone {
                person.phone = phone
                person.updatedAt = now
                try person.update(db)
                try audit(db, actor: actor, action: "person.update", entity: "persons", key: String(person.id!),
                          before: existing, after: person, reason: "phone added at registration")
            }
        } else {
            person = Person(id: nil, nationalId: new.nationalId.value, name: name, sex: new.sex.rawValue,
                            birthDate: new.birthDate.description, phone: new.phone?.value, createdAt: now, updatedAt: now)
            try person.insert(db)
            created = true
            try audit(db, actor: actor, action: "person.create", entity: "persons", key: String(person.id!), after: person)
        }
        if let institutionId = actor.institutionId {
            let linked = try Int.fetchOne(db, sql: "SELECT 1 FROM institution_persons WHERE institution_id = ? AND person_id = ?",
                                          arguments: [institutionId, person.id!]) != nil
            if !linked {
                try db.execute(sql: "INSERT INTO institution_persons (institution_id, person_id, registered_at) VALUES (?, ?, ?)",
                               arguments: [institutionId, person.id!, now])
                try audit(db, actor: actor, action: "person.link", entity: "persons", key: String(person.id!),
                          after: ["institution_id": institutionId])
            }
        }
        return PersonRegistration(person: person, created: created, phoneOnRecordDiffers: phoneDiffers)
    }

    /// Corrects a person's name or phone, with a reason. The bureau may change both; an
    /// institution that registered the person may change the phone only.
    public func updatePerson(nationalId: NationalID, name: String? = nil, phone: MobilePhone? = nil, reason: String,
                             actor: User) throws(StoreError) -> Person {
        try write { db in
            let actor = try currentActor(db, actor)
            guard var person = try scopedPerson(db, nationalId: nationalId.value, actor: actor) else {
                throw StoreError.notFound(kind: "人员", key: nationalId.masked)
            }
            if name != nil { try requireBureau(actor, to: "person update", field: .name) }
            let reason = try Store.requiredText(reason, field: .reason)
            let before = person
            if let name { person.name = try Store.personName(name) }
            if let phone { person.phone = phone.value }
            guard person != before else { return person }
            person.updatedAt = clock.timestamp()
            try person.update(db)
            try audit(db, actor: actor, action: "person.update", entity: "persons", key: String(person.id!),
                      before: before, after: person, reason: reason)
            return person
        }
    }

    /// The persons the actor may see: all for the bureau, those linked to their institution
    /// for institution users, none for examiners (they see candidates through sessions).
    ///
    /// `nameStartingWith` keeps the names that begin with it, character for character: a
    /// surname (`陈`), or a surname and the start of a given name. A beginning, not any part of
    /// the name, so that the index on names answers it: finding the text anywhere in a name
    /// reads every name on file, half a second for a city's 1.2 million people.
    public func persons(actor: User, nameStartingWith: String? = nil, page: PageRequest = .all) throws(StoreError) -> Page<Person> {
        try read { db in
            let actor = try currentActor(db, actor)
            var institutionId: Int64?
            switch actor.role {
            case .bureau: break
            case .institution:
                guard let id = actor.institutionId else { return Page(rows: [], total: 0, request: page) }
                institutionId = id
            case .examiner:
                return Page(rows: [], total: 0, request: page)
            }
            let prefix = nameStartingWith?.trimmingWhitespace() ?? ""
            let name = prefix.isEmpty ? nil : TextPrefix(prefix: prefix).condition(on: "name")
            // Each way reads the page's rows only, and counts without reading every row.
            let rows: [Person], count: () throws -> Int
            switch (institutionId, name) {
            case (nil, nil):
                rows = try Person.fetchAll(db, sql: "SELECT * FROM persons ORDER BY id\(page.sqlClause)")
                count = { try Int.fetchOne(db, sql: "SELECT count(*) FROM persons") ?? 0 }
            case (nil, let name?):
                // The page's ids from the index on names alone, then only their rows: ordering
                // the rows themselves by id would read every match first.
                rows = try Person.fetchAll(db, sql: """
                    SELECT * FROM persons WHERE id IN (SELECT id FROM persons WHERE \(name.sql) ORDER BY id\(page.sqlClause))
                    ORDER BY id
                    """, arguments: name.arguments)
                count = { try Int.fetchOne(db, sql: "SELECT count(*) FROM persons WHERE \(name.sql)", arguments: name.arguments) ?? 0 }
            case (let institution?, nil):
                rows = try Person.fetchAll(db, sql: """
                    SELECT * FROM persons WHERE id IN (\(Store.personIdsOfInstitution(.inOrder))\(page.sqlClause)) ORDER BY id
                    """, arguments: [institution, institution])
                // Every id there is a person's (foreign keys): no row needs reading.
                count = { try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(Store.personIdsOfInstitution(.distinct)))",
                                           arguments: [institution, institution]) ?? 0 }
            case (let institution?, let name?):
                // The names from their index, kept when the institution's ids hold them (`+id`:
                // the ids are a set to look in, not rows to visit one by one). Finding them is
                // most of the work, so the page and the total come from one finding.
                let matches = "SELECT id FROM persons WHERE \(name.sql) AND +id IN (\(Store.personIdsOfInstitution(.forMembership)))"
                let arguments = name.arguments + [institution, institution]
                let found = try Row.fetchAll(db, sql: """
                    WITH matches(id) AS MATERIALIZED (\(matches))
                    SELECT persons.*, (SELECT count(*) FROM matches) AS listing_total FROM persons
                    WHERE id IN (SELECT id FROM matches ORDER BY id\(page.sqlClause)) ORDER BY id
                    """, arguments: arguments)
                rows = try found.map(Person.init(row:))
                let total: Int? = found.first?["listing_total"]
                count = { try total ?? Int.fetchOne(db, sql: "SELECT count(*) FROM (\(matches))", arguments: arguments) ?? 0 }
            }
            return Page(rows: rows, total: try page.total(forPageOf: rows.count, count: count), request: page)
        }
    }

    /// One person by national ID, within the actor's scope.
    public func person(nationalId: NationalID, actor: User) throws(StoreError) -> Person {
        try read { db in
            let actor = try currentActor(db, actor)
            guard let person = try scopedPerson(db, nationalId: nationalId.value, actor: actor) else {
                throw StoreError.notFound(kind: "人员", key: nationalId.masked)
            }
            return person
        }
    }

    /// Records that personal data was shown or exported unmasked, at the user's request.
    public func recordDisclosure(of personIds: [Int64], purpose: String, actor: User) throws(StoreError) {
        try write { db in try disclose(db, personIds: personIds, purpose: purpose, actor: try currentActor(db, actor)) }
    }

    /// Records that the refused rows of an imported file were written out with whole national
    /// IDs and phones, at the user's request: a `person.disclose` event keyed by the file, naming
    /// each row and its national ID (masked here: the trail itself holds no whole ID). The people
    /// of refused rows may have no record at all, so they are named by row, not by person id.
    public func recordDisclosure(ofRefusedRowsIn file: String, rows: [RefusedRowShown], purpose: String,
                                 actor: User) throws(StoreError) {
        try write { db in
            let actor = try currentActor(db, actor)
            let shown = rows.map { RefusedRowShown(row: $0.row, nationalId: $0.nationalId.isEmpty ? "" : Masking.nationalID($0.nationalId)) }
            try audit(db, actor: actor, action: "person.disclose", entity: "import_errors", key: file,
                      after: RefusedRowsDisclosed(file: file, rows: shown), reason: purpose)
        }
    }

    /// The `person.disclose` audit event, inside the caller's transaction.
    func disclose(_ db: Database, personIds: [Int64], purpose: String, actor: User) throws {
        try audit(db, actor: actor, action: "person.disclose", entity: "persons",
                  key: personIds.count == 1 ? String(personIds[0]) : "\(personIds.count) persons",
                  after: ["person_ids": personIds], reason: purpose)
    }

    /// The person with this ID if the actor may see them.
    func scopedPerson(_ db: Database, nationalId: String, actor: User) throws -> Person? {
        guard let person = try Person.filter(Column("national_id") == nationalId).fetchOne(db) else { return nil }
        switch actor.role {
        case .bureau: return person
        case .institution:
            let linked = try Int.fetchOne(db, sql: "SELECT 1 WHERE ? IN (\(Store.personIdsOfInstitution(.forMembership)))",
                                          arguments: [person.id, actor.institutionId, actor.institutionId]) != nil
            return linked ? person : nil
        case .examiner: return nil
        }
    }

    /// How `personIdsOfInstitution` reads an institution's people's ids.
    enum IdsRead {
        /// For `id IN (…)`: duplicates do no harm there, so none are removed.
        case forMembership
        /// Each once (a count).
        case distinct
        /// Each once and in order, read in that order so that a page of them stops at its end:
        /// the trainees through the index of enrolments by person, merged with the registered.
        /// A large school has 50,000 trainees; its first page reads a few hundred enrolments
        /// where gathering and sorting them all would read every one.
        case inOrder
    }

    /// The ids of the persons an institution may see: those it registered one by one, and its
    /// trainees. Both `?` are the institution's id.
    static func personIdsOfInstitution(_ read: IdsRead) -> String {
        let union = read == .forMembership ? "UNION ALL" : "UNION"
        let index = read == .inOrder ? "INDEXED BY enrolments_person " : ""
        return """
            SELECT person_id FROM institution_persons WHERE institution_id = ?
            \(union) SELECT e.person_id FROM enrolments e \(index)JOIN cohorts c ON c.id = e.cohort_id \
            WHERE c.institution_id = ?\(read == .inOrder ? " ORDER BY 1" : "")
            """
    }

    /// A name is kept exactly as typed (rare characters such as 𠈌 included) but must not be
    /// empty or carry control characters, which come from broken copy-and-paste, or any other
    /// character nobody can see (`HiddenCharacter`), which would make the same person two names.
    static func personName(_ text: String) throws -> String {
        let name = text.trimmingWhitespace()
        guard !name.isEmpty else {
            throw StoreError.invalid(FieldProblem(field: .name, value: text, rule: Rejection("姓名不能为空", "a name is required")))
        }
        if let hidden = HiddenCharacter.first(in: name) {
            throw StoreError.invalid(FieldProblem(field: .name, value: text,
                                                  rule: hidden.rejection(chineseSubject: "姓名", englishSubject: "name")))
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }), name.count <= 50 else {
            throw StoreError.invalid(FieldProblem(field: .name, value: text, rule: Rejection(
                "姓名不能含控制字符，最长 50 字", "a name has no control characters and at most 50 characters")))
        }
        return name
    }
}

/// A refused row of a file shown whole: its row number and the national ID it gave (blank if none).
public struct RefusedRowShown: Sendable, Equatable, Encodable {
    public let row: Int
    public let nationalId: String

    public init(row: Int, nationalId: String) {
        self.row = row
        self.nationalId = nationalId
    }
}

/// The `after` of a refused-rows disclosure.
private struct RefusedRowsDisclosed: Encodable {
    let file: String
    let rows: [RefusedRowShown]
}
