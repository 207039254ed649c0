import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The clinic calendar page: a week of a clinician's or a location's slots and who holds them.
extension OutpatientPagesController {
    func calendar(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let clinician = reader.text("clinicianId").map { Clinician.ID($0) }
        let location = reader.text("locationId").map { ClinicLocation.ID($0) }
        let from = reader.date("from")
        var issues: [ValidationIssue] = []
        do { try reader.finish() } catch ServiceError.invalid(let found) { issues += found }
        let names = Names(try await shared.organisation.overview(by: caller))
        let today = shared.environment.today
        let monday = (from ?? today).adding(days: 1 - (from ?? today).isoWeekday)
        var data: [String: Any] = [
            "clinicians": names.overview.clinicians.map { ["id": $0.id.rawValue, "name": "\($0.name) (\(names.specialties[$0.specialtyID] ?? ""))", "selected": $0.id == clinician] },
            "locations": names.overview.locations.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == location] },
            "from": monday.iso, "weekOf": Display.day(monday),
        ]
        if clinician == nil && location == nil && issues.isEmpty {
            data["choose"] = true
            return try pages.page("outpatients/clinics", title: "Clinic calendar", data, context: context)
        }
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues))
            data.merge(problem.data) { $1 }
            return try pages.page("outpatients/clinics", title: "Clinic calendar", data, context: context, status: problem.status)
        }
        let slots = try await outpatients.clinics.calendar(from: monday, through: monday.adding(days: 6), clinicianID: clinician, locationID: location, by: caller)
        let days = Dictionary(grouping: slots, by: \.slot.date).sorted { $0.key < $1.key }
        var base = [String]()
        if let clinician { base.append("clinicianId=\(clinician.rawValue)") }
        if let location { base.append("locationId=\(location.rawValue)") }
        let link = base.joined(separator: "&")
        data["previous"] = "?\(link)&from=\(monday.adding(days: -7).iso)"
        data["next"] = "?\(link)&from=\(monday.adding(days: 7).iso)"
        let closed = try await outpatients.closures.closedDays(from: monday, through: monday.adding(days: 6), by: caller)
        var byDay = Dictionary(uniqueKeysWithValues: days.map { ($0.key, $0.value) })
        for day in closed where byDay[day.date] == nil { byDay[day.date] = [] }
        data["days"] = byDay.keys.sorted().map { day -> [String: Any] in
            let entries = byDay[day] ?? []
            return ["date": Display.day(day), "free": entries.filter { $0.slot.status == .free }.count, "count": entries.count,
                    "closed": closed.first { $0.date == day }.map { "Clinics closed: \($0.name)" } as Any,
                    "hasSlots": !entries.isEmpty,
                    "slots": entries.map { entry -> [String: Any] in
                        var row = names.slot(entry.slot)
                        row["referralId"] = entry.appointment?.referralID.rawValue as Any
                        row["patient"] = entry.patient.map { "\($0.familyName), \($0.givenName)" } as Any
                        row["status"] = entry.appointment.map { Display.status($0.status) } ?? (entry.slot.status == .free ? "Free" : "Cancelled")
                        return row
                    }]
        }
        data["empty"] = slots.isEmpty
        return try pages.page("outpatients/clinics", title: "Clinic calendar", data, context: context)
    }
}
