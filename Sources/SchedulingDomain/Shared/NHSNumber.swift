/// A validated NHS number: ten digits whose last digit is the modulus-11 check digit of the first
/// nine (weights 10 down to 2; a remainder giving 10 means the number is invalid; 11 means 0).
///
/// The test range used for synthetic data starts with 999 (``isTestRange``).
public struct NHSNumber: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The ten digits, no spaces.
    public let digits: String

    /// Why a string is not an NHS number.
    public enum Problem: Error, Equatable, Sendable {
        /// Not exactly ten digits once spaces are removed.
        case wrongLength(Int)
        /// Contains a character other than a digit, a space or a dash.
        case nonDigit
        /// The check digit does not match (or the remainder gives 10, which no valid number has).
        case checkDigit

        /// Stable code for ``ValidationIssue``.
        public var code: String {
            switch self {
            case .wrongLength: "nhsNumber.length"
            case .nonDigit: "nhsNumber.digits"
            case .checkDigit: "nhsNumber.checkDigit"
            }
        }

        /// Sentence that names the rule but never echoes the number itself.
        public var message: String {
            switch self {
            case .wrongLength(let n): "NHS number must have 10 digits (found \(n))."
            case .nonDigit: "NHS number may contain only digits, spaces and dashes."
            case .checkDigit: "NHS number fails the modulus-11 check digit."
            }
        }
    }

    /// Parses and validates, accepting the usual `943 476 5919` spacing and dashes (`943-476-5919`).
    public init(_ text: String) throws(Problem) {
        let compact = text.filter { $0 != " " && $0 != "-" }
        guard compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .nonDigit }
        guard compact.count == 10 else { throw .wrongLength(compact.count) }
        let values = compact.compactMap { $0.wholeNumberValue }
        guard let check = NHSNumber.checkDigit(for: values.prefix(9)), check == values[9] else {
            throw .checkDigit
        }
        digits = compact
    }

    /// The modulus-11 check digit for nine leading digits, or `nil` when the remainder makes every
    /// number with this prefix invalid.
    public static func checkDigit(for leading: some Collection<Int>) -> Int? {
        precondition(leading.count == 9, "an NHS number has nine leading digits")
        var sum = 0
        for (index, digit) in leading.enumerated() { sum += digit * (10 - index) }
        let check = 11 - sum % 11
        switch check {
        case 11: return 0
        case 10: return nil
        default: return check
        }
    }

    /// Whether this number is in the range reserved for test data (starting 999).
    public var isTestRange: Bool { digits.hasPrefix("999") }

    /// The number grouped 3-3-4 for display: `943 476 5919`.
    public var formatted: String {
        let chars = Array(digits)
        return String(chars[0..<3]) + " " + String(chars[3..<6]) + " " + String(chars[6..<10])
    }

    public var description: String { digits }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.digits < rhs.digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
