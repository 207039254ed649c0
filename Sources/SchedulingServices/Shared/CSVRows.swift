import Foundation
import SchedulingDomain
import SwiftCSV

/// The rows of an imported CSV file (a header row, then one record a row), its header checked
/// against the columns a kind of import takes: blank cells are absent, blank lines skipped, a
/// byte-order mark dropped. Every problem with the header is reported at once.
enum CSVRows {
    static func parse(_ text: String, required: [String], optional: [String], noun: String, limit: Int) throws -> [[String: String]] {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.invalid([.init(path: "file", code: "csv.empty", message: "the file is empty: it needs a header row and one \(noun) a row.")])
        }
        let csv: CSV<Named>
        do { csv = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false) } catch {
            throw ServiceError.invalid([.init(path: "file", code: "csv.syntax", message: "the file is not valid CSV: \(error).")])
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var issues: [ValidationIssue] = []
        let known = Set(required + optional)
        for column in required where !header.contains(column) {
            issues.append(.init(path: "header", code: "column.missing", message: "the header must name the column \(column)."))
        }
        for column in header where !known.contains(column) {
            issues.append(.init(path: "header", code: "column.unknown", message: "column \(column) is not known; columns are \((required + optional).joined(separator: ", "))."))
        }
        if Set(header).count != header.count { issues.append(.init(path: "header", code: "column.repeated", message: "a column is named twice.")) }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        let rows = csv.rows.map { row in
            Dictionary(row.compactMap { key, value -> (String, String)? in
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : (key.trimmingCharacters(in: .whitespaces).lowercased(), trimmed)
            }, uniquingKeysWith: { a, _ in a })
        }.filter { !$0.isEmpty }
        if rows.isEmpty { throw ServiceError.invalid([.init(path: "file", code: "csv.noRows", message: "the file has a header but no \(noun)s.")]) }
        if rows.count > limit {
            throw ServiceError.invalid([.init(path: "file", code: "csv.tooLong", message: "one import takes at most \(limit) \(noun)s; this file has \(rows.count).")])
        }
        return rows
    }
}
