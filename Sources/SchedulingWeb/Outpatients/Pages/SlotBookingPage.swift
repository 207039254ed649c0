import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// Booking a free slot from the clinic grid: the slot, the pathways that could take it (most
/// urgent first, or the one chosen on its pathway page), how the booking was made, and the
/// patient's agreement to short notice.
extension OutpatientPagesController {
    struct SlotBookingForm: Decodable {
        var csrf: String?
        var referralId: String?
        var channel: String?
        var interpreterLanguage: String?
        var needsTransport: String?
        var shortNoticeAgreed: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", referralId, channel, interpreterLanguage, needsTransport, shortNoticeAgreed }
    }

    func showSlotBooking(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let referral = request.uri.queryParameters.get("referralId").flatMap(Self.blankless)
        return try await slotBookingPage(.init(try context.parameters.require("id")), form: .init(referralId: referral), extra: [:], context: context)
    }

    /// Books the chosen pathway into the slot; the form again, as typed, with the problem beside its field.
    func submitSlotBooking(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let slotID = Slot.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(SlotBookingForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        do {
            let referral = Self.blankless(form.referralId)
            guard let referral else {
                throw ServiceError.invalid([.init(path: "referralId", code: "field.required", message: "Choose the pathway to book into this slot.")])
            }
            let appointment = try await outpatients.bookings.book(
                .init(referralID: referral, slotID: slotID.rawValue, channel: form.channel, interpreterLanguage: Self.blankless(form.interpreterLanguage),
                      needsTransport: form.needsTransport != nil, shortNoticeAgreed: form.shortNoticeAgreed != nil), by: context.caller())
            return .redirect(to: "/outpatients/referrals/\(appointment.referralID.rawValue)?booked=\(appointment.reference)", type: .normal)
        } catch let error as ServiceError {
            // The service names its fields as the API does; on this form the pathway is `referralId`.
            let fields = Self.bookingFields.merging(["referralID": .init("referralId", "The pathway", whenMissing: "Choose the pathway to book into this slot.")]) { $1 }
            let problem = PageRenderer.formProblem(error, fields: fields)
            return try await slotBookingPage(slotID, form: form, extra: problem.data, context: context, status: problem.status)
        }
    }

    func slotBookingPage(_ slotID: Slot.ID, form: SlotBookingForm, extra: [String: Any], context: KairosRequestContext,
                         status: HTTPResponse.Status = .ok) async throws -> Response
    {
        let caller = try context.caller(reason: "book from the clinic grid")
        let names = Names(try await shared.organisation.overview(by: caller))
        let today = shared.environment.today
        let found = try await outpatients.bookings.candidates(for: slotID, by: caller)
        let slot = found.slot
        var candidates = found.candidates
        // A pathway chosen on its own page comes first, named, whether or not it is on the list.
        var chosen: BookingService.Candidate?
        if let id = form.referralId.map({ Referral.ID($0) }) {
            chosen = candidates.first { $0.referral.id == id }
            if chosen == nil {
                let referral = try await outpatients.referrals.referral(id: id, by: caller)
                let patient = try await shared.patients.patient(id: referral.patientID, by: caller)
                chosen = .init(referral: referral, patient: patient, suitsWeekday: true)
            }
        }
        if let chosen { candidates.removeAll { $0.referral.id == chosen.referral.id } }
        let shortNotice = today.days(until: slot.date) < Appointment.reasonableNoticeDays
        let row = { (c: BookingService.Candidate) -> [String: Any] in
            [
                "referralId": c.referral.id.rawValue, "patient": "\(c.patient.familyName), \(c.patient.givenName)", "nhsNumber": c.patient.nhsNumber.formatted,
                "birthDate": Display.birthDate(c.patient.birthDate), "priority": Display.priority(c.referral.priority), "urgent": c.referral.priority.isUrgent,
                "weeks": Display.weeks(c.referral.clock.weeksWaited(asOf: today)), "dueBy": Display.day(c.referral.dueBy),
                "overdue": c.referral.dueBy < today, "otherWeekday": !c.suitsWeekday, "checked": c.referral.id.rawValue == form.referralId,
            ]
        }
        var data: [String: Any] = [
            "slotId": slot.id.rawValue, "when": Display.dateTime(slot.date, slot.start), "minutes": slot.minutes, "type": Display.slotType(slot.type),
            "clinic": names.clinic(slot), "specialty": names.specialties[slot.specialtyID] ?? "Outpatient",
            "bookable": slot.status == .free && slot.date >= today,
            "state": slot.status == .free ? (slot.date < today ? "in the past" : "free") : slot.status == .booked ? "booked" : "cancelled",
            "chosen": chosen.map(row) as Any, "candidates": candidates.map(row), "hasCandidates": chosen != nil || !candidates.isEmpty,
            "shortNotice": shortNotice,
            "channels": Appointment.Channel.allCases.filter { $0 != .autoAllocation }.map {
                ["id": $0.rawValue, "label": Display.channel($0), "selected": $0.rawValue == (form.channel ?? "phone")]
            },
            "form": ["interpreterLanguage": form.interpreterLanguage ?? "", "needsTransport": form.needsTransport != nil,
                     "shortNoticeAgreed": form.shortNoticeAgreed != nil],
            "grid": "/outpatients/clinics?clinicianId=\(slot.clinicianID.rawValue)&from=\(slot.date.iso)" + (form.referralId.map { "&referralId=\($0)" } ?? ""),
        ]
        for (key, value) in extra { data[key] = PageRenderer.unwrapped(value) }
        return try pages.page("outpatients/slot-booking", title: "Book \(Display.dateTime(slot.date, slot.start)), \(names.clinic(slot))", data,
                              context: context, status: status)
    }
}
