import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// What every outpatient page shares: names for ids, and small form helpers.
extension OutpatientPagesController {
    struct Names {
        var specialties: [Specialty.ID: String] = [:]
        var clinicians: [Clinician.ID: String] = [:]
        var locations: [ClinicLocation.ID: String] = [:]
        var overview: OrganisationService.Overview

        init(_ overview: OrganisationService.Overview) {
            self.overview = overview
            for s in overview.specialties { specialties[s.id] = s.name }
            for c in overview.clinicians { clinicians[c.id] = c.name }
            for l in overview.locations { locations[l.id] = l.name }
        }

        func slot(_ slot: Slot) -> [String: Any] {
            ["id": slot.id.rawValue, "date": Display.day(slot.date), "time": Display.time(slot.start), "when": Display.dateTime(slot.date, slot.start),
             "minutes": slot.minutes, "type": Display.slotType(slot.type), "clinician": clinicians[slot.clinicianID] ?? "Unknown clinician",
             "location": locations[slot.locationID] ?? "Unknown location", "status": slot.status.rawValue]
        }

        /// "Dr Okafor, Southmoor Hospital — Outpatients".
        func clinic(_ slot: Slot) -> String {
            "\(clinicians[slot.clinicianID] ?? "Unknown clinician"), \(locations[slot.locationID] ?? "Unknown location")"
        }
    }


    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    /// The share as a percentage of `count` pathways; none for an empty list (a share of nothing
    /// is not "100% within 18 weeks").
    static func percent(_ share: Double, of count: Int) -> String? { count == 0 ? nil : percent(share) }

    static func blankless(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    static func integer(_ text: String?, at path: String, into issues: inout [ValidationIssue]) -> Int? {
        guard let text = blankless(text) else { return nil }
        guard let value = Int(text), value >= 0 else {
            issues.append(.init(path: path, code: "field.integer", message: "\(path) must be a whole number of days, 0 or more.")); return nil
        }
        return value
    }

    static func availabilityText(_ a: Referral.Availability) -> String {
        var parts: [String] = []
        if !a.weekdays.isEmpty {
            let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            parts.append(a.weekdays.sorted().map { days[$0 - 1] }.joined(separator: ", "))
        }
        if let from = a.from { parts.append("from \(from.iso)") }
        return parts.isEmpty ? "any weekday" : parts.joined(separator: "; ")
    }
}
