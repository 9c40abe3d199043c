import Domain
import Services
import Store

/// One account of the demo year that anyone trying the demo signs in with: its login, its
/// published password and its role. One per role, so that each role's pages can be seen (two
/// examiners, who key the same marks).
public struct DemoAccount: Sendable, Equatable {
    public let login: String
    public let password: String
    public let role: Role

    /// The bureau's administrator, the first 粤菜师傅 school's clerk, and two examiners of the
    /// 粤菜师傅 evaluation body (also on its list of examiners): two, because marks are keyed twice
    /// by different people, and both staff the panel of the session the year ends with.
    public static let all: [DemoAccount] = [
        DemoAccount(login: "admin", password: "demo-bureau-2026", role: .bureau),
        DemoAccount(login: "clerk.yuecai.1", password: "demo-clerk-2026", role: .institution),
        DemoAccount(login: examinerLogins[0], password: "demo-examiner-2026", role: .examiner),
        DemoAccount(login: examinerLogins[1], password: "demo-examiner2-2026", role: .examiner),
    ]

    static let examinerLogins = ["exam.yuecai.1", "exam.yuecai.2"]
}

/// A demo account as a database holds it now: whose it is, and whether its published password
/// still signs in (somebody may have changed it on the web since the year was built).
public struct DemoAccountStatus: Sendable {
    public let account: DemoAccount
    /// Nil when the database has no such user (not a demo database) or the user is disabled.
    public let user: User?
    public let institutionName: String?
    public let passwordWorks: Bool
}

public enum DemoAccounts {
    /// Gives each demo account its published password. These passwords are printed by
    /// `skillcert demo` and written in the README, so they protect nothing: asking for a change at
    /// the first sign-in would only put a form between a visitor and the demo. Real accounts get
    /// an initial password that must be changed (`user add --password`).
    static func setPasswords(store: Store, admin: User, accounts: Accounts = Accounts()) throws {
        for account in DemoAccount.all {
            try accounts.setPassword(login: account.login, password: account.password, mustChange: false, actor: admin, store: store)
        }
    }

    /// The demo accounts of `store`, each checked against its published password without
    /// counting as a sign-in.
    public static func status(store: Store, accounts: Accounts = Accounts()) throws -> [DemoAccountStatus] {
        let admin = try store.user(login: try store.administratorLogin())
        return try DemoAccount.all.map { account in
            guard let user = try? store.user(login: account.login) else {
                return DemoAccountStatus(account: account, user: nil, institutionName: nil, passwordWorks: false)
            }
            let institution = try user.institutionId.map { try store.institution(String($0), actor: admin).name }
            return DemoAccountStatus(account: account, user: user, institutionName: institution,
                                     passwordWorks: try accounts.isCurrentPassword(account.password, of: user, store: store))
        }
    }
}
