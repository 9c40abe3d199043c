import Domain
import Store

/// A person's page: the person masked, their enrolments and exam registrations, and one exam
/// registration's page, within the actor's scope.
public struct PersonRecords: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the persons `actor` may see, masked, each with the id its page is found by;
    /// optionally only names beginning with `nameStartingWith`.
    public func list(actor: User, nameStartingWith: String? = nil, page: PageRequest = .first) throws -> Page<PersonLine> {
        try store.persons(actor: actor, nameStartingWith: nameStartingWith, page: page).mapRows {
            PersonLine(id: $0.id!, person: PersonView($0, unmasked: false))
        }
    }

    /// The person with this id, masked, with what `actor` may see of their training and exams.
    public func person(id: Int64, actor: User) throws -> PersonRecordView {
        let record = try store.personRecord(id: id, actor: actor)
        return PersonRecordView(person: PersonView(record.person, unmasked: false),
                                enrolments: record.enrolments, registrations: record.registrations)
    }

    /// One exam registration: the session, the ticket and the results as `actor` may see them.
    public func registration(id: Int64, actor: User) throws -> RegistrationView {
        let record = try store.registrationRecord(id: id, actor: actor)
        return RegistrationView(personId: record.result.personId, summary: record.summary,
                                result: CandidateResultView(record.result), declaration: record.declaration)
    }
}

public struct PersonLine: Sendable, Equatable {
    public let id: Int64
    public let person: PersonView
}

public struct PersonRecordView: Sendable, Equatable {
    public let person: PersonView
    public let enrolments: [PersonEnrolment]
    public let registrations: [PersonExamRegistration]
}

/// A registration as its page shows it: no national ID.
public struct RegistrationView: Sendable, Equatable {
    public let personId: Int64
    public let summary: ExamSessionSummary
    public let result: CandidateResultView
    /// What the candidate declared when registering.
    public let declaration: CandidateDeclaration
}
