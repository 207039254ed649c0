import Foundation
import SchedulingDomain

/// Hashes and checks passwords (bcrypt in production). Slow on purpose (about a second each at
/// production cost), so implementations run it off the threads that serve requests and may
/// refuse with ``ServiceError/busy(_:retryAfter:)`` when too many wait.
public protocol PasswordHasher: Sendable {
    /// A salted one-way hash.
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) async throws -> Bool
}
