import Foundation
import SchedulingDomain

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
