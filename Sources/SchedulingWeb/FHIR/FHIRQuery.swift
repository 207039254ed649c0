import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// FHIR search parameters: only the known ones, each problem collected.
struct FHIRQuery {
    let query: Hummingbird.Parameters
    private var problems: [String] = []

    init(_ query: Hummingbird.Parameters, allowed: Set<String>) {
        self.query = query
        for (name, _) in query where !allowed.contains(String(name)) && !["_format"].contains(String(name)) {
            problems.append("search parameter \(name) is not supported; use \(allowed.sorted().joined(separator: ", ")).")
        }
    }

    func text(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }

    /// A token `system|code` or `code`.
    func token(_ name: String) -> (system: String?, code: String)? {
        guard let text = text(name) else { return nil }
        guard let bar = text.firstIndex(of: "|") else { return (nil, text) }
        let system = String(text[..<bar]), code = String(text[text.index(after: bar)...])
        return (system.isEmpty ? nil : system, code)
    }

    /// The id of a reference parameter (`Type/id` or `id`).
    mutating func reference(_ name: String, type: String) -> String? {
        guard let text = text(name) else { return nil }
        let parts = text.split(separator: "/")
        if parts.count >= 2 {
            guard parts[parts.count - 2] == type else { problems.append("\(name) must reference a \(type)."); return nil }
            return String(parts[parts.count - 1])
        }
        return text
    }

    /// `_offset`: the first entry of the page, 0 by default.
    mutating func offset() -> Int {
        guard let text = text("_offset") else { return 0 }
        guard let n = Int(text), n >= 0 else { problems.append("_offset must be a whole number, 0 or more."); return 0 }
        return n
    }

    /// `_count`: 1 to 1000, 100 by default.
    mutating func count() -> Int {
        guard let text = text("_count") else { return 100 }
        guard let n = Int(text), (1...1000).contains(n) else { problems.append("_count must be 1 to 1000."); return 100 }
        return n
    }

    /// Bounds from repeated date parameters with prefixes (ge, gt, le, lt, eq), each a date or a dateTime.
    mutating func dateBounds(_ name: String) -> DateBounds {
        var bounds = DateBounds()
        for value in query.getAll(name) where !value.isEmpty {
            var text = String(value)
            var prefix = "eq"
            if let p = ["ge", "gt", "le", "lt", "eq"].first(where: { text.hasPrefix($0) }) {
                prefix = p
                text.removeFirst(2)
            }
            guard let (from, to) = Self.interval(text) else {
                problems.append("\(name) must be a date (YYYY-MM-DD) or a dateTime with a time zone, with an optional prefix ge, gt, le, lt or eq.")
                continue
            }
            switch prefix {
            case "ge": bounds.lower = max(bounds.lower ?? from, from)
            case "gt": bounds.lower = max(bounds.lower ?? to, to)
            case "le": bounds.upper = min(bounds.upper ?? to, to)
            case "lt": bounds.upper = min(bounds.upper ?? from, from)
            default:
                bounds.lower = max(bounds.lower ?? from, from)
                bounds.upper = min(bounds.upper ?? to, to)
            }
        }
        return bounds
    }

    /// The instants a date or dateTime covers: [start, end).
    static func interval(_ text: String) -> (Date, Date)? {
        if let day = LocalDate(iso: text) {
            let calendar = LondonCalendar()
            return (calendar.instant(of: LocalDateTime(date: day, time: LocalTime(minuteOfDay: 0)!)),
                    calendar.instant(of: LocalDateTime(date: day.adding(days: 1), time: LocalTime(minuteOfDay: 0)!)))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let instant = formatter.date(from: text) { return (instant, instant.addingTimeInterval(1)) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let instant = formatter.date(from: text) { return (instant, instant.addingTimeInterval(0.001)) }
        return nil
    }

    func finish() throws {
        if !problems.isEmpty { throw FHIRError.invalid(problems.joined(separator: " ")) }
    }
}

/// A half-open range of instants [lower, upper); either end may be open.
struct DateBounds {
    var lower: Date?
    var upper: Date?

    func contains(_ instant: Date) -> Bool {
        (lower.map { instant >= $0 } ?? true) && (upper.map { instant < $0 } ?? true)
    }
}
