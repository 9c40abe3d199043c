import Foundation
import Services

/// What a successful self-service lookup lets the browser do for a while without typing the ID
/// again: download that person's own admission tickets. The browser holds a random token (a
/// cookie); the person it stands for stays on the server, so no page or address carries the ID.
actor CandidateGrants {
    /// How long a lookup's grant lasts.
    static let lifetime = Duration.seconds(15 * 60)

    private var grants: [String: (personId: Int64, until: ContinuousClock.Instant)] = [:]

    /// A new token for `personId`.
    func grant(personId: Int64, now: ContinuousClock.Instant = .now) -> String {
        // Expired grants are dropped as new ones are made, so the table stays small.
        grants = grants.filter { $0.value.until > now }
        let token = Accounts.randomHex(bytes: 32)
        grants[token] = (personId, now + Self.lifetime)
        return token
    }

    /// The person `token` stands for, while it lasts.
    func person(for token: String, now: ContinuousClock.Instant = .now) -> Int64? {
        guard let found = grants[token], found.until > now else { return nil }
        return found.personId
    }
}
