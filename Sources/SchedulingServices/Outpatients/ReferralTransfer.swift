import Foundation
import SchedulingDomain

/// What a CSV import of referrals did.
public struct ReferralImportResult: Codable, Sendable, Equatable {
    /// Referrals created, in file order.
    public var created: Int
    /// Their ids, in file order.
    public var referralIDs: [Referral.ID]
}

/// CSV import of referrals and export of the patient tracking list (X-05).
extension ReferralService {
    /// Columns every import row must fill.
    public static let importRequiredColumns = ["nhs_number", "specialty_code", "referrer", "priority", "received"]
    /// Columns an import may add.
    public static let importOptionalColumns = ["available_weekdays", "available_from", "consultant_led", "ubrn"]
    /// Most rows one import takes.
    public static let importRowLimit = 10_000
    /// Most problems reported for one file.
    static let importIssueLimit = 200

    /// Puts every referral of a CSV file (a header row, then one referral a row) on its waiting
    /// list in one transaction: the patient is found by NHS number and the specialty by its code.
    /// If any row is wrong, every problem is reported with its row and column and nothing is stored.
    public func importCSV(_ text: String, by caller: Caller) async throws -> ReferralImportResult {
        try caller.require(anyOf: Role.patientEditors, to: "import referrals")
        let rows = try Self.parse(text)
        let today = env.today, now = env.clock.now()
        let ids = rows.map { _ in Referral.ID(env.ids.make(prefix: "ref")) }
        return try await env.store.write { session in
            let specialties = Dictionary(try await session.organisation.specialties().map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
            var issues: [ValidationIssue] = []
            var referrals: [Referral] = []
            var ubrnRows: [UBRN: Int] = [:]
            for (index, row) in rows.enumerated() {
                let number = index + 1
                func issue(_ column: String, _ code: String, _ message: String) {
                    issues.append(.init(path: "rows[\(number)].\(column)", code: code, message: "row \(number): \(message)"))
                }
                var input = ReferralInput(referrer: row["referrer"], priority: row["priority"], received: row["received"], availableFrom: row["available_from"],
                                          ubrn: row["ubrn"])
                if let ubrn = row["ubrn"].flatMap(UBRN.init) {
                    if let first = ubrnRows[ubrn] {
                        issue("ubrn", "ubrn.repeated", "ubrn is the same as row \(first)'s; each e-Referral has its own.")
                    } else if try await session.referrals.find(ubrn: ubrn) != nil {
                        issue("ubrn", "ubrn.taken", "ubrn is already on another referral.")
                    }
                    ubrnRows[ubrn] = ubrnRows[ubrn] ?? number
                }
                if let text = row["nhs_number"] {
                    // The number is never echoed: it identifies a patient.
                    if let nhs = try? NHSNumber(text) {
                        if let patient = try await session.patients.find(nhsNumber: nhs) { input.patientID = patient.id.rawValue } else {
                            issue("nhs_number", "patient.unknown", "nhs_number is not a registered patient's; register the patient first.")
                        }
                    } else {
                        issue("nhs_number", "nhsNumber.invalid", "nhs_number is not a valid NHS number (10 digits with a correct check digit).")
                    }
                } else {
                    issue("nhs_number", "field.required", "nhs_number is required.")
                }
                if let code = row["specialty_code"] {
                    if let id = specialties[code] { input.specialtyID = id.rawValue } else {
                        issue("specialty_code", "specialty.unknown", "specialty_code \(code) is not a specialty's code.")
                    }
                } else {
                    issue("specialty_code", "field.required", "specialty_code is required.")
                }
                if let text = row["available_weekdays"] {
                    let parts = text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "|" })
                    let days = parts.compactMap { Int($0) }
                    if days.count != parts.count { issue("available_weekdays", "field.format", "available_weekdays must be ISO weekday numbers (1 = Monday … 7 = Sunday) separated by spaces or semicolons.") }
                    input.availableWeekdays = days
                }
                if let text = row["consultant_led"] {
                    switch text.lowercased() {
                    case "yes", "true", "y", "1": input.consultantLed = true
                    case "no", "false", "n", "0": input.consultantLed = false
                    default: issue("consultant_led", "field.boolean", "consultant_led must be yes or no.")
                    }
                }
                // The row's other fields are checked too; a patient or specialty not found is already
                // reported against its own column above.
                do { referrals.append(try input.validated(id: ids[index], today: today)) } catch let error as ValidationError {
                    Self.add(error.issues.filter { !["patientID", "specialtyID"].contains($0.path) }, row: number, to: &issues)
                }
                if issues.count >= Self.importIssueLimit { break }
            }
            if !issues.isEmpty { throw ServiceError.invalid(Array(issues.prefix(Self.importIssueLimit))) }
            for referral in referrals {
                try await session.referrals.insert(referral)
                try await AuditTrail.record(
                    .init(action: "referral.create", entityType: "referral", entityID: referral.id.rawValue,
                          detail: "patient=\(referral.patientID) priority=\(referral.priority.rawValue) source=csv"),
                    by: caller, at: now, in: session)
            }
            try await AuditTrail.record(.init(action: "referral.import", entityType: "referral", entityID: nil, detail: "rows=\(referrals.count)"),
                                        by: caller, at: now, in: session)
            return ReferralImportResult(created: referrals.count, referralIDs: referrals.map(\.id))
        }
    }

    /// The field names of ``ReferralInput`` as the import's column names.
    static let columnOfField = [
        "referrer": "referrer", "priority": "priority", "received": "received",
        "availableFrom": "available_from", "availableWeekdays": "available_weekdays", "weekdays": "available_weekdays", "from": "available_from",
        "ubrn": "ubrn",
    ]

    static func add(_ found: [ValidationIssue], row: Int, to issues: inout [ValidationIssue]) {
        for issue in found {
            let field = issue.path.split(separator: ".").last.map(String.init) ?? issue.path
            let column = columnOfField[field] ?? field
            issues.append(.init(path: "rows[\(row)].\(column)", code: issue.code, message: "row \(row): \(issue.message)"))
        }
    }

    /// The header-checked rows of a CSV text: blank cells are absent; blank lines are skipped.
    static func parse(_ text: String) throws -> [[String: String]] {
        try CSVRows.parse(text, required: importRequiredColumns, optional: importOptionalColumns, noun: "referral", limit: importRowLimit)
    }

    /// The patient tracking list as CSV (RFC 4180, a header row), filtered as on screen. The
    /// export is audited: it carries NHS numbers.
    public func trackingListCSV(_ filter: PatientTrackingList.Filter = .init(), view: WorklistView? = nil, by caller: Caller) async throws -> String {
        try caller.require(anyOf: Role.outpatientStaff, to: "export the patient tracking list")
        let today = env.today, now = env.clock.now()
        let (list, numbers, specialties) = try await env.store.read { session in
            var list = PatientTrackingList(try await session.referrals.open(specialtyID: filter.specialtyID), asOf: today, filter: filter)
            if let view {
                let members = try await Self.viewMembers([view], in: session, today: today)[view] ?? []
                list = list.filtered { members.contains($0.referralID) }
            }
            return (list, try await session.patients.nhsNumbers(of: list.entries.map(\.patientID)),
                    Dictionary(try await session.organisation.specialties().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        }
        try await env.store.write { session in
            try await AuditTrail.record(.init(action: "tracking-list.export", entityType: "referral", entityID: nil, detail: "rows=\(list.entries.count)" + (view.map { " view=\($0.rawValue)" } ?? "")),
                                        by: caller, at: now, in: session)
        }
        var out = "referral_id,nhs_number,patient_id,specialty_code,specialty,priority,received,clock_start,weeks_waited,days_waited,due_by,breach_date,breached\r\n"
        for e in list.entries {
            let specialty = specialties[e.specialtyID]
            let fields = [e.referralID.rawValue, numbers[e.patientID]?.digits ?? "", e.patientID.rawValue, specialty?.code ?? "", specialty?.name ?? "",
                          e.priority.rawValue, e.received.iso, e.clockStart.iso, String(e.weeksWaited), String(e.daysWaited), e.dueBy.iso,
                          e.breachDate.iso, e.breached ? "yes" : "no"]
            out += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break; a leading =, +, - or @
    /// is prefixed with an apostrophe so that spreadsheets do not run it as a formula.
    public static func csvField(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
