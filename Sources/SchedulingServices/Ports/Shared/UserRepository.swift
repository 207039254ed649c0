import Foundation
import SchedulingDomain

/// Stores user accounts.
public protocol UserRepository: Sendable {
    /// Adds a user; throws ``StoreError/uniqueViolation(constraint:)`` (`users.username`) on a
    /// duplicate login name.
    func insert(_ user: UserAccount, passwordHash: String) async throws
    /// The user with this id.
    func find(id: UserAccount.ID) async throws -> UserAccount?
    /// The user with this login name and their password hash.
    func find(username: String) async throws -> (UserAccount, passwordHash: String)?
    /// All users ordered by login name.
    func list() async throws -> [UserAccount]
    /// Replaces a user's password hash and whether it must be changed at next login.
    func setPassword(userID: UserAccount.ID, hash: String, changeRequired: Bool) async throws
    /// Number of users.
    func count() async throws -> Int
}
