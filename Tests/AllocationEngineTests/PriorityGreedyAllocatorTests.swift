import AllocationEngine
import SeededTesting
import Testing

@Suite("PriorityGreedyAllocator")
struct PriorityGreedyAllocatorTests {
    let allocator = PriorityGreedyAllocator()

    @Test("urgent before routine, then earlier breach first, each into the earliest suitable slot")
    func order() {
        let entries = [
            AllocationEntry(priorityRank: 2, dueDay: 50, acceptedSlotTypes: [0]),  // routine, late breach
            AllocationEntry(priorityRank: 0, dueDay: 90, acceptedSlotTypes: [0, 1]),  // urgent
            AllocationEntry(priorityRank: 2, dueDay: 10, acceptedSlotTypes: [0]),  // routine, early breach
        ]
        let slots = [
            AllocationSlot(slotType: 0, day: 3, minute: 540),
            AllocationSlot(slotType: 0, day: 1, minute: 600),
            AllocationSlot(slotType: 1, day: 1, minute: 540),
        ]
        let result = allocator.allocate(entries: entries, slots: slots)
        #expect(result.slotOfEntry == [0, 2, 1])
        #expect(result.unplaced.isEmpty)
        #expect(AllocationChecker.violations(entries: entries, slots: slots, result: result).isEmpty)
    }

    @Test("unplaced entries carry a structured reason")
    func reasons() {
        let entries = [
            AllocationEntry(priorityRank: 0, dueDay: 5, acceptedSlotTypes: [0]),
            AllocationEntry(priorityRank: 1, dueDay: 5, acceptedSlotTypes: [0]),
            AllocationEntry(priorityRank: 1, dueDay: 5, acceptedSlotTypes: [7]),
            AllocationEntry(priorityRank: 0, dueDay: 5, acceptedSlotTypes: [0], earliestDay: 9),
            AllocationEntry(priorityRank: 0, dueDay: 5, acceptedSlotTypes: [0], weekdays: 0b1),  // weekday 0 only; the slot is on weekday 2
        ]
        let slots = [AllocationSlot(slotType: 0, day: 2, minute: 0)]
        let result = allocator.allocate(entries: entries, slots: slots)
        #expect(result.slotOfEntry == [0, nil, nil, nil, nil])
        #expect(result.unplaced.map(\.entry) == [1, 2, 3, 4])
        #expect(result.unplaced[0].reason == .allSuitableSlotsTaken(suitableSlots: 1))
        #expect(result.unplaced[1].reason == .noSlotOfAcceptedType)
        #expect(result.unplaced[2].reason == .noSlotWhenAvailable(slotsOfAcceptedType: 1))
        #expect(result.unplaced[3].reason == .noSlotWhenAvailable(slotsOfAcceptedType: 1))
        #expect(AllocationChecker.violations(entries: entries, slots: slots, result: result).isEmpty)
    }

    @Test("the last possible day and the weekdays a patient can attend are kept")
    func window() {
        let slots = (0..<14).map { AllocationSlot(slotType: 0, day: $0, minute: 540) }
        let entries = [
            AllocationEntry(priorityRank: 0, dueDay: 0, acceptedSlotTypes: [0], earliestDay: 3, latestDay: 4, weekdays: 0b0010000),  // day 4 only
            AllocationEntry(priorityRank: 1, dueDay: 0, acceptedSlotTypes: [0], earliestDay: 3, latestDay: 4, weekdays: 0b0010000),  // nothing left
            AllocationEntry(priorityRank: 2, dueDay: 0, acceptedSlotTypes: [0], weekdays: 0b0010000),  // next weekday 4: day 11
        ]
        let result = allocator.allocate(entries: entries, slots: slots)
        #expect(result.slotOfEntry == [4, nil, 11])
        #expect(result.unplaced.first?.reason == .allSuitableSlotsTaken(suitableSlots: 1))
    }

    @Test("seeded random instances: valid, every slot given once, no entry passed over for a less urgent one")
    func randomInstances() {
        let seed = announceSeed(0x5EED)
        var random = TestRandom(seed: seed)
        func next(_ bound: Int) -> Int { random.next(bound) }
        for round in 0..<200 {
            let entries = (0..<60).map { _ in
                let earliest = next(20)
                return AllocationEntry(priorityRank: next(4), dueDay: next(100), acceptedSlotTypes: next(3) == 0 ? [next(3), next(3)] : [next(3)],
                                       earliestDay: earliest, latestDay: next(4) == 0 ? earliest + next(30) : .max,
                                       weekdays: next(3) == 0 ? UInt8(1 + next(127)) : AllocationEntry.anyWeekday)
            }
            let slots = (0..<50).map { _ in AllocationSlot(slotType: next(3), day: next(40), minute: next(600)) }
            let result = allocator.allocate(entries: entries, slots: slots)
            let violations = AllocationChecker.violations(entries: entries, slots: slots, result: result)
            #expect(violations.isEmpty, "round \(round), seed \(seed): \(violations.prefix(3))")
        }
    }

    @Test("the checker catches a double booking, a misfit, a missing reason and a priority inversion")
    func checker() {
        let entries = [
            AllocationEntry(priorityRank: 0, dueDay: 0, acceptedSlotTypes: [0]),
            AllocationEntry(priorityRank: 1, dueDay: 0, acceptedSlotTypes: [0]),
        ]
        let slots = [AllocationSlot(slotType: 0, day: 1, minute: 0), AllocationSlot(slotType: 1, day: 0, minute: 0)]
        let twice = AllocationResult(slotOfEntry: [0, 0], unplaced: [])
        #expect(AllocationChecker.violations(entries: entries, slots: slots, result: twice).contains { $0.description.contains("given to entries 0 and 1") })
        let misfit = AllocationResult(slotOfEntry: [1, nil], unplaced: [(1, .noSlotOfAcceptedType)])
        #expect(AllocationChecker.violations(entries: entries, slots: slots, result: misfit).contains { $0.description.contains("does not fit") })
        let silent = AllocationResult(slotOfEntry: [0, nil], unplaced: [])
        #expect(AllocationChecker.violations(entries: entries, slots: slots, result: silent).contains { $0.description.contains("without a reason") })
        let inverted = AllocationResult(slotOfEntry: [nil, 0], unplaced: [(0, .allSuitableSlotsTaken(suitableSlots: 1))])
        #expect(AllocationChecker.violations(entries: entries, slots: slots, result: inverted).contains { $0.description.contains("less urgent entry 1") })
    }
}
