/// A booking already made that a more urgent entry may take: its slot and who holds it.
public struct HeldBooking: Sendable, Equatable {
    /// The slot held.
    public var slot: AllocationSlot
    /// The holder's priority rank (lower is more urgent).
    public var holderPriorityRank: Int
    /// The day the holder is due.
    public var holderDueDay: Int

    /// Creates a held booking.
    public init(slot: AllocationSlot, holderPriorityRank: Int, holderDueDay: Int) {
        self.slot = slot
        self.holderPriorityRank = holderPriorityRank
        self.holderDueDay = holderDueDay
    }
}

/// What the repair decided.
public struct BumpingResult: Sendable, Equatable {
    /// `heldOfEntry[e]` is the held booking entry `e` takes, or `nil`.
    public var heldOfEntry: [Int?]
    /// The held bookings taken, in the order they were taken: their holders must be rebooked.
    public var bumped: [Int]

    /// Creates a result.
    public init(heldOfEntry: [Int?], bumped: [Int]) {
        self.heldOfEntry = heldOfEntry
        self.bumped = bumped
    }
}

/// The repair pass of mass rescheduling (BR-02, `docs/solver-design.md` §3.10): after the
/// entries displaced by a cancellation were allocated into free capacity, each one still
/// without a slot by its due day, most urgent first, takes a held booking of a strictly less
/// urgent holder, provided the slot fits the entry (its type, first day and weekdays) and is on
/// or before its due day. Among such bookings it takes the least urgent holder's (the latest
/// due among equals), then the earliest slot; remaining ties go by index. Each booking is
/// taken at most once. Rebooking the bumped holders is the caller's next allocation.
public struct BumpingRepair: Sendable {
    /// Creates the repair.
    public init() {}

    /// Runs the repair.
    ///
    /// - Parameters:
    ///   - entries: the displaced entries, in the order they choose (most urgent first).
    ///   - placedDay: the day of the slot each entry got from the first allocation, or `nil`.
    ///   - held: bookings that may be taken.
    public func repair(entries: [AllocationEntry], placedDay: [Int?], held: [HeldBooking]) -> BumpingResult {
        precondition(placedDay.count == entries.count, "one placed day (or nil) per entry")
        var heldOfEntry = [Int?](repeating: nil, count: entries.count)
        var bumped: [Int] = []
        guard !held.isEmpty else { return BumpingResult(heldOfEntry: heldOfEntry, bumped: bumped) }
        // Candidates in the order they are taken: the least urgent holder first, then the latest
        // due, then the earliest slot, then the index.
        let order = held.indices.sorted { a, b in
            let x = held[a], y = held[b]
            return (y.holderPriorityRank, y.holderDueDay, x.slot.day, x.slot.minute, a) < (x.holderPriorityRank, x.holderDueDay, y.slot.day, y.slot.minute, b)
        }
        var position = [Int](repeating: 0, count: held.count)
        var byType: [Int: [Int]] = [:]
        for (p, k) in order.enumerated() {
            position[k] = p
            byType[held[k].slot.slotType, default: []].append(k)
        }
        var taken = [Bool](repeating: false, count: held.count)
        for (e, entry) in entries.enumerated() {
            if let day = placedDay[e], day <= entry.dueDay { continue }
            guard entry.dueDay >= entry.earliestDay else { continue }
            // The first candidate in the order among the slot types the entry accepts.
            var victim: Int?
            for type in entry.acceptedSlotTypes {
                guard let k = byType[type]?.first(where: { !taken[$0] && Self.mayTake(entry, held[$0]) }) else { continue }
                if victim.map({ position[k] < position[$0] }) ?? true { victim = k }
            }
            guard let victim else { continue }
            heldOfEntry[e] = victim
            taken[victim] = true
            bumped.append(victim)
        }
        return BumpingResult(heldOfEntry: heldOfEntry, bumped: bumped)
    }

    /// Whether `entry` may take `booking`: a strictly less urgent holder, a slot of a type the
    /// entry accepts on a weekday it can attend, from its first day through its due day (its
    /// last day does not apply: the due day is the limit).
    public static func mayTake(_ entry: AllocationEntry, _ booking: HeldBooking) -> Bool {
        let slot = booking.slot
        return booking.holderPriorityRank > entry.priorityRank && slot.day >= entry.earliestDay && slot.day <= entry.dueDay
            && entry.weekdays & (1 << UInt8(slot.weekday)) != 0 && entry.acceptedSlotTypes.contains(slot.slotType)
    }
}
