/// A waiting-list entry to place.
public struct AllocationEntry: Sendable, Equatable {
    /// Lower is more urgent (0 = cancer two-week wait, …).
    public var priorityRank: Int
    /// Day number by which the entry must be seen (its breach day).
    public var dueDay: Int
    /// Slot types this entry may take (indices into the caller's slot-type list).
    public var acceptedSlotTypes: [Int]
    /// First day the patient is available.
    public var earliestDay: Int

    /// Creates an entry.
    public init(priorityRank: Int, dueDay: Int, acceptedSlotTypes: [Int], earliestDay: Int = 0) {
        self.priorityRank = priorityRank
        self.dueDay = dueDay
        self.acceptedSlotTypes = acceptedSlotTypes
        self.earliestDay = earliestDay
    }
}

/// A free slot.
public struct AllocationSlot: Sendable, Equatable {
    /// Slot type (index into the caller's slot-type list).
    public var slotType: Int
    /// Day number.
    public var day: Int
    /// Minute of the day, to order slots within a day.
    public var minute: Int

    /// Creates a slot.
    public init(slotType: Int, day: Int, minute: Int) {
        self.slotType = slotType
        self.day = day
        self.minute = minute
    }
}

/// Why an entry was not placed.
public enum UnplacedReason: Sendable, Equatable {
    /// No slot of an accepted type exists at all.
    case noSlotOfAcceptedType
    /// Slots of an accepted type exist, but none on or after the patient's earliest day was left
    /// when this entry's turn came.
    case allSuitableSlotsTaken(suitableSlots: Int)
}

/// The result of an allocation.
public struct AllocationResult: Sendable, Equatable {
    /// `slotOfEntry[e]` is the slot index given to entry `e`, or `nil`.
    public var slotOfEntry: [Int?]
    /// Reasons for each entry without a slot, by entry index, ascending.
    public var unplaced: [(entry: Int, reason: UnplacedReason)]

    public static func == (a: Self, b: Self) -> Bool {
        a.slotOfEntry == b.slotOfEntry && a.unplaced.elementsEqual(b.unplaced) { $0.entry == $1.entry && $0.reason == $1.reason }
    }
}

/// Places entries one at a time in clinical order — priority rank, then due day, then input
/// order — each into the earliest free slot of an accepted type on or after its earliest day.
///
/// Deterministic: ties are broken by index, never by hashing.
public struct PriorityGreedyAllocator: Sendable {
    /// Creates the allocator.
    public init() {}

    /// Allocates `entries` to `slots`.
    public func allocate(entries: [AllocationEntry], slots: [AllocationSlot]) -> AllocationResult {
        let order = entries.indices.sorted {
            let a = entries[$0], b = entries[$1]
            return (a.priorityRank, a.dueDay, $0) < (b.priorityRank, b.dueDay, $1)
        }
        // Free slots per type, earliest first; a cursor skips taken ones.
        let typeCount = (slots.map(\.slotType).max() ?? -1) + 1
        var byType = Array(repeating: [Int](), count: typeCount)
        for index in slots.indices { byType[slots[index].slotType].append(index) }
        for t in 0..<typeCount {
            byType[t].sort { (slots[$0].day, slots[$0].minute, $0) < (slots[$1].day, slots[$1].minute, $1) }
        }
        var taken = Array(repeating: false, count: slots.count)
        var result = Array<Int?>(repeating: nil, count: entries.count)
        var unplaced: [(Int, UnplacedReason)] = []
        for e in order {
            let entry = entries[e]
            var best: Int?
            var suitable = 0
            for t in entry.acceptedSlotTypes where t >= 0 && t < typeCount {
                suitable += byType[t].count
                for s in byType[t] where !taken[s] && slots[s].day >= entry.earliestDay {
                    if let b = best {
                        if (slots[s].day, slots[s].minute, s) < (slots[b].day, slots[b].minute, b) { best = s }
                    } else {
                        best = s
                    }
                    break
                }
            }
            if let best {
                taken[best] = true
                result[e] = best
            } else {
                unplaced.append((e, suitable == 0 ? .noSlotOfAcceptedType : .allSuitableSlotsTaken(suitableSlots: suitable)))
            }
        }
        unplaced.sort { $0.0 < $1.0 }
        return AllocationResult(slotOfEntry: result, unplaced: unplaced.map { (entry: $0.0, reason: $0.1) })
    }
}
