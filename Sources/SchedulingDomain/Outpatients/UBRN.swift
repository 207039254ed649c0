/// The NHS e-Referral Service's Unique Booking Reference Number: the twelve digits a GP's referral
/// carries and the patient quotes when they book, shown as `0000 0000 0000`.
public struct UBRN: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The twelve digits, no spaces.
    public let digits: String

    /// Parses the usual spellings (`000 1234 5678 9`, `0001-2345-6789`, `000123456789`); `nil` for
    /// anything but twelve digits once spaces and dashes are removed.
    public init?(_ text: String) {
        let compact = text.filter { $0 != " " && $0 != "-" }
        guard compact.count == 12, compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        digits = compact
    }

    /// `0001 2345 6789`.
    public var formatted: String {
        let d = Array(digits)
        return "\(String(d[0..<4])) \(String(d[4..<8])) \(String(d[8..<12]))"
    }

    public var description: String { digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = UBRN(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a UBRN has 12 digits"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
