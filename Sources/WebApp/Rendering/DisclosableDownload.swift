import Foundation
import Hummingbird
import Domain
import Services
import Store

/// A workbook holding personal data (a roster, admission tickets, an error workbook, a claim
/// sheet): downloaded masked by default, or with whole national IDs and phones for a reason the
/// user types, which the Services record in the audit trail (`person.disclose`, which the bureau
/// reads in /audit). Every such workbook gets the same three routes from
/// `addDisclosableDownload`:
///
///     GET  path          the workbook, masked
///     GET  path/whole    the form asking why whole values are needed
///     POST path/whole    the workbook with whole values; a blank reason shows the form again (400)
///
/// For example, a claim sheet:
///
///     addDisclosableDownload("/claims/{id}/sheet", to: router) { context in
///         let actor = try context.signedIn.user
///         let claim = try await store { store in try store.claim(id: …, actor: actor) }   // 403 / 404 here
///         return DisclosableDownload(titleZh: "补贴申领表", titleEn: "Claim sheet",
///                                    name: DownloadName(chinese: "补贴申领表", ascii: "claim-sheet"), back: "/claims/…",
///                                    write: { store, disclosure, url in _ = try Reports…(…, disclosure: disclosure, to: { url }) })
///     }
struct DisclosableDownload: Sendable {
    /// What the form says is downloaded.
    let titleZh: String
    let titleEn: String
    let name: DownloadName
    /// The page the download is offered on: the form's way back.
    let back: String
    /// Writes the workbook at the URL with the disclosure asked for, on a Store thread, through
    /// the Services run that checks the reason and records it.
    let write: @Sendable (Store, Disclosure, URL) throws -> Void
}

extension WebApp {
    /// The three routes of a workbook download at `path` (a router path, parameters allowed).
    /// `resolve` reads what the request is about within the signed-in user's scope before any
    /// form or file: a refusal is the 403 page, a record out of scope the 404 page.
    func addDisclosableDownload(_ path: String, to router: Router<WebContext>,
                                resolve: @escaping @Sendable (WebContext) async throws -> DisclosableDownload) {
        addDisclosableDownload(path, to: router) { _, context in try await resolve(context) }
    }

    /// The same, for a download that its query chooses too (one candidate's ticket: `?ticket=…`).
    func addDisclosableDownload(_ path: String, to router: Router<WebContext>,
                                resolve: @escaping @Sendable (Request, WebContext) async throws -> DisclosableDownload) {
        router.get(RouterPath(stringLiteral: path)) { request, context -> Response in
            let download = try await resolve(request, context)
            return try await workbookDownload(name: download.name) { store, _, url in try download.write(store, .masked, url) }
        }

        router.get(RouterPath(stringLiteral: path + "/whole")) { request, context -> Response in
            let download = try await resolve(request, context)
            return wholeValuesForm(download, request: request, reason: "", errors: FormErrors(), context: context)
        }

        router.post(RouterPath(stringLiteral: path + "/whole")) { request, context -> Response in
            let download = try await resolve(request, context)
            let reason = context.form.text("reason")
            do {
                return try await workbookDownload(name: download.name) { store, _, url in
                    try download.write(store, .whole(reason: reason), url)
                }
            } catch let refused as DisclosureError {
                return wholeValuesForm(download, request: request, reason: reason,
                                       errors: try FormErrors(refused, inputs: [.reason: "reason"]), status: .badRequest, context: context)
            }
        }
    }

    /// The form of `request` (`path/whole`, with the query that chose what is downloaded, such as
    /// one candidate's ticket, kept for the form's post and the masked link).
    private func wholeValuesForm(_ download: DisclosableDownload, request: Request, reason: String, errors: FormErrors,
                                 status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        let query = request.uri.query.map { $0.isEmpty ? "" : "?\($0)" } ?? ""
        let path = request.uri.path
        return pages.render("download-whole", title: "下载完整身份证号", page: WholeValuesPage(
            titleZh: download.titleZh, titleEn: download.titleEn, action: path + query,
            masked: String(path.dropLast("/whole".count)) + query, back: download.back, refused: !errors.isEmpty,
            reason: FormInput("reason", field: .reason, value: reason, errors: errors, required: true,
                              hintZh: "如 报送人社局核对考生身份；与下载一起记入审计日志，人社局可查。",
                              hintEn: "E.g. the bureau asks to check candidates' identities; kept with the download in the audit trail, which the bureau reads.")),
            status: status, context: context)
    }
}

/// The form asking why a workbook is needed with whole national IDs and phones.
struct WholeValuesPage {
    let titleZh: String
    let titleEn: String
    let action: String
    /// The same workbook, masked: what most needs call for.
    let masked: String
    let back: String
    let refused: Bool
    let reason: FormInput
}
