import AllocationEngine
import Foundation
import SchedulingDomain

/// Raised when the independent checker finds a fault in an allocation: a defect in Kairos, never
/// the user's input. Nothing is booked.
public struct AllocationCheckFailed: Error, CustomStringConvertible {
    /// What the checker found.
    public var description: String
}

/// Waiting-list referrals and free slots turned into an allocation problem for the engine
/// (OP-05), and the engine's answer turned back into an ``AllocationPlan``, checked
/// independently on the way.
public enum WaitingListAllocation {
    /// The waiting list's order for allocation: priority, due day, the longest-running clock, id.
    public static func precedes(_ a: Referral, _ b: Referral) -> Bool {
        (a.priority.rank, a.dueBy, a.clock.start, a.id) < (b.priority.rank, b.dueBy, b.clock.start, b.id)
    }

    /// The engine's view of slots and referrals: slot types are numbered per specialty, so a
    /// referral accepts only its own specialty's types; days count from `today`; weekdays are
    /// ISO weekday − 1.
    struct Translation {
        let today: LocalDate
        let from: LocalDate
        let through: LocalDate
        var specialties = IndexMap<Specialty.ID>()
        /// The slot types each priority may take for a first appointment.
        let accepted = Dictionary(uniqueKeysWithValues: ClinicalPriority.allCases.map { p in
            (p, SlotType.allCases.filter { $0.acceptsFirstAppointment(p) })
        })

        init(today: LocalDate, from: LocalDate, through: LocalDate) {
            self.today = today
            self.from = from
            self.through = through
        }

        mutating func typeIndex(_ specialty: Specialty.ID, _ type: SlotType) -> Int {
            specialties.index(of: specialty) * SlotType.allCases.count + SlotType.allCases.firstIndex(of: type)!
        }

        mutating func slot(_ s: Slot) -> AllocationSlot {
            AllocationSlot(slotType: typeIndex(s.specialtyID, s.type), day: today.days(until: s.date), minute: s.start.minuteOfDay,
                           weekday: s.date.isoWeekday - 1)
        }

        mutating func entry(_ r: Referral) -> AllocationEntry {
            var mask = AllocationEntry.anyWeekday
            if !r.availability.weekdays.isEmpty {
                mask = r.availability.weekdays.reduce(UInt8(0)) { $0 | (1 << UInt8($1 - 1)) }
            }
            return AllocationEntry(priorityRank: r.priority.rank, dueDay: today.days(until: r.dueBy),
                                   acceptedSlotTypes: accepted[r.priority]!.map { typeIndex(r.specialtyID, $0) },
                                   earliestDay: today.days(until: max(from, r.availability.from ?? from)), latestDay: today.days(until: through),
                                   weekdays: mask)
        }
    }

    /// Runs the allocation of `waiting` into `slots` (all free, from `from` through `through`).
    public static func plan(_ waiting: [Referral], slots: [Slot], from: LocalDate, through: LocalDate, today: LocalDate) throws -> AllocationPlan {
        // The waiting list's own order: priority, due day, the longest wait, id. The engine keeps
        // the input order among entries of equal priority and due day.
        let referrals = waiting.sorted(by: precedes)
        let orderedSlots = slots.sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
        var translation = Translation(today: today, from: from, through: through)
        let engineSlots = orderedSlots.map { translation.slot($0) }
        let entries = referrals.map { translation.entry($0) }
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
                let (reason, detail) = describe(reasons[e] ?? .noSlotOfAcceptedType, from: from, through: through)
                unplaced.append(UnplacedReferral(referralID: r.id, patientID: r.patientID, specialtyID: r.specialtyID, priority: r.priority, dueBy: r.dueBy,
                                                 reason: reason, detail: detail))
                fingerprint.add("\(r.id.rawValue)>-;")
            }
        }
        fingerprint.add("\(from.iso)..\(through.iso)")
        return AllocationPlan(committed: false, planID: fingerprint.hex, from: from, through: through, waiting: referrals.count, freeSlots: slots.count,
                              proposals: proposals, placedAfterDue: proposals.filter(\.afterDue).count, unplaced: unplaced)
    }

    /// The engine's reason as a code and words a booking coordinator can act on.
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
