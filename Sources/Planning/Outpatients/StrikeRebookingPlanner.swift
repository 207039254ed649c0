import AllocationEngine
import Foundation
import SchedulingDomain

/// Rebooking displaced patients (BR-02): the sickest first, then the longest waits, into the
/// remaining and added capacity after a notice period. Then the engine's repair pass
/// (``BumpingRepair``): a displaced patient still without a slot by their due day may take the
/// slot of a less urgent patient's booking (only one whose patient has not been notified, unless
/// all may move), and each patient so bumped is rebooked into what is left, in the same order.
public enum StrikeRebooking {
    /// A booking that takes part: the appointment, its referral and its slot.
    public struct Booked: Sendable {
        public var appointment: Appointment
        public var referral: Referral
        public var slot: Slot

        /// Creates a booking.
        public init(appointment: Appointment, referral: Referral, slot: Slot) {
            self.appointment = appointment
            self.referral = referral
            self.slot = slot
        }

        /// Each appointment with its referral and slot (those missing either are skipped).
        public static func join(_ appointments: [Appointment], referrals: [Referral.ID: Referral], slots: [Slot.ID: Slot]) -> [Booked] {
            appointments.compactMap { a in referrals[a.referralID].flatMap { r in slots[a.slotID].map { Booked(appointment: a, referral: r, slot: $0) } } }
        }
    }

    /// What the plan decided, for the commit.
    public struct Decision: Sendable {
        /// The plan to show.
        public var plan: RebookingPlan
        /// New slot per moved appointment (absent: back on the list).
        public var target: [Appointment.ID: Slot]
        /// Bumped bookings, in order.
        public var bumped: [Booked]
    }

    /// Completes a rebooking from `first`, the allocation of the displaced into `free`: the repair
    /// pass over `movable` (empty when nothing may move), then the bumped into what is left.
    public static func plan(displaced: [Booked], first: AllocationPlan, free: [Slot], movable: [Booked], from: LocalDate, through: LocalDate,
                            today: LocalDate, extraSlots: Int, policy: MoveBookedPolicy) throws -> Decision
    {
        var slotByID = Dictionary(uniqueKeysWithValues: free.map { ($0.id, $0) })
        var placed: [Referral.ID: Slot] = [:]
        for p in first.proposals { placed[p.referralID] = slotByID[p.slotID] }
        var used = Set(placed.values.map(\.id))
        let ordered = displaced.sorted { WaitingListAllocation.precedes($0.referral, $1.referral) }
        // Repair: the displaced, most urgent first, who are late or unplaced, take a less urgent
        // patient's slot by their due day. Movable bookings go to the engine in slot order, so
        // that ties between equal candidates fall to the earliest slot, then the lowest slot id.
        var bumped: [Booked] = []
        if !movable.isEmpty {
            let candidates = movable.sorted { ($0.slot.date, $0.slot.start, $0.slot.id) < ($1.slot.date, $1.slot.start, $1.slot.id) }
            var translation = WaitingListAllocation.Translation(today: today, from: from, through: through)
            let entries = ordered.map { translation.entry($0.referral) }
            let placedDay = ordered.map { d in placed[d.referral.id].map { today.days(until: $0.date) } }
            let held = candidates.map { m in
                HeldBooking(slot: translation.slot(m.slot), holderPriorityRank: m.referral.priority.rank, holderDueDay: today.days(until: m.referral.dueBy))
            }
            let repair = BumpingRepair().repair(entries: entries, placedDay: placedDay, held: held)
            let violations = AllocationChecker.violations(entries: entries, placedDay: placedDay, held: held, repair: repair)
            if let first = violations.first { throw AllocationCheckFailed(description: "repair check failed: \(first) (\(violations.count) in all)") }
            for (e, k) in repair.heldOfEntry.enumerated() {
                guard let k else { continue }
                if let late = placed[ordered[e].referral.id] { used.remove(late.id) }
                placed[ordered[e].referral.id] = candidates[k].slot
            }
            bumped = repair.bumped.map { candidates[$0] }
        }
        // The bumped go into what is left, most urgent first.
        let left = free.filter { !used.contains($0.id) }
        let second = try WaitingListAllocation.plan(bumped.map(\.referral), slots: left, from: from, through: through, today: today)
        for s in left { slotByID[s.id] = s }
        var target: [Appointment.ID: Slot] = [:]
        var moves: [RebookingMove] = []
        func move(_ b: Booked, to slot: Slot?, bumped: Bool) {
            let r = b.referral
            target[b.appointment.id] = slot
            moves.append(RebookingMove(appointmentID: b.appointment.id, referralID: r.id, patientID: r.patientID, specialtyID: r.specialtyID, priority: r.priority,
                                       dueBy: r.dueBy, fromSlotID: b.slot.id, fromDate: b.slot.date, toSlotID: slot?.id, toDate: slot?.date, toStart: slot?.start,
                                       afterDue: slot.map { $0.date > r.dueBy } ?? false, bumped: bumped))
        }
        for d in ordered { move(d, to: placed[d.referral.id], bumped: false) }
        let secondPlaced = Dictionary(uniqueKeysWithValues: second.proposals.map { ($0.referralID, $0.slotID) })
        for b in bumped { move(b, to: secondPlaced[b.referral.id].flatMap { slotByID[$0] }, bumped: true) }
        // Reasons: the first pass's for the displaced still unplaced, the second's for the bumped.
        let placedIDs = Set(placed.keys)
        let unplaced = first.unplaced.filter { !placedIDs.contains($0.referralID) } + second.unplaced
        return Decision(plan: RebookingPlan(from: from, through: through, extraSlots: extraSlots, moveBooked: policy, moves: moves, unplaced: unplaced,
                                            bumped: bumped.count),
                        target: target, bumped: bumped)
    }
}
