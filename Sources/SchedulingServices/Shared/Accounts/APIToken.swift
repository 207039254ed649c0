import Foundation
import SchedulingDomain

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
