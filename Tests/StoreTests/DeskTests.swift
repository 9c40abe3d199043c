import Testing
import Domain
@testable import Store

/// A page that opens a desk before it has a period or a filter asks the Store whether the user
/// may open it, and is refused as the desk's own lists refuse: the same action, the same reason.
@Suite struct DeskTests {
    let world: World
    init() throws { world = try World() }

    /// The refusal's action and Chinese reason, or nil when let in.
    func refusal(_ body: () throws -> Void) -> (action: String, reason: String)? {
        do {
            try body()
            return nil
        } catch let StoreError.notPermitted(action, _, reasonZh, _) {
            return (action, reasonZh)
        } catch {
            Issue.record("expected a refusal or none, got \(error)")
            return nil
        }
    }

    @Test func examinersAreRefusedTheApprenticeClaimsAsTheListRefusesThem() throws {
        let period = try Period.parse("2026Q4").range
        let desk = refusal { try world.store.requireDesk(.apprenticeClaims, actor: world.examiner) }
        let list = refusal { _ = try world.store.apprenticeClaimList(period: period, actor: world.examiner) }
        #expect(desk?.action == "apprentice claims" && desk?.reason == "考评员不查看学徒补贴")
        #expect(desk?.action == list?.action && desk?.reason == list?.reason)
        for user in [world.admin, world.clerkA] {
            #expect(refusal { try world.store.requireDesk(.apprenticeClaims, actor: user) } == nil, "\(user.login)")
        }
    }

    @Test func onlyTheBureauOpensTheAuditTrailAsItsListsSay() throws {
        for user in [world.clerkA, world.examiner] {
            let desk = refusal { try world.store.requireDesk(.auditTrail, actor: user) }
            let list = refusal { _ = try world.store.auditEvents(actor: user, filter: AuditFilter()) }
            #expect(desk?.action == "audit list" && desk?.reason.contains("只有人社局用户可以执行此操作") == true, "\(user.login)")
            #expect(desk?.action == list?.action && desk?.reason == list?.reason, "\(user.login)")
        }
        #expect(refusal { try world.store.requireDesk(.auditTrail, actor: world.admin) } == nil)
    }
}
