import Foundation
import SchedulingDomain

/// What a CSV import of journey bookings did.
public struct JourneyImportResult: Codable, Sendable, Equatable {
    /// Journeys created (a row there and back makes two), in file order.
    public var created: Int
    public var journeyIDs: [TransportJourney.ID]
}

/// CSV import of journey bookings (PT-01): one booking a row — the patient by NHS number, the
/// hospital site by its id or name, the contract by its code or else the one serving the site —
/// each checked as a booking from the form is (the fleet too);
/// all or nothing: if any row is wrong, every problem is reported with its row and column.
extension TransportBookingService {
    /// Columns every row must fill.
    public static let importRequiredColumns = ["nhs_number", "date", "direction", "time", "site", "mobility"]
    /// Columns a row may add.
    public static let importOptionalColumns = ["return_time", "escorts", "ecj", "urgent", "bariatric", "eligibility", "notes", "contract"]
    /// Most rows one import takes.
    public static let importRowLimit = 2_000

    /// The form field each booking field is typed into, as the import's column.
    static let columnOfField = ["patientID": "nhs_number", "date": "date", "direction": "direction", "time": "time", "returnTime": "return_time",
                                "pickup": "site", "destination": "site", "mobility": "mobility", "escorts": "escorts", "eligibility": "eligibility", "notes": "notes",
                                "contract": "contract"]

    /// Books every row of `text`, or none.
    public func importCSV(_ text: String, by caller: Caller) async throws -> JourneyImportResult {
        try caller.require(anyOf: Self.officeRoles, to: "import transport bookings")
        let rows = try CSVRows.parse(text, required: Self.importRequiredColumns, optional: Self.importOptionalColumns, noun: "booking", limit: Self.importRowLimit)
        let (sites, contracts) = try await env.store.read { s in
            (try await s.organisation.locations().filter { $0.address.coordinates != nil }, try await Self.contracts(in: s))
        }
        var issues: [ValidationIssue] = []
        var journeys: [TransportJourney] = []
        for (index, row) in rows.enumerated() {
            let number = index + 1
            func issue(_ column: String, _ code: String, _ message: String) {
                issues.append(.init(path: "rows[\(number)].\(column)", code: code, message: "row \(number): \(message)"))
            }
            var input = JourneyInput(date: row["date"], direction: row["direction"], time: row["time"], returnTime: row["return_time"], mobility: row["mobility"],
                                     eligibility: row["eligibility"], notes: row["notes"], contract: row["contract"])
            if let text = row["escorts"] {
                if let n = Int(text) { input.escorts = n } else { issue("escorts", "field.integer", "escorts must be a whole number from 0 to 3.") }
            }
            for column in ["ecj", "urgent", "bariatric"] {
                guard let text = row[column] else { continue }
                let value: Bool?
                switch text.lowercased() {
                case "yes", "y", "true", "1": value = true
                case "no", "n", "false", "0", "": value = false
                default: value = nil
                }
                guard let value else { issue(column, "field.boolean", "\(column) must be yes or no."); continue }
                switch column {
                case "ecj": input.ecj = value
                case "urgent": input.urgent = value
                default: input.bariatric = value
                }
            }
            var found = true
            if let text = row["nhs_number"] {
                // The number is never echoed: it identifies a patient.
                if let nhs = try? NHSNumber(text), let patient = try await env.store.read({ try await $0.patients.find(nhsNumber: nhs) }) {
                    input.patientID = patient.id.rawValue
                } else {
                    issue("nhs_number", "patient.unknown", "nhs_number is not a registered patient's valid NHS number.")
                    found = false
                }
            }
            if let name = row["site"] {
                if let site = sites.first(where: { $0.id.rawValue == name || $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
                    if (input.contract ?? "").isEmpty { input.contract = Self.contract(serving: site.id, among: contracts) }
                    if row["direction"] == BookedDirection.home.rawValue { input.pickup = site.address.coordinates } else { input.destination = site.address.coordinates }
                } else {
                    issue("site", "site.unknown", "site \(name) is not one of the organisation's sites (by id or name).")
                    found = false
                }
            }
            do {
                guard found else { continue }
                journeys += try await prepare(input)
            } catch ServiceError.invalid(let found) {
                for i in found {
                    let field = i.path.split(separator: ".").first.map(String.init) ?? i.path
                    issue(Self.columnOfField[field] ?? field, i.code, i.message)
                }
            }
            if issues.count >= 200 { break }
        }
        if !issues.isEmpty { throw ServiceError.invalid(Array(issues.prefix(200))) }
        try await store(journeys, source: "csv", by: caller)
        return JourneyImportResult(created: journeys.count, journeyIDs: journeys.map(\.id))
    }
}
