import SchedulingDomain

/// Who is acting: a logged-in user, a token holder, or the system itself (CLI, demo loader).
public struct Principal: Hashable, Sendable, Codable {
    /// The user's id, or `system:…` for the system.
    public var actorID: String
    /// Login name (`system` for the system).
    public var username: String
    /// Display name.
    public var displayName: String
    /// Role; `nil` for the system, which may do anything.
    public var role: Role?

    /// Creates a principal.
    public init(actorID: String, username: String, displayName: String, role: Role?) {
        self.actorID = actorID
        self.username = username
        self.displayName = displayName
        self.role = role
    }

    /// A user acting through the web or API.
    public init(user: UserAccount) {
        self.init(actorID: user.id.rawValue, username: user.username, displayName: user.displayName, role: user.role)
    }

    /// The system acting on behalf of an operator at the command line or at start-up.
    public static func system(_ component: String) -> Principal {
        Principal(actorID: "system:\(component)", username: "system", displayName: "Kairos (\(component))", role: nil)
    }

    /// Whether this principal holds one of `roles` (the system holds them all).
    public func holds(anyOf roles: Set<Role>) -> Bool {
        guard let role else { return true }
        return roles.contains(role)
    }
}

/// A principal plus the facts of one request: its id and the stated reason, for the audit log.
public struct Caller: Sendable {
    /// Who.
    public var principal: Principal
    /// Request id, echoed in responses and logs.
    public var requestID: String?
    /// Why (e.g. "booking call"), when the caller states it.
    public var reason: String?

    /// Creates a caller.
    public init(principal: Principal, requestID: String? = nil, reason: String? = nil) {
        self.principal = principal
        self.requestID = requestID
        self.reason = reason
    }

    /// Throws ``ServiceError/forbidden(_:)`` unless the principal holds one of `roles`.
    public func require(anyOf roles: Set<Role>, to action: String) throws(ServiceError) {
        guard principal.holds(anyOf: roles) else {
            throw .forbidden("Your role may not \(action).")
        }
    }
}
