import Foundation
import Testing
import Domain
import Store

/// Initial passwords from the command line: set with `user add --password` or
/// `user set-password`, checked against the rules, never printed, to be changed at first sign-in.
@Suite struct UserPasswordCLITests {
    func store(_ workspace: Workspace) throws -> (Store, User) {
        let store = try Store.open(path: workspace.path("skillcert.sqlite"), clock: .fixed(CivilDate(year: 2026, month: 11, day: 21)!))
        return (store, try store.user(login: "admin"))
    }

    @Test func aUserAddedWithAPasswordMustChangeItAndTheToolNeverShowsIt() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        #expect(workspace.run("institution", "add", "--name", "甲学校", "--kind", "training", "--district", "石岐街道").status == 0)
        let added = workspace.run("user", "add", "clerk.a", "--name", "甲经办", "--role", "institution", "--institution", "甲学校",
                                  "--password", "first-pass-123")
        #expect(added.status == 0)
        #expect(added.stdout == "已添加用户 Added user clerk.a（机构经办人）；首次登录须修改密码 · the password must be changed at the first sign-in\n")
        let (store, admin) = try store(workspace)
        let clerk = try store.user(login: "clerk.a")
        let hash = try #require(try store.passwordHash(of: clerk))
        #expect(hash.hasPrefix("$2b$12$"))
        let session = try #require(try store.startWebSession(userId: clerk.id!, address: "x", tokenHash: "t", csrfToken: "c"))
        #expect(session.mustChangePassword)
        let audit = try store.auditEvents(actor: admin, entity: "users", key: "clerk.a").rows
        #expect(audit.map(\.action).contains("user.password.set"))

        let listing = workspace.run("user", "list", "--json")
        let auditText = workspace.run("audit", "list", "--json")
        for output in [added.stdout, added.stderr, listing.stdout, auditText.stdout] {
            #expect(!output.contains("first-pass-123") && !output.contains(hash) && !output.contains("$2b$"))
        }
    }

    @Test func aPasswordThatBreaksARuleIsRefusedAndNoUserIsAdded() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        let short = workspace.run("user", "add", "officer", "--name", "科员", "--role", "bureau", "--password", "short")
        #expect(short.status == 1)
        #expect(short.stderr == "错误：密码至少需要 10 个字符\nError: a password has at least 10 characters\n")
        let same = workspace.run("user", "add", "officer.wang1", "--name", "科员", "--role", "bureau", "--password", "Officer.Wang1")
        #expect(same.stderr.contains("密码不能与登录名相同") && same.stderr.contains("the password must not be the login"))
        #expect(!workspace.run("user", "list").stdout.contains("officer"), "a refused user add changes nothing")

        let both = workspace.run("user", "add", "officer", "--name", "科员", "--role", "bureau",
                                 "--password", "long-enough-1", "--password-file", "pw.txt")
        #expect(both.status == 1 && both.stderr.contains("give --password or --password-file, not both"))
    }

    @Test func setPasswordReadsAFileAndResetsTheMustChangeFlag() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        try "from-a-file-42\r\nsecond line ignored\n".write(toFile: workspace.path("pw.txt"), atomically: true, encoding: .utf8)
        let set = workspace.run("user", "set-password", "admin", "--password-file", "pw.txt")
        #expect(set.status == 0)
        #expect(set.stdout == "已为 admin 设置初始密码，首次登录须修改 · Set an initial password for admin; it must be changed at the next sign-in\n")
        let (store, admin) = try store(workspace)
        let hash = try #require(try store.passwordHash(of: admin))
        #expect(hash.count == 60 && !set.stdout.contains(hash))

        let missing = workspace.run("user", "set-password", "admin")
        #expect(missing.status == 1 && missing.stderr.contains("--password 或 --password-file"))
        let nobody = workspace.run("user", "set-password", "nobody", "--password", "long-enough-1")
        #expect(nobody.status == 1 && nobody.stderr == "错误：找不到用户：nobody\nError: no user nobody\n")
        let unreadable = workspace.run("user", "set-password", "admin", "--password-file", "no-such-file.txt")
        #expect(unreadable.status == 1 && unreadable.stderr.contains("--password-file"))
    }
}
