import Foundation

/// One problem with an input: where (a JSON-pointer-like path such as `address.postcode`), which
/// rule (a stable machine code such as `nhsNumber.checkDigit`) and a sentence a person can act on.
///
/// Messages name fields and ids, never patient details.
public struct ValidationIssue: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Path of the offending field, dot-separated (`address.coordinates.latitude`).
    public var path: String
    /// Stable rule identifier (`field.required`, `nhsNumber.checkDigit`).
    public var code: String
    /// Human-readable explanation.
    public var message: String

    /// Creates an issue.
    public init(path: String, code: String, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    /// The same issue nested under a parent path (`address` + `postcode` → `address.postcode`).
    public func nested(under parent: String) -> ValidationIssue {
        let joined = parent.isEmpty ? path : (path.isEmpty ? parent : "\(parent).\(path)")
        return ValidationIssue(path: joined, code: code, message: message)
    }

    public var description: String { "\(path): \(message) [\(code)]" }
}

/// Thrown when an input breaks one or more rules; carries every issue found.
public struct ValidationError: Error, Sendable, CustomStringConvertible {
    /// All issues, in the order they were found.
    public var issues: [ValidationIssue]

    /// Creates an error from a non-empty list of issues.
    public init(_ issues: [ValidationIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}

/// Collects issues while validating a composite value, then throws them all at once.
public struct ValidationCollector: Sendable {
    /// Issues collected so far.
    public private(set) var issues: [ValidationIssue] = []

    /// Starts with no issues.
    public init() {}

    /// Records an issue.
    public mutating func add(_ path: String, _ code: String, _ message: String) {
        issues.append(ValidationIssue(path: path, code: code, message: message))
    }

    /// Records issues of a nested value under `parent`.
    public mutating func add(contentsOf nested: [ValidationIssue], under parent: String) {
        issues.append(contentsOf: nested.map { $0.nested(under: parent) })
    }

    /// Records that a required text field is present and not blank; returns the trimmed text.
    @discardableResult
    public mutating func requireText(_ value: String?, at path: String, maxLength: Int = 200) -> String? {
        guard let raw = value else {
            add(path, "field.required", "\(path) is required.")
            return nil
        }
        if ValidationCollector.isPlainText(raw, maxLength: maxLength) { return raw }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(path, "field.blank", "\(path) must not be blank.")
            return nil
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            add(path, "field.control", "\(path) must not contain control characters such as tabs or line breaks.")
            return nil
        }
        if trimmed.unicodeScalars.count > maxLength {
            add(path, "field.tooLong", "\(path) must be at most \(maxLength) characters.")
            return nil
        }
        return trimmed
    }

    /// Records that an optional text field, if given, is within `maxLength` characters and free of
    /// control characters (line breaks and tabs are allowed when `multiline`); returns the trimmed
    /// text, or `nil` for an absent or blank one.
    @discardableResult
    public mutating func optionalText(_ value: String?, at path: String, maxLength: Int, multiline: Bool = false) -> String? {
        if let value, ValidationCollector.isPlainText(value, maxLength: maxLength) { return value }
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            add(path, "field.control", multiline ? "\(path) must not contain control characters." : "\(path) must not contain control characters such as tabs or line breaks.")
            return nil
        }
        if trimmed.unicodeScalars.count > maxLength {
            add(path, "field.tooLong", "\(path) must be at most \(maxLength) characters.")
            return nil
        }
        return trimmed
    }

    /// Whether `text` is already valid as it is: printable ASCII only, no space at either end,
    /// non-empty and short enough (most input; the general checks above handle the rest).
    static func isPlainText(_ text: String, maxLength: Int) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20, bytes.count <= maxLength else { return false }
        return bytes.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// Records that a required field holds one of an enumeration's raw values; returns the value.
    public mutating func requireChoice<E: RawRepresentable & CaseIterable>(_ value: String?, _ type: E.Type, at path: String) -> E?
        where E.RawValue == String
    {
        guard let value else {
            add(path, "field.required", "\(path) is required.")
            return nil
        }
        guard let choice = E(rawValue: value) else {
            add(path, "field.enum", "\(path) must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
            return nil
        }
        return choice
    }

    /// Records that a required field is a date as `YYYY-MM-DD`; returns the date.
    public mutating func requireDate(_ value: String?, at path: String) -> LocalDate? {
        guard let value else {
            add(path, "field.required", "\(path) is required.")
            return nil
        }
        guard let date = LocalDate(iso: value) else {
            add(path, "date.format", "\(path) must be a date as YYYY-MM-DD.")
            return nil
        }
        return date
    }

    /// Throws a ``ValidationError`` if any issue was recorded.
    public func throwIfAny() throws(ValidationError) {
        if !issues.isEmpty { throw ValidationError(issues) }
    }
}
