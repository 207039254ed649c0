import Testing
import AllocationEngine

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
    }

    @Test("unplaced entries carry a reason")
    func reasons() {
        let entries = [
            AllocationEntry(priorityRank: 0, dueDay: 5, acceptedSlotTypes: [0]),
            AllocationEntry(priorityRank: 1, dueDay: 5, acceptedSlotTypes: [0]),
            AllocationEntry(priorityRank: 1, dueDay: 5, acceptedSlotTypes: [7]),
            AllocationEntry(priorityRank: 0, dueDay: 5, acceptedSlotTypes: [0], earliestDay: 9),
        ]
        let result = allocator.allocate(entries: entries, slots: [AllocationSlot(slotType: 0, day: 2, minute: 0)])
        #expect(result.slotOfEntry == [0, nil, nil, nil])
        #expect(result.unplaced.map(\.entry) == [1, 2, 3])
        #expect(result.unplaced[0].reason == .allSuitableSlotsTaken(suitableSlots: 1))
        #expect(result.unplaced[1].reason == .noSlotOfAcceptedType)
        #expect(result.unplaced[2].reason == .allSuitableSlotsTaken(suitableSlots: 1))
    }

    @Test("never gives one slot twice (seeded random instances)")
    func noDoubleBooking() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<50 {
            let entries = (0..<40).map { _ in
                AllocationEntry(priorityRank: next(4), dueDay: next(100), acceptedSlotTypes: [next(3)], earliestDay: next(20))
            }
            let slots = (0..<30).map { _ in AllocationSlot(slotType: next(3), day: next(40), minute: next(600)) }
            let result = allocator.allocate(entries: entries, slots: slots)
            let given = result.slotOfEntry.compactMap { $0 }
            #expect(Set(given).count == given.count, "round \(round), seed 0x5EED")
            for (entry, slot) in result.slotOfEntry.enumerated() {
                guard let slot else { continue }
                #expect(entries[entry].acceptedSlotTypes.contains(slots[slot].slotType))
                #expect(slots[slot].day >= entries[entry].earliestDay)
            }
            #expect(given.count + result.unplaced.count == entries.count)
        }
    }
}
