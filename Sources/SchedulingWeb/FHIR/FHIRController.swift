import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The HL7 FHIR R4 interface at `/fhir`: read and search `Patient`, `Schedule`, `Slot` and
/// `Appointment`; book with `POST /fhir/Appointment` and cancel by updating its status. JSON only,
/// bearer tokens as for the API; errors are `OperationOutcome`s.
///
/// Mapping: a `Schedule` is a clinician's (id = the clinician's id), its slots are `Slot`s; a
/// referral is a `ServiceRequest`, named in an appointment's `basedOn`.
struct FHIRController {
    let shared: SharedServices
    let outpatients: OutpatientServices

    static let mediaType = "application/fhir+json; charset=utf-8"
    static let nhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number"
    /// The trust's own hospital numbers (medical record numbers).
    static let hospitalNumberSystem = "https://kairos.health/Id/hospital-number"
    static let specialtySystem = "https://kairos.health/fhir/CodeSystem/specialty"
    static let slotTypeSystem = "https://kairos.health/fhir/CodeSystem/slot-type"
    static let cancellationSystem = "https://kairos.health/fhir/CodeSystem/cancellation-reason"
    static let channelSystem = "https://kairos.health/fhir/CodeSystem/booking-channel"

    func register(_ routes: RouteRegistrar) {
        routes.add(FHIRRoutes.fhirMetadata) { _, _ in Self.respond(Self.capabilityStatement(), status: .ok) }
        routes.add(FHIRRoutes.fhirPatientRead) { _, context in
            let patient = try await shared.patients.patient(id: .init(try context.parameters.require("id")), by: context.caller(reason: "FHIR Patient read"))
            return Self.respond(Self.patient(patient))
        }
        routes.add(FHIRRoutes.fhirPatientSearch) { request, context in
            let query = FHIRQuery(request.uri.queryParameters, allowed: ["identifier", "_count"])
            let identifier = query.token("identifier")
            try query.finish()
            guard let identifier else {
                throw FHIRError.invalid("search Patient by identifier=\(Self.nhsNumberSystem)|NHS number.")
            }
            if let system = identifier.system, system != Self.nhsNumberSystem {
                throw FHIRError.invalid("identifier system must be \(Self.nhsNumberSystem).")
            }
            let found = try await shared.patients.patient(nhsNumber: identifier.code, by: context.caller(reason: "FHIR Patient search"))
            return Self.respond(Self.bundle(found.map { [Self.patient($0)] } ?? [], request: request))
        }
        routes.add(FHIRRoutes.fhirScheduleRead) { _, context in
            let id = Clinician.ID(try context.parameters.require("id"))
            let overview = try await shared.organisation.overview(by: context.caller())
            guard let clinician = overview.clinicians.first(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Schedule", id: id.rawValue) }
            return Self.respond(Self.schedule(clinician, specialty: overview.specialties.first { $0.id == clinician.specialtyID }))
        }
        routes.add(FHIRRoutes.fhirScheduleSearch) { request, context in
            var query = FHIRQuery(request.uri.queryParameters, allowed: ["service-type", "actor", "_count"])
            let serviceType = query.token("service-type")?.code
            let actor = query.reference("actor", type: "Practitioner")
            try query.finish()
            let overview = try await shared.organisation.overview(by: context.caller())
            let specialties = Dictionary(uniqueKeysWithValues: overview.specialties.map { ($0.id, $0) })
            let schedules = overview.clinicians.filter { c in
                (serviceType == nil || specialties[c.specialtyID]?.code == serviceType) && (actor == nil || c.id.rawValue == actor)
            }.map { Self.schedule($0, specialty: specialties[$0.specialtyID]) }
            return Self.respond(Self.bundle(schedules, request: request))
        }
        routes.add(FHIRRoutes.fhirSlotRead) { _, context in
            let caller = try context.caller()
            let slot = try await outpatients.clinics.slot(id: .init(try context.parameters.require("id")), by: caller)
            let overview = try await shared.organisation.overview(by: caller)
            return Self.respond(Self.slot(slot, specialty: overview.specialties.first { $0.id == slot.specialtyID }, calendar: shared.environment.calendar))
        }
        routes.add(FHIRRoutes.fhirSlotSearch) { request, context in try await searchSlots(request, context: context) }
        routes.add(FHIRRoutes.fhirAppointmentRead) { _, context in
            let caller = try context.caller(reason: "FHIR Appointment read")
            let details = try await outpatients.appointments.details(id: .init(try context.parameters.require("id")), by: caller)
            return Self.respond(appointment(details, overview: try await shared.organisation.overview(by: caller)))
        }
        routes.add(FHIRRoutes.fhirAppointmentSearch) { request, context in try await searchAppointments(request, context: context) }
        routes.add(FHIRRoutes.fhirAppointmentCreate) { request, context in try await book(request, context: context) }
        routes.add(FHIRRoutes.fhirAppointmentUpdate) { request, context in try await update(request, context: context) }
    }

    // MARK: Searches

    func searchSlots(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var query = FHIRQuery(request.uri.queryParameters, allowed: ["status", "start", "schedule", "service-type", "_count", "_offset"])
        let statusText = query.text("status")
        let bounds = query.dateBounds("start")
        let schedule = query.reference("schedule", type: "Schedule")
        let serviceType = query.token("service-type")?.code
        let count = query.count(), offset = query.offset()
        try query.finish()
        var status: Slot.Status?
        if let statusText {
            guard let s = Self.slotStatus(fhir: statusText) else { throw FHIRError.invalid("status must be free, busy or busy-unavailable.") }
            status = s
        }
        let caller = try context.caller()
        let calendar = shared.environment.calendar, today = shared.environment.today
        let firstDay = bounds.lower.map { calendar.localDate(at: $0) } ?? today
        let lastDay = bounds.upper.map { calendar.localDate(at: $0.addingTimeInterval(-1)) } ?? firstDay.adding(days: 83)
        guard firstDay.days(until: lastDay) <= 366 else { throw FHIRError.invalid("a Slot search spans at most a year of start dates.") }
        let overview = try await shared.organisation.overview(by: caller)
        let specialties = Dictionary(uniqueKeysWithValues: overview.specialties.map { ($0.id, $0) })
        let specialtyID = try serviceType.map { code in
            guard let s = overview.specialties.first(where: { $0.code == code }) else { throw FHIRError.invalid("service-type \(code) is not a specialty's code.") }
            return s.id
        }
        let slots = try await outpatients.clinics.slots(from: firstDay, through: max(firstDay, lastDay), specialtyID: specialtyID, status: status, by: caller)
            .filter { slot in
                let start = calendar.instant(of: slot.startsAt)
                return (schedule == nil || slot.clinicianID.rawValue == schedule) && bounds.contains(start)
            }
        let resources = slots.dropFirst(offset).prefix(count).map { Self.slot($0, specialty: specialties[$0.specialtyID], calendar: calendar) }
        return Self.respond(Self.bundle(Array(resources), total: slots.count, request: request, count: count, offset: offset))
    }

    func searchAppointments(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var query = FHIRQuery(request.uri.queryParameters, allowed: ["patient", "date", "status", "_count", "_offset"])
        let patient = query.reference("patient", type: "Patient")
        let bounds = query.dateBounds("date")
        let status = query.text("status")
        let count = query.count(), offset = query.offset()
        try query.finish()
        if let status, !["booked", "fulfilled", "noshow", "cancelled"].contains(status) {
            throw FHIRError.invalid("status must be booked, fulfilled, noshow or cancelled.")
        }
        guard let patient else { throw FHIRError.invalid("search Appointment by patient (Patient/id), optionally with date and status.") }
        let caller = try context.caller(reason: "FHIR Appointment search")
        let calendar = shared.environment.calendar
        let found = try await outpatients.appointments.appointments(patientID: .init(patient), by: caller).filter { d in
            bounds.contains(calendar.instant(of: d.slot.startsAt)) && (status == nil || Self.appointmentStatus(d.appointment.status) == status)
        }
        let overview = try await shared.organisation.overview(by: caller)
        let resources = found.dropFirst(offset).prefix(count).map { appointment($0, overview: overview) }
        return Self.respond(Self.bundle(Array(resources), total: found.count, request: request, count: count, offset: offset))
    }

    // MARK: Booking and cancelling

    /// `POST /fhir/Appointment`: books the patient into the slot, for the referral in `basedOn`
    /// (or the patient's open referral in the slot's specialty that is due first).
    func book(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let body = try await Self.resource(request, context: context, type: "Appointment")
        let caller = try context.caller()
        if let status = body["status"] as? String, !["proposed", "pending", "booked"].contains(status) {
            throw FHIRError.invalid("Appointment.status must be proposed, pending or booked to book (it is booked when stored).")
        }
        let slots = (body["slot"] as? [[String: Any]] ?? []).compactMap { Self.referenceID($0, type: "Slot") }
        guard slots.count == 1 else { throw FHIRError.invalid("Appointment.slot must reference exactly one Slot (Slot/id).") }
        let patients = (body["participant"] as? [[String: Any]] ?? []).compactMap { ($0["actor"] as? [String: Any]).flatMap { Self.referenceID($0, type: "Patient") } }
        guard patients.count == 1 else { throw FHIRError.invalid("Appointment.participant must include exactly one Patient actor (Patient/id).") }
        let referrals = (body["basedOn"] as? [[String: Any]] ?? []).compactMap { Self.referenceID($0, type: "ServiceRequest") }
        guard referrals.count <= 1 else { throw FHIRError.invalid("Appointment.basedOn may reference one ServiceRequest (the referral).") }
        let patientID = Patient.ID(patients[0])
        let slot = try await outpatients.clinics.slot(id: .init(slots[0]), by: caller)
        let referralID: Referral.ID
        if let given = referrals.first {
            let referral = try await outpatients.referrals.referral(id: .init(given), by: caller)
            guard referral.patientID == patientID else { throw FHIRError.invalid("basedOn ServiceRequest/\(given) is another patient's referral.") }
            referralID = referral.id
        } else {
            let open = try await outpatients.referrals.referrals(patientID: patientID, by: caller)
                .filter { $0.status == .open && $0.specialtyID == slot.specialtyID }
                .sorted { ($0.dueBy, $0.id.rawValue) < ($1.dueBy, $1.id.rawValue) }
            guard let first = open.first else {
                throw FHIRError.invalid("Patient/\(patientID) has no open referral in the slot's specialty; name one in basedOn (ServiceRequest/id).")
            }
            referralID = first.id
        }
        let booked = try await outpatients.bookings.book(
            // The patient chose the slot online: that is their agreement to its notice.
            .init(referralID: referralID.rawValue, slotID: slot.id.rawValue, channel: Appointment.Channel.online.rawValue, shortNoticeAgreed: true), by: caller)
        let details = try await outpatients.appointments.details(id: booked.id, by: caller)
        var response = Self.respond(appointment(details, overview: try await shared.organisation.overview(by: caller)), status: .created)
        response.headers[.location] = "/fhir/Appointment/\(booked.id.rawValue)"
        return response
    }

    /// `PUT /fhir/Appointment/{id}`: the one change supported is the status to `cancelled`
    /// (`cancelationReason` a Kairos reason code; a provider or hospital reason cancels for the hospital).
    func update(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await Self.resource(request, context: context, type: "Appointment")
        if let bodyID = body["id"] as? String, bodyID != id { throw FHIRError.invalid("Appointment.id \(bodyID) does not match the URL's \(id).") }
        let caller = try context.caller()
        let current = try await outpatients.appointments.details(id: .init(id), by: caller)
        guard let status = body["status"] as? String else { throw FHIRError.invalid("Appointment.status is required.") }
        if status == Self.appointmentStatus(current.appointment.status) { return Self.respond(appointment(current, overview: try await shared.organisation.overview(by: caller))) }
        guard status == "cancelled" else {
            throw FHIRError.invalid("the only change supported is Appointment.status to cancelled; book another slot with POST /fhir/Appointment.")
        }
        let code = ((body["cancelationReason"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String
        let reason = code.flatMap(Appointment.CancellationReason.init(rawValue:)) ?? .patientRequest
        let hospitalReasons: Set<Appointment.CancellationReason> = [.clinicianUnavailable, .clinicCancelled, .industrialAction, .administrative]
        let byHospital = hospitalReasons.contains(reason) || code?.hasPrefix("prov") == true
        let cancelled = try await outpatients.appointments.cancel(
            id: .init(id), .init(initiatedBy: byHospital ? "hospital" : "patient", reason: reason.rawValue), by: caller)
        return Self.respond(appointment(cancelled, overview: try await shared.organisation.overview(by: caller)))
    }
}
