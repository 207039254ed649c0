/// A waiting-list entry to place.
public struct AllocationEntry: Sendable, Equatable {
    /// Lower is more urgent (0 = the most urgent class).
    public var priorityRank: Int
    /// Day number by which the entry should be seen (its target or breach day).
    public var dueDay: Int
    /// Slot types this entry may take (indices into the caller's slot-type list).
    public var acceptedSlotTypes: [Int]
    /// First day the entry may be booked (notice period, patient back from holiday).
    public var earliestDay: Int
    /// Last day it may be booked (`Int.max`: no limit).
    public var latestDay: Int
    /// Weekdays the patient can attend: bit `w` for weekday `w` (0…6, the caller's numbering);
    /// ``AllocationEntry/anyWeekday`` for every day.
    public var weekdays: UInt8

    /// Every weekday.
    public static let anyWeekday: UInt8 = 0x7F

    /// Creates an entry.
    public init(priorityRank: Int, dueDay: Int, acceptedSlotTypes: [Int], earliestDay: Int = 0, latestDay: Int = .max,
                weekdays: UInt8 = AllocationEntry.anyWeekday)
    {
        self.priorityRank = priorityRank
        self.dueDay = dueDay
        self.acceptedSlotTypes = acceptedSlotTypes
        self.earliestDay = earliestDay
        self.latestDay = latestDay
        self.weekdays = weekdays
    }

    /// Whether `slot` fits this entry, taken or not.
    public func fits(_ slot: AllocationSlot) -> Bool {
        acceptedSlotTypes.contains(slot.slotType) && slot.day >= earliestDay && slot.day <= latestDay && weekdays & (1 << UInt8(slot.weekday)) != 0
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
    /// Weekday 0…6 in the caller's numbering (the bit an entry's ``AllocationEntry/weekdays`` tests).
    public var weekday: Int

    /// Creates a slot; the weekday defaults to `day` modulo 7.
    public init(slotType: Int, day: Int, minute: Int, weekday: Int? = nil) {
        self.slotType = slotType
        self.day = day
        self.minute = minute
        self.weekday = weekday ?? ((day % 7) + 7) % 7
    }
}

/// Why an entry was not placed.
public enum UnplacedReason: Sendable, Equatable, Hashable {
    /// No slot of an accepted type exists at all.
    case noSlotOfAcceptedType
    /// Slots of an accepted type exist, but none between the entry's first and last day on a
    /// weekday the patient can attend.
    case noSlotWhenAvailable(slotsOfAcceptedType: Int)
    /// Suitable slots exist, but more urgent entries took every one of them.
    case allSuitableSlotsTaken(suitableSlots: Int)
}

/// The result of an allocation.
public struct AllocationResult: Sendable, Equatable {
    /// `slotOfEntry[e]` is the slot index given to entry `e`, or `nil`.
    public var slotOfEntry: [Int?]
    /// Reasons for each entry without a slot, by entry index, ascending.
    public var unplaced: [(entry: Int, reason: UnplacedReason)]

    /// Creates a result.
    public init(slotOfEntry: [Int?], unplaced: [(entry: Int, reason: UnplacedReason)]) {
        self.slotOfEntry = slotOfEntry
        self.unplaced = unplaced
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.slotOfEntry == b.slotOfEntry && a.unplaced.elementsEqual(b.unplaced) { $0.entry == $1.entry && $0.reason == $1.reason }
    }
}

/// Places entries one at a time in clinical order — priority rank, then due day, then input
/// order (callers list longer waits first) — each into the earliest free slot that fits it.
///
/// This is the priority rule of OP-05 and BR-02 made exact: no entry ever gets a later slot
/// than a less urgent one that could have used the same slot. Slots are grouped by (type,
/// weekday) and sorted by time; a "next free slot" union-find over each group finds the
/// earliest free slot on or after a day in near-constant time, so an allocation is
/// O(n log n) in entries and slots. Deterministic: ties are broken by index, never by hashing.
public struct PriorityGreedyAllocator: Sendable {
    /// Creates the allocator.
    public init() {}

    /// Allocates `entries` to `slots`.
    public func allocate(entries: [AllocationEntry], slots: [AllocationSlot]) -> AllocationResult {
        let order = entries.indices.sorted {
            let a = entries[$0], b = entries[$1]
            return (a.priorityRank, a.dueDay, $0) < (b.priorityRank, b.dueDay, $1)
        }
        let typeCount = (slots.map(\.slotType).max() ?? -1) + 1
        var groups = SlotGroups(slots: slots, typeCount: typeCount)
        var result = [Int?](repeating: nil, count: entries.count)
        var unplaced: [(entry: Int, reason: UnplacedReason)] = []
        for e in order {
            let entry = entries[e]
            var best = -1
            for t in entry.acceptedSlotTypes where t >= 0 && t < typeCount {
                for w in 0..<7 where entry.weekdays & (1 << UInt8(w)) != 0 {
                    let s = groups.firstFree(group: t * 7 + w, from: entry.earliestDay, through: entry.latestDay)
                    if s >= 0 && (best < 0 || (slots[s].day, slots[s].minute, s) < (slots[best].day, slots[best].minute, best)) { best = s }
                }
            }
            if best >= 0 {
                groups.take(best)
                result[e] = best
            } else {
                unplaced.append((e, groups.reason(for: entry)))
            }
        }
        unplaced.sort { $0.entry < $1.entry }
        return AllocationResult(slotOfEntry: result, unplaced: unplaced)
    }
}

/// Slots grouped by (type, weekday), each group sorted by (day, minute, index), with a
/// path-halving union-find per group pointing every position at the next free one.
struct SlotGroups {
    /// Slot indices of each group in time order, concatenated; group `g` is `start[g]..<start[g+1]`.
    private var members: [Int]
    private var days: [Int]
    private var start: [Int]
    /// Union-find over positions: position `p` of group `g` lives at `p + g`, followed by the
    /// group's sentinel at `start[g+1] + g`; following `parent` leads to the first free position
    /// at or after `p`, or to the sentinel.
    private var parent: [Int]
    /// The position of each slot in `members`.
    private var positionOfSlot: [Int]
    /// The group of each position in `members`.
    private var groupOfPosition: [Int]

    init(slots: [AllocationSlot], typeCount: Int) {
        let groupCount = typeCount * 7
        var counts = [Int](repeating: 0, count: groupCount + 1)
        for s in slots { counts[s.slotType * 7 + s.weekday + 1] += 1 }
        for g in 0..<groupCount { counts[g + 1] += counts[g] }
        start = counts
        var fill = counts
        members = [Int](repeating: 0, count: slots.count)
        for (index, s) in slots.enumerated() {
            let g = s.slotType * 7 + s.weekday
            members[fill[g]] = index
            fill[g] += 1
        }
        for g in 0..<groupCount where start[g + 1] - start[g] > 1 {
            members[start[g]..<start[g + 1]].sort { (slots[$0].day, slots[$0].minute, $0) < (slots[$1].day, slots[$1].minute, $1) }
        }
        days = members.map { slots[$0].day }
        // Positions p of group g live at p + g in `parent`, with a sentinel at start[g+1] + g.
        parent = Array(0..<(slots.count + groupCount))
        positionOfSlot = [Int](repeating: 0, count: slots.count)
        for (p, s) in members.enumerated() { positionOfSlot[s] = p }
        groupOfPosition = [Int](repeating: 0, count: slots.count)
        for g in 0..<groupCount { for p in start[g]..<start[g + 1] { groupOfPosition[p] = g } }
    }

    /// The first position in group `g` whose day is at least `day`.
    private func lowerBound(group g: Int, day: Int) -> Int {
        var lo = start[g], hi = start[g + 1]
        while lo < hi {
            let mid = (lo + hi) >> 1
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// The earliest free slot of group `g` on a day in `first...last`, or -1.
    mutating func firstFree(group g: Int, from first: Int, through last: Int) -> Int {
        guard g < start.count - 1, start[g] < start[g + 1] else { return -1 }
        let p = lowerBound(group: g, day: first)
        let root = find(p + g) - g
        guard root < start[g + 1], days[root] <= last else { return -1 }
        return members[root]
    }

    /// Marks `slot` taken.
    mutating func take(_ slot: Int) {
        let p = positionOfSlot[slot], g = groupOfPosition[p]
        parent[p + g] = p + g + 1
    }

    /// Why `entry` found no free slot.
    func reason(for entry: AllocationEntry) -> UnplacedReason {
        var ofType = 0, suitable = 0
        for t in entry.acceptedSlotTypes where t >= 0 && t * 7 + 6 < start.count - 1 {
            for w in 0..<7 {
                let g = t * 7 + w
                ofType += start[g + 1] - start[g]
                guard entry.weekdays & (1 << UInt8(w)) != 0 else { continue }
                let lo = lowerBound(group: g, day: entry.earliestDay)
                let hi = entry.latestDay == .max ? start[g + 1] : lowerBound(group: g, day: entry.latestDay + 1)
                suitable += hi - lo
            }
        }
        if ofType == 0 { return .noSlotOfAcceptedType }
        if suitable == 0 { return .noSlotWhenAvailable(slotsOfAcceptedType: ofType) }
        return .allSuitableSlotsTaken(suitableSlots: suitable)
    }
}
