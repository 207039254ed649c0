/// A duration in whole seconds (travel times, service durations).
public struct Seconds: Hashable, Comparable, Codable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// The number of seconds.
    public var value: Int
    /// Wraps a number of seconds.
    public init(_ value: Int) { self.value = value }
    /// Zero seconds.
    public static let zero = Seconds(0)
    /// Whole minutes, rounded up (a 61-second drive is 2 minutes on a run sheet).
    public var roundedUpMinutes: Minutes { Minutes((value + 59) / 60) }
    public static func + (a: Self, b: Self) -> Self { Seconds(a.value + b.value) }
    public static func - (a: Self, b: Self) -> Self { Seconds(a.value - b.value) }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    public var description: String { "\(value) s" }
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(value) }
}

/// A duration in whole minutes, the unit planners speak (tolerances, slot lengths).
public struct Minutes: Hashable, Comparable, Codable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// The number of minutes.
    public var value: Int
    /// Wraps a number of minutes.
    public init(_ value: Int) { self.value = value }
    /// Zero minutes.
    public static let zero = Minutes(0)
    /// The same duration in seconds.
    public var seconds: Seconds { Seconds(value * 60) }
    public static func + (a: Self, b: Self) -> Self { Minutes(a.value + b.value) }
    public static func - (a: Self, b: Self) -> Self { Minutes(a.value - b.value) }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    public var description: String { "\(value) min" }
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(value) }
}

/// A distance in whole metres.
public struct Meters: Hashable, Comparable, Codable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// The number of metres.
    public var value: Int
    /// Wraps a number of metres.
    public init(_ value: Int) { self.value = value }
    /// Zero metres.
    public static let zero = Meters(0)
    public static func + (a: Self, b: Self) -> Self { Meters(a.value + b.value) }
    public static func - (a: Self, b: Self) -> Self { Meters(a.value - b.value) }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    public var description: String { "\(value) m" }
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(value) }
}

/// Money in pence, never floating point.
public struct Pence: Hashable, Comparable, Codable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// The number of pence.
    public var value: Int
    /// Wraps a number of pence.
    public init(_ value: Int) { self.value = value }
    /// Nothing.
    public static let zero = Pence(0)
    public static func + (a: Self, b: Self) -> Self { Pence(a.value + b.value) }
    public static func - (a: Self, b: Self) -> Self { Pence(a.value - b.value) }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    /// `£12.34`.
    public var description: String {
        let sign = value < 0 ? "-" : ""
        let v = abs(value)
        return "\(sign)£\(v / 100).\(v % 100 < 10 ? "0" : "")\(v % 100)"
    }
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(value) }
}
