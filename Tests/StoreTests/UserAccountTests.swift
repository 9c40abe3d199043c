import Testing
import Domain
@testable import Store

/// The bureau's list of accounts and the choices of its forms: filtered, paged, bureau only.
@Suite struct UserAccountTests {
    @Test func theBureauListsAccountsWithTheirInstitutionAndPasswordStateButNoHash() throws {
        let world = try World()
        try world.store.setPassword(login: "clerk.a", hash: "$2b$04$not-a-real-hash-but-secret", actor: world.admin)
        let page = try world.store.userAccounts(actor: world.admin, page: PageRequest(number: 1, size: 50))
        #expect(page.total == 4)
        #expect(page.rows.map(\.user.login) == ["admin", "clerk.a", "clerk.b", "exam.1"])
        let clerk = try #require(page.rows.first { $0.user.login == "clerk.a" })
        #expect(clerk.institutionName == "中山市甲烹饪培训学校")
        #expect(clerk.hasPassword && clerk.mustChangePassword && clerk.passwordSetAt != nil)
        let examiner = try #require(page.rows.first { $0.user.login == "exam.1" })
        #expect(!examiner.hasPassword && !examiner.mustChangePassword && examiner.passwordSetAt == nil)
        #expect(!String(describing: page.rows).contains("$2b$"), "no hash leaves the Store in an account")
        #expect(try world.store.userAccount(id: world.clerkA.id!, actor: world.admin) == clerk)
    }

    @Test func accountsFilterByRoleInstitutionStatusAndPartOfTheLoginOrName() throws {
        let world = try World()
        _ = try world.store.setUserActive(login: "clerk.b", active: false, actor: world.admin)
        _ = try world.store.addUser(login: "wang_5", name: "王五 50%", role: .bureau, institutionId: nil, actor: world.admin)
        func logins(_ filter: UserFilter) throws -> [String] {
            try world.store.userAccounts(actor: world.admin, filter: filter).rows.map(\.user.login)
        }
        #expect(try logins(UserFilter(role: .institution)) == ["clerk.a", "clerk.b"])
        #expect(try logins(UserFilter(institutionId: world.body.id)) == ["exam.1"])
        #expect(try logins(UserFilter(active: false)) == ["clerk.b"])
        #expect(try logins(UserFilter(role: .institution, active: true)) == ["clerk.a"])
        #expect(try logins(UserFilter(loginOrName: "CLERK")) == ["clerk.a", "clerk.b"], "a login matches whatever its letters' case")
        #expect(try logins(UserFilter(loginOrName: "考评员")) == ["exam.1"], "a name matches too")
        #expect(try logins(UserFilter(loginOrName: "0%")) == ["wang_5"], "% stands for itself")
        #expect(try logins(UserFilter(loginOrName: "%")) == ["wang_5"])
        #expect(try logins(UserFilter(loginOrName: "g_5")) == ["wang_5"])
        #expect(try logins(UserFilter(loginOrName: "k_a")) == [], "_ stands for itself")
        #expect(try logins(UserFilter(loginOrName: "  ")) == ["admin", "clerk.a", "clerk.b", "exam.1", "wang_5"])
        let paged = try world.store.userAccounts(actor: world.admin, filter: UserFilter(role: .institution), page: PageRequest(number: 2, size: 1))
        #expect(paged.total == 2 && paged.rows.map(\.user.login) == ["clerk.b"])
    }

    @Test func onlyTheBureauAdministersAccountsOrSeesTheFormsChoices() throws {
        let world = try World()
        for actor in [world.clerkA, world.examiner] {
            #expect { try world.store.userAccounts(actor: actor) } throws: { error in
                guard case StoreError.notPermitted(let action, _, _, _) = error else { return false }
                return action == "user list"
            }
            #expect { try world.store.userAccount(id: actor.id!, actor: actor) } throws: { error in
                guard case StoreError.notPermitted(let action, _, _, _) = error else { return false }
                return action == "user show"
            }
            #expect { try world.store.userFormChoices(actor: actor) } throws: { error in
                guard case StoreError.notPermitted(let action, _, _, _) = error else { return false }
                return action == "user add"
            }
            for editing in [false, true] {
                #expect { try world.store.institutionFormChoices(actor: actor, editing: editing) } throws: { error in
                    guard case StoreError.notPermitted(let action, _, _, _) = error else { return false }
                    return action == (editing ? "institution update (name, district, credit code)" : "institution add")
                }
            }
        }
        #expect(throws: StoreError.notFound(kind: "用户", key: "999")) { try world.store.userAccount(id: 999, actor: world.admin) }
        #expect(try world.store.userFormChoices(actor: world.admin).count == 3)
        #expect(try world.store.institutionFormChoices(actor: world.admin, editing: false).map(\.name) == ["石岐街道", "小榄镇"])
    }
}
