import Foundation
import Hummingbird
import Domain
import Services
import Store

/// Exam registration (考试报名) of a class's completed trainees, and the workbooks a clerk takes
/// away: the class roster (花名册) and her candidates' admission tickets (准考证).
///
/// The registration page lists the class's completed trainees for one open session, each with
/// the years and diplomas they declare (inputs per person) and what the eligibility routes make
/// of them: the route that admits them, or what each route lacks. "Check" judges again what was
/// typed; "Register" registers the chosen people in one Store operation, all or nothing, the
/// refusals named per person. The Store keeps the scope: another institution's class, or a
/// place edited into the form that is not in this class, is the 404 page.
extension WebApp {
    func addExamRegistrationRoutes(to router: Router<WebContext>) {
        router.get("/cohorts/{id}/sessions/{session}/register") { request, context -> Response in
            let actor = try context.signedIn.user
            let (cohortId, sessionId) = try registrationIds(context)
            let found = try await store { store in try store.classRegistration(sessionId: sessionId, cohortId: cohortId, actor: actor) }
            let registered = request.uri.queryParameters["registered"].flatMap { Int(String($0)) }
            return registrationPage(RegistrationPage(found, chosen: nil, inputErrors: [:], general: [], registered: registered),
                                    context: context)
        }

        router.post("/cohorts/{id}/sessions/{session}/register") { _, context -> Response in
            let actor = try context.signedIn.user
            let (cohortId, sessionId) = try registrationIds(context)
            let typed = TypedDeclarations(context.form)
            if context.form.text("action") == "register" && typed.inputErrors.isEmpty {
                do {
                    let outcome = try await store { store in
                        try store.registerClassTrainees(sessionId: sessionId, cohortId: cohortId, chosen: typed.chosenDeclarations, actor: actor)
                    }
                    return .redirect(to: "/cohorts/\(cohortId)/sessions/\(sessionId)/register?registered=\(outcome.registered.count)",
                                     type: .normal)
                } catch {
                    let refused = try FormErrors(error, inputs: [:])
                    let found = try await store { store in
                        try store.classRegistration(sessionId: sessionId, cohortId: cohortId, declarations: typed.declarations, actor: actor)
                    }
                    return registrationPage(RegistrationPage(found, chosen: typed.chosen, shownAdmitted: typed.shownAdmitted, inputErrors: [:],
                                                             general: refused.general,
                                                             registered: nil), status: .badRequest, context: context)
                }
            }
            let found = try await store { store in
                try store.classRegistration(sessionId: sessionId, cohortId: cohortId, declarations: typed.declarations, actor: actor)
            }
            let refusedInput = !typed.inputErrors.isEmpty
            return registrationPage(RegistrationPage(found, chosen: typed.chosen, shownAdmitted: typed.shownAdmitted,
                                                                     inputErrors: typed.inputErrors, general: [], registered: nil),
                                    status: refusedInput ? .badRequest : .ok, context: context)
        }

        addDisclosableDownload("/cohorts/{id}/roster", to: router) { context in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            let summary = try await store { store in try store.cohort(id: id, actor: actor) }
            return DisclosableDownload(
                titleZh: "花名册：\(summary.cohort.name)", titleEn: "Cohort roster",
                name: DownloadName(chinese: "花名册-\(fileNamePart(summary.cohort.name))", ascii: "roster-cohort-\(id)"), back: "/cohorts/\(id)",
                write: { store, disclosure, url in
                    _ = try TrainingReports(store: store).cohortRoster(actor: actor, cohortId: id, disclosure: disclosure, to: { url })
                })
        }

        addDisclosableDownload("/sessions/{session}/tickets", to: router) { context in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("session", as: Int64.self) else { throw WebError.notFound }
            // Her own candidates' tickets: a session without any is, to her, nothing to download.
            let sheets = try await store { store in try store.examSessionSheets(id: id, actor: actor) }
            guard !sheets.candidates.isEmpty else { throw WebError.notFound }
            let session = sheets.summary.session
            return DisclosableDownload(
                titleZh: "准考证：\(session.examDate) \(sheets.summary.targetName)",
                titleEn: "Admission tickets: \(session.examDate)",
                name: DownloadName(chinese: "准考证-\(session.examDate)-\(fileNamePart(sheets.summary.targetName))",
                                   ascii: "tickets-session-\(id)"),
                back: "/",
                write: { store, disclosure, url in
                    _ = try ExamReports(store: store).sessionSheet(.admissionTickets, actor: actor, sessionId: id, disclosure: disclosure,
                                                                   to: { url })
                })
        }
    }

    /// A name as part of a file name: `四级/中级工` would be a folder to a file system, so `四级·中级工`.
    private func fileNamePart(_ text: String) -> String {
        text.replacingOccurrences(of: "/", with: "·").replacingOccurrences(of: "\\", with: "·")
    }

    private func registrationIds(_ context: WebContext) throws -> (cohort: Int64, session: Int64) {
        guard let cohort = context.parameters.get("id", as: Int64.self),
              let session = context.parameters.get("session", as: Int64.self) else { throw WebError.notFound }
        return (cohort, session)
    }

    private func registrationPage(_ page: RegistrationPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("exam-register", title: "考试报名", page: page, status: status, context: context)
    }
}

/// What the registration form says each person declares, read from its inputs per row: the
/// rows' places (`rows`), then for each place `years-ID`, `diploma-ID-KIND` (checkboxes),
/// `final-ID` and `choose-ID`, and `admitted-ID` where the page showed that person admitted.
/// Places are whatever the browser sent: the Store decides whether they are this class's.
struct TypedDeclarations {
    private(set) var declarations: [Int64: CandidateDeclaration] = [:]
    private(set) var chosen: Set<Int64> = []
    /// Those the page she sent showed as admitted: a person admitted only now (her years or
    /// diplomas changed) is ticked for her, one she unticked while admitted stays unticked.
    private(set) var shownAdmitted: Set<Int64> = []
    /// Refusals of what was typed, by input id.
    private(set) var inputErrors: [String: FormMessage] = [:]

    var chosenDeclarations: [Int64: CandidateDeclaration] { declarations.filter { chosen.contains($0.key) } }

    init(_ form: FormFields) {
        let places = form.text("rows").split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        for place in places {
            var declaration = CandidateDeclaration()
            let yearsText = form.text("years-\(place)").trimmingWhitespace()
            if let years = yearsText.isEmpty ? 0 : Int(yearsText), years >= 0 {
                declaration.declaredYears = years
            } else {
                inputErrors["years-\(place)"] = FormMessage(FieldProblem(field: .declaredYears, value: yearsText, rule: Rejection(
                    "从业年限应为 0 或正整数（整年）", "years are a whole number, 0 or more")))
            }
            declaration.diplomas = Set(Diploma.allCases.filter { form["diploma-\(place)-\($0.rawValue)"] != nil })
            let finalText = form.text("final-\(place)")
            if !finalText.isEmpty {
                if let diploma = Diploma(rawValue: finalText) {
                    declaration.finalYearOf = diploma
                } else {
                    inputErrors["final-\(place)"] = FormMessage(FieldProblem(field: .finalYearOf, value: finalText, rule: Rejection(
                        "请从列表中选择", "choose from the list")))
                }
            }
            declarations[place] = declaration
            if form["choose-\(place)"] != nil { chosen.insert(place) }
            if form["admitted-\(place)"] != nil { shownAdmitted.insert(place) }
        }
    }
}

/// A class's completed trainees for one session, as the registration form shows them.
struct RegistrationPage {
    let cohortId: Int64
    let cohortName: String
    let sessionDate: String
    let sessionTarget: String
    let sessionBody: String
    let registeredCount: Int
    let capacity: Int
    let action: String
    let rowIds: String
    let rows: [CandidateRowView]
    let hasRows: Bool
    let notCompleted: Int
    let hasNotCompleted: Bool
    let refused: Bool
    let general: [FormMessage]
    let notice: FormMessage?
    /// Where her candidates' admission tickets are, once she has some in the session.
    let ticketsHref: String?

    /// `chosen` nil: first shown, the admitted are chosen. Afterwards what she ticked, and those
    /// admitted now that the page she sent did not show admitted (`shownAdmitted`).
    init(_ registration: ClassRegistration, chosen: Set<Int64>?, shownAdmitted: Set<Int64> = [],
         inputErrors: [String: FormMessage], general: [FormMessage], registered: Int?) {
        let session = registration.session.session
        cohortId = registration.cohort.id!
        cohortName = registration.cohort.name
        sessionDate = session.examDate
        sessionTarget = registration.session.targetName
        sessionBody = registration.session.bodyName
        registeredCount = registration.session.registered
        capacity = registration.session.capacity
        action = "/cohorts/\(cohortId)/sessions/\(session.id!)/register"
        rowIds = registration.candidates.map { String($0.enrolmentId) }.joined(separator: ",")
        rows = registration.candidates.map { candidate in
            let admittedNow = if case .admitted = candidate.standing { true } else { false }
            let isChosen = chosen.map { $0.contains(candidate.enrolmentId)
                || (admittedNow && !shownAdmitted.contains(candidate.enrolmentId)) } ?? admittedNow
            return CandidateRowView(candidate, chosen: isChosen, inputErrors: inputErrors, ticketsPdf: "/sessions/\(session.id!)/tickets.pdf")
        }
        hasRows = !rows.isEmpty
        notCompleted = registration.notCompleted
        hasNotCompleted = notCompleted > 0
        refused = !general.isEmpty || !inputErrors.isEmpty
        self.general = general
        notice = registered.map { FormMessage(Rejection("已报名 \($0) 人。", "\($0) candidate(s) registered.")) }
        ticketsHref = registration.candidates.contains { if case .registered = $0.standing { true } else { false } }
            ? "/sessions/\(session.id!)/tickets" : nil
    }
}

/// One completed trainee: who, what they declare (inputs), and what the routes make of it.
struct CandidateRowView {
    struct Box {
        let id: String
        let zh: String
        let en: String
        let checked: Bool
    }

    struct Line {
        let zh: String
        let en: String
    }

    let enrolmentId: Int64
    let name: String
    let nationalId: String
    let yearsId: String
    let years: String
    let yearsError: FormMessage?
    let diplomas: [Box]
    let finalId: String
    let finalOptions: [FormOption]
    let finalError: FormMessage?
    let chooseId: String
    /// Sent back as `admitted-ID` when shown admitted, so that a later check knows who is newly so.
    let admittedId: String
    let chosen: Bool
    /// Not yet registered: she may choose them.
    let choosable: Bool
    let admitted: Bool
    let admittedZh: String
    let admittedEn: String
    let lacking: [Line]
    let ticket: String?
    /// Once registered, the diplomas and final year recorded with the registration (nil: none).
    let declaredDiplomas: DeclarationWords.Words
    let declaredFinalYear: DeclarationWords.Words
    /// The candidate's own admission ticket as a PDF (`TicketPDFRoutes`), once registered.
    let ticketPdfHref: String?
    let heldCertificate: String?

    init(_ candidate: ClassCandidate, chosen: Bool, inputErrors: [String: FormMessage], ticketsPdf: String) {
        let place = candidate.enrolmentId
        enrolmentId = place
        name = candidate.name
        nationalId = Masking.nationalID(candidate.nationalId)
        yearsId = "years-\(place)"
        years = String(candidate.declaration.declaredYears)
        yearsError = inputErrors[yearsId]
        diplomas = Diploma.allCases.map { diploma in
            Box(id: "diploma-\(place)-\(diploma.rawValue)", zh: diploma.shortChineseName, en: diploma.rawValue,
                checked: candidate.declaration.diplomas.contains(diploma))
        }
        finalId = "final-\(place)"
        finalOptions = [FormOption(value: "", text: "否 No", selected: candidate.declaration.finalYearOf == nil)]
            + Diploma.allCases.map { FormOption(value: $0.rawValue, text: "\($0.shortChineseName) \($0.rawValue)",
                                                selected: candidate.declaration.finalYearOf == $0) }
        finalError = inputErrors[finalId]
        chooseId = "choose-\(place)"
        admittedId = "admitted-\(place)"
        heldCertificate = candidate.heldCertificate
        switch candidate.standing {
        case .admitted(let route):
            admitted = true
            (admittedZh, admittedEn) = route.map { ("符合路线 \($0)", "admitted by route \($0)") }
                ?? ("专项能力无申报条件", "no entry condition")
            lacking = []
            ticket = nil
        case .lacking(let misses):
            admitted = false
            (admittedZh, admittedEn) = ("不符合", "not admitted")
            lacking = misses.map { Line(zh: $0.chinese, en: $0.english) }
            ticket = nil
        case .heldUp(let rule):
            admitted = false
            (admittedZh, admittedEn) = ("暂不能报名", "held by another session")
            lacking = [Line(zh: rule.chinese, en: rule.english)]
            ticket = nil
        case .registered(let number):
            admitted = false
            (admittedZh, admittedEn) = ("已报名", "registered")
            lacking = []
            ticket = number
        }
        let declared = DeclarationWords(candidate.declaration)
        declaredDiplomas = declared.diplomas
        declaredFinalYear = declared.finalYear
        choosable = ticket == nil
        ticketPdfHref = ticket.map { "\(ticketsPdf)?ticket=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" }
        self.chosen = choosable && chosen
    }
}

extension Diploma {
    /// The short word a registration form shows beside a checkbox.
    var shortChineseName: String {
        switch self {
        case .technicalSchool: "技校/中职"
        case .seniorTechnicalSchool: "高级技校/技师学院"
        case .juniorCollege: "大专及以上"
        }
    }
}

extension WebApp {
    /// What a class page offers for exams: its roster, and the open sessions of what it trains
    /// for, each with the way to register its completed trainees and her candidates' tickets.
    func cohortExams(_ summary: CohortSummary, actor: User) async throws -> CohortExamsView {
        let id = summary.cohort.id!
        let sessions = try await store { store in try store.registrableSessions(cohortId: id, actor: actor) }
        return CohortExamsView(cohortId: id, completed: summary.completed, sessions: sessions)
    }
}

/// The exam part of a class page.
struct CohortExamsView {
    struct SessionRow {
        let examDate: String
        let target: String
        let body: String
        let registered: Int
        let capacity: Int
        let registerHref: String?
        let ticketsHref: String?
    }

    let rosterHref: String
    let sessions: [SessionRow]
    let hasSessions: Bool
    /// Completed trainees, who alone may register.
    let mayRegister: Bool

    init(cohortId: Int64, completed: Int, sessions: [RegistrableSession]) {
        rosterHref = "/cohorts/\(cohortId)/roster"
        mayRegister = completed > 0
        self.sessions = sessions.map { found in
            let session = found.summary.session
            return SessionRow(examDate: session.examDate, target: found.summary.targetName, body: found.summary.bodyName,
                              registered: found.summary.registered, capacity: found.summary.capacity,
                              registerHref: completed > 0 ? "/cohorts/\(cohortId)/sessions/\(session.id!)/register" : nil,
                              ticketsHref: found.ownCandidates > 0 ? "/sessions/\(session.id!)/tickets" : nil)
        }
        hasSessions = !self.sessions.isEmpty
    }
}
