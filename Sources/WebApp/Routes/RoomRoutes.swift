import Foundation
import Hummingbird
import Domain
import Services
import Store

/// An examiner's rooms (我的考场) and the score-entry grid of each: one line per candidate, one
/// input per line, saved by the Store's `enterRoomScores` with the same checks, double entry and
/// audit as `skillcert results enter`. Every valid value is recorded; a refused one stays on the
/// page as typed, with its reason. Double entry is blind: the grid shows whether a line awaits a
/// second entry, matches or disagrees, never the other keyer's mark. A filled score sheet is
/// uploaded for a room with the clerk's upload machinery: checked, previewed, recorded on
/// confirmation, all lines or none (`ScoreSheetImport`).
///
/// The Store decides who sees a room: an examiner her own rooms (another room is the same 404 as
/// a missing one), a bureau user any room, a clerk none (403).
extension WebApp {
    func addRoomRoutes(to router: Router<WebContext>) {
        // The grid's keyboard, read once: served by the app itself, no other site involved.
        let script = Bundle.module.resourceURL.map { $0.appendingPathComponent("Static/score-grid.js") }
            .flatMap { try? Data(contentsOf: $0) }.map { ByteBuffer(data: $0) } ?? ByteBuffer()

        router.get("/static/score-grid.js") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: script))
        }

        router.get("/rooms") { _, context -> Response in
            let actor = try context.signedIn.user
            let rooms = try await store { store in try store.examinerRooms(actor: actor) }
            return pages.render("rooms", title: "我的考场", page: RoomsPage(rooms), context: context)
        }

        router.get("/rooms/{room}") { request, context -> Response in
            let grid = try await roomGrid(context)
            let saved = request.uri.queryParameters["saved"].flatMap { Int($0) }
            return pages.render("room-grid", title: "录入成绩", page: RoomGridPage(grid, saved: saved), context: context)
        }

        router.post("/rooms/{room}") { _, context -> Response in
            let actor = try context.signedIn.user
            let before = try await roomGrid(context)
            let roomId = before.room.id!
            let marks = before.lines.compactMap { line -> RoomMark? in
                let typed = context.form.text(RoomGridPage.inputName(line)).trimmingWhitespace()
                return typed.isEmpty ? nil : RoomMark(ticket: line.ticket, mark: typed)
            }
            let (outcomes, after) = try await store { store in
                (try store.enterRoomScores(roomId: roomId, marks: marks, actor: actor), try store.roomScoreGrid(roomId: roomId, actor: actor))
            }
            let refused = outcomes.filter { if case .failure = $0.result { true } else { false } }
            guard !refused.isEmpty else { return .redirect(to: "/rooms/\(roomId)?saved=\(outcomes.count)", type: .normal) }
            return pages.render("room-grid", title: "录入成绩", page: RoomGridPage(after, saved: outcomes.count - refused.count, outcomes: refused),
                                status: .badRequest, context: context)
        }

        router.get("/rooms/{room}/score-sheet") { _, context -> Response in
            let (place, _) = try await roomUploadPlace(context)
            return uploadForm(.scoreSheet, place, context: context)
        }

        router.post("/rooms/{room}/score-sheet/upload") { request, context -> Response in
            let actor = try context.signedIn.user
            // Refused or out of scope before a byte of the file is read.
            let (place, roomId) = try await roomUploadPlace(context)
            return try await receiveUpload(.scoreSheet, place, owner: Self.roomOwner(actor, roomId), request, context: context)
        }

        router.get("/rooms/{room}/uploads/{upload}") { request, context -> Response in
            let (job, place) = try await roomUpload(context)
            return uploadPage(job, place, request, context: context)
        }

        addDisclosableDownload("/rooms/{room}/uploads/{upload}/errors", to: router) { context in
            let (job, place) = try await roomUpload(context)
            return try errorWorkbookDownload(job, place, context: context)
        }

        router.post("/rooms/{room}/uploads/{upload}/confirm") { _, context -> Response in
            let (job, place) = try await roomUpload(context)
            return try confirmUpload(job, place, context: context)
        }

        router.post("/rooms/{room}/uploads/{upload}/discard") { _, context -> Response in
            let (job, place) = try await roomUpload(context)
            return discardUpload(job, place)
        }
    }

    /// The room of the address as the signed-in user may see it.
    private func roomGrid(_ context: WebContext) async throws -> RoomScoreGrid {
        let actor = try context.signedIn.user
        guard let id = context.parameters.get("room", as: Int64.self) else { throw WebError.notFound }
        return try await store { store in try store.roomScoreGrid(roomId: id, actor: actor) }
    }

    private static func roomOwner(_ actor: User, _ roomId: Int64) -> UploadJob.Owner {
        UploadJob.Owner(login: actor.login, cohortId: nil, roomId: roomId)
    }

    /// The room as the place of its score-sheet uploads; refused when its session takes no marks.
    private func roomUploadPlace(_ context: WebContext) async throws -> (UploadPlace, Int64) {
        let actor = try context.signedIn.user
        let grid = try await roomGrid(context)
        guard grid.acceptsEntries else { throw StoreError.invalid(RoomGridPage.closedProblem(grid)) }
        let roomId = grid.room.id!
        return (UploadKind.scoreSheet.place(Self.roomOwner(actor, roomId), cohortName: RoomGridPage.roomTitle(grid)), roomId)
    }

    /// The upload of the address, if it is the signed-in user's and was sent for this room, which
    /// must still be hers.
    private func roomUpload(_ context: WebContext) async throws -> (UploadJob, UploadPlace) {
        let actor = try context.signedIn.user
        let grid = try await roomGrid(context)
        guard let uploadId = context.parameters.get("upload"),
              let job = uploads.job(uploadId, owner: Self.roomOwner(actor, grid.room.id!)) else { throw WebError.notFound }
        return (job, job.kind.place(job.owner, cohortName: RoomGridPage.roomTitle(grid)))
    }
}
