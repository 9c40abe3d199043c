import Foundation
import Domain
import Printing
import Store

/// Candidate self-service (考生自助查询, no account): national ID, name and the number of one of the
/// person's admission tickets or certificates open that person's own registrations, marks once
/// published, re-check windows, certificates, and their own admission ticket as a PDF (ID masked).
public struct CandidateSelfService: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// The lookup. A wrong ID, name or number all give `.noMatch`; only input no person could
    /// match (a blank field, an ID that is no ID) is told as such.
    public func lookup(nationalId: String, name: String, number: String) throws -> CandidateSelfServiceAnswer {
        guard !nationalId.trimmingWhitespace().isEmpty, !name.trimmingWhitespace().isEmpty, !number.trimmingWhitespace().isEmpty else {
            return .unusable(Rejection("请填写身份证号、姓名和准考证号（或证书编号）",
                                       "give the national ID, the name and the ticket (or certificate) number"))
        }
        let id: NationalID
        do { id = try NationalID.parse(nationalId, today: store.today) } catch {
            return .unusable(Rejection("身份证号无效：\(error.chinese)", "the national ID is not valid: \(error.english)"))
        }
        switch try store.lookUpCandidatePublicly(nationalId: id, name: name, number: number) {
        case .found(let record): return .found(record)
        case .noMatch: return .noMatch
        }
    }

    /// Prints admission ticket `ticket` of person `personId` (found by `lookup`): that ticket
    /// alone, the ID masked, its QR code the ticket's verification address under `address`.
    public func ticketPDF(personId: Int64, ticket: String, address: PublicAddress = .local,
                          to destination: ReportDestination) throws -> PrintedPDF {
        let sheets = try store.candidateTicketSheets(personId: personId, ticket: ticket)
        let tickets = ExamReports.admissionTickets(sheets, candidates: sheets.candidates.filter { $0.ticketNumber == ticket.trimmingWhitespace() },
                                                   catalog: try store.catalog(), unmasked: false, address: address)
        guard !tickets.isEmpty else { throw StoreError.notFound(kind: "准考证 admission ticket", key: ticket) }
        let url = try destination()
        try AdmissionTicketPDF.write(tickets, title: ExamReports.ticketsTitle(sheets), to: url)
        return PrintedPDF(file: url, pages: tickets.count)
    }
}

/// What the self-service page says.
public enum CandidateSelfServiceAnswer: Sendable, Equatable {
    case found(CandidateRecord)
    /// No person with this ID, name and number together; which one was wrong is not said.
    case noMatch
    /// Input no one could match.
    case unusable(Rejection)
}
