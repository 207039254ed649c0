import Foundation
import SchedulingDomain

/// Which clinic sessions to cancel, as it arrives from JSON or a form (OP-10, BR-01).
public struct SessionCancellationInput: Codable, Sendable, Equatable {
    /// The clinicians whose sessions go (one for a single session; many for a strike).
    public var clinicianIDs: [String]?
    /// First day (YYYY-MM-DD).
    public var from: String?
    /// Last day (YYYY-MM-DD); the same as `from` for one day.
    public var through: String?
    /// Only this template's sessions (one clinic rather than the clinician's whole day).
    public var templateID: String?
    /// `clinician-unavailable`, `clinic-cancelled` or `industrial-action`.
    public var reason: String?
    /// false (the default): preview only; true: cancel.
    public var commit: Bool?

    /// Creates input.
    public init(clinicianIDs: [String]? = nil, from: String? = nil, through: String? = nil, templateID: String? = nil, reason: String? = nil,
                commit: Bool? = nil)
    {
        self.clinicianIDs = clinicianIDs
        self.from = from
        self.through = through
        self.templateID = templateID
        self.reason = reason
        self.commit = commit
    }
}

/// A booking a cancelled session displaces: the patient goes back to their list with the
/// referral's original priority and clock, ready to be rebooked first.
public struct AffectedBooking: Codable, Sendable, Equatable {
    public var appointmentID: Appointment.ID
    public var referralID: Referral.ID
    public var patientID: Patient.ID
    public var specialtyID: Specialty.ID
    public var priority: ClinicalPriority
    public var dueBy: LocalDate
    public var slotID: Slot.ID
    public var date: LocalDate
    public var start: LocalTime
    /// Whether a free slot the patient could take exists on or before the due day (after the
    /// more urgent displaced patients took theirs); `false` is a capacity shortfall to escalate.
    public var capacityBeforeDue: Bool
}

/// What a session cancellation does or did.
public struct SessionCancellation: Codable, Sendable, Equatable {
    /// Whether the cancellation was carried out (false: a preview).
    public var committed: Bool
    /// Slots taken out of use.
    public var slotsCancelled: Int
    /// Displaced bookings, most urgent first, then by due day.
    public var affected: [AffectedBooking]
    /// How many displaced patients have no free slot on or before their due day (escalate).
    public var shortfall: Int
}

/// Cancelling clinic sessions (OP-10, BR-01): one session, a clinician's days, or every session of
/// many clinicians over a strike, in one action. A preview lists every affected booking and the
/// capacity shortfall; a commit cancels the slots and the bookings in one transaction, puts the
/// patients back on their lists untouched (priority and clock as they were), and queues a
/// cancellation letter and text for each.
public struct SessionCancellationService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Reasons a session may be cancelled for.
    static let reasons: [Appointment.CancellationReason] = [.clinicianUnavailable, .clinicCancelled, .industrialAction]

    /// Previews or carries out a cancellation.
    public func cancel(_ input: SessionCancellationInput, by caller: Caller) async throws -> SessionCancellation {
        try caller.require(anyOf: Role.clinicEditors, to: "cancel clinic sessions")
        var c = ValidationCollector()
        let clinicians = Set((input.clinicianIDs ?? []).map { Clinician.ID($0) })
        if clinicians.isEmpty { c.add("clinicianIDs", "field.required", "clinicianIDs must name at least one clinician.") }
        let from = c.requireDate(input.from, at: "from"), through = c.requireDate(input.through ?? input.from, at: "through")
        let today = env.today
        if let from, let through {
            if through < from { c.add("through", "range.order", "through must be on or after from.") }
            if from < today { c.add("from", "date.past", "from must be today or later; past sessions cannot be cancelled.") }
            if from.days(until: through) > 92 { c.add("through", "range.length", "at most 93 days in one action.") }
        }
        var reason: Appointment.CancellationReason?
        if let text = input.reason {
            reason = Appointment.CancellationReason(rawValue: text).flatMap { Self.reasons.contains($0) ? $0 : nil }
            if reason == nil { c.add("reason", "field.enum", "reason must be one of: \(Self.reasons.map(\.rawValue).joined(separator: ", ")).") }
        } else {
            c.add("reason", "field.required", "reason is required.")
        }
        guard let from, let through, let reason, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let commit = input.commit ?? false, now = env.clock.now(), env = env
        let templateID = input.templateID.map { ClinicTemplate.ID($0) }
        let body: @Sendable (any StoreSession) async throws -> SessionCancellation = { session in
            let known = Set(try await session.organisation.clinicians().map(\.id))
            let unknown = clinicians.subtracting(known).map(\.rawValue).sorted()
            if !unknown.isEmpty {
                throw ServiceError.invalid([.init(path: "clinicianIDs", code: "clinician.unknown", message: "not clinicians: \(unknown.joined(separator: ", ")).")])
            }
            let slots = try await session.clinics.slots(from: from, through: through, specialtyID: nil, status: nil).filter {
                clinicians.contains($0.clinicianID) && $0.status != .cancelled && (templateID == nil || $0.templateID == templateID)
            }
            let held = try await session.appointments.holding(slotIDs: slots.map(\.id)).filter { $0.status == .booked }
            let slotByID = Dictionary(uniqueKeysWithValues: slots.map { ($0.id, $0) })
            var affected: [AffectedBooking] = []
            var referrals: [Referral.ID: Referral] = [:]
            for a in held {
                guard let referral = try await session.referrals.find(id: a.referralID), let slot = slotByID[a.slotID] else { continue }
                referrals[referral.id] = referral
                affected.append(AffectedBooking(appointmentID: a.id, referralID: referral.id, patientID: a.patientID, specialtyID: referral.specialtyID,
                                                priority: referral.priority, dueBy: referral.dueBy, slotID: slot.id, date: slot.date, start: slot.start,
                                                capacityBeforeDue: false))
            }
            affected.sort { ($0.priority.rank, $0.dueBy, $0.date, $0.start, $0.appointmentID.rawValue) < ($1.priority.rank, $1.dueBy, $1.date, $1.start, $1.appointmentID.rawValue) }
            try await Self.markCapacity(&affected, excluding: Set(slots.map(\.id)), today: today, referrals: referrals, in: session)
            if commit {
                let outbox = try await Outbox.open(session, env)
                for booked in held {
                    let slot = slotByID[booked.slotID]!
                    let a = try await AppointmentService.cancel(booked, slot: slot, by: .hospital, reason: reason, caller: caller, at: now, in: session)
                    try await outbox.cancelled(a, slot: slot)
                    try await AuditTrail.record(
                        .init(action: "appointment.cancel", entityType: "appointment", entityID: a.id.rawValue,
                              detail: "by=hospital reason=\(reason.rawValue) slot=\(a.slotID) sessions=cancelled"),
                        by: caller, at: now, in: session)
                }
                for slot in slots { try await session.clinics.setStatus(.cancelled, slotID: slot.id) }
                try await AuditTrail.record(
                    .init(action: "sessions.cancel", entityType: "clinician", entityID: clinicians.map(\.rawValue).sorted().joined(separator: ","),
                          detail: "from=\(from) through=\(through) reason=\(reason.rawValue) slots=\(slots.count) appointments=\(held.count)"
                              + (templateID.map { " template=\($0)" } ?? "")),
                    by: caller, at: now, in: session)
            }
            return SessionCancellation(committed: commit, slotsCancelled: slots.count, affected: affected,
                                       shortfall: affected.filter { !$0.capacityBeforeDue }.count)
        }
        return commit ? try await env.store.write(body) : try await env.store.read(body)
    }

    /// Gives each displaced patient, most urgent first, the earliest free suitable slot on or
    /// before their due day (outside the cancelled sessions), and marks who finds none.
    static func markCapacity(_ affected: inout [AffectedBooking], excluding cancelled: Set<Slot.ID>, today: LocalDate,
                             referrals: [Referral.ID: Referral], in session: any StoreSession) async throws
    {
        var freeBySpecialty: [Specialty.ID: [Slot]] = [:]
        for specialty in Set(affected.map(\.specialtyID)) {
            let last = max(today, affected.filter { $0.specialtyID == specialty }.map(\.dueBy).max() ?? today)
            freeBySpecialty[specialty] = try await session.clinics.slots(from: today, through: min(last, today.adding(days: 365)), specialtyID: specialty,
                                                                         status: .free).filter { !cancelled.contains($0.id) }
        }
        var used = Set<Slot.ID>()
        for k in affected.indices {
            let a = affected[k]
            guard let referral = referrals[a.referralID] else { continue }
            let pick = freeBySpecialty[a.specialtyID]?.first { !used.contains($0.id) && $0.date <= a.dueBy && $0.type.acceptsFirstAppointment(referral.priority) }
            if let pick {
                used.insert(pick.id)
                affected[k].capacityBeforeDue = true
            }
        }
    }
}
