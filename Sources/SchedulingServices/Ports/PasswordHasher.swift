import Foundation
import SchedulingDomain

/// Hashes and checks passwords (bcrypt in production).
public protocol PasswordHasher: Sendable {
    /// A salted one-way hash.
    func hash(_ password: String) -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) -> Bool
}
