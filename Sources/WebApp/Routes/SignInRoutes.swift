import Hummingbird
import Services
import Store

/// Signing in and out, and the password change an initial password leads to.
extension WebApp {
    func addSignInRoutes(to router: Router<WebContext>) {
        router.get("/signin") { request, context -> Response in
            if context.session != nil { return .redirect(to: "/", type: .normal) }
            return signInPage(request: request, context: context)
        }

        router.post("/signin") { request, context -> Response in
            let login = context.form.text("login"), password = context.form.text("password")
            let address = context.address
            let accounts = self.accounts
            let outcome = try await store { store in try accounts.signIn(login: login, password: password, address: address, store: store) }
            switch outcome {
            case .signedIn(let token, let session):
                var response = Response.redirect(to: session.mustChangePassword ? "/password" : "/", type: .normal)
                response.setCookie(cookies.session(token))
                response.setCookie(cookies.cleared(SessionCookies.signInName))
                return response
            case .refused:
                return signInPage(request: request, login: login, status: .unauthorized, messageZh: "登录名或密码不正确。",
                                  messageEn: "Wrong login or password.", context: context)
            case .throttled:
                return signInPage(request: request, login: login, status: .tooManyRequests,
                                  messageZh: "失败次数过多，已暂时锁定，请 15 分钟后再试。",
                                  messageEn: "Too many failed attempts: locked for now, try again in 15 minutes.", context: context)
            }
        }

        router.post("/signout") { _, context -> Response in
            if let token = context.sessionToken {
                let accounts = self.accounts
                try await store { store in try accounts.signOut(token: token, store: store) }
            }
            var response = Response.redirect(to: "/signin", type: .normal)
            response.setCookie(cookies.cleared(SessionCookies.sessionName))
            return response
        }

        router.get("/password") { _, context -> Response in
            passwordPage(context: context)
        }

        router.post("/password") { _, context -> Response in
            let session = try context.signedIn
            let form = context.form
            let accounts = self.accounts
            do {
                try await store { store in
                    try accounts.changeOwnPassword(current: form.text("current"), new: form.text("new"),
                                                   repeated: form.text("repeat"), session: session, store: store)
                }
            } catch let error as AccountError {
                return passwordPage(status: .badRequest, messageZh: error.chinese, messageEn: error.english, context: context)
            }
            return .redirect(to: "/?password=changed", type: .normal)
        }
    }

    /// The sign-in form, with a token in a cookie that the form must bring back. A browser that
    /// already holds one of our tokens keeps it: browsers open the sign-in page again behind the
    /// person's back (a /favicon.ico they fetch leads there when signed out), and a fresh token
    /// then would make the form on the screen fail.
    private func signInPage(request: Request, login: String = "", status: HTTPResponse.Status = .ok,
                            messageZh: String? = nil, messageEn: String? = nil, context: WebContext) -> Response {
        let held = request.cookies[SessionCookies.signInName]?.value ?? ""
        let token = held.wholeMatch(of: /[0-9a-f]{64}/) != nil ? held : Accounts.randomHex(bytes: 32)
        var response = pages.render("signin", title: "登录", page: SignInPage(
            token: token, login: login, messageZh: messageZh, messageEn: messageEn), status: status, context: context)
        response.setCookie(cookies.signIn(token))
        return response
    }

    private func passwordPage(status: HTTPResponse.Status = .ok, messageZh: String? = nil, messageEn: String? = nil,
                              context: WebContext) -> Response {
        pages.render("password", title: "修改密码", page: PasswordPage(
            mustChange: context.session?.mustChangePassword ?? false, minimum: Accounts.minimumPasswordLength,
            messageZh: messageZh, messageEn: messageEn), status: status, context: context)
    }
}

struct SignInPage {
    let token: String
    let login: String
    let messageZh: String?
    let messageEn: String?
}

struct PasswordPage {
    let mustChange: Bool
    let minimum: Int
    let messageZh: String?
    let messageEn: String?
}
