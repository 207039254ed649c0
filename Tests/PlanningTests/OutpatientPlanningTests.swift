import Foundation
import Planning
import SchedulingDomain
import Testing

/// Small waiting lists built from domain types, through Planning into the allocation engine and back.
@Suite("Outpatient planning")
struct OutpatientPlanningTests {
    static let today = LocalDate(year: 2026, month: 12, day: 1)!
    static let specialty = Specialty.ID("spec_cardio")

    static func referral(_ n: Int, _ priority: ClinicalPriority, receivedDaysAgo: Int, weekdays: Set<Int> = []) -> Referral {
        Referral(id: .init("ref_\(n)"), patientID: .init("pat_\(n)"), specialtyID: specialty, referrer: "GP", priority: priority,
                 received: today.adding(days: -receivedDaysAgo), availability: .init(weekdays: weekdays))
    }

    static func slot(_ n: Int, inDays days: Int, _ type: SlotType = .new) -> Slot {
        Slot(id: .init("slot_\(n)"), templateID: nil, clinicianID: .init("cl_1"), specialtyID: specialty, locationID: .init("loc_1"),
             date: today.adding(days: days), start: LocalTime(hour: 9, minute: 0)!, minutes: 20, type: type)
    }

    @Test("the most urgent first into the earliest slot of an accepted type; the unplaced get a reason in words; the plan id is stable")
    func allocation() throws {
        let routine = Self.referral(1, .routine, receivedDaysAgo: 100), urgent = Self.referral(2, .urgent, receivedDaysAgo: 3)
        let onlyMonday = Self.referral(3, .routine, receivedDaysAgo: 50, weekdays: [1])  // the slots are Wed–Fri
        let slots = [Self.slot(1, inDays: 9), Self.slot(2, inDays: 8, .urgent), Self.slot(3, inDays: 10)]
        let from = Self.today.adding(days: 7), through = Self.today.adding(days: 30)
        let plan = try WaitingListAllocation.plan([routine, onlyMonday, urgent], slots: slots, from: from, through: through, today: Self.today)
        #expect(plan.proposals.map(\.referralID.rawValue) == ["ref_2", "ref_1"])
        #expect(plan.proposals.map(\.slotID.rawValue) == ["slot_2", "slot_1"])
        #expect(plan.unplaced.map(\.referralID.rawValue) == ["ref_3"])
        #expect(plan.unplaced.first?.reason == .notAvailable)
        #expect(plan.unplaced.first?.detail.contains("none on a day the patient can attend") == true)
        let again = try WaitingListAllocation.plan([urgent, routine, onlyMonday], slots: slots.reversed(), from: from, through: through, today: Self.today)
        #expect(again.planID == plan.planID)
    }

    @Test("strike rebooking: an urgent displaced patient with no slot by the due day takes a routine booking; the bumped patient is rebooked")
    func strikeRepair() throws {
        let urgent = Self.referral(1, .urgent, receivedDaysAgo: 2)  // due in 12 days
        let routine = Self.referral(2, .routine, receivedDaysAgo: 10)
        let cancelled = Self.slot(1, inDays: 5, .urgent), held = Self.slot(2, inDays: 9), later = Self.slot(3, inDays: 40)
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        func appointment(_ n: Int, _ r: Referral, _ s: Slot) -> Appointment {
            Appointment(id: .init("apt_\(n)"), referralID: r.id, patientID: r.patientID, slotID: s.id, channel: .phone, bookedBy: "usr_1", bookedAt: now)
        }
        let displaced = [StrikeRebooking.Booked(appointment: appointment(1, urgent, cancelled), referral: urgent, slot: cancelled)]
        let movable = [StrikeRebooking.Booked(appointment: appointment(2, routine, held), referral: routine, slot: held)]
        let from = Self.today.adding(days: 3), through = Self.today.adding(days: 60)
        let first = try WaitingListAllocation.plan([urgent], slots: [later], from: from, through: through, today: Self.today)
        #expect(first.proposals.first?.afterDue == true)
        let decision = try StrikeRebooking.plan(displaced: displaced, first: first, free: [later], movable: movable, from: from, through: through,
                                                today: Self.today, extraSlots: 0, policy: .notNotified)
        #expect(decision.plan.bumped == 1)
        #expect(decision.target[.init("apt_1")]?.id == held.id)
        #expect(decision.target[.init("apt_2")]?.id == later.id)
        #expect(decision.plan.moves.map(\.bumped) == [false, true])
        #expect(decision.plan.unplaced.isEmpty)
    }
}
