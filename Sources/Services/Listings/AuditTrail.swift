import Foundation
import Domain
import Store

/// The audit trail as an interface shows it, newest first: the national IDs and phones inside
/// the events' before/after snapshots masked like everywhere else.
public struct AuditTrail: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the events, optionally only those on one table (`entity`) or record (`key`).
    public func list(actor: User, entity: String? = nil, key: String? = nil, page: PageRequest = .first) throws -> Page<AuditView> {
        try store.auditEvents(actor: actor, entity: entity, key: key, page: page).mapRows(AuditView.init)
    }
}

/// An audit event for display.
public struct AuditView: Encodable, Sendable, Equatable {
    public let at: String
    public let actor: String
    public let action: String
    public let entity: String
    public let key: String
    /// JSON snapshots, personal data masked.
    public let before: String?
    public let after: String?
    public let reason: String?

    init(_ event: AuditEvent) {
        at = event.at
        actor = event.actorLogin
        action = event.action
        entity = event.entity
        key = event.entityKey
        before = event.before.map(AuditView.masked)
        after = event.after.map(AuditView.masked)
        reason = event.reason
    }

    /// Masks the values of personal-data keys in a JSON snapshot.
    static func masked(_ json: String) -> String {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return json }
        for (key, mask) in [("national_id", Masking.nationalID), ("phone", Masking.phone), ("contact_phone", Masking.phone)] {
            if let value = object[key] as? String { object[key] = mask(value) }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}
