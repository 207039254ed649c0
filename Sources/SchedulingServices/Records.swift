import Foundation
import SchedulingDomain

/// A person who can log in to Kairos.
public struct UserAccount: Hashable, Codable, Sendable, Identifiable {
    /// Identifier.
    public typealias ID = Identifier<UserAccount>
    /// Identifier.
    public var id: ID
    /// Unique login name (lower case, 3–40 of `a-z 0-9 . _ -`).
    public var username: String
    /// Name shown to people.
    public var displayName: String
    /// Role.
    public var role: Role
    /// Whether the user may log in.
    public var active: Bool
    /// Whether the next login must choose a new password (after a one-time password).
    public var passwordChangeRequired: Bool
    /// When the account was created.
    public var createdAt: Date

    /// Creates an account record.
    public init(
        id: ID, username: String, displayName: String, role: Role, active: Bool = true,
        passwordChangeRequired: Bool = true, createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.active = active
        self.passwordChangeRequired = passwordChangeRequired
        self.createdAt = createdAt
    }
}

/// A logged-in browser session. The cookie holds a secret; only its SHA-256 is stored.
public struct WebSession: Hashable, Sendable {
    /// SHA-256 (hex) of the cookie secret.
    public var tokenHash: String
    /// Whose session.
    public var userID: UserAccount.ID
    /// Synchroniser token that forms must echo (CSRF protection).
    public var csrfToken: String
    /// Created.
    public var createdAt: Date
    /// Ends.
    public var expiresAt: Date

    /// Creates a session record.
    public init(tokenHash: String, userID: UserAccount.ID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A bearer token for scripts and integrations. Only its SHA-256 is stored; revocable.
public struct APIToken: Hashable, Codable, Sendable, Identifiable {
    /// Identifier.
    public typealias ID = Identifier<APIToken>
    /// Identifier (safe to show; not the secret).
    public var id: ID
    /// Whose token.
    public var userID: UserAccount.ID
    /// Label chosen when issued ("nightly export").
    public var name: String
    /// SHA-256 (hex) of the secret.
    public var tokenHash: String
    /// Issued.
    public var createdAt: Date
    /// Revoked, if it was.
    public var revokedAt: Date?

    /// Creates a token record.
    public init(id: ID, userID: UserAccount.ID, name: String, tokenHash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.userID = userID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// One entry of the append-only audit log.
public struct AuditEntry: Hashable, Codable, Sendable {
    /// Position in the chain, from 1, without gaps.
    public var sequence: Int64
    /// When, to the millisecond.
    public var at: Date
    /// Who: a user id or `system:…`.
    public var actorID: String
    /// The actor's role at the time, if a user.
    public var actorRole: String?
    /// What: `patient.read`, `user.create`, …
    public var action: String
    /// Kind of thing acted on: `patient`, `user`, `token`, …
    public var entityType: String
    /// Which one (an id, never a name).
    public var entityID: String?
    /// Why, as stated by the caller.
    public var reason: String?
    /// Extra facts (ids and codes only).
    public var detail: String?
    /// The request that did it.
    public var requestID: String?
    /// Hash of the previous entry (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 over this entry's fields and `previousHash`.
    public var hash: String

    /// Creates an entry.
    public init(
        sequence: Int64, at: Date, actorID: String, actorRole: String?, action: String, entityType: String,
        entityID: String?, reason: String?, detail: String?, requestID: String?, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actorID = actorID
        self.actorRole = actorRole
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.reason = reason
        self.detail = detail
        self.requestID = requestID
        self.previousHash = previousHash
        self.hash = hash
    }
}
