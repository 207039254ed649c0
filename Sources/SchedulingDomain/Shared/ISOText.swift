/// A value written as ISO 8601 text (`2026-03-29`, `09:00`, `2026-03-29T09:00`) and coded as
/// that string in JSON.
public protocol ISOTextRepresentable: Codable {
    /// Parses the ISO form; `nil` if it is not valid.
    init?(iso: String)
    /// The ISO form.
    var iso: String { get }
    /// The expected form, for error messages (`YYYY-MM-DD`).
    static var isoFormat: String { get }
}

extension ISOTextRepresentable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Expected \(Self.isoFormat)."))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// Fixed-width decimal digits read from and written to UTF-8 bytes, for the ISO forms above
/// (parsed and written for every stored row and every request, so without `split` or `format`).
enum ISODigits {
    /// The number in `count` ASCII digits from `start`; nil if any is not a digit.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Writes `value` (not negative, fitting `width` digits) zero-padded at `start`.
    static func write(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var rest = value
        for index in stride(from: start + width - 1, through: start, by: -1) {
            buffer[index] = UInt8(48 + rest % 10)
            rest /= 10
        }
    }
}
