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
        var shortNoticeAgreed: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", slotId, channel, interpreterLanguage, needsTransport, shortNoticeAgreed }
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
                                             "cancelled": request.uri.queryParameters.get("cancelled") as Any,
                                             "moved": request.uri.queryParameters.get("moved") as Any,
                                             "noted": request.uri.queryParameters.get("noted") != nil,
                                             "offered": request.uri.queryParameters.get("offered") != nil,
                                             "answered": request.uri.queryParameters.get("answered") as Any], context: context)
    }

    /// Books the referral into the chosen slot; the page again with the problem if it cannot.
    func submitBooking(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = Referral.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(BookingForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        do {
            let appointment = try await outpatients.bookings.book(
                .init(referralID: id.rawValue, slotID: form.slotId, channel: form.channel, interpreterLanguage: Self.blankless(form.interpreterLanguage),
                      needsTransport: form.needsTransport != nil, shortNoticeAgreed: form.shortNoticeAgreed != nil), by: context.caller())
            return .redirect(to: "/outpatients/referrals/\(id.rawValue)?booked=\(appointment.reference)", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error, fields: Self.bookingFields)
            return try await pathway(id, extra: problem.data, context: context, status: problem.status)
        }
    }

    /// The booking, change and cancellation forms' fields as the service names them.
    static let bookingFields: [String: PageRenderer.FormField] = [
        "slotID": .init("slotID", "The slot", whenMissing: "Choose a slot."), "channel": .init("channel", "How it was booked"),
        "interpreterLanguage": .init("interpreterLanguage", "The interpreter language"),
        "initiatedBy": .init("initiatedBy", "Who asked", whenMissing: "Say who asked: the patient or the hospital."),
        "reason": .init("reason", "The reason", whenMissing: "Choose the reason."),
    ]

    /// Cancels a booked appointment; the pathway again with the problem if it cannot.
    func submitCancellation(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = Appointment.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(CancellationForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        let referralID = try await outpatients.appointments.details(id: id, by: caller).appointment.referralID
        do {
            let done = try await outpatients.appointments.cancel(id: id, .init(initiatedBy: form.initiatedBy, reason: form.reason), by: caller)
            return .redirect(to: "/outpatients/referrals/\(referralID.rawValue)?cancelled=\(done.appointment.reference)", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error, fields: Self.bookingFields)
            var extra = problem.data
            extra["form"] = ["initiatedBy": form.initiatedBy ?? "", "reason": form.reason ?? ""]
            return try await cancellationPage(id, extra: extra, context: context, status: problem.status)
        }
    }

    struct NoteForm: Decodable {
        var csrf: String?
        var text: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", text }
    }

    /// Writes a note on the pathway; the page again with the problem beside the box if it cannot.
    func submitNote(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = Referral.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(NoteForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        do {
            _ = try await outpatients.notes.add(referralID: id, text: form.text, by: context.caller())
            return .redirect(to: "/outpatients/referrals/\(id.rawValue)?noted=1#notes", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error)
            var extra = problem.data
            extra["noteText"] = form.text ?? ""
            return try await pathway(id, extra: extra, context: context, status: problem.status)
        }
    }

    struct ChangeForm: Decodable {
        var csrf: String?
        var slotId: String?
        var initiatedBy: String?
        var channel: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", slotId, initiatedBy, channel }
    }

    /// Moves the appointment to the chosen slot; the form again with the problem if it cannot.
    func submitChange(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = Appointment.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(ChangeForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        do {
            let moved = try await outpatients.appointments.change(id: id, .init(slotID: form.slotId, initiatedBy: form.initiatedBy, channel: form.channel),
                                                                  by: caller)
            return .redirect(to: "/outpatients/referrals/\(moved.appointment.referralID.rawValue)?moved=\(moved.appointment.reference)", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error, fields: Self.bookingFields)
            var extra = problem.data
            extra["form"] = ["slotId": form.slotId ?? "", "initiatedBy": form.initiatedBy ?? ""]
            return try await changePage(id, extra: extra, context: context, status: problem.status)
        }
    }

    /// Rescheduling in place: the appointment, the best free slots for its pathway, who asks.
    func changePage(_ id: Appointment.ID, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller(reason: "reschedule appointment page")
        let details = try await outpatients.appointments.details(id: id, by: caller)
        let patient = try await shared.patients.patient(id: details.appointment.patientID, by: caller)
        let names = Names(try await shared.organisation.overview(by: caller))
        let chosen = (extra["form"] as? [String: String]) ?? [:]
        let booked = details.appointment.status == .booked
        let offers = booked ? try await outpatients.bookings.offers(referralID: details.appointment.referralID, .init(count: 12), by: caller) : []
        var data: [String: Any] = [
            "banner": PagesController.banner(patient, today: shared.environment.today),
            "appointmentId": id.rawValue, "reference": details.appointment.reference, "referralId": details.appointment.referralID.rawValue,
            "when": Display.dateTime(details.slot.date, details.slot.start), "clinic": names.clinic(details.slot), "booked": booked,
            "status": Display.status(details.appointment.status), "hasOffers": !offers.isEmpty,
            "needs": [details.appointment.needsTransport ? "transport" : nil, details.appointment.interpreterLanguage.map { "a \($0) interpreter" }]
                .compactMap { $0 }.joined(separator: " and "),
            "offers": offers.map { slot -> [String: Any] in
                var row = names.slot(slot)
                row["checked"] = chosen["slotId"] == slot.id.rawValue
                return row
            },
            "byPatient": chosen["initiatedBy"] != "hospital", "byHospital": chosen["initiatedBy"] == "hospital",
        ]
        for (key, value) in extra where key != "form" { data[key] = PageRenderer.unwrapped(value) }
        return try pages.page("outpatients/change", title: "Reschedule appointment \(details.appointment.reference)", data, context: context, status: status)
    }

    /// The confirmation before cancelling: the appointment, who asks and why.
    func cancellationPage(_ id: Appointment.ID, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller(reason: "cancel appointment page")
        let details = try await outpatients.appointments.details(id: id, by: caller)
        let patient = try await shared.patients.patient(id: details.appointment.patientID, by: caller)
        let names = Names(try await shared.organisation.overview(by: caller))
        let chosen = (extra["form"] as? [String: String]) ?? [:]
        let reasons = Appointment.CancellationReason.allCases.filter { $0 != .rescheduled }
        var data: [String: Any] = [
            "banner": PagesController.banner(patient, today: shared.environment.today),
            "appointmentId": id.rawValue, "reference": details.appointment.reference, "referralId": details.appointment.referralID.rawValue,
            "when": Display.dateTime(details.slot.date, details.slot.start), "clinic": names.clinic(details.slot),
            "booked": details.appointment.status == .booked,
            "status": Display.status(details.appointment.status),
            "byPatient": chosen["initiatedBy"] != "hospital", "byHospital": chosen["initiatedBy"] == "hospital",
            "patientReasons": reasons.filter { $0.suits(.patient) }.map { ["id": $0.rawValue, "label": Display.reason($0), "selected": chosen["reason"] == $0.rawValue] },
            "hospitalReasons": reasons.filter { $0.suits(.hospital) && !$0.suits(.patient) }.map {
                ["id": $0.rawValue, "label": Display.reason($0), "selected": chosen["reason"] == $0.rawValue]
            },
        ]
        for (key, value) in extra where key != "form" { data[key] = PageRenderer.unwrapped(value) }
        return try pages.page("outpatients/cancel", title: "Cancel appointment \(details.appointment.reference)", data, context: context, status: status)
    }

    func pathway(_ id: Referral.ID, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller(reason: "pathway page")
        let referral = try await outpatients.referrals.referral(id: id, by: caller)
        let patient = try await shared.patients.patient(id: referral.patientID, by: caller)
        let history = try await outpatients.appointments.history(referralID: id, by: caller)
        let messages = try await shared.notifications.messages(.init(patientID: patient.id), limit: 30, by: caller)
        let names = Names(try await shared.organisation.overview(by: caller))
        let offerRecords = try await outpatients.offerRecords.offers(referralID: id, by: caller)
        let notes = try await outpatients.notes.notes(referralID: id, by: caller)
        let role = caller.principal.role
        let canEdit = role.map { Role.patientEditors.contains($0) } ?? false
        let today = shared.environment.today
        let hasBooking = history.contains { $0.appointment.status == .booked }
        var offers: [Slot] = []
        if canEdit, referral.status == .open, !hasBooking { offers = try await outpatients.bookings.offers(referralID: id, .init(count: 8), by: caller) }
        let specialty = names.specialties[referral.specialtyID] ?? "Outpatient"
        let offerForm = extra["offerForm"] as? [String: Any] ?? [:]
        var data: [String: Any] = [
            "referralId": id.rawValue, "patientId": patient.id.rawValue, "patientName": Display.name(patient),
            "banner": PagesController.banner(patient, today: today),
            "specialty": specialty, "priority": Display.priority(referral.priority), "referrer": referral.referrer,
            "received": Display.day(referral.received), "status": Display.status(referral.status),
            "clockStatus": Display.clock(referral.clock.status), "clockStart": Display.day(referral.clock.start), "weeks": Display.weeks(referral.clock.weeksWaited(asOf: today)),
            "breachDate": Display.day(referral.clock.breachDate), "dueBy": Display.day(referral.dueBy), "breached": referral.clock.isBreached(asOf: today),
            "availability": Self.availabilityText(referral.availability), "ubrn": referral.ubrn?.formatted as Any,
            "appointments": history.map { d -> [String: Any] in
                var row = names.slot(d.slot)
                row["appointmentId"] = d.appointment.id.rawValue
                row["reference"] = d.appointment.reference
                row["status"] = Display.status(d.appointment.status)
                row["channel"] = Display.channel(d.appointment.channel)
                row["cancellable"] = canEdit && d.appointment.status == .booked && d.slot.date >= today
                var needs: [String] = []
                if d.appointment.needsTransport { needs.append("Transport") }
                if let language = d.appointment.interpreterLanguage { needs.append("\(language) interpreter") }
                row["needs"] = needs.isEmpty ? "—" : needs.joined(separator: ", ")
                return row
            },
            "messages": messages.map { m -> [String: Any] in
                ["id": m.id.rawValue, "kind": Display.kind(m.kind), "channel": Display.channel(m.channel), "recipient": Display.recipient(m.recipient),
                 "status": Display.status(m.status), "due": Display.instant(m.dueAt), "subject": m.subject, "isLetter": m.channel == .letter]
            },
            "notes": notes.map { ["text": $0.text, "author": $0.authorName, "at": Display.instant($0.writtenAt)] },
            "hasNotes": !notes.isEmpty,
            "hasOfferRecords": !offerRecords.isEmpty,
            "offerRecords": offerRecords.map { o -> [String: Any] in
                ["id": o.id.rawValue, "offeredOn": Display.day(o.offeredOn), "dates": o.dates.map(Display.day).joined(separator: "; "),
                 "channel": Self.offerChannel(o.channel), "reasonable": o.isReasonable, "canAnswer": canEdit && o.outcome == .pending,
                 "outcome": o.outcome == .pending ? "Waiting for an answer" : o.outcome == .accepted ? "Accepted" : "Declined"]
            },
            "offerChannels": OfferRecord.Channel.allCases.map { c -> [String: Any] in
                ["id": c.rawValue, "label": Self.offerChannel(c), "selected": c.rawValue == (offerForm["channel"] as? String ?? "phone")]
            },
            "canBook": canEdit && referral.status == .open && !hasBooking,
            "hasAppointments": !history.isEmpty, "hasOffers": !offers.isEmpty, "hasMessages": !messages.isEmpty,
            "offers": offers.map { slot -> [String: Any] in
                var row = names.slot(slot)
                row["offerChecked"] = (offerForm["slotIds"] as? [String] ?? []).contains(slot.id.rawValue)
                row["afterDue"] = slot.date > referral.dueBy
                row["shortNotice"] = !referral.priority.isUrgent && today.days(until: slot.date) < Appointment.reasonableNoticeDays
                return row
            },
            "channels": Appointment.Channel.allCases.filter { $0 != .autoAllocation }.map { ["id": $0.rawValue, "label": Display.channel($0)] },
        ]
        for (key, value) in extra where key != "offerForm" { data[key] = PageRenderer.unwrapped(value) }
        return try pages.page("outpatients/pathway", title: "\(specialty) pathway — \(Display.name(patient))", data, context: context, status: status)
    }

    /// How dates were offered, in words.
    static func offerChannel(_ channel: OfferRecord.Channel) -> String {
        switch channel {
        case .phone: "Phone"
        case .letter: "Letter"
        case .online: "Online"
        case .inPerson: "In person"
        }
    }
}
