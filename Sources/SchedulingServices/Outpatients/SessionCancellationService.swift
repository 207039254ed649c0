import Foundation
import Planning
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
    /// Rebook the displaced patients (BR-02); absent: they go back on their lists.
    public var rebook: RebookingInput?

    /// Creates input.
    public init(clinicianIDs: [String]? = nil, from: String? = nil, through: String? = nil, templateID: String? = nil, reason: String? = nil,
                commit: Bool? = nil, rebook: RebookingInput? = nil)
    {
        self.rebook = rebook
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
    /// Whether hospital transport was booked for the appointment (it must follow the new time).
    public var needsTransport: Bool = false
    /// The interpreter language booked for the appointment, if any (to be rebooked for the new time).
    public var interpreterLanguage: String? = nil
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
    /// The rebooking plan (or what was rebooked), when rebooking was asked for.
    public var rebooking: RebookingPlan?
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
    public static let reasons: [Appointment.CancellationReason] = [.clinicianUnavailable, .clinicCancelled, .industrialAction]

    /// Previews or carries out a cancellation.
    public func cancel(_ input: SessionCancellationInput, by caller: Caller) async throws -> SessionCancellation {
        try await cancel(input, by: caller, alsoOnCommit: nil)
    }

    /// Previews or carries out a cancellation; on commit, `alsoOnCommit` runs in the same
    /// transaction (a clinic closure stores its day with the cancellation it causes).
    func cancel(_ input: SessionCancellationInput, by caller: Caller,
                alsoOnCommit: (@Sendable (any StoreSession) async throws -> Void)?) async throws -> SessionCancellation
    {
        try caller.require(anyOf: Role.clinicEditors, to: "cancel clinic sessions")
        var c = ValidationCollector()
        let clinicians = Set((input.clinicianIDs ?? []).map { Clinician.ID($0) })
        if clinicians.isEmpty { c.add("clinicianIDs", "field.required", "Choose at least one clinician.") }
        let from = c.requireDate(input.from, at: "from"), through = c.requireDate(input.through ?? input.from, at: "through")
        let today = env.today
        if let from, let through {
            if through < from { c.add("through", "range.order", "The last day must be on or after the first day.") }
            if from < today { c.add("from", "date.past", "The first day must be today or later; past sessions cannot be cancelled.") }
            if from.days(until: through) > 92 { c.add("through", "range.length", "Cancel at most 93 days in one action.") }
        }
        var reason: Appointment.CancellationReason?
        if let text = input.reason {
            reason = Appointment.CancellationReason(rawValue: text).flatMap { Self.reasons.contains($0) ? $0 : nil }
            if reason == nil { c.add("reason", "field.enum", "reason must be one of: \(Self.reasons.map(\.rawValue).joined(separator: ", ")).") }
        } else {
            c.add("reason", "field.required", "reason is required.")
        }
        let rebook = input.rebook.map { Self.rebookOptions($0, today: today, into: &c) }
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
            let referrals = try await Self.referralsByID(held, in: session)
            for a in held {
                guard let referral = referrals[a.referralID], let slot = slotByID[a.slotID] else { continue }
                affected.append(AffectedBooking(appointmentID: a.id, referralID: referral.id, patientID: a.patientID, specialtyID: referral.specialtyID,
                                                priority: referral.priority, dueBy: referral.dueBy, slotID: slot.id, date: slot.date, start: slot.start,
                                                capacityBeforeDue: false, needsTransport: a.needsTransport, interpreterLanguage: a.interpreterLanguage))
            }
            affected.sort { ($0.priority.rank, $0.dueBy, $0.date, $0.start, $0.appointmentID.rawValue) < ($1.priority.rank, $1.dueBy, $1.date, $1.start, $1.appointmentID.rawValue) }
            let cancelledIDs = Set(slots.map(\.id))
            var decision: StrikeRebooking.Decision?
            if let rebook {
                let extra = try await Self.extraSlots(rebook, in: session)
                let displaced = StrikeRebooking.Booked.join(held, referrals: referrals, slots: slotByID)
                let decided = try await Self.rebook(displaced, excluding: cancelledIDs, extra: extra, rebook, today: today, in: session)
                let moved = Dictionary(uniqueKeysWithValues: decided.plan.moves.map { ($0.appointmentID, $0) })
                for k in affected.indices {
                    affected[k].capacityBeforeDue = moved[affected[k].appointmentID]?.toDate.map { $0 <= affected[k].dueBy } ?? false
                }
                decision = decided
                if commit, try await session.clinics.insertNew(extra) != extra.count {
                    throw ServiceError.conflict(code: "slots.clash", message: "an extra session's slot already exists; nothing was changed.")
                }
            } else {
                try await Self.markCapacity(&affected, excluding: cancelledIDs, today: today, referrals: referrals, in: session)
            }
            if commit {
                var summary = ""
                if var decided = decision {
                    try await Self.commitRebooking(&decided, held: held, slotByID: slotByID, reason: reason, caller: caller, at: now, today: today,
                                                   env: env, in: session)
                    decision = decided
                    summary = " rebooked=\(decided.plan.moves.filter { !$0.bumped && $0.toSlotID != nil }.count) bumped=\(decided.plan.bumped)"
                        + " extraSlots=\(decided.plan.extraSlots)"
                } else {
                    let outbox = try await Outbox.open(session, env)
                    for booked in held {
                        let slot = slotByID[booked.slotID]!
                        let a = try await Self.cancelDisplaced(booked, slot: slot, reason: reason, caller: caller, at: now, in: session)
                        try await outbox.cancelled(a)
                    }
                }
                for slot in slots { try await session.clinics.setStatus(.cancelled, slotID: slot.id) }
                try await alsoOnCommit?(session)
                try await AuditTrail.record(
                    .init(action: "sessions.cancel", entityType: "clinician", entityID: clinicians.map(\.rawValue).sorted().joined(separator: ","),
                          detail: "from=\(from) through=\(through) reason=\(reason.rawValue) slots=\(slots.count) appointments=\(held.count)"
                              + (templateID.map { " template=\($0)" } ?? "") + summary),
                    by: caller, at: now, in: session)
            }
            return SessionCancellation(committed: commit, slotsCancelled: slots.count, affected: affected,
                                       shortfall: affected.filter { !$0.capacityBeforeDue }.count, rebooking: decision?.plan)
        }
        return commit ? try await env.store.write(body) : try await env.store.read(body)
    }

    /// Cancels one displaced booking for the sessions' reason, audited.
    static func cancelDisplaced(_ booked: Appointment, slot: Slot, reason: Appointment.CancellationReason, caller: Caller, at now: Date,
                                in session: any StoreSession) async throws -> Appointment
    {
        let a = try await AppointmentService.cancel(booked, slot: slot, by: .hospital, reason: reason, caller: caller, at: now, in: session)
        try await AuditTrail.record(
            .init(action: "appointment.cancel", entityType: "appointment", entityID: a.id.rawValue,
                  detail: "by=hospital reason=\(reason.rawValue) slot=\(a.slotID) sessions=cancelled"),
            by: caller, at: now, in: session)
        return a
    }

    /// The referrals of `appointments`, read in one batch.
    static func referralsByID(_ appointments: [Appointment], in session: any StoreSession) async throws -> [Referral.ID: Referral] {
        Dictionary(try await session.referrals.find(ids: appointments.map(\.referralID)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Validated rebooking options.
    struct RebookOptions: Sendable {
        var from: LocalDate
        var through: LocalDate
        var policy: MoveBookedPolicy
        var sessions: [ExtraSession]
    }

    /// A validated short-notice session (clinician and location checked against the store later).
    struct ExtraSession: Sendable {
        var path: String
        var clinicianID: Clinician.ID
        var locationID: ClinicLocation.ID
        var date: LocalDate
        var start: LocalTime
        var slots: [ClinicTemplate.SlotSpec]
    }

    /// Parses and checks the rebooking options, adding every issue under `rebook.`.
    static func rebookOptions(_ input: RebookingInput, today: LocalDate, into c: inout ValidationCollector) -> RebookOptions {
        let notice = input.minimumNoticeDays ?? 7
        if !(0...60).contains(notice) { c.add("rebook.minimumNoticeDays", "field.range", "Minimum notice must be 0 to 60 days.") }
        let from = today.adding(days: max(0, min(60, notice)))
        var through = from.adding(days: 55)
        if input.through != nil, let last = c.requireDate(input.through, at: "rebook.through") {
            through = last
            if last < from { c.add("rebook.through", "range.order", "Rebooking must run to \(LetterText.long(from)) (today plus the notice) or later.") }
            if from.days(until: last) > 365 { c.add("rebook.through", "range.length", "Rebooking must end within a year of \(LetterText.long(from)).") }
        }
        let policy = c.requireChoice(input.moveBooked ?? MoveBookedPolicy.notNotified.rawValue, MoveBookedPolicy.self, at: "rebook.moveBooked") ?? .none
        var sessions: [ExtraSession] = []
        for (k, extra) in (input.extraSessions ?? []).enumerated() {
            let path = "rebook.extraSessions[\(k)]"
            let clinician = c.requireText(extra.clinicianID, at: "\(path).clinicianID", maxLength: 100)
            let location = c.requireText(extra.locationID, at: "\(path).locationID", maxLength: 100)
            let date = c.requireDate(extra.date, at: "\(path).date")
            if let date, date < from || date > through {
                c.add("\(path).date", "date.window", "\(path).date must be from \(from) through \(through) (the rebooking window).")
            }
            let start = extra.start.flatMap(LocalTime.init(iso:))
            if extra.start == nil { c.add("\(path).start", "field.required", "\(path).start is required.") } else if start == nil {
                c.add("\(path).start", "time.format", "\(path).start must be a time as HH:MM.")
            }
            var specs: [ClinicTemplate.SlotSpec] = []
            if (extra.slots ?? []).isEmpty { c.add("\(path).slots", "slots.empty", "\(path).slots must list at least one slot.") }
            for (j, slot) in (extra.slots ?? []).enumerated() {
                let minutes = slot.minutes ?? 0
                if !(5...480).contains(minutes) { c.add("\(path).slots[\(j)].minutes", "slot.length", "\(path).slots[\(j)].minutes must be 5 to 480.") }
                guard let type = c.requireChoice(slot.type ?? "new", SlotType.self, at: "\(path).slots[\(j)].type") else { continue }
                specs.append(.init(minutes: minutes, type: type, published: slot.published ?? true))
            }
            if let start, start.minuteOfDay + specs.reduce(0, { $0 + $1.minutes }) > 24 * 60 {
                c.add("\(path).slots", "session.pastMidnight", "\(path) must end by midnight.")
            }
            if let clinician, let location, let date, let start {
                sessions.append(ExtraSession(path: path, clinicianID: .init(clinician), locationID: .init(location), date: date, start: start, slots: specs))
            }
        }
        return RebookOptions(from: from, through: through, policy: policy, sessions: sessions)
    }

    /// The extra sessions' slots, after checking clinicians, locations and clashes with the
    /// clinicians' existing slots. Slot ids are stable (clinician, day, time, position), so a
    /// preview and its commit name the same slots.
    static func extraSlots(_ options: RebookOptions, in session: any StoreSession) async throws -> [Slot] {
        guard !options.sessions.isEmpty else { return [] }
        let clinicians = Dictionary(uniqueKeysWithValues: try await session.organisation.clinicians().map { ($0.id, $0) })
        let locations = Set(try await session.organisation.locations().map(\.id))
        var issues: [ValidationIssue] = []
        var out: [Slot] = []
        for extra in options.sessions {
            guard let clinician = clinicians[extra.clinicianID] else {
                issues.append(.init(path: "\(extra.path).clinicianID", code: "clinician.unknown", message: "\(extra.path).clinicianID \(extra.clinicianID) is not a clinician."))
                continue
            }
            if !locations.contains(extra.locationID) {
                issues.append(.init(path: "\(extra.path).locationID", code: "location.unknown", message: "\(extra.path).locationID \(extra.locationID) is not a clinic location."))
            }
            // A one-off template lays the slots out back to back, as templates do.
            let oneOff = ClinicTemplate(id: .init("xs_\(clinician.id.rawValue)_\(extra.start.minuteOfDay)"), clinicianID: clinician.id,
                                        specialtyID: clinician.specialtyID, locationID: extra.locationID, weekday: extra.date.isoWeekday,
                                        start: extra.start, slots: extra.slots, effectiveFrom: extra.date, effectiveTo: extra.date)
            let made = oneOff.slots(on: extra.date).map { slot in
                var slot = slot
                slot.templateID = nil
                return slot
            }
            let existing = try await session.clinics.slots(from: extra.date, through: extra.date, specialtyID: nil, status: nil)
                .filter { $0.clinicianID == clinician.id } + out.filter { $0.clinicianID == clinician.id && $0.date == extra.date }
            let (s0, s1) = (extra.start.minuteOfDay, extra.start.minuteOfDay + oneOff.minutes)
            if let clash = existing.first(where: { $0.start.minuteOfDay < s1 && s0 < $0.start.minuteOfDay + $0.minutes }) {
                issues.append(.init(path: "\(extra.path).start", code: "session.clash",
                                    message: "\(extra.path) overlaps clinician \(clinician.id)'s slot at \(clash.start) on \(extra.date)."))
                continue
            }
            out += made
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        return out
    }

    /// The rebooking plan: free slots of the displaced patients' specialties in the window
    /// (outside the cancelled sessions) plus the extra ones; the first pass runs once, and
    /// bookings that may be moved are read only when some displaced patient would otherwise be late.
    static func rebook(_ displaced: [StrikeRebooking.Booked], excluding cancelled: Set<Slot.ID>, extra: [Slot], _ options: RebookOptions,
                       today: LocalDate, in session: any StoreSession) async throws -> StrikeRebooking.Decision
    {
        let specialties = Set(displaced.map(\.referral.specialtyID))
        var free: [Slot] = []
        for specialty in specialties.sorted(by: { $0.rawValue < $1.rawValue }) {
            free += try await session.openFreeSlots(from: options.from, through: options.through, specialtyID: specialty)
                .filter { !cancelled.contains($0.id) }
        }
        free += extra.filter { specialties.contains($0.specialtyID) }
        let first = try WaitingListAllocation.plan(displaced.map(\.referral), slots: free, from: options.from, through: options.through, today: today)
        // Only a displaced patient who would be late, but could still be seen by their due day, may
        // take another's booking; only bookings up to the last such due day can help.
        let placedOn = Dictionary(uniqueKeysWithValues: first.proposals.map { ($0.referralID, $0.date) })
        let needy = displaced.map(\.referral).filter { r in r.dueBy >= options.from && (placedOn[r.id].map { $0 > r.dueBy } ?? true) }
        var movable: [StrikeRebooking.Booked] = []
        if options.policy != .none, let lastDue = needy.map(\.dueBy).max() {
            // Bookings that may move: in the window, in these specialties, outside the cancelled sessions, not yet notified unless all may move.
            var booked: [Slot] = []
            for specialty in Set(needy.map(\.specialtyID)).sorted(by: { $0.rawValue < $1.rawValue }) {
                booked += try await session.clinics.slots(from: options.from, through: min(lastDue, options.through), specialtyID: specialty, status: .booked)
                    .filter { !cancelled.contains($0.id) }
            }
            var holders = try await session.appointments.holding(slotIDs: booked.map(\.id)).filter { $0.status == .booked }
            if options.policy == .notNotified {
                let notified = try await session.outbox.notified(holders.map(\.id))
                holders.removeAll { notified.contains($0.id) }
            }
            movable = StrikeRebooking.Booked.join(holders, referrals: try await referralsByID(holders, in: session),
                                                  slots: Dictionary(uniqueKeysWithValues: booked.map { ($0.id, $0) }))
        }
        return try StrikeRebooking.plan(displaced: displaced, first: first, free: free, movable: movable, from: options.from, through: options.through,
                                        today: today, extraSlots: extra.count, policy: options.policy)
    }

    /// Carries out a rebooking: cancels the displaced and the bumped bookings, books each moved
    /// patient into their new slot (the new appointment replaces the old), and writes to each:
    /// a change letter and text for those moved, a cancellation for those going back on the list.
    static func commitRebooking(_ decision: inout StrikeRebooking.Decision, held: [Appointment], slotByID: [Slot.ID: Slot],
                                reason: Appointment.CancellationReason, caller: Caller, at now: Date, today: LocalDate, env: ServiceEnvironment,
                                in session: any StoreSession) async throws
    {
        let outbox = try await Outbox.open(session, env)
        var old: [Appointment.ID: (Appointment, Slot)] = [:]
        for booked in held {
            let slot = slotByID[booked.slotID]!
            old[booked.id] = (try await cancelDisplaced(booked, slot: slot, reason: reason, caller: caller, at: now, in: session), slot)
        }
        for b in decision.bumped {
            let a = try await AppointmentService.cancel(b.appointment, slot: b.slot, by: .hospital, reason: .rescheduled, caller: caller, at: now, in: session)
            try await AuditTrail.record(
                .init(action: "appointment.cancel", entityType: "appointment", entityID: a.id.rawValue,
                      detail: "by=hospital reason=rescheduled slot=\(a.slotID) bumped-by-rebooking"),
                by: caller, at: now, in: session)
            old[a.id] = (a, b.slot)
        }
        for k in decision.plan.moves.indices {
            let move = decision.plan.moves[k]
            guard let (previous, previousSlot) = old[move.appointmentID] else { continue }
            guard let target = decision.target[move.appointmentID] else {
                try await outbox.cancelled(previous)
                continue
            }
            let id = Appointment.ID(env.ids.make(prefix: "apt"))
            let request = Booking.Request(id: id, referralID: move.referralID, slotID: target.id, channel: .autoAllocation,
                                          interpreterLanguage: previous.interpreterLanguage, needsTransport: previous.needsTransport, replaces: previous.id)
            let (new, slot) = try await Booking.place(request, by: caller, today: today, at: now, env: env, in: session)
            try await outbox.changed(from: previous, to: new, slot: slot)
            try await AuditTrail.record(
                .init(action: "appointment.rebook", entityType: "appointment", entityID: id.rawValue,
                      detail: "replaces=\(previous.id) from=\(previousSlot.id) to=\(slot.id)\(move.bumped ? " bumped" : "")"),
                by: caller, at: now, in: session)
            decision.plan.moves[k].newAppointmentID = id
        }
    }

    /// Gives each displaced patient, most urgent first, the earliest free suitable slot on or
    /// before their due day (outside the cancelled sessions), and marks who finds none.
    static func markCapacity(_ affected: inout [AffectedBooking], excluding cancelled: Set<Slot.ID>, today: LocalDate,
                             referrals: [Referral.ID: Referral], in session: any StoreSession) async throws
    {
        var freeBySpecialty: [Specialty.ID: [Slot]] = [:]
        for specialty in Set(affected.map(\.specialtyID)) {
            let last = max(today, affected.filter { $0.specialtyID == specialty }.map(\.dueBy).max() ?? today)
            freeBySpecialty[specialty] = try await session.openFreeSlots(from: today, through: min(last, today.adding(days: 365)), specialtyID: specialty)
                .filter { !cancelled.contains($0.id) }
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
