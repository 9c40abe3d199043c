import Foundation
import Hummingbird

/// Writes one line per request once its response is known: the client's address, method, path,
/// status, time taken.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let log: RequestLog

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let status: Int
        defer {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            log.write(RequestLog.line(at: Date(), address: context.address, method: request.method.rawValue, path: request.uri.path,
                                      status: status, milliseconds: milliseconds))
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        } catch {
            status = 500
            throw error
        }
    }
}
