/// A unit of measure for ``Quantity``: only its symbol matters at run time.
public protocol UnitOfMeasure: Sendable {
    /// How the unit is written after a number (`s`, `min`, `m`), or before it for money.
    static var symbol: String { get }
}

/// An integer amount of one unit. Distinct units are distinct types, so seconds cannot be added
/// to metres and minutes cannot be passed where seconds are expected.
public struct Quantity<Unit: UnitOfMeasure>: Hashable, Comparable, Codable, Sendable, AdditiveArithmetic,
    CustomStringConvertible
{
    /// The amount in this unit.
    public var value: Int

    /// Wraps an amount.
    public init(_ value: Int) { self.value = value }

    /// Nothing.
    public static var zero: Self { Self(0) }
    public static func + (a: Self, b: Self) -> Self { Self(a.value + b.value) }
    public static func - (a: Self, b: Self) -> Self { Self(a.value - b.value) }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    public var description: String { "\(value) \(Unit.symbol)" }

    /// Encoded as a bare integer.
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Seconds (travel times, service durations).
public enum SecondUnit: UnitOfMeasure { public static let symbol = "s" }
/// Minutes, the unit planners speak (tolerances, slot lengths).
public enum MinuteUnit: UnitOfMeasure { public static let symbol = "min" }
/// Metres.
public enum MetreUnit: UnitOfMeasure { public static let symbol = "m" }
/// Pence: money is never floating point.
public enum PennyUnit: UnitOfMeasure { public static let symbol = "p" }

/// A duration in whole seconds.
public typealias Seconds = Quantity<SecondUnit>
/// A duration in whole minutes.
public typealias Minutes = Quantity<MinuteUnit>
/// A distance in whole metres.
public typealias Meters = Quantity<MetreUnit>
/// Money in pence.
public typealias Pence = Quantity<PennyUnit>

extension Quantity where Unit == SecondUnit {
    /// Whole minutes, rounded up (a 61-second drive is 2 minutes on a run sheet).
    public var roundedUpMinutes: Minutes { Minutes((value + 59) / 60) }
}

extension Quantity where Unit == MinuteUnit {
    /// The same duration in seconds.
    public var seconds: Seconds { Seconds(value * 60) }
}

extension Quantity where Unit == PennyUnit {
    /// `£12.34`.
    public var pounds: String {
        let sign = value < 0 ? "-" : ""
        let v = abs(value)
        return "\(sign)£\(v / 100).\(v % 100 < 10 ? "0" : "")\(v % 100)"
    }
}
