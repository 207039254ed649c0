import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// Reads typed query parameters, collecting every malformed one as a validation issue named by
/// its parameter, so that a request with several bad parameters hears of all of them at once.
struct QueryReader {
    let query: Hummingbird.Parameters
    private(set) var issues: [ValidationIssue] = []

    init(_ query: Hummingbird.Parameters) { self.query = query }

    /// The raw text of a parameter; an empty one (a form's blank field) counts as absent.
    func text(_ name: String) -> String? {
        guard let value = query.get(name), !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }

    /// A date (YYYY-MM-DD); with `required`, its absence is an issue too.
    mutating func date(_ name: String, required: Bool = false) -> LocalDate? {
        guard let text = text(name) else {
            if required { issues.append(.init(path: name, code: "field.required", message: "\(name) query parameter is required.")) }
            return nil
        }
        guard let date = LocalDate(iso: text) else {
            issues.append(.init(path: name, code: "date.format", message: "\(name) must be a date as YYYY-MM-DD."))
            return nil
        }
        return date
    }

    /// A whole number, at least `minimum` if given.
    mutating func integer(_ name: String, minimum: Int? = nil) -> Int? {
        guard let text = text(name) else { return nil }
        guard let value = Int(text), value >= (minimum ?? Int.min) else {
            let bound = minimum.map { ", \($0) or more" } ?? ""
            issues.append(.init(path: name, code: "field.integer", message: "\(name) must be a whole number\(bound)."))
            return nil
        }
        return value
    }

    /// A whole number within `range`.
    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = text(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            let upper = range.upperBound >= Int(Int32.max) ? " or more" : " to \(range.upperBound)"
            issues.append(.init(path: name, code: "field.range", message: "\(name) must be a whole number from \(range.lowerBound)\(upper)."))
            return nil
        }
        return value
    }

    /// A number within `range`.
    mutating func number(_ name: String, in range: ClosedRange<Double>) -> Double? {
        guard let text = text(name) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            issues.append(.init(path: name, code: "field.number", message: "\(name) must be a number from \(range.lowerBound.formatted()) to \(range.upperBound.formatted())."))
            return nil
        }
        return value
    }

    /// One of an enumeration's values.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let text = text(name) else { return nil }
        guard let value = T(rawValue: text) else {
            issues.append(.init(path: name, code: "field.enum",
                                message: "\(name) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))."))
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func boolean(_ name: String) -> Bool? {
        switch text(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        default:
            issues.append(.init(path: name, code: "field.boolean", message: "\(name) must be true or false."))
            return nil
        }
    }

    /// Whole numbers separated by commas.
    mutating func integerList(_ name: String) -> [Int]? {
        guard let text = text(name) else { return nil }
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, !values.contains(nil) else {
            issues.append(.init(path: name, code: "field.list", message: "\(name) must be whole numbers separated by commas, e.g. 1,3,5."))
            return nil
        }
        return values.compactMap { $0 }
    }

    /// Adds an issue found by the caller.
    mutating func add(_ issue: ValidationIssue) { issues.append(issue) }

    /// Throws every issue collected (HTTP 422), if any.
    func finish() throws {
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
    }
}
