import Foundation
import SchedulingDomain

/// A change to a clinic template (OP-10), as it arrives from JSON.
public struct TemplateChangeInput: Codable, Sendable, Equatable {
    /// The last day the template runs (YYYY-MM-DD); the day before today ends it now.
    public var effectiveTo: String?
    /// Keep only the first this-many slots of each session.
    public var slotCount: Int?
    /// Why sessions or slots go: clinician-unavailable, clinic-cancelled (the default) or industrial-action.
    public var reason: String?
    /// Carry the change out (default: preview only).
    public var commit: Bool?

    /// Creates input.
    public init(effectiveTo: String? = nil, slotCount: Int? = nil, reason: String? = nil, commit: Bool? = nil) {
        self.effectiveTo = effectiveTo
        self.slotCount = slotCount
        self.reason = reason
        self.commit = commit
    }
}

/// What a template change does: the template as changed, the future slots it removes and every
/// booking in them (most urgent first), and how many of those have no room before they are due.
public struct TemplateChange: Codable, Sendable, Equatable {
    public var committed: Bool
    public var template: ClinicTemplate
    public var slotsCancelled: Int
    public var affected: [AffectedBooking]
    public var shortfall: Int
}

extension ClinicService {
    /// Previews or carries out a change to a template: an end date, or fewer slots a session.
    /// Future slots the changed template no longer has are cancelled; each booking in them is
    /// cancelled by the hospital, the patient told by letter and text, and the referral stays on
    /// its list with its priority and clock (the booking team or auto-allocation rebooks it).
    public func changeTemplate(id: ClinicTemplate.ID, _ input: TemplateChangeInput, by caller: Caller) async throws -> TemplateChange {
        try caller.require(anyOf: Role.clinicEditors, to: "change clinic templates")
        let today = env.today, now = env.clock.now(), env = env
        var c = ValidationCollector()
        var end: LocalDate?
        if let text = input.effectiveTo {
            end = LocalDate(iso: text)
            if end == nil { c.add("effectiveTo", "date.format", "effectiveTo must be a date as YYYY-MM-DD.") } else if end! < today.adding(days: -1) {
                c.add("effectiveTo", "date.past", "effectiveTo must be yesterday (to end the template now) or later; past sessions are not changed.")
            }
        }
        if input.effectiveTo == nil && input.slotCount == nil {
            c.add("effectiveTo", "change.empty", "give effectiveTo, slotCount or both.")
        }
        let reason = c.requireChoice(input.reason ?? Appointment.CancellationReason.clinicCancelled.rawValue, Appointment.CancellationReason.self, at: "reason")
        if let reason, !SessionCancellationService.reasons.contains(reason) {
            c.add("reason", "field.enum", "reason must be one of: \(SessionCancellationService.reasons.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let reason, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let commit = input.commit ?? false, newEnd = end
        let body: @Sendable (any StoreSession) async throws -> TemplateChange = { session in
            guard var template = try await session.clinics.template(id: id) else { throw ServiceError.notFound(entity: "Clinic template", id: id.rawValue) }
            if let count = input.slotCount {
                guard (1...template.slots.count).contains(count) else {
                    throw ServiceError.invalid([.init(path: "slotCount", code: "field.range",
                                                      message: "slotCount must be 1 to \(template.slots.count) (the session's slots now); to end the template give effectiveTo.")])
                }
                template.slots = Array(template.slots.prefix(count))
            }
            if let end = newEnd {
                guard end >= template.effectiveFrom.adding(days: -1) else {
                    throw ServiceError.invalid([.init(path: "effectiveTo", code: "date.order", message: "effectiveTo must not be before the template starts (\(template.effectiveFrom)).")])
                }
                template.effectiveTo = end
            }
            // The future slots the changed template still lays out; every other one of its slots goes.
            let future = try await session.clinics.slots(from: today, through: today.adding(days: 3 * 366), specialtyID: template.specialtyID, status: nil)
                .filter { $0.templateID == id && $0.status != .cancelled }
            let lastDay = future.map(\.date).max() ?? today
            let closed = try await ClosedDays.current(in: session)
            let kept = Set(template.sessionDates(from: today, through: lastDay, closed: closed).flatMap { template.slots(on: $0).map(\.id) })
            let removed = future.filter { !kept.contains($0.id) }.sorted { ($0.date, $0.start) < ($1.date, $1.start) }
            let held = try await session.appointments.holding(slotIDs: removed.map(\.id)).filter { $0.status == .booked }
            let slotByID = Dictionary(uniqueKeysWithValues: removed.map { ($0.id, $0) })
            let referrals = try await SessionCancellationService.referralsByID(held, in: session)
            var affected = held.compactMap { a -> AffectedBooking? in
                guard let referral = referrals[a.referralID], let slot = slotByID[a.slotID] else { return nil }
                return AffectedBooking(appointmentID: a.id, referralID: referral.id, patientID: a.patientID, specialtyID: referral.specialtyID,
                                       priority: referral.priority, dueBy: referral.dueBy, slotID: slot.id, date: slot.date, start: slot.start,
                                       capacityBeforeDue: false, needsTransport: a.needsTransport, interpreterLanguage: a.interpreterLanguage)
            }.sorted { ($0.priority.rank, $0.dueBy, $0.date, $0.start, $0.appointmentID.rawValue) < ($1.priority.rank, $1.dueBy, $1.date, $1.start, $1.appointmentID.rawValue) }
            try await SessionCancellationService.markCapacity(&affected, excluding: Set(removed.map(\.id)), today: today, referrals: referrals, in: session)
            if commit {
                let outbox = try await Outbox.open(session, env)
                for booked in held {
                    let slot = slotByID[booked.slotID]!
                    let a = try await SessionCancellationService.cancelDisplaced(booked, slot: slot, reason: reason, caller: caller, at: now, in: session)
                    try await outbox.cancelled(a)
                }
                for slot in removed { try await session.clinics.setStatus(.cancelled, slotID: slot.id) }
                try await session.clinics.update(template)
                try await AuditTrail.record(
                    .init(action: "template.change", entityType: "clinic-template", entityID: id.rawValue,
                          detail: "effectiveTo=\(template.effectiveTo?.iso ?? "-") slots=\(template.slots.count) reason=\(reason.rawValue) "
                              + "slotsCancelled=\(removed.count) appointments=\(held.count)"),
                    by: caller, at: now, in: session)
            }
            return TemplateChange(committed: commit, template: template, slotsCancelled: removed.count, affected: affected,
                                  shortfall: affected.filter { !$0.capacityBeforeDue }.count)
        }
        return commit ? try await env.store.write(body) : try await env.store.read(body)
    }
}
