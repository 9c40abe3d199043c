import Hummingbird
import Domain
import Store

/// Turns a refusal into a page a person can read, inside the usual frame: the Store's refusal
/// of an action is 403 with its reason in Chinese and English; anything not found (a missing
/// record, one outside the user's scope, an unknown address) is one and the same 404; a rule
/// a value broke is 400 with the rule; anything else is 500 without details.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let pages: Pages

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StoreError {
            if case .notPermitted = error {
                return pages.problem(.forbidden, headingZh: "无权操作", headingEn: "Not permitted", error: error, context: context)
            }
            if case .notFound = error { return pages.notFound(context: context) }
            return pages.problem(.badRequest, headingZh: "无法完成", headingEn: "Could not be done", error: error, context: context)
        } catch WebError.notFound {
            return pages.notFound(context: context)
        } catch WebError.formTokenRefused {
            return pages.problem(.forbidden, headingZh: "表单已失效", headingEn: "Form refused",
                                 error: Rejection("表单已过期或不是从本站页面提交的，请重新打开页面再提交。",
                                                  "the form has expired or was not sent from this site's page: open the page again and resend it."),
                                 context: context)
        } catch let error as HTTPError where error.status == .notFound {
            return pages.notFound(context: context)
        } catch let error as any BilingualError {
            return pages.problem(.badRequest, headingZh: "无法完成", headingEn: "Could not be done", error: error, context: context)
        } catch let error as HTTPError where error.status.code < 500 {
            throw error
        } catch {
            context.logger.error("request failed: \(String(describing: type(of: error)))")
            return pages.problem(.internalServerError, headingZh: "服务器出错", headingEn: "Server error",
                                 error: Rejection("请稍后再试；问题持续时请联系管理员。", "please try again later; if it persists, tell the administrator."),
                                 context: context)
        }
    }
}
