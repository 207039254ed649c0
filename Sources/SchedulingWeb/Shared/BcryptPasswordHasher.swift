import HummingbirdBcrypt
import SchedulingServices

/// bcrypt password hashing (HummingbirdBcrypt), run on a lane of its own so that a second of
/// hashing never occupies a thread that serves requests. Cost 12 in production; tests lower it.
public struct BcryptPasswordHasher: PasswordHasher {
    /// The work factor (log2 rounds), 4–31.
    public let cost: UInt8
    /// Where the hashing runs.
    public let lane: ExecutionLane

    /// Creates a hasher.
    public init(cost: UInt8 = 12, lane: ExecutionLane = ExecutionLanes.shared.hashing) {
        precondition((4...31).contains(cost), "bcrypt cost must be between 4 and 31")
        self.cost = cost
        self.lane = lane
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await lane.run { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await lane.run { Bcrypt.verify(password, hash: hash) }
    }
}
