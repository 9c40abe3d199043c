import Hummingbird
import Services
import Store

/// What every route needs, built once when the server starts.
struct WebApp: Sendable {
    let threads: StoreThreads
    let accounts: Accounts
    let pages: Pages
    let cookies: SessionCookies
    /// Uploaded lists, their checks and previews (`UploadRoutes`).
    let uploads: UploadJobs
    let uploadReceiver: UploadReceiver
    /// The address printed QR codes point to (`--public-url`); nil: the address the request came to.
    var publicAddress: PublicAddress? = nil
    /// The register `/verify` asks instead of the city's own database (`--province-pg`: the
    /// province's, over every city); nil: the city's own.
    var certificateRegister: (any CertificateRegister)? = nil
    /// The per-address limit and the time floor of the public lookups (`PublicLookups`).
    let publicLookups = PublicLookups()
    /// Self-service lookups' grants to download one's own tickets (`CandidateRoutes`).
    let candidateGrants = CandidateGrants()

    /// Runs Store work (and bcrypt) on the Store's own threads, never on an event loop.
    func store<T: Sendable>(_ work: @escaping @Sendable (Store) throws -> T) async throws -> T {
        try await threads.run { store, _ in try work(store) }
    }

    /// Reads one record for a page about it. Not finding it and not being allowed to see it
    /// give the same 404: a page never confirms that another institution's record exists.
    func record<T: Sendable>(_ work: @escaping @Sendable (Store) throws -> T) async throws -> T {
        do {
            return try await store(work)
        } catch let error as StoreError {
            switch error {
            case .notFound, .notPermitted: throw WebError.notFound
            default: throw error
            }
        }
    }
}

/// Refusals the web app itself makes; the Store's own refusals arrive as `StoreError`.
enum WebError: Error {
    /// A POST without the form's token: from another site, or a page kept open past its session.
    case formTokenRefused
    case notFound
}
