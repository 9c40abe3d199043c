import Foundation
import Hummingbird
import Domain
import Services
import Store

/// A class's lists uploaded from the browser (导入): the trainee list (with its template) and the
/// hours sheet. The file is streamed to the upload's own folder, then read and checked in the
/// background by the same Services import as `skillcert cohort import` / `cohort hours --file`,
/// in its preview mode (checked against the records, rolled back: nothing written). The page
/// polls until the preview is ready: rows read, rows that would be recorded, every refused row
/// with its row, column, masked value and rule, and the workbook of refused rows to download.
/// Only when the clerk confirms is the list recorded, in one Store transaction, all rows or the
/// valid ones as she chooses.
///
/// The class is looked up in the Store's scope before anything is read (an examiner's 403,
/// another institution's class the same 404 as a missing one); an upload is found only by the
/// user who sent it and under the class it was sent for.
extension WebApp {
    func addUploadRoutes(to router: Router<WebContext>) {
        for kind in [UploadKind.traineeList, .hoursSheet] {
            router.get("/cohorts/{id}/\(kind.rawValue)") { _, context -> Response in
                let (place, _) = try await cohortPlace(kind, context)
                return uploadForm(kind, place, context: context)
            }

            router.post("/cohorts/{id}/\(kind.rawValue)/upload") { request, context -> Response in
                let actor = try context.signedIn.user
                // Refused or out of scope before a byte of the file is read.
                let (place, id) = try await cohortPlace(kind, context)
                return try await receiveUpload(kind, place, owner: UploadJob.Owner(login: actor.login, cohortId: id), request, context: context)
            }
        }

        router.get("/cohorts/{id}/trainee-list/template") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try uploadCohortId(context)
            return try await workbookDownload(name: DownloadName(chinese: "学员名单模板", ascii: "trainee-template")) { store, _, url in
                _ = try store.cohort(id: id, actor: actor)
                _ = try CatalogWorkbooks(store: store).traineeTemplate(actor: actor) { url }
            }
        }

        router.get("/cohorts/{id}/uploads/{upload}") { request, context -> Response in
            let (job, place) = try await cohortUpload(context)
            return uploadPage(job, place, request, context: context)
        }

        addDisclosableDownload("/cohorts/{id}/uploads/{upload}/errors", to: router) { context in
            let (job, place) = try await cohortUpload(context)
            return try errorWorkbookDownload(job, place, context: context)
        }

        router.post("/cohorts/{id}/uploads/{upload}/confirm") { _, context -> Response in
            let (job, place) = try await cohortUpload(context)
            return try confirmUpload(job, place, context: context)
        }

        router.post("/cohorts/{id}/uploads/{upload}/discard") { _, context -> Response in
            let (job, place) = try await cohortUpload(context)
            return discardUpload(job, place)
        }

        addApprenticeListRoutes(to: router)
        addTraineeHoursRoutes(to: router)
    }

    // MARK: What every upload does, wherever it belongs

    func uploadForm(_ kind: UploadKind, _ place: UploadPlace, refusal: FormMessage? = nil,
                    status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("upload-form", title: kind.titleZh,
                     page: UploadFormPage(kind, place, limitBytes: uploadReceiver.limitBytes, refusal: refusal),
                     status: status, context: context)
    }

    /// Streams the posted file into a new upload folder and starts its check; the browser goes
    /// to the upload's page, which shows the check's progress and then its preview. The caller
    /// has checked that the user may send this list here.
    func receiveUpload(_ kind: UploadKind, _ place: UploadPlace, owner: UploadJob.Owner, _ request: Request,
                       context: WebContext) async throws -> Response {
        let session = try context.signedIn
        uploads.sweep()
        let (uploadId, folder) = try uploads.newFolder()
        let received: UploadReceiver.Received
        do {
            received = try await uploadReceiver.receive(request, expectedToken: session.csrfToken, into: folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            guard let refusal = error as? UploadRefusal else { throw error }
            let tooLarge = refusal == .tooLarge(limitBytes: uploadReceiver.limitBytes)
            return uploadForm(kind, place, refusal: FormMessage(refusal), status: tooLarge ? .contentTooLarge : .badRequest, context: context)
        }
        let job = UploadJob(id: uploadId, owner: owner, kind: kind, folder: folder, file: received.file, created: Date())
        uploads.add(job)
        startImport(job, actor: session.user, mode: .acceptValid, preview: true)
        return .redirect(to: place.page(uploadId), type: .normal)
    }

    /// The upload's page: progress (refreshing itself), preview, result or failure.
    func uploadPage(_ job: UploadJob, _ place: UploadPlace, _ request: Request, context: WebContext) -> Response {
        let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
        let page = UploadPage(job, place: place, pageNumber: number)
        var response = pages.render("upload", title: job.kind.titleZh, page: page, context: context)
        // `Refresh: 2`: with or without JavaScript, the browser asks again until the check or
        // the recording is done.
        if page.inProgress != nil { response.headers[.init("Refresh")!] = String(UploadPage.refreshSeconds) }
        return response
    }

    /// The workbook of the rows the check refused, under the file's name, as a disclosable
    /// download: masked, or whole for a reason the Services record naming the file and its rows.
    /// Only a checked upload with refused rows has one; the caller has found the upload the user's.
    func errorWorkbookDownload(_ job: UploadJob, _ place: UploadPlace, context: WebContext) throws -> DisclosableDownload {
        let actor = try context.signedIn.user
        guard case .checked(let outcome) = job.state, outcome.errorWorkbook != nil else { throw WebError.notFound }
        let file = job.file.lastPathComponent
        let stem = (file as NSString).deletingPathExtension
        return DisclosableDownload(
            titleZh: "错误行工作簿：\(file)", titleEn: "Refused rows of \(file)",
            name: DownloadName(chinese: "\(stem)-错误行", ascii: "import-errors"), back: place.page(job.id),
            write: { store, disclosure, url in
                _ = try ImportErrorWorkbooks(store: store).write(outcome, actor: actor, disclosure: disclosure, to: { url })
            })
    }

    /// Records a checked upload as the user chose: every row (none refused) or the valid ones.
    func confirmUpload(_ job: UploadJob, _ place: UploadPlace, context: WebContext) throws -> Response {
        let actor = try context.signedIn.user
        let back = place.page(job.id)
        // Already recording or recorded (a second click): its page says how it goes.
        guard case .checked(let outcome) = job.state else { return .redirect(to: back, type: .normal) }
        let mode: ImportMode
        switch context.form.text("rows") {
        case "all" where outcome.refusedCount == 0 && outcome.recorded > 0: mode = .allOrNothing
        case "valid" where job.kind.recordsValidRowsAlone && outcome.recorded > 0: mode = .acceptValid
        default:
            let page = UploadPage(job, place: place, pageNumber: 1, refusal: FormMessage(Rejection(
                "没有可以这样记录的行：请按本页的按钮确认。", "there are no rows to record that way: confirm with this page's buttons.")))
            return pages.render("upload", title: job.kind.titleZh, page: page, status: .badRequest, context: context)
        }
        guard uploads.beginRecording(job.id, owner: job.owner) else { return .redirect(to: back, type: .normal) }
        startImport(job, actor: actor, mode: mode, preview: false)
        return .redirect(to: back, type: .normal)
    }

    /// Forgets an upload not being recorded, and removes its file.
    func discardUpload(_ job: UploadJob, _ place: UploadPlace) -> Response {
        if case .recording = job.state { return .redirect(to: place.page(job.id), type: .normal) }
        uploads.clean(job.id, forget: true)
        return .redirect(to: place.backHref, type: .normal)
    }

    /// Runs the check (a preview) or the recording of an upload in the background, on the Store's
    /// threads, counting the rows read as it goes. Recorded, the upload's file and folder go.
    private func startImport(_ job: UploadJob, actor: User, mode: ImportMode, preview: Bool) {
        let uploads = uploads, threads = threads
        let task = Task.detached {
            do {
                let outcome = try await job.kind.run(job, actor: actor, mode: mode, preview: preview, threads: threads) { rows in
                    uploads.setRowsRead(job.id, rows)
                }
                uploads.setState(job.id, preview ? .checked(outcome) : .recorded(outcome))
            } catch is CancellationError {
                return
            } catch {
                uploads.setState(job.id, UploadJob.failure(error))
            }
            if !preview { uploads.clean(job.id, forget: false) }
        }
        uploads.setTask(job.id, task)
    }

    // MARK: A class's uploads

    private func uploadCohortId(_ context: WebContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    /// The class of the address, within the user's scope, as the place of its uploads.
    private func cohortPlace(_ kind: UploadKind, _ context: WebContext) async throws -> (UploadPlace, Int64) {
        let actor = try context.signedIn.user
        let id = try uploadCohortId(context)
        let summary = try await store { store in try store.cohort(id: id, actor: actor) }
        return (kind.place(UploadJob.Owner(login: actor.login, cohortId: id), cohortName: summary.cohort.name), id)
    }

    /// The upload of the address, if it is the signed-in user's and was sent for this class,
    /// which must still be within her scope.
    private func cohortUpload(_ context: WebContext) async throws -> (UploadJob, UploadPlace) {
        let actor = try context.signedIn.user
        let id = try uploadCohortId(context)
        let summary = try await store { store in try store.cohort(id: id, actor: actor) }
        guard let uploadId = context.parameters.get("upload"),
              let job = uploads.job(uploadId, owner: UploadJob.Owner(login: actor.login, cohortId: id)) else { throw WebError.notFound }
        return (job, job.kind.place(job.owner, cohortName: summary.cohort.name))
    }
}

extension UploadJob {
    /// Why a list could not be read or checked at all, as its page says it. The server's own
    /// trouble (a folder it cannot write) is not the user's to read about in detail.
    static func failure(_ error: any Error) -> State {
        guard let error = error as? any BilingualError, !(error is ErrorWorkbookNotWritten) else {
            return .failed(chinese: "服务器无法处理这个文件，请稍后再试；问题持续时请联系管理员。",
                           english: "the server could not process this file: try again later; if it persists, tell the administrator.")
        }
        let message = FormMessage(error)
        return .failed(chinese: message.zh, english: message.en)
    }
}
