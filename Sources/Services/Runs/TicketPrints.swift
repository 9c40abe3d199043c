import Foundation
import Domain
import Printing
import Store

/// Whose admission tickets a print run prints: the whole session (within the actor's scope: an
/// institution's clerk gets her own candidates), one institution's candidates, or one candidate.
public enum TicketSelection: Sendable, Equatable {
    case session
    case institution(id: Int64)
    case ticket(number: String)
}

extension ExamReports {
    /// Prints the admission tickets (准考证) of session `sessionId` as one PDF, a page per
    /// candidate with a QR code of the ticket's address under `address`. IDs masked unless asked
    /// for whole with a reason, which is then recorded.
    public func admissionTicketsPDF(actor: User, sessionId: Int64, selection: TicketSelection = .session,
                                    address: PublicAddress = .local, disclosure: Disclosure = .masked,
                                    to destination: ReportDestination) throws -> PrintedPDF {
        let shown = try disclosure.checked()
        let (sheets, candidates) = try ticketCandidates(actor: actor, sessionId: sessionId, selection: selection)
        try shown.record(candidates.map(\.personId), in: store, actor: actor)
        let tickets = Self.admissionTickets(sheets, candidates: candidates, catalog: try store.catalog(), unmasked: shown.unmasked,
                                            address: address)
        let url = try destination()
        try AdmissionTicketPDF.write(tickets, title: Self.ticketsTitle(sheets), to: url)
        return PrintedPDF(file: url, pages: tickets.count)
    }

    /// The session's sheets and the candidates `selection` picks within the actor's scope; none
    /// (another institution's, a ticket not hers) is not found, like a session she cannot see.
    /// Who may print tickets at all is the Store's (`admissionTicketSheets`): not an examiner.
    public func ticketCandidates(actor: User, sessionId: Int64, selection: TicketSelection) throws
        -> (sheets: ExamSessionSheets, candidates: [SessionCandidate]) {
        let sheets = try store.admissionTicketSheets(sessionId: sessionId, actor: actor)
        let candidates: [SessionCandidate]
        switch selection {
        case .session:
            candidates = sheets.candidates
        case .institution(let id):
            candidates = sheets.candidates.filter { $0.institutionId == id }
            // An institution outside the actor's scope looks the same as one without candidates here.
            guard !candidates.isEmpty else {
                throw StoreError.notFound(kind: "场次 \(sessionId) 中该机构的考生 candidates of institution in session \(sessionId)", key: String(id))
            }
        case .ticket(let number):
            let wanted = number.trimmingWhitespace()
            candidates = sheets.candidates.filter { $0.ticketNumber == wanted }
            guard !candidates.isEmpty else {
                throw StoreError.notFound(kind: "场次 \(sessionId) 的准考证 admission ticket in session \(sessionId)", key: wanted)
            }
        }
        guard !candidates.isEmpty else {
            throw StoreError.notFound(kind: "场次 \(sessionId) 的考生 candidates of session \(sessionId)", key: String(sessionId))
        }
        return (sheets, candidates)
    }

    /// The tickets of `candidates` of a session as printed: IDs masked unless `unmasked`, each QR
    /// code the ticket's verification address under `address`.
    static func admissionTickets(_ sheets: ExamSessionSheets, candidates: [SessionCandidate], catalog: Catalog, unmasked: Bool,
                                 address: PublicAddress) -> [AdmissionTicket] {
        let session = sheets.summary.session
        let (occupation, level) = Self.occupationAndLevel(session.target, catalog)
        let minutes = Dictionary(sheets.parts.map { ($0.part, $0.minimumMinutes) }, uniquingKeysWith: { first, _ in first })
        return candidates.map { candidate in
            AdmissionTicket(
                ticketNumber: candidate.ticketNumber, name: candidate.name,
                sex: Sex(rawValue: candidate.sex)?.chineseName ?? candidate.sex,
                nationalId: unmasked ? candidate.nationalId : Masking.nationalID(candidate.nationalId),
                occupation: occupation, level: level, subTrade: session.subTrade, institution: candidate.institutionName,
                body: sheets.summary.bodyName, examDate: session.examDate,
                sittings: candidate.seats.map {
                    AdmissionTicket.Sitting(part: $0.part, room: $0.roomName, seat: $0.seat, minimumMinutes: minutes[$0.part] ?? nil)
                },
                verificationURL: address.ticketVerification(candidate.ticketNumber))
        }
    }

    /// The PDF's title: `准考证 <body> <target> <date>`.
    static func ticketsTitle(_ sheets: ExamSessionSheets) -> String {
        "准考证 \(sheets.summary.bodyName) \(sheets.summary.targetName) \(sheets.summary.session.examDate)"
    }

    /// `("中式烹调师", "五级/初级工")`, or an item's name with `专项职业能力`.
    static func occupationAndLevel(_ target: CertificationTarget, _ catalog: Catalog) -> (String, String) {
        switch target {
        case .occupation(let code, let level): (catalog.occupation(code: code)?.name ?? code, level.chineseName)
        case .specialAbility(let code): (catalog.specialAbility(code: code)?.name ?? code, "专项职业能力")
        }
    }
}
