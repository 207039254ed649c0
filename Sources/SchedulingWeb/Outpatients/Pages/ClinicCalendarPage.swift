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
            "from": monday.iso, "weekOf": LetterText.long(monday),
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
        data["days"] = days.map { day, entries -> [String: Any] in
            ["date": LetterText.long(day), "free": entries.filter { $0.slot.status == .free }.count, "count": entries.count,
             "slots": entries.map { entry -> [String: Any] in
                 var row = names.slot(entry.slot)
                 row["referralId"] = entry.appointment?.referralID.rawValue as Any
                 if let appointment = entry.appointment { row["status"] = appointment.status.rawValue }
                 return row
             }]
        }
        data["empty"] = slots.isEmpty
        return try pages.page("outpatients/clinics", title: "Clinic calendar", data, context: context)
    }
}
