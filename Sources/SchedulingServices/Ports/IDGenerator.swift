import Foundation
import SchedulingDomain

/// Makes unique identifiers with a readable prefix (`usr_…`, `pat_…`).
public protocol IDGenerator: Sendable {
    /// A new identifier starting with `prefix` and an underscore.
    func make(prefix: String) -> String
}

/// Random (UUID v4) identifiers.
public struct RandomIDGenerator: IDGenerator {
    /// Creates the generator.
    public init() {}
    public func make(prefix: String) -> String {
        let u = UUID().uuid
        return prefix + "_" + SecretHash.hex([u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15])
    }
}
