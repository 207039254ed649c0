import HummingbirdBcrypt
import SchedulingServices

/// bcrypt password hashing (HummingbirdBcrypt). Cost 12 in production; tests lower it.
public struct BcryptPasswordHasher: PasswordHasher {
    /// The work factor (log2 rounds), 4–31.
    public let cost: UInt8

    /// Creates a hasher.
    public init(cost: UInt8 = 12) {
        precondition((4...31).contains(cost), "bcrypt cost must be between 4 and 31")
        self.cost = cost
    }

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public func verify(_ password: String, against hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
