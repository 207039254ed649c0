import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The clinic grid: a week of a clinician's, a location's or a specialty's clinic sessions as
/// columns, each slot free or held by a named patient; a free slot opens the booking form. Given
/// a pathway (`referralId`, from its page), the grid books for it: only the slots it may take are
/// offered.
extension OutpatientPagesController {
    func calendar(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let clinician = reader.text("clinicianId").map { Clinician.ID($0) }
        let location = reader.text("locationId").map { ClinicLocation.ID($0) }
        var specialty = reader.text("specialtyId").map { Specialty.ID($0) }
        let referralID = reader.text("referralId").map { Referral.ID($0) }
        let from = reader.date("from")
        var issues: [ValidationIssue] = []
        do { try reader.finish() } catch ServiceError.invalid(let found) { issues += found }
        let names = Names(try await shared.organisation.overview(by: caller))
        let today = shared.environment.today
        let canBook = caller.principal.role.map { Role.patientEditors.contains($0) } ?? false
        var data: [String: Any] = [:]
        // Booking for a pathway: the grid shows its specialty unless the user chose a clinic.
        var referral: Referral?
        if let referralID, canBook {
            let found = try await outpatients.referrals.referral(id: referralID, by: caller)
            let patient = try await shared.patients.patient(id: found.patientID, by: caller)
            referral = found
            if clinician == nil && location == nil && specialty == nil { specialty = found.specialtyID }
            data["bookingFor"] = [
                "referralId": found.id.rawValue, "patient": Display.name(patient), "nhsNumber": patient.nhsNumber.formatted,
                "specialty": names.specialties[found.specialtyID] ?? "Outpatient", "priority": Display.priority(found.priority),
                "dueBy": Display.day(found.dueBy),
            ]
        }
        let start = from ?? today
        let monday = start.adding(days: 1 - start.isoWeekday)
        data["clinicians"] = names.overview.clinicians.map { ["id": $0.id.rawValue, "name": "\($0.name) (\(names.specialties[$0.specialtyID] ?? ""))", "selected": $0.id == clinician] }
        data["locations"] = names.overview.locations.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == location] }
        data["specialties"] = names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == specialty] }
        data["from"] = monday.iso
        data["weekOf"] = Display.day(monday)
        data["referralId"] = referral?.id.rawValue as Any
        let render = { (data: [String: Any], status: HTTPResponse.Status) in
            try self.pages.page("outpatients/clinics", title: "Clinic grid", data, context: context, status: status)
        }
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues))
            data.merge(problem.data) { $1 }
            return try render(data, problem.status)
        }
        if clinician == nil && location == nil && specialty == nil {
            data["choose"] = true
            return try render(data, .ok)
        }
        let week = try await outpatients.clinics.calendar(from: monday, through: monday.adding(days: 6), clinicianID: clinician, locationID: location, by: caller)
            .filter { specialty == nil || $0.slot.specialtyID == specialty }
        var base = [String]()
        if let clinician { base.append("clinicianId=\(clinician.rawValue)") }
        if let location { base.append("locationId=\(location.rawValue)") }
        if let specialty { base.append("specialtyId=\(specialty.rawValue)") }
        if let referral { base.append("referralId=\(referral.id.rawValue)") }
        let link = base.joined(separator: "&")
        data["previous"] = "?\(link)&from=\(monday.adding(days: -7).iso)"
        data["next"] = "?\(link)&from=\(monday.adding(days: 7).iso)"
        let closed = try await outpatients.closures.closedDays(from: monday, through: monday.adding(days: 6), by: caller)
        data["closedDays"] = closed.map { ["date": Display.day($0.date), "name": $0.name] }
        let sessions = Self.sessions(week)
        data["sessions"] = sessions.map { session -> [String: Any] in
            let free = session.slots.filter { $0.slot.status == .free }.count
            return [
                "title": "\(Display.day(session.date)) \(session.morning ? "morning" : "afternoon")",
                "clinician": names.clinicians[session.clinicianID] ?? "Unknown clinician",
                "location": names.locations[session.locationID] ?? "Unknown location",
                "counts": "\(session.slots.count) slot\(session.slots.count == 1 ? "" : "s"), \(free) free",
                "slots": session.slots.map { entry -> [String: Any] in
                    let slot = entry.slot
                    var row: [String: Any] = ["time": Display.time(slot.start), "minutes": slot.minutes, "type": Display.slotType(slot.type),
                                              "heldBack": !slot.published]
                    if let appointment = entry.appointment {
                        row["held"] = true
                        row["referralId"] = appointment.referralID.rawValue
                        row["patient"] = entry.patient.map { "\($0.familyName), \($0.givenName)" } ?? "Patient"
                        row["state"] = Display.status(appointment.status)
                    } else if slot.status == .free {
                        let fits = referral?.mayTakeFirstAppointment(in: slot, asOf: today) ?? true
                        row["free"] = true
                        if canBook && slot.date >= today && fits {
                            row["book"] = "/outpatients/clinics/slots/\(slot.id.rawValue)/booking" + (referral.map { "?referralId=\($0.id.rawValue)" } ?? "")
                        }
                        row["label"] = slot.date < today ? "free, past" : fits ? "free" : "free, not for this pathway"
                    } else {
                        row["state"] = "Cancelled"
                    }
                    return row
                },
            ]
        }
        data["hasSessions"] = !sessions.isEmpty
        return try render(data, .ok)
    }

    /// One clinic session: a clinician's slots at a location on a morning or an afternoon.
    struct ClinicSession {
        var date: LocalDate
        var morning: Bool
        var clinicianID: Clinician.ID
        var locationID: ClinicLocation.ID
        var slots: [ClinicService.CalendarSlot]
    }

    /// The week's slots as sessions, in the order they start.
    static func sessions(_ slots: [ClinicService.CalendarSlot]) -> [ClinicSession] {
        var sessions: [ClinicSession] = []
        var index: [String: Int] = [:]
        for entry in slots.sorted(by: { ($0.slot.date, $0.slot.start, $0.slot.clinicianID.rawValue) < ($1.slot.date, $1.slot.start, $1.slot.clinicianID.rawValue) }) {
            let slot = entry.slot
            let morning = slot.start.minuteOfDay < 13 * 60
            let key = "\(slot.date.iso)|\(morning)|\(slot.clinicianID.rawValue)|\(slot.locationID.rawValue)"
            if let at = index[key] {
                sessions[at].slots.append(entry)
            } else {
                index[key] = sessions.count
                sessions.append(ClinicSession(date: slot.date, morning: morning, clinicianID: slot.clinicianID, locationID: slot.locationID, slots: [entry]))
            }
        }
        return sessions
    }
}
