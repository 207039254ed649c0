import Planning
import Foundation
import SchedulingDomain

/// Auto-allocation input as it arrives from JSON or a form (OP-05).
public struct AutoAllocationInput: Codable, Sendable, Equatable {
    /// Only these specialties' lists (absent or empty: every specialty).
    public var specialtyIDs: [String]?
    /// First day to book into (YYYY-MM-DD; default: today plus the notice period).
    public var from: String?
    /// Last day to book into (YYYY-MM-DD; default: 12 weeks from `from`).
    public var through: String?
    /// Days of notice a patient gets at least (0–90; default 7).
    public var minimumNoticeDays: Int?
    /// false (the default): preview; true: book the previewed plan.
    public var commit: Bool?
    /// The preview's ``AllocationPlan/planID``, required to commit: the commit books exactly what
    /// was previewed or, if the list or the slots changed meanwhile, nothing.
    public var planID: String?

    /// Creates input.
    public init(specialtyIDs: [String]? = nil, from: String? = nil, through: String? = nil, minimumNoticeDays: Int? = nil, commit: Bool? = nil,
                planID: String? = nil)
    {
        self.specialtyIDs = specialtyIDs
        self.from = from
        self.through = through
        self.minimumNoticeDays = minimumNoticeDays
        self.commit = commit
        self.planID = planID
    }
}

/// Filling free slots from waiting lists (OP-05): in clinical priority, then due-day order (the
/// longest wait first among equals), each patient gets the earliest free slot of their specialty
/// of a type their priority may use, on a day they can attend, after the notice period. The
/// plan is shown first; committing it books exactly the previewed plan in one transaction and
/// queues every confirmation.
public struct AutoAllocationService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Whether a preview of `input` is large enough to run as a solve job: more open referrals
    /// in its specialties than the environment's threshold.
    public func previewIsLarge(_ input: AutoAllocationInput, by caller: Caller) async throws -> Bool {
        try caller.require(anyOf: Role.patientEditors, to: "allocate waiting lists")
        guard !(input.commit ?? false) else { return false }
        let specialties = (input.specialtyIDs ?? []).map { Specialty.ID($0) }
        let open = try await env.store.read { session in
            if specialties.isEmpty { return try await session.referrals.openCount(specialtyID: nil) }
            var total = 0
            for id in Set(specialties) { total += try await session.referrals.openCount(specialtyID: id) }
            return total
        }
        return open > env.allocationJobThreshold
    }

    /// Roles that may start and follow allocation-preview jobs.
    public static let previewJobRoles = Role.patientEditors

    /// The solve-job kind that previews a large allocation in the background: input is the
    /// ``AutoAllocationInput`` as JSON (a preview, never a commit), the result the plan as JSON.
    public var previewJob: SolveJobKind {
        let service = self
        return SolveJobKind(
            name: "allocation-preview", roles: Self.previewJobRoles,
            validate: { input, _ in
                guard let decoded = try? JSONDecoder().decode(AutoAllocationInput.self, from: Data(input.utf8)), !(decoded.commit ?? false) else {
                    throw ServiceError.invalid([.init(path: "", code: "job.input", message: "an allocation-preview job takes a preview's input (commit false).")])
                }
            },
            run: { context in
                let input = try JSONDecoder().decode(AutoAllocationInput.self, from: Data(context.job.input.utf8))
                context.report(progress: 0.1, note: "allocating the waiting lists")
                let plan = try await service.allocate(input, by: Caller(principal: .system("allocation-preview"), reason: "job \(context.job.id)"))
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return String(decoding: try encoder.encode(plan), as: UTF8.self)
            })
    }

    /// Previews or commits an allocation.
    public func allocate(_ input: AutoAllocationInput, by caller: Caller) async throws -> AllocationPlan {
        try caller.require(anyOf: Role.patientEditors, to: "allocate waiting lists")
        var c = ValidationCollector()
        let today = env.today
        let notice = input.minimumNoticeDays ?? 7
        if !(0...90).contains(notice) { c.add("minimumNoticeDays", "field.range", "Minimum notice must be 0 to 90 days.") }
        let earliest = today.adding(days: max(0, notice))
        let from = input.from == nil ? earliest : c.requireDate(input.from, at: "from")
        let through = input.through == nil ? from?.adding(days: 83) : c.requireDate(input.through, at: "through")
        if let from, from < earliest { c.add("from", "date.notice", "The first day must be on or after \(LetterText.long(earliest)) (today plus \(notice) days' notice).") }
        if let from, let through {
            if through < from { c.add("through", "range.order", "The last day must be on or after the first day.") }
            if from.days(until: through) > 365 { c.add("through", "range.length", "An allocation covers at most 366 days.") }
        }
        let commit = input.commit ?? false
        if commit && (input.planID ?? "").isEmpty { c.add("planID", "field.required", "planID is required to commit: preview first and commit the plan shown.") }
        let specialties = Set((input.specialtyIDs ?? []).map { Specialty.ID($0) })
        guard let from, let through, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let env = env, now = env.clock.now()
        let body: @Sendable (any StoreSession) async throws -> AllocationPlan = { session in
            let known = Set(try await session.organisation.specialties().map(\.id))
            let unknown = specialties.subtracting(known).map(\.rawValue).sorted()
            if !unknown.isEmpty {
                throw ServiceError.invalid([.init(path: "specialtyIDs", code: "specialty.unknown", message: "specialtyIDs: \(unknown.joined(separator: ", ")) not a specialty.")])
            }
            let chosen = specialties.isEmpty ? known : specialties
            let pending = Set(try await session.accessDecisions.pending().map(\.referralID))
            let booked = try await session.appointments.referralIDsSeenOrBooked()
            let waiting = try await session.referrals.open(specialtyID: specialties.count == 1 ? specialties.first : nil)
                .filter { chosen.contains($0.specialtyID) && !booked.contains($0.id) && !pending.contains($0.id) }
            let slots = try await session.openFreeSlots(from: from, through: through, specialtyID: specialties.count == 1 ? specialties.first : nil)
                .filter { chosen.contains($0.specialtyID) }
            var plan = try WaitingListAllocation.plan(waiting, slots: slots, from: from, through: through, today: today)
            guard commit else { return plan }
            guard plan.planID == input.planID else {
                throw ServiceError.conflict(code: "plan.stale", message: "the waiting list or the free slots changed since plan \(input.planID ?? "") was previewed; nothing was booked. Preview again.")
            }
            let outbox = try await Outbox.open(session, env)
            for k in plan.proposals.indices {
                let p = plan.proposals[k]
                let id = Appointment.ID(env.ids.make(prefix: "apt"))
                let request = Booking.Request(id: id, referralID: p.referralID, slotID: p.slotID, channel: .autoAllocation, interpreterLanguage: nil,
                                              needsTransport: false)
                let (appointment, slot) = try await Booking.place(request, by: caller, today: today, at: now, env: env, in: session)
                try await outbox.booked(appointment, slot: slot)
                try await AuditTrail.record(
                    .init(action: "appointment.book", entityType: "appointment", entityID: id.rawValue,
                          detail: "referral=\(p.referralID) slot=\(p.slotID) channel=auto-allocation plan=\(plan.planID)"),
                    by: caller, at: now, in: session)
                plan.proposals[k].appointmentID = id
            }
            try await AuditTrail.record(
                .init(action: "allocation.commit", entityType: "allocation", entityID: plan.planID,
                      detail: "from=\(from) through=\(through) booked=\(plan.proposals.count) unplaced=\(plan.unplaced.count)"),
                by: caller, at: now, in: session)
            plan.committed = true
            return plan
        }
        if commit { return try await env.store.write(body) }
        // A preview is kept while nothing in the store changes: previewing again is instant.
        let key = "allocation|\(today.iso)|\(from.iso)|\(through.iso)|\(specialties.map(\.rawValue).sorted().joined(separator: ","))"
        let cache = env.cache
        return try await env.store.read { session in try await cache.value(key, version: try await session.version()) { try await body(session) } }
    }
}
