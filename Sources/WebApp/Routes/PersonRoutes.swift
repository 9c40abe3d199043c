import Foundation
import Hummingbird
import Domain
import Services
import Store

/// The people a user may see (a clerk her institution's registered people and trainees, the
/// bureau everyone): the list fifty to a page, searchable by the start of a name; one person
/// with their enrolments, exam registrations and the history of changes; one registration with
/// its session, ticket, results and history. IDs and phones masked everywhere. Another
/// institution's person or registration is the same 404 as a missing one; examiners see none.
extension WebApp {
    func addPersonRoutes(to router: Router<WebContext>) {
        router.get("/persons") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = request.uri.queryParameters
            let name = query["name"].map { String($0).trimmingWhitespace() } ?? ""
            let number = PagingView.requestedPage(query["page"].map(String.init))
            let page = try await store { store in
                try PersonRecords(store: store).list(actor: actor, nameStartingWith: name.isEmpty ? nil : name,
                                                     page: PageRequest(number: number, size: Self.rowsPerPage))
            }
            return pages.render("persons", title: "学员", page: PersonListPage(page, name: name), context: context)
        }

        router.get("/persons/{id}") { _, context -> Response in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            let (record, history) = try await store { store in
                (try PersonRecords(store: store).person(id: id, actor: actor),
                 try RecordHistories(store: store).history(of: .person(id), actor: actor))
            }
            return pages.render("person", title: record.person.name, page: PersonPage(record, history: history), context: context)
        }

        router.get("/registrations/{id}") { _, context -> Response in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            let (registration, history) = try await store { store in
                (try PersonRecords(store: store).registration(id: id, actor: actor),
                 try RecordHistories(store: store).history(of: .registration(id), actor: actor))
            }
            return pages.render("registration", title: "准考证 \(registration.result.ticket)",
                                page: ExamRegistrationRecordPage(registration, history: history), context: context)
        }
    }
}

struct PersonListPage {
    struct Row {
        let href: String
        let name: String
        let nationalId: String
        let sex: String
        let phone: String
    }

    let rows: [Row]
    let name: String
    let paging: PagingView

    init(_ page: Page<PersonLine>, name: String) {
        rows = page.rows.map {
            Row(href: "/persons/\($0.id)", name: $0.person.name, nationalId: $0.person.nationalId, sex: $0.person.sex,
                phone: $0.person.phone ?? "")
        }
        self.name = name
        paging = PagingView(page, path: "/persons", filters: name.isEmpty ? [] : [("name", name)])
    }
}

struct PersonPage {
    struct Enrolment {
        let href: String
        let cohort: String
        let institution: String
        let status: String
        let hours: String
    }

    struct Registration {
        let href: String
        let ticket: String
        let examDate: String
        let target: String
        let status: String
    }

    let person: PersonView
    let enrolments: [Enrolment]
    let registrations: [Registration]
    let history: RecordHistoryPage

    init(_ record: PersonRecordView, history: RecordHistoryView) {
        person = record.person
        enrolments = record.enrolments.map {
            Enrolment(href: "/cohorts/\($0.cohortId)", cohort: $0.cohortName, institution: $0.institutionName,
                      status: "\($0.status.chineseName) \($0.status.rawValue)",
                      hours: Hours(tenths: $0.hoursTenths).description)
        }
        registrations = record.registrations.map {
            Registration(href: "/registrations/\($0.id)", ticket: $0.ticketNumber, examDate: $0.examDate, target: $0.targetName,
                         status: "\($0.sessionStatus.chineseName) \($0.sessionStatus.rawValue)")
        }
        self.history = RecordHistoryPage(history)
    }
}

struct ExamRegistrationRecordPage {
    let personHref: String
    let name: String
    let ticket: String
    let target: String
    let examDate: String
    let body: String
    let sessionStatus: String
    struct Part {
        let name: String
        let text: String
    }

    let parts: [Part]
    let result: String
    let retake: Bool
    /// What the candidate declared when registering, in the words the class's registration page uses.
    let declaredYears: String
    let declaredDiplomas: DeclarationWords.Words
    let declaredFinalYear: DeclarationWords.Words
    let history: RecordHistoryPage

    init(_ registration: RegistrationView, history: RecordHistoryView) {
        personHref = "/persons/\(registration.personId)"
        name = registration.result.name
        ticket = registration.result.ticket
        target = registration.summary.targetName
        examDate = registration.summary.session.examDate
        body = registration.summary.bodyName
        let status = registration.summary.session.status
        sessionStatus = "\(status.chineseName) \(status.rawValue)"
        parts = registration.result.parts.map {
            Part(name: ExamPart(rawValue: $0.part).map { "\($0.chineseName) \($0.rawValue)" } ?? $0.part, text: $0.text)
        }
        result = registration.result.resultText
        retake = registration.result.retake
        let declaration = registration.declaration
        declaredYears = String(declaration.declaredYears)
        let declared = DeclarationWords(declaration)
        declaredDiplomas = declared.diplomas
        declaredFinalYear = declared.finalYear
        self.history = RecordHistoryPage(history)
    }
}
