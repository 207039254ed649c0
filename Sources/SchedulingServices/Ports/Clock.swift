import Foundation
import SchedulingDomain

/// The current instant. Tests use a fixed clock.
public protocol Clock: Sendable {
    /// Now.
    func now() -> Date
}

/// The machine's clock.
public struct SystemClock: Clock {
    /// Creates the system clock.
    public init() {}
    public func now() -> Date { Date() }
}
