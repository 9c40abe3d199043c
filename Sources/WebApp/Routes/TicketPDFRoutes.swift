import Foundation
import Hummingbird
import Domain
import Services
import Store

/// Admission tickets (准考证) as a PDF to print, a page per candidate with a QR code of the
/// ticket's verification address, beside the workbook of `/sessions/{session}/tickets`:
///
///     /sessions/{session}/tickets.pdf                     the session: a clerk's own candidates, the bureau's all
///     /sessions/{session}/tickets.pdf?institution={id}    one institution's candidates (the bureau)
///     /sessions/{session}/tickets.pdf?ticket={number}     one candidate
///
/// Masked, or whole IDs for a reason that is audited, like every workbook with personal data
/// (`addDisclosableDownload`: `…/tickets.pdf/whole` keeps the query).
extension WebApp {
    func addTicketPDFRoutes(to router: Router<WebContext>) {
        addDisclosableDownload("/sessions/{session}/tickets.pdf", to: router) { request, context in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("session", as: Int64.self) else { throw WebError.notFound }
            let selection = try ticketSelection(request)
            // `store`, not `record`: the Store refuses examiners (403, its words); a session,
            // institution or ticket out of scope it already answers as not found (404).
            let (sheets, chosen) = try await store { store in
                try ExamReports(store: store).ticketCandidates(actor: actor, sessionId: id, selection: selection)
            }
            let session = sheets.summary.session
            let base = "准考证-\(session.examDate)-\(ticketFileNamePart(sheets.summary.targetName))"
            let (chinese, ascii, titleZh, titleEn): (String, String, String, String) = switch selection {
            case .session:
                (base, "tickets-session-\(id)", "准考证（PDF）：\(session.examDate) \(sheets.summary.targetName)",
                 "Admission tickets (PDF): \(session.examDate)")
            case .institution(let institution):
                ("\(base)-\(ticketFileNamePart(chosen[0].institutionName ?? ""))", "tickets-session-\(id)-institution-\(institution)",
                 "准考证（PDF）：\(session.examDate) \(sheets.summary.targetName) \(chosen[0].institutionName ?? "")",
                 "Admission tickets (PDF) of one institution: \(session.examDate)")
            case .ticket(let number):
                ("准考证-\(number)", "ticket-\(number)", "准考证（PDF）：\(number)", "Admission ticket (PDF): \(number)")
            }
            let address = publicAddress ?? requestAddress(request)
            return DisclosableDownload(
                titleZh: titleZh, titleEn: titleEn, name: DownloadName(chinese: chinese, ascii: ascii, format: .pdf), back: "/",
                write: { store, disclosure, url in
                    _ = try ExamReports(store: store).admissionTicketsPDF(actor: actor, sessionId: id, selection: selection,
                                                                          address: address, disclosure: disclosure, to: { url })
                })
        }
    }

    /// `?ticket=` or `?institution=`, else the whole session; an institution that is no number is 404.
    private func ticketSelection(_ request: Request) throws -> TicketSelection {
        let query = request.uri.queryParameters
        if let ticket = query["ticket"].map({ String($0).trimmingWhitespace() }), !ticket.isEmpty { return .ticket(number: ticket) }
        if let institution = query["institution"] {
            guard let id = Int64(String(institution)) else { throw WebError.notFound }
            return .institution(id: id)
        }
        return .session
    }

    /// The address this request came to (`http://<Host>`), for QR codes when `--public-url` was
    /// not given; the default address when the Host header is no host.
    func requestAddress(_ request: Request) -> PublicAddress {
        let host = request.head.authority ?? ""
        return (try? PublicAddress("http://\(host)")) ?? .local
    }

    /// A name as part of a file name: `四级/中级工` would be a folder to a file system, so `四级·中级工`.
    func ticketFileNamePart(_ text: String) -> String {
        text.replacingOccurrences(of: "/", with: "·").replacingOccurrences(of: "\\", with: "·")
    }
}
