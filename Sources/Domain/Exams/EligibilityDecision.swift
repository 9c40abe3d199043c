/// The answer to "may this candidate apply?": the route that fits, or why none does.
public enum EligibilityDecision: Equatable, Hashable, Sendable {
    /// The first route of the level (in catalog order) whose conditions the evidence meets.
    case eligible(route: EligibilityRoute)
    /// Special-ability items have no entry condition beyond the training, so no route applies.
    case eligibleWithoutConditions
    /// One entry per route of the level saying what is missing, or a single route-less entry
    /// when the occupation is unknown, does not offer the level, or has no routes for it.
    case refused(reasons: [RouteMiss])

    public var isEligible: Bool {
        if case .refused = self { return false }
        return true
    }
}

/// Why one route does not fit: every missing condition, so a clerk sees all of them at once.
public struct RouteMiss: Equatable, Hashable, Sendable {
    /// Nil when the refusal is not about a route (unknown occupation, level not offered).
    public var route: EligibilityRoute?
    public var missing: [Rejection]

    public init(route: EligibilityRoute?, missing: [Rejection]) {
        self.route = route
        self.missing = missing
    }

    /// One line per route for display: `路线 4A：…；…` / `route 4A: …; …`.
    public var summary: Rejection {
        let zh = missing.map(\.chinese).joined(separator: "；")
        let en = missing.map(\.english).joined(separator: "; ")
        guard let route else { return Rejection(zh, en) }
        return Rejection("路线 \(route.routeCode)：\(zh)", "route \(route.routeCode): \(en)")
    }
}
