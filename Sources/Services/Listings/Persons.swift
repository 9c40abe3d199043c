import Domain
import Store

/// The persons on file as an interface shows them: masked unless asked for whole with a reason,
/// and then recorded as a disclosure.
public struct PersonDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the persons `actor` may see, optionally only names beginning with
    /// `nameStartingWith` (a surname, or a surname and the start of a given name).
    public func list(actor: User, nameStartingWith: String? = nil, page: PageRequest = .first,
                     disclosure: Disclosure = .masked) throws -> Page<PersonView> {
        let shown = try disclosure.checked()
        let persons = try store.persons(actor: actor, nameStartingWith: nameStartingWith, page: page)
        try shown.record(persons.compactMap(\.id), in: store, actor: actor)
        return persons.mapRows { PersonView($0, unmasked: shown.unmasked) }
    }

    /// The person with this national ID, if `actor` may see them.
    public func show(actor: User, nationalId: NationalID, disclosure: Disclosure = .masked) throws -> PersonView {
        let shown = try disclosure.checked()
        let person = try store.person(nationalId: nationalId, actor: actor)
        try shown.record(person.id.map { [$0] } ?? [], in: store, actor: actor)
        return PersonView(person, unmasked: shown.unmasked)
    }
}

/// A person as listings show them: ID and phone masked unless asked for whole; the birth
/// date (which the masked ID hides) only when unmasked.
public struct PersonView: Encodable, Sendable, Equatable {
    public let name: String
    public let nationalId: String
    /// `男` / `女`.
    public let sex: String
    public let birthDate: String?
    public let phone: String?

    init(_ person: Person, unmasked: Bool) {
        name = person.name
        nationalId = unmasked ? person.nationalId : Masking.nationalID(person.nationalId)
        sex = person.sex == "male" ? "男" : "女"
        birthDate = unmasked ? person.birthDate : nil
        phone = person.phone.map { unmasked ? $0 : Masking.phone($0) }
    }
}
