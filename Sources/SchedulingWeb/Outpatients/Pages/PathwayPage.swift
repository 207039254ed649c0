import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// A referral's pathway page: its clock, appointments, letters and the best slots to book; booking
/// and cancelling by form.
extension OutpatientPagesController {
    struct BookingForm: Decodable {
        var csrf: String?
        var slotId: String?
        var channel: String?
        var interpreterLanguage: String?
        var needsTransport: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", slotId, channel, interpreterLanguage, needsTransport }
    }

    struct CancellationForm: Decodable {
        var csrf: String?
        var initiatedBy: String?
        var reason: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", initiatedBy, reason }
    }

    /// The page, with confirmations from the query.
    func showPathway(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let id = Referral.ID(try context.parameters.require("id"))
        return try await pathway(id, extra: ["booked": request.uri.queryParameters.get("booked") as Any,
                                             "cancelled": request.uri.queryParameters.get("cancelled") as Any], context: context)
    }

    /// Books the referral into the chosen slot; the page again with the problem if it cannot.
    func submitBooking(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = Referral.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(BookingForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        do {
            let language = form.interpreterLanguage.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let appointment = try await outpatients.bookings.book(
                .init(referralID: id.rawValue, slotID: form.slotId, channel: form.channel, interpreterLanguage: language,
                      needsTransport: form.needsTransport != nil), by: context.caller())
            return .redirect(to: "/outpatients/referrals/\(id.rawValue)?booked=\(appointment.id.rawValue)", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error)
            return try await pathway(id, extra: problem.data, context: context, status: problem.status)
        }
    }

    /// Cancels a booked appointment; the pathway again with the problem if it cannot.
    func submitCancellation(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = Appointment.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(CancellationForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        let referralID = try await outpatients.appointments.details(id: id, by: caller).appointment.referralID
        do {
            _ = try await outpatients.appointments.cancel(id: id, .init(initiatedBy: form.initiatedBy, reason: form.reason), by: caller)
            return .redirect(to: "/outpatients/referrals/\(referralID.rawValue)?cancelled=\(id.rawValue)", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error)
            return try await pathway(referralID, extra: problem.data, context: context, status: problem.status)
        }
    }

    func pathway(_ id: Referral.ID, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller(reason: "pathway page")
        let referral = try await outpatients.referrals.referral(id: id, by: caller)
        let patient = try await shared.patients.patient(id: referral.patientID, by: caller)
        let history = try await outpatients.appointments.history(referralID: id, by: caller)
        let messages = try await shared.notifications.messages(.init(patientID: patient.id), limit: 30, by: caller)
        let names = Names(try await shared.organisation.overview(by: caller))
        let role = caller.principal.role
        let canEdit = role.map { Role.patientEditors.contains($0) } ?? false
        let today = shared.environment.today
        let hasBooking = history.contains { $0.appointment.status == .booked }
        var offers: [Slot] = []
        if canEdit, referral.status == .open, !hasBooking { offers = try await outpatients.bookings.offers(referralID: id, .init(count: 8), by: caller) }
        let formatter = ISO8601DateFormatter()
        var data: [String: Any] = [
            "referralId": id.rawValue, "patientId": patient.id.rawValue, "patientName": "\(patient.givenName) \(patient.familyName)",
            "nhsNumber": patient.nhsNumber.formatted, "specialty": names.specialties[referral.specialtyID] ?? referral.specialtyID.rawValue,
            "priority": referral.priority.rawValue, "referrer": referral.referrer, "received": referral.received.iso, "status": referral.status.rawValue,
            "clockStatus": referral.clock.status.rawValue, "clockStart": referral.clock.start.iso, "weeks": referral.clock.weeksWaited(asOf: today),
            "breachDate": referral.clock.breachDate.iso, "dueBy": referral.dueBy.iso, "breached": referral.clock.isBreached(asOf: today),
            "availability": Self.availabilityText(referral.availability),
            "appointments": history.map { d -> [String: Any] in
                var row = names.slot(d.slot)
                row["appointmentId"] = d.appointment.id.rawValue
                row["status"] = d.appointment.status.rawValue
                row["channel"] = d.appointment.channel.rawValue
                row["cancellable"] = canEdit && d.appointment.status == .booked && d.slot.date >= today
                row["transport"] = d.appointment.needsTransport
                row["interpreter"] = d.appointment.interpreterLanguage as Any
                return row
            },
            "messages": messages.map { m -> [String: Any] in
                ["id": m.id.rawValue, "kind": m.kind.rawValue, "channel": m.channel.rawValue, "recipient": m.recipient.rawValue, "status": m.status.rawValue,
                 "due": formatter.string(from: m.dueAt), "subject": m.subject, "isLetter": m.channel == .letter]
            },
            "canBook": canEdit && referral.status == .open && !hasBooking,
            "hasAppointments": !history.isEmpty, "hasOffers": !offers.isEmpty, "hasMessages": !messages.isEmpty,
            "offers": offers.map { slot -> [String: Any] in
                var row = names.slot(slot)
                row["afterDue"] = slot.date > referral.dueBy
                return row
            },
            "channels": Appointment.Channel.allCases.filter { $0 != .autoAllocation }.map { ["id": $0.rawValue] },
            "cancelReasons": Appointment.CancellationReason.allCases.map { ["id": $0.rawValue] },
        ]
        for (key, value) in extra { data[key] = PageRenderer.unwrapped(value) }
        return try pages.page("outpatients/pathway", title: "Pathway \(id.rawValue)", data, context: context, status: status)
    }
}
