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

    func requireBureau(_ actor: User, to action: String, field: Field? = nil) throws {
        guard actor.role == .bureau else {
            throw StoreError.notPermitted(
                action: action, field: field,
                reasonZh: "只有人社局用户可以执行此操作（当前用户 \(actor.login) 的角色是\(actor.role.chineseName)）",
                reasonEn: "only bureau users may do this (\(actor.login) is an \(actor.role.rawValue) user)")
        }
    }

    /// Bureau users act on any institution; the others only on the one they belong to. A record
    /// of another institution is, to them, a record that does not exist: any other answer would
    /// confirm that it is there. `kind` and `key` name the record exactly as the caller's own
    /// missing-record error does, so that both answers are the same.
    func requireVisible(_ actor: User, institutionId: Int64, orNotFound kind: String, key: String) throws {
        guard actor.role == .bureau || actor.institutionId == institutionId else {
            throw StoreError.notFound(kind: kind, key: key)
        }
    }
}
