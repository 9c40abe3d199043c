import Hummingbird
import Services
import Store

/// An apprentice list (学徒名单) uploaded from the browser, with the same preview and confirmation
/// as a class's trainee list: the template, the file streamed to its own folder, checked in the
/// background by `ApprenticeListImport` in its preview mode (every check of the import, nothing
/// written), then registered whole on confirmation, as `skillcert apprentice import` does: a list
/// with a refused row registers nobody, so the preview asks her to fix the file instead. Rows
/// without a 培训机构 are her own institution's. Examiners are refused before anything is read;
/// an upload is found only by the user who sent it.
extension WebApp {
    func addApprenticeListRoutes(to router: Router<WebContext>) {
        router.get("/apprentice-lists") { _, context -> Response in
            uploadForm(.apprenticeList, try await apprenticePlace(context), context: context)
        }

        router.get("/apprentice-lists/template") { _, context -> Response in
            let actor = try context.signedIn.user
            return try await workbookDownload(name: DownloadName(chinese: "学徒名单模板", ascii: "apprentice-template")) { store, _, url in
                try store.requireApprenticeImporter(actor: actor)
                _ = try CatalogWorkbooks(store: store).apprenticeTemplate(actor: actor) { url }
            }
        }

        router.post("/apprentice-lists/upload") { request, context -> Response in
            let actor = try context.signedIn.user
            let place = try await apprenticePlace(context)
            return try await receiveUpload(.apprenticeList, place, owner: UploadJob.Owner(login: actor.login, cohortId: nil), request,
                                           context: context)
        }

        router.get("/apprentice-lists/uploads/{upload}") { request, context -> Response in
            let (job, place) = try await apprenticeUpload(context)
            return uploadPage(job, place, request, context: context)
        }

        addDisclosableDownload("/apprentice-lists/uploads/{upload}/errors", to: router) { context in
            let (job, place) = try await apprenticeUpload(context)
            return try errorWorkbookDownload(job, place, context: context)
        }

        router.post("/apprentice-lists/uploads/{upload}/confirm") { _, context -> Response in
            let (job, place) = try await apprenticeUpload(context)
            return try confirmUpload(job, place, context: context)
        }

        router.post("/apprentice-lists/uploads/{upload}/discard") { _, context -> Response in
            let (job, place) = try await apprenticeUpload(context)
            return discardUpload(job, place)
        }
    }

    /// The apprentice lists' place, for a user who may import one (an examiner gets the 403 page).
    private func apprenticePlace(_ context: WebContext) async throws -> UploadPlace {
        let actor = try context.signedIn.user
        try await store { store in try store.requireApprenticeImporter(actor: actor) }
        return UploadKind.apprenticeList.place(UploadJob.Owner(login: actor.login, cohortId: nil), cohortName: nil)
    }

    /// The apprentice list upload of the address, if it is the signed-in user's.
    private func apprenticeUpload(_ context: WebContext) async throws -> (UploadJob, UploadPlace) {
        let actor = try context.signedIn.user
        let place = try await apprenticePlace(context)
        guard let uploadId = context.parameters.get("upload"),
              let job = uploads.job(uploadId, owner: UploadJob.Owner(login: actor.login, cohortId: nil)),
              job.kind == .apprenticeList else { throw WebError.notFound }
        return (job, place)
    }
}
