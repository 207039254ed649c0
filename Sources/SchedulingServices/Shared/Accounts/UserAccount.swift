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
