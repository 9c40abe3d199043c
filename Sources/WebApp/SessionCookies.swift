import Hummingbird

/// The cookies the web app sets: the session's token and, before sign-in, the token the
/// sign-in form must bring back. Scripts cannot read them (`HttpOnly`), other sites' pages do
/// not send them (`SameSite=Strict`), and behind HTTPS they travel only encrypted (`Secure`).
struct SessionCookies: Sendable {
    static let sessionName = "skillcert_session"
    static let signInName = "skillcert_signin"

    /// `--secure-cookies`: the server sits behind HTTPS.
    let secure: Bool

    func session(_ token: String) -> Cookie { cookie(Self.sessionName, token) }

    func signIn(_ token: String) -> Cookie { cookie(Self.signInName, token) }

    /// Tells the browser to forget a cookie.
    func cleared(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    private func cookie(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
