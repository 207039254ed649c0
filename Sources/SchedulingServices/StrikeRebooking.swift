import Foundation
import SchedulingDomain

/// How to rebook the patients a session cancellation displaces (BR-02), as it arrives from JSON.
public struct RebookingInput: Codable, Sendable, Equatable {
    /// Days of notice a rebooked patient gets at least (0–60; default 7).
    public var minimumNoticeDays: Int?
    /// Last day to rebook into (YYYY-MM-DD; default: eight weeks after the notice period).
    public var through: String?
    /// Short-notice clinics added for the purpose.
    public var extraSessions: [ExtraSessionInput]?
    /// Existing bookings a more urgent displaced patient may take: `none`, `not-notified` (the
    /// default: bookings whose confirmation has not been sent yet) or `all`.
    public var moveBooked: String?

    /// Creates input.
    public init(minimumNoticeDays: Int? = nil, through: String? = nil, extraSessions: [ExtraSessionInput]? = nil, moveBooked: String? = nil) {
        self.minimumNoticeDays = minimumNoticeDays
        self.through = through
        self.extraSessions = extraSessions
        self.moveBooked = moveBooked
    }
}

/// A one-off clinic session added at short notice.
public struct ExtraSessionInput: Codable, Sendable, Equatable {
    public var clinicianID: String?
    public var locationID: String?
    /// The day (YYYY-MM-DD).
    public var date: String?
    /// Start (HH:MM).
    public var start: String?
    /// The slots, back to back from the start.
    public var slots: [ClinicTemplateInput.SlotInput]?

    /// Creates input.
    public init(clinicianID: String? = nil, locationID: String? = nil, date: String? = nil, start: String? = nil, slots: [ClinicTemplateInput.SlotInput]? = nil) {
        self.clinicianID = clinicianID
        self.locationID = locationID
        self.date = date
        self.start = start
        self.slots = slots
    }
}

/// Which existing bookings a rebooking may move.
public enum MoveBookedPolicy: String, Codable, Sendable, CaseIterable {
    /// None: existing bookings stay put.
    case none
    /// Those whose patient has not yet been sent a confirmation.
    case notNotified = "not-notified"
    /// Any, notified or not.
    case all
}

/// One patient's move in a rebooking plan.
public struct RebookingMove: Codable, Sendable, Equatable {
    /// The appointment that goes (displaced by the cancellation, or bumped by a more urgent patient).
    public var appointmentID: Appointment.ID
    public var referralID: Referral.ID
    public var patientID: Patient.ID
    public var specialtyID: Specialty.ID
    public var priority: ClinicalPriority
    public var dueBy: LocalDate
    public var fromSlotID: Slot.ID
    public var fromDate: LocalDate
    /// Where the patient goes; `nil`: back on the list (see the plan's `unplaced` for why).
    public var toSlotID: Slot.ID?
    public var toDate: LocalDate?
    public var toStart: LocalTime?
    /// The new slot is after the patient's due day.
    public var afterDue: Bool
    /// The patient was not displaced by the cancellation but moved to make room for a more urgent one.
    public var bumped: Bool
    /// The new appointment (committed plans only).
    public var newAppointmentID: Appointment.ID?
}

/// A rebooking plan for a session cancellation.
public struct RebookingPlan: Codable, Sendable, Equatable {
    public var from: LocalDate
    public var through: LocalDate
    /// Slots added by the short-notice clinics.
    public var extraSlots: Int
    public var moveBooked: MoveBookedPolicy
    /// Every move, displaced patients first, most urgent first.
    public var moves: [RebookingMove]
    /// Patients going back on their list without a new slot, and why.
    public var unplaced: [UnplacedReferral]
    /// Existing bookings moved for a more urgent patient.
    public var bumped: Int
}

/// Rebooking displaced patients (BR-02): the sickest first, then the longest waits, into the
/// remaining and added capacity after a notice period. Then a repair pass: a displaced patient
/// still without a slot by their due day may take the slot of a less urgent patient's booking
/// (only one whose patient has not been notified, unless all may move), and each patient so
/// bumped is rebooked into what is left, in the same order.
enum StrikeRebooking {
    /// A booking that takes part: the appointment, its referral and its slot.
    struct Booked {
        var appointment: Appointment
        var referral: Referral
        var slot: Slot

        /// Each appointment with its referral and slot (those missing either are skipped).
        static func join(_ appointments: [Appointment], referrals: [Referral.ID: Referral], slots: [Slot.ID: Slot]) -> [Booked] {
            appointments.compactMap { a in referrals[a.referralID].flatMap { r in slots[a.slotID].map { Booked(appointment: a, referral: r, slot: $0) } } }
        }
    }

    /// What the plan decided, for the commit.
    struct Decision {
        var plan: RebookingPlan
        /// New slot per moved appointment (absent: back on the list).
        var target: [Appointment.ID: Slot]
        /// Bumped bookings, in order.
        var bumped: [Booked]
    }

    /// Completes a rebooking from `first`, the allocation of the displaced into `free`: the repair
    /// pass over `movable` (empty when nothing may move), then the bumped into what is left.
    static func plan(displaced: [Booked], first: AllocationPlan, free: [Slot], movable: [Booked], from: LocalDate, through: LocalDate, today: LocalDate,
                     extraSlots: Int, policy: MoveBookedPolicy) throws -> Decision
    {
        var slotByID = Dictionary(uniqueKeysWithValues: free.map { ($0.id, $0) })
        var placed: [Referral.ID: Slot] = [:]
        for p in first.proposals { placed[p.referralID] = slotByID[p.slotID] }
        var used = Set(placed.values.map(\.id))
        // Repair: the displaced, most urgent first, who are late or unplaced, take a less urgent patient's slot by their due day.
        var bumped: [Booked] = []
        var taken = Set<Appointment.ID>()
        let ordered = displaced.sorted { WaitingListAllocation.precedes($0.referral, $1.referral) }
        // Candidates per specialty: the least urgent first (then the latest due), then the earliest slot.
        var candidates: [Specialty.ID: [Int]] = [:]
        for (k, m) in movable.enumerated() { candidates[m.referral.specialtyID, default: []].append(k) }
        for key in candidates.keys {
            candidates[key]!.sort { a, b in
                let x = movable[a], y = movable[b]
                return (y.referral.priority.rank, y.referral.dueBy, x.slot.date, x.slot.start, x.slot.id) < (x.referral.priority.rank, x.referral.dueBy, y.slot.date, y.slot.start, y.slot.id)
            }
        }
        if !movable.isEmpty {
            for d in ordered {
                let r = d.referral
                if let got = placed[r.id], got.date <= r.dueBy { continue }
                let earliest = max(from, r.availability.from ?? from)
                guard r.dueBy >= earliest, let pool = candidates[r.specialtyID] else { continue }
                guard let victim = pool.first(where: { k in
                    let m = movable[k]
                    return m.referral.priority.rank > r.priority.rank && !taken.contains(m.appointment.id) && m.slot.type.acceptsFirstAppointment(r.priority)
                        && m.slot.date <= r.dueBy && m.slot.date >= earliest && r.availability.allows(m.slot.date)
                }).map({ movable[$0] }) else { continue }
                if let late = placed[r.id] { used.remove(late.id) }
                placed[r.id] = victim.slot
                taken.insert(victim.appointment.id)
                bumped.append(victim)
            }
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
