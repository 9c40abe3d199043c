import Foundation
import Domain
import Store

/// The audit trail as an interface shows it, newest first: the national IDs and phones inside
/// the events' before/after snapshots masked like everywhere else.
public struct AuditTrail: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the events `filter` selects (by user, action, record and days).
    public func list(actor: User, filter: AuditFilter = AuditFilter(), page: PageRequest = .first) throws -> Page<AuditView> {
        try store.auditEvents(actor: actor, filter: filter, page: page).mapRows(AuditView.init)
    }

    /// Every event `filter` selects, masked, one at a time in the listing's order: for a
    /// workbook of a trail too long to hold in memory.
    public func each(actor: User, filter: AuditFilter, _ body: (AuditView) throws -> Void) throws {
        try store.eachAuditEvent(actor: actor, filter: filter) { try body(AuditView($0)) }
    }

    /// The actions and tables on file, for a filter to offer.
    public func choices(actor: User) throws -> AuditChoices {
        let choices = try store.auditChoices(actor: actor)
        return AuditChoices(actions: choices.actions, entities: choices.entities)
    }
}

/// What a filter of the trail can pick from.
public struct AuditChoices: Sendable, Equatable {
    public let actions: [String]
    public let entities: [String]
}

/// An audit event for display.
public struct AuditView: Encodable, Sendable, Equatable {
    public let at: String
    public let actor: String
    /// The actor's role when they acted (`bureau`, `institution`, `examiner`, `anonymous`).
    public let role: String
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
        role = event.actorRole
        action = event.action
        entity = event.entity
        key = event.entityKey
        before = event.before.map(AuditView.masked)
        after = event.after.map(AuditView.masked)
        reason = event.reason
    }

    /// Masks the values of personal-data keys in a JSON snapshot, at any depth: a snapshot may
    /// hold a record inside another (a registration in an override) or a list of them.
    static func masked(_ json: String) -> String {
        // Most events (a mark entered, a status changed) carry no personal data: a look for the
        // keys spares parsing them, which a workbook of millions of events would feel.
        guard json.withCString({ text in personalKeyHints.contains { strstr(text, $0) != nil } }) else { return json }
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
              value is [String: Any] || value is [Any] else { return json }
        guard let data = try? JSONSerialization.data(withJSONObject: masked(value, key: nil), options: [.sortedKeys, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    /// Text every personal-data key holds (see `mask(forKey:)`).
    private static let personalKeyHints = ["national_id", "phone", "birth_date"]

    /// `value` with each text under a personal-data key masked; a list under such a key has
    /// each of its texts masked.
    private static func masked(_ value: Any, key: String?) -> Any {
        switch value {
        case let object as [String: Any]:
            return Dictionary(uniqueKeysWithValues: object.map { ($0.key, masked($0.value, key: $0.key)) })
        case let list as [Any]:
            return list.map { masked($0, key: key) }
        default:
            guard let key, let mask = mask(forKey: key) else { return value }
            if let text = value as? String { return mask(text) }
            // A number written without quotes is still a number to hide.
            if let number = value as? NSNumber, !(value is Bool) { return mask(number.stringValue) }
            return value
        }
    }

    /// The mask for a snapshot key (snake case, as the Store writes them): `national_id`,
    /// `holder_national_id`, `national_ids`; `phone`, `contact_phone`, `phones`; and a person's
    /// `birth_date`, which is the part of the ID its mask hides (listings leave it out).
    private static func mask(forKey key: String) -> ((String) -> String)? {
        let key = key.lowercased()
        if key.contains("national_id") { return Masking.nationalID }
        if key == "phone" || key == "phones" || key.hasSuffix("_phone") || key.hasSuffix("_phones") { return Masking.phone }
        if key == "birth_date" { return { _ in "****-**-**" } }
        return nil
    }
}
