import AllocationEngine
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

/// A booking the allocation proposes (or made).
public struct ProposedBooking: Codable, Sendable, Equatable {
    public var referralID: Referral.ID
    public var patientID: Patient.ID
    public var specialtyID: Specialty.ID
    public var priority: ClinicalPriority
    public var dueBy: LocalDate
    public var slotID: Slot.ID
    public var clinicianID: Clinician.ID
    public var locationID: ClinicLocation.ID
    public var date: LocalDate
    public var start: LocalTime
    public var slotType: SlotType
    /// The slot is after the day the patient is due (target or RTT breach).
    public var afterDue: Bool
    /// The appointment made (committed plans only).
    public var appointmentID: Appointment.ID?
}

/// A waiting patient the allocation could not place, and why.
public struct UnplacedReferral: Codable, Sendable, Equatable {
    /// Why, as a code.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// No free slot of a type the referral may use in its specialty in the window.
        case noSlotOfType = "no-slot-of-type"
        /// Such slots exist, but none on a day the patient can attend.
        case notAvailable = "not-available"
        /// More urgent patients took every suitable slot.
        case capacity
    }

    public var referralID: Referral.ID
    public var patientID: Patient.ID
    public var specialtyID: Specialty.ID
    public var priority: ClinicalPriority
    public var dueBy: LocalDate
    public var reason: Reason
    /// The reason in words.
    public var detail: String
}

/// An auto-allocation's plan: the proposals, who was left and why.
public struct AllocationPlan: Codable, Sendable, Equatable {
    /// Whether the bookings were made.
    public var committed: Bool
    /// Identifies this plan's content; pass it back to commit.
    public var planID: String
    public var from: LocalDate
    public var through: LocalDate
    /// Patients waiting for a first booking that were considered.
    public var waiting: Int
    /// Free slots in the window.
    public var freeSlots: Int
    /// Proposed bookings, in the waiting list's order.
    public var proposals: [ProposedBooking]
    /// Proposals after the patient's due day.
    public var placedAfterDue: Int
    /// Patients left on the list, in the waiting list's order.
    public var unplaced: [UnplacedReferral]
}

/// Raised when the independent checker finds a fault in an allocation: a defect in Kairos, never
/// the user's input. Nothing is booked.
struct AllocationCheckFailed: Error, CustomStringConvertible {
    var description: String
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

    /// Previews or commits an allocation.
    public func allocate(_ input: AutoAllocationInput, by caller: Caller) async throws -> AllocationPlan {
        try caller.require(anyOf: Role.patientEditors, to: "allocate waiting lists")
        var c = ValidationCollector()
        let today = env.today
        let notice = input.minimumNoticeDays ?? 7
        if !(0...90).contains(notice) { c.add("minimumNoticeDays", "field.range", "minimumNoticeDays must be 0 to 90.") }
        let earliest = today.adding(days: max(0, notice))
        let from = input.from == nil ? earliest : c.requireDate(input.from, at: "from")
        let through = input.through == nil ? from?.adding(days: 83) : c.requireDate(input.through, at: "through")
        if let from, from < earliest { c.add("from", "date.notice", "from must be on or after \(earliest) (today plus \(notice) days' notice).") }
        if let from, let through {
            if through < from { c.add("through", "range.order", "through must be on or after from.") }
            if from.days(until: through) > 365 { c.add("through", "range.length", "at most 366 days in one allocation.") }
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
            let slots = try await session.clinics.slots(from: from, through: through, specialtyID: specialties.count == 1 ? specialties.first : nil,
                                                        status: .free).filter { chosen.contains($0.specialtyID) }
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
        return commit ? try await env.store.write(body) : try await env.store.read(body)
    }
}

/// Waiting-list referrals and free slots turned into an allocation problem for the engine, and
/// the engine's answer turned back, checked independently on the way.
enum WaitingListAllocation {
    /// The waiting list's order for allocation: priority, due day, the longest-running clock, id.
    static func precedes(_ a: Referral, _ b: Referral) -> Bool {
        (a.priority.rank, a.dueBy, a.clock.start, a.id) < (b.priority.rank, b.dueBy, b.clock.start, b.id)
    }

    /// Runs the allocation of `waiting` into `slots` (all free, from `from` through `through`).
    static func plan(_ waiting: [Referral], slots: [Slot], from: LocalDate, through: LocalDate, today: LocalDate) throws -> AllocationPlan {
        // The waiting list's own order: priority, due day, the longest wait, id. The engine keeps
        // the input order among entries of equal priority and due day.
        let referrals = waiting.sorted(by: precedes)
        let orderedSlots = slots.sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
        var specialtyIndex: [Specialty.ID: Int] = [:]
        func typeIndex(_ specialty: Specialty.ID, _ type: SlotType) -> Int {
            let s = specialtyIndex[specialty] ?? { let n = specialtyIndex.count; specialtyIndex[specialty] = n; return n }()
            return s * SlotType.allCases.count + SlotType.allCases.firstIndex(of: type)!
        }
        let engineSlots = orderedSlots.map {
            AllocationSlot(slotType: typeIndex($0.specialtyID, $0.type), day: today.days(until: $0.date), minute: $0.start.minuteOfDay,
                           weekday: $0.date.isoWeekday - 1)
        }
        let lastDay = today.days(until: through)
        let accepted = Dictionary(uniqueKeysWithValues: ClinicalPriority.allCases.map { p in (p, SlotType.allCases.filter { $0.acceptsFirstAppointment(p) }) })
        let entries = referrals.map { r in
            var mask = AllocationEntry.anyWeekday
            if !r.availability.weekdays.isEmpty {
                mask = r.availability.weekdays.reduce(UInt8(0)) { $0 | (1 << UInt8($1 - 1)) }
            }
            return AllocationEntry(priorityRank: r.priority.rank, dueDay: today.days(until: r.dueBy),
                                   acceptedSlotTypes: accepted[r.priority]!.map { typeIndex(r.specialtyID, $0) },
                                   earliestDay: today.days(until: max(from, r.availability.from ?? from)), latestDay: lastDay, weekdays: mask)
        }
        let result = PriorityGreedyAllocator().allocate(entries: entries, slots: engineSlots)
        let violations = AllocationChecker.violations(entries: entries, slots: engineSlots, result: result)
        if let first = violations.first { throw AllocationCheckFailed(description: "allocation check failed: \(first) (\(violations.count) in all)") }
        var proposals: [ProposedBooking] = []
        var unplaced: [UnplacedReferral] = []
        let reasons = Dictionary(uniqueKeysWithValues: result.unplaced.map { ($0.entry, $0.reason) })
        var fingerprint = Fingerprint()
        for (e, r) in referrals.enumerated() {
            if let s = result.slotOfEntry[e] {
                let slot = orderedSlots[s]
                proposals.append(ProposedBooking(referralID: r.id, patientID: r.patientID, specialtyID: r.specialtyID, priority: r.priority, dueBy: r.dueBy,
                                                 slotID: slot.id, clinicianID: slot.clinicianID, locationID: slot.locationID, date: slot.date,
                                                 start: slot.start, slotType: slot.type, afterDue: slot.date > r.dueBy))
                fingerprint.add("\(r.id.rawValue)>\(slot.id.rawValue);")
            } else {
                let (reason, detail) = Self.describe(reasons[e] ?? .noSlotOfAcceptedType, from: from, through: through)
                unplaced.append(UnplacedReferral(referralID: r.id, patientID: r.patientID, specialtyID: r.specialtyID, priority: r.priority, dueBy: r.dueBy,
                                                 reason: reason, detail: detail))
                fingerprint.add("\(r.id.rawValue)>-;")
            }
        }
        fingerprint.add("\(from.iso)..\(through.iso)")
        return AllocationPlan(committed: false, planID: fingerprint.hex, from: from, through: through, waiting: referrals.count, freeSlots: slots.count,
                              proposals: proposals, placedAfterDue: proposals.filter(\.afterDue).count, unplaced: unplaced)
    }

    /// The engine's reason as a code and words.
    static func describe(_ reason: UnplacedReason, from: LocalDate, through: LocalDate) -> (UnplacedReferral.Reason, String) {
        switch reason {
        case .noSlotOfAcceptedType:
            return (.noSlotOfType, "no free slot of a type this referral may use in its specialty from \(from) through \(through).")
        case .noSlotWhenAvailable(let n):
            return (.notAvailable, "\(n) free slot\(n == 1 ? "" : "s") of a suitable type, none on a day the patient can attend.")
        case .allSuitableSlotsTaken(let n):
            return (.capacity, "more urgent or longer-waiting patients took all \(n) suitable slot\(n == 1 ? "" : "s").")
        }
    }
}

/// FNV-1a, 64 bits: a stable identifier for a plan's content (not a security hash).
struct Fingerprint {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state = state &* 0x100_0000_01b3
        }
    }

    var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
