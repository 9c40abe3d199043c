import GRDB
import Domain

extension Store {
    /// Re-reads the acting user inside the transaction: a user disabled a moment ago cannot act.
    func currentActor(_ db: Database, _ actor: User) throws -> User {
        guard let id = actor.id, let current = try User.fetchOne(db, cached: "SELECT * FROM users WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(kind: "用户", key: actor.login)
        }
        guard current.active else { throw StoreError.userDisabled(login: current.login) }
        return current
    }

    func requireBureau(_ actor: User, to action: String) throws {
        guard actor.role == .bureau else {
            throw StoreError.notPermitted(
                action: action,
                reasonZh: "只有人社局用户可以执行此操作（当前用户 \(actor.login) 的角色是\(actor.role.chineseName)）",
                reasonEn: "only bureau users may do this (\(actor.login) is a \(actor.role.rawValue) user)")
        }
    }

    /// Bureau users act on any institution; the others only on the one they belong to.
    func requireScope(_ actor: User, institutionId: Int64, to action: String) throws {
        guard actor.role == .bureau || actor.institutionId == institutionId else {
            throw StoreError.notPermitted(
                action: action,
                reasonZh: "用户 \(actor.login) 只能处理本机构（编号 \(actor.institutionId.map(String.init) ?? "-")）的记录，不能处理机构 \(institutionId)",
                reasonEn: "\(actor.login) may act only for their own institution (id \(actor.institutionId.map(String.init) ?? "-")), not institution \(institutionId)")
        }
    }
}
