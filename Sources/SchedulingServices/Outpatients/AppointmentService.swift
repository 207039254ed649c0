import Foundation
import SchedulingDomain

/// An appointment with its slot and transport request, as the API and pages show it.
public struct AppointmentDetails: Codable, Sendable, Equatable {
    public var appointment: Appointment
    public var slot: Slot
    public var journeyRequest: JourneyRequest?
    /// The access decision a DNA led to, if any.
    public var accessDecision: AccessDecision?
}

/// Cancellation input as it arrives from JSON or a form.
public struct CancellationInput: Codable, Sendable, Equatable {
    /// `patient` or `hospital`.
    public var initiatedBy: String?
    /// A ``Appointment/CancellationReason`` raw value.
    public var reason: String?

    /// Creates input.
    public init(initiatedBy: String? = nil, reason: String? = nil) {
        self.initiatedBy = initiatedBy
        self.reason = reason
    }
}

/// Change (move) input.
public struct ChangeInput: Codable, Sendable, Equatable {
    /// The new slot.
    public var slotID: String?
    /// `patient` or `hospital`.
    public var initiatedBy: String?
    /// How the change was agreed (default: phone).
    public var channel: String?

    /// Creates input.
    public init(slotID: String? = nil, initiatedBy: String? = nil, channel: String? = nil) {
        self.slotID = slotID
        self.initiatedBy = initiatedBy
        self.channel = channel
    }
}

/// An appointment's life after booking (OP-06, OP-07, OP-11): change, cancel, record
/// attendance. Every step is one transaction: the slot, the transport request, the messages and
/// the audit entry change together or not at all.
public struct AppointmentService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Roles that record attendance: the booking team and clinicians.
    public static let outcomeRecorders: Set<Role> = Role.patientEditors.union([.clinician])

    /// An appointment with its slot, transport request and access decision.
    public func details(id: Appointment.ID, by caller: Caller) async throws -> AppointmentDetails {
        try caller.require(anyOf: Role.outpatientStaff, to: "read appointments")
        let now = env.clock.now()
        return try await env.store.write { session in
            let details = try await Self.details(id, in: session)
            try await AuditTrail.record(.init(action: "appointment.read", entityType: "appointment", entityID: id.rawValue), by: caller, at: now, in: session)
            return details
        }
    }

    /// The appointment a patient quotes the reference of ("kx4q 7q2m" as typed), or nil; the
    /// lookup is audited.
    public func find(reference text: String, by caller: Caller) async throws -> Appointment? {
        try caller.require(anyOf: Role.outpatientStaff, to: "read appointments")
        guard let reference = Appointment.normalisedReference(text) else {
            throw ServiceError.invalid([.init(path: "reference", code: "reference.format", message: "A reference is eight letters and digits, like KX4Q-7Q2M.")])
        }
        let now = env.clock.now()
        return try await env.store.write { session in
            let found = try await session.appointments.find(reference: reference)
            try await AuditTrail.record(.init(action: "appointment.lookup", entityType: "appointment", entityID: found?.id.rawValue,
                                              detail: found == nil ? "result=none" : "result=1"), by: caller, at: now, in: session)
            return found
        }
    }

    /// A patient's appointments over all their referrals, in time order (the read is audited).
    public func appointments(patientID: Patient.ID, by caller: Caller) async throws -> [AppointmentDetails] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read appointments")
        let now = env.clock.now()
        return try await env.store.write { session in
            var out: [AppointmentDetails] = []
            for referral in try await session.referrals.referrals(patientID: patientID) {
                for appointment in try await session.appointments.appointments(referralID: referral.id) {
                    out.append(try await Self.details(appointment.id, in: session))
                }
            }
            try await AuditTrail.record(.init(action: "appointment.search", entityType: "patient", entityID: patientID.rawValue, detail: "results=\(out.count)"),
                                        by: caller, at: now, in: session)
            return out.sorted { ($0.slot.date, $0.slot.start, $0.appointment.id.rawValue) < ($1.slot.date, $1.slot.start, $1.appointment.id.rawValue) }
        }
    }

    /// A referral's appointments, oldest first, with their slots.
    public func history(referralID: Referral.ID, by caller: Caller) async throws -> [AppointmentDetails] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read appointments")
        return try await env.store.read { session in
            guard try await session.referrals.find(id: referralID) != nil else { throw ServiceError.notFound(entity: "Referral", id: referralID.rawValue) }
            var out: [AppointmentDetails] = []
            for a in try await session.appointments.appointments(referralID: referralID) { out.append(try await Self.details(a.id, in: session)) }
            return out
        }
    }

    /// Cancels a booked appointment at the patient's or the hospital's request. The slot becomes
    /// free, the transport request is cancelled, the queued reminders are withdrawn and a
    /// cancellation letter is queued. The referral stays open with its priority and clock, so a
    /// hospital cancellation never costs the patient their place (OP-06).
    public func cancel(id: Appointment.ID, _ input: CancellationInput, by caller: Caller) async throws -> AppointmentDetails {
        try caller.require(anyOf: Role.patientEditors, to: "cancel appointments")
        var c = ValidationCollector()
        let initiator = c.requireChoice(input.initiatedBy, Appointment.Initiator.self, at: "initiatedBy")
        let reason = c.requireChoice(input.reason, Appointment.CancellationReason.self, at: "reason")
        if let initiator, let reason, !reason.suits(initiator) {
            func words(_ r: Appointment.CancellationReason) -> String { r.rawValue.replacingOccurrences(of: "-", with: " ") }
            let fitting = Appointment.CancellationReason.allCases.filter { $0.suits(initiator) && $0 != .rescheduled }.map(words)
            let other = initiator == .patient ? "the hospital" : "the patient"
            c.add("reason", "reason.initiator",
                  "“\(words(reason).prefix(1).uppercased() + words(reason).dropFirst())” is a reason \(other) gives, not \(initiator == .patient ? "the patient" : "the hospital"); use one of: \(fitting.joined(separator: ", ")).")
        }
        guard let initiator, let reason, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now(), env = env
        return try await env.store.write { session in
            guard let booked = try await session.appointments.find(id: id) else { throw ServiceError.notFound(entity: "Appointment", id: id.rawValue) }
            let slot = try await Self.slot(of: booked, in: session)
            let appointment = try await Self.cancel(booked, slot: slot, by: initiator, reason: reason, caller: caller, at: now, in: session)
            try await Outbox.open(session, env).cancelled(appointment)
            try await AuditTrail.record(
                .init(action: "appointment.cancel", entityType: "appointment", entityID: id.rawValue,
                      detail: "by=\(initiator.rawValue) reason=\(reason.rawValue) slot=\(slot.id)"),
                by: caller, at: now, in: session)
            return try await Self.details(id, in: session)
        }
    }

    /// Moves a booked appointment to another free slot: the old one is cancelled (reason
    /// `rescheduled`) and a new one booked, replacing it, with the same interpreter and
    /// transport needs; a change letter and new reminders are queued. Either both happen or neither.
    public func change(id: Appointment.ID, _ input: ChangeInput, by caller: Caller) async throws -> AppointmentDetails {
        try caller.require(anyOf: Role.patientEditors, to: "change appointments")
        var c = ValidationCollector()
        let slotText = c.requireText(input.slotID, at: "slotID", maxLength: 200)
        let initiator = c.requireChoice(input.initiatedBy, Appointment.Initiator.self, at: "initiatedBy")
        let channel = c.requireChoice(input.channel ?? "phone", Appointment.Channel.self, at: "channel")
        guard let slotText, let initiator, let channel, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let today = env.today, now = env.clock.now(), env = env
        let newID = Appointment.ID(env.ids.make(prefix: "apt"))
        do {
            return try await env.store.write { session in
                guard let booked = try await session.appointments.find(id: id) else { throw ServiceError.notFound(entity: "Appointment", id: id.rawValue) }
                let oldSlot = try await Self.slot(of: booked, in: session)
                if oldSlot.id.rawValue == slotText {
                    throw ServiceError.invalid([.init(path: "slotID", code: "slot.same", message: "That is the appointment's current slot: choose another.")])
                }
                let old = try await Self.cancel(booked, slot: oldSlot, by: initiator, reason: .rescheduled, caller: caller, at: now, in: session)
                let request = Booking.Request(id: newID, referralID: old.referralID, slotID: .init(slotText), channel: channel,
                                              interpreterLanguage: old.interpreterLanguage, needsTransport: old.needsTransport, replaces: old.id)
                let (new, slot) = try await Booking.place(request, by: caller, today: today, at: now, env: env, in: session)
                try await Outbox.open(session, env).changed(from: old, to: new, slot: slot)
                try await AuditTrail.record(
                    .init(action: "appointment.change", entityType: "appointment", entityID: newID.rawValue,
                          detail: "replaces=\(id) by=\(initiator.rawValue) from=\(oldSlot.id) to=\(slot.id)"),
                    by: caller, at: now, in: session)
                return try await Self.details(newID, in: session)
            }
        } catch StoreError.uniqueViolation(let constraint) where constraint.hasPrefix("appointments.slot_id") {
            throw ServiceError.conflict(code: "slot.taken", message: "This slot was booked by someone else a moment ago: choose another.")
        }
    }

    /// Records whether the patient attended, on or after the day (OP-07). A DNA applies the
    /// access policy: the clock may be nullified, and a decision (rebook, discharge or clinical
    /// review) is proposed for a clinician to confirm or override; a rebooking proposal queues a
    /// letter inviting the patient to rebook.
    public func recordOutcome(id: Appointment.ID, outcome text: String?, by caller: Caller) async throws -> AppointmentDetails {
        try caller.require(anyOf: Self.outcomeRecorders, to: "record attendance")
        var c = ValidationCollector()
        let outcome = c.requireChoice(text, Appointment.Outcome.self, at: "outcome")
        guard let outcome, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let today = env.today, now = env.clock.now(), env = env
        let decisionID = AccessDecision.ID(env.ids.make(prefix: "acd"))
        return try await env.store.write { session in
            guard var appointment = try await session.appointments.find(id: id) else { throw ServiceError.notFound(entity: "Appointment", id: id.rawValue) }
            let slot = try await Self.slot(of: appointment, in: session)
            try Self.apply { () throws(DomainRuleBroken) in try appointment.record(outcome, appointmentDay: slot.date, today: today, at: now) }
            try await session.appointments.update(appointment)
            var detail = "outcome=\(outcome.rawValue)"
            if outcome == .dna {
                let decision = try await AccessPolicyService.applyPolicy(after: appointment, slot: slot, id: decisionID, at: now, env: env, in: session)
                detail += " decision=\(decision.id) proposal=\(decision.proposal.rawValue) nullified=\(decision.clockNullified)"
            }
            try await AuditTrail.record(.init(action: "appointment.outcome", entityType: "appointment", entityID: id.rawValue, detail: detail),
                                        by: caller, at: now, in: session)
            return try await Self.details(id, in: session)
        }
    }

    /// Open journey requests for appointments from `first` through `last` (OP-11), for the transport service.
    public func journeyRequests(from first: LocalDate, through last: LocalDate, by caller: Caller) async throws -> [JourneyRequest] {
        try caller.require(anyOf: [.admin, .transportPlanner, .transportManager, .bookingCoordinator, .teamLeader], to: "read journey requests")
        guard first <= last, first.days(until: last) <= 92 else {
            throw ServiceError.invalid([.init(path: "to", code: "range.order", message: "to must be on or after from, at most 92 days later.")])
        }
        return try await env.store.read { session in try await session.journeyRequests.requests(from: first, through: last, status: .requested) }
    }

    // MARK: Shared steps

    /// Cancels a booked appointment inside the caller's transaction: stores the cancellation,
    /// frees its slot (unless the session itself is being cancelled) and cancels its transport
    /// request. Messages are the caller's to queue.
    static func cancel(_ booked: Appointment, slot: Slot, by initiator: Appointment.Initiator, reason: Appointment.CancellationReason,
                       caller: Caller, at now: Date, in session: any StoreSession) async throws -> Appointment
    {
        var appointment = booked
        try apply { () throws(DomainRuleBroken) in try appointment.cancel(by: initiator, reason: reason, at: now, recordedBy: caller.principal.actorID) }
        try await session.appointments.update(appointment)
        if slot.status == .booked { try await session.clinics.setStatus(.free, slotID: slot.id) }
        if var journey = try await session.journeyRequests.find(appointmentID: appointment.id), journey.status == .requested {
            journey.status = .cancelled
            journey.cancelledAt = now
            try await session.journeyRequests.update(journey)
        }
        try await TransportJourneyLink.cancel(appointmentID: appointment.id, in: session)
        return appointment
    }

    /// Cancels every booked appointment of a pathway leaving the list (removal, discharge) and
    /// withdraws their queued messages; the caller queues the letter that explains why.
    static func cancelBookings(of referralID: Referral.ID, caller: Caller, at now: Date, outbox: Outbox, in session: any StoreSession) async throws {
        for a in try await session.appointments.appointments(referralID: referralID) where a.status == .booked {
            _ = try await cancel(a, slot: try await slot(of: a, in: session), by: .hospital, reason: .noLongerRequired, caller: caller, at: now, in: session)
            try await outbox.withdrawQueued(for: a.id)
        }
    }

    static func details(_ id: Appointment.ID, in session: any StoreSession) async throws -> AppointmentDetails {
        guard let appointment = try await session.appointments.find(id: id) else { throw ServiceError.notFound(entity: "Appointment", id: id.rawValue) }
        let slot = try await slot(of: appointment, in: session)
        let decision = try await session.accessDecisions.decisions(referralID: appointment.referralID).first { $0.appointmentID == id }
        return AppointmentDetails(appointment: appointment, slot: slot, journeyRequest: try await session.journeyRequests.find(appointmentID: id),
                                  accessDecision: decision)
    }

    static func slot(of appointment: Appointment, in session: any StoreSession) async throws -> Slot {
        guard let slot = try await session.clinics.slot(id: appointment.slotID) else {
            throw StoreError.failure("appointment \(appointment.id): slot \(appointment.slotID) is missing")
        }
        return slot
    }

    /// Runs a domain step, reporting a broken rule as a conflict.
    static func apply(_ step: () throws(DomainRuleBroken) -> Void) throws(ServiceError) {
        do { try step() } catch { throw ServiceError.conflict(code: error.code, message: error.message) }
    }
}
