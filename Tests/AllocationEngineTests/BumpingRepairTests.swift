import AllocationEngine
import SeededTesting
import Testing

@Suite("BumpingRepair")
struct BumpingRepairTests {
    let repair = BumpingRepair()

    @Test("a late entry takes the least urgent holder's booking by its due day; equals and on-time entries take nothing")
    func takesLeastUrgent() {
        let entries = [
            AllocationEntry(priorityRank: 0, dueDay: 10, acceptedSlotTypes: [0]),  // unplaced: takes one
            AllocationEntry(priorityRank: 1, dueDay: 10, acceptedSlotTypes: [0]),  // placed on day 12, late: takes one
            AllocationEntry(priorityRank: 0, dueDay: 10, acceptedSlotTypes: [0]),  // placed on day 5, in time: nothing
            AllocationEntry(priorityRank: 2, dueDay: 10, acceptedSlotTypes: [0]),  // no holder less urgent than rank 2
        ]
        let held = [
            HeldBooking(slot: AllocationSlot(slotType: 0, day: 3, minute: 540), holderPriorityRank: 2, holderDueDay: 40),
            HeldBooking(slot: AllocationSlot(slotType: 0, day: 2, minute: 540), holderPriorityRank: 2, holderDueDay: 60),  // least urgent: latest due
            HeldBooking(slot: AllocationSlot(slotType: 0, day: 11, minute: 540), holderPriorityRank: 3, holderDueDay: 90),  // after every due day
            HeldBooking(slot: AllocationSlot(slotType: 1, day: 1, minute: 540), holderPriorityRank: 3, holderDueDay: 90),  // a type nobody accepts
        ]
        let placedDay: [Int?] = [nil, 12, 5, nil]
        let result = repair.repair(entries: entries, placedDay: placedDay, held: held)
        #expect(result.heldOfEntry == [1, 0, nil, nil])
        #expect(result.bumped == [1, 0])
        #expect(AllocationChecker.violations(entries: entries, placedDay: placedDay, held: held, repair: result).isEmpty)
    }

    @Test("the first day, weekdays and accepted types of the entry are kept; equal candidates go to the earliest slot, then the index")
    func fits() {
        let entry = AllocationEntry(priorityRank: 0, dueDay: 20, acceptedSlotTypes: [1, 2], earliestDay: 5, weekdays: 0b0000010)  // weekday 1 only
        let held = [
            HeldBooking(slot: AllocationSlot(slotType: 1, day: 3, minute: 540, weekday: 1), holderPriorityRank: 1, holderDueDay: 30),  // before day 5
            HeldBooking(slot: AllocationSlot(slotType: 2, day: 8, minute: 600, weekday: 1), holderPriorityRank: 1, holderDueDay: 30),
            HeldBooking(slot: AllocationSlot(slotType: 1, day: 8, minute: 540, weekday: 1), holderPriorityRank: 1, holderDueDay: 30),  // earliest fit
            HeldBooking(slot: AllocationSlot(slotType: 1, day: 6, minute: 540, weekday: 4), holderPriorityRank: 1, holderDueDay: 30),  // wrong weekday
        ]
        let result = repair.repair(entries: [entry], placedDay: [nil], held: held)
        #expect(result.heldOfEntry == [2])
        #expect(!BumpingRepair.mayTake(entry, held[0]) && BumpingRepair.mayTake(entry, held[1]) && !BumpingRepair.mayTake(entry, held[3]))
    }

    @Test("seeded random instances: the checker finds nothing wrong and every booking is taken at most once")
    func randomInstances() {
        let seed = announceSeed(0xB0B)
        var random = TestRandom(seed: seed)
        func next(_ bound: Int) -> Int { random.next(bound) }
        for round in 0..<200 {
            let entries = (0..<30).map { _ in
                AllocationEntry(priorityRank: next(4), dueDay: next(40), acceptedSlotTypes: [next(3)], earliestDay: next(10),
                                weekdays: next(3) == 0 ? UInt8(1 + next(127)) : AllocationEntry.anyWeekday)
            }
            let placedDay = entries.map { _ in next(3) == 0 ? nil : Optional(next(50)) }
            let held = (0..<40).map { _ in
                HeldBooking(slot: AllocationSlot(slotType: next(3), day: next(40), minute: next(600)), holderPriorityRank: next(4), holderDueDay: next(80))
            }
            let result = repair.repair(entries: entries, placedDay: placedDay, held: held)
            let violations = AllocationChecker.violations(entries: entries, placedDay: placedDay, held: held, repair: result)
            #expect(violations.isEmpty, "round \(round), seed \(seed): \(violations.prefix(3))")
        }
    }

    @Test("the checker catches a booking taken twice, an equally urgent holder, a misfit and a late entry passed over")
    func checker() {
        let entries = [AllocationEntry(priorityRank: 1, dueDay: 10, acceptedSlotTypes: [0]), AllocationEntry(priorityRank: 1, dueDay: 10, acceptedSlotTypes: [0])]
        let held = [
            HeldBooking(slot: AllocationSlot(slotType: 0, day: 2, minute: 0), holderPriorityRank: 2, holderDueDay: 50),
            HeldBooking(slot: AllocationSlot(slotType: 0, day: 3, minute: 0), holderPriorityRank: 1, holderDueDay: 50),
            HeldBooking(slot: AllocationSlot(slotType: 0, day: 30, minute: 0), holderPriorityRank: 3, holderDueDay: 50),
        ]
        func check(_ taken: [Int?], _ bumped: [Int]) -> [String] {
            AllocationChecker.violations(entries: entries, placedDay: [nil, nil], held: held, repair: BumpingResult(heldOfEntry: taken, bumped: bumped))
                .map(\.description)
        }
        #expect(check([0, 0], [0, 0]).contains { $0.contains("taken by entries 0 and 1") })
        #expect(check([1, nil], [1]).contains { $0.contains("as urgent or more") })
        #expect(check([2, nil], [2]).contains { $0.contains("does not fit") })
        #expect(check([nil, nil], []).contains { $0.contains("stayed late although booking 0") })
        #expect(check([0, nil], []).contains { $0.contains("not the bookings taken") })
    }
}
