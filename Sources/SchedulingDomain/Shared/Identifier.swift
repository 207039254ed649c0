/// A typed identifier: `Identifier<Patient>` cannot be passed where an `Identifier<Clinician>` is
/// expected, although both are strings underneath.
public struct Identifier<Owner>: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    /// The stored form, e.g. `"pat_0f3c…"`.
    public let rawValue: String

    /// Wraps a stored identifier.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a stored identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Allows literal ids in tests and fixtures.
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
