/// An independent check of an ``AllocationResult``, written without the allocator's data
/// structures: every given slot exists and is given once, every placement fits its entry
/// (type, days, weekday), every entry is either placed or has a reason, and no entry was left
/// unplaced, or placed later, while a slot it could have used went to a less urgent entry or
/// stayed empty. The feasibility rules cost O(entries + slots); the priority rule compares every
/// entry with every slot, so it runs when `entries × slots` is at most ``priorityCheckLimit``.
public enum AllocationChecker {
    /// A broken rule, naming the entry or slot.
    public struct Violation: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The largest `entries × slots` for which the priority rule is checked.
    public static let priorityCheckLimit = 25_000_000

    /// Every rule `result` breaks (empty: valid).
    public static func violations(entries: [AllocationEntry], slots: [AllocationSlot], result: AllocationResult) -> [Violation] {
        var out: [Violation] = []
        guard result.slotOfEntry.count == entries.count else {
            return [.init(description: "the result has \(result.slotOfEntry.count) placements for \(entries.count) entries")]
        }
        var holder = [Int?](repeating: nil, count: slots.count)
        for (e, s) in result.slotOfEntry.enumerated() {
            guard let s else { continue }
            guard slots.indices.contains(s) else { out.append(.init(description: "entry \(e) got slot \(s), which does not exist")); continue }
            if let other = holder[s] { out.append(.init(description: "slot \(s) was given to entries \(other) and \(e)")) }
            holder[s] = e
            if !entries[e].fits(slots[s]) { out.append(.init(description: "entry \(e) does not fit slot \(s)")) }
        }
        let reasoned = Set(result.unplaced.map(\.entry))
        for e in entries.indices where (result.slotOfEntry[e] == nil) != reasoned.contains(e) {
            out.append(.init(description: "entry \(e) is \(result.slotOfEntry[e] == nil ? "unplaced without a reason" : "placed and also given a reason")"))
        }
        // Priority: for each entry, no slot earlier than its own (or any slot, if unplaced) that
        // fits it may be empty or held by an entry later in clinical order.
        func key(_ e: Int) -> (Int, Int, Int) { (entries[e].priorityRank, entries[e].dueDay, e) }
        func time(_ s: Int) -> (Int, Int, Int) { (slots[s].day, slots[s].minute, s) }
        guard entries.count * slots.count <= priorityCheckLimit else { return out }
        for e in entries.indices {
            let mine = result.slotOfEntry[e]
            for s in slots.indices where entries[e].fits(slots[s]) {
                if let mine, !(time(s) < time(mine)) { continue }
                if let other = holder[s], key(other) < key(e) { continue }
                out.append(.init(description: "entry \(e) could have had slot \(s), "
                    + (holder[s].map { "given to the less urgent entry \($0)" } ?? "which stayed free")))
                break
            }
        }
        return out
    }

    /// Every rule a ``BumpingRepair`` result breaks (empty: valid): each booking taken exists and
    /// is taken once, `bumped` lists exactly the bookings taken, only an entry late or unplaced
    /// after the first allocation takes one, each taken booking's holder is strictly less urgent
    /// and its slot fits the entry (type, first day, weekday) on or before the entry's due day, and
    /// no entry left late or unplaced could have taken a booking that nobody took.
    public static func violations(entries: [AllocationEntry], placedDay: [Int?], held: [HeldBooking], repair: BumpingResult) -> [Violation] {
        guard repair.heldOfEntry.count == entries.count, placedDay.count == entries.count else {
            return [.init(description: "the repair has \(repair.heldOfEntry.count) decisions for \(entries.count) entries")]
        }
        var out: [Violation] = []
        var takenBy = [Int?](repeating: nil, count: held.count)
        for (e, k) in repair.heldOfEntry.enumerated() {
            guard let k else { continue }
            guard held.indices.contains(k) else { out.append(.init(description: "entry \(e) took booking \(k), which does not exist")); continue }
            if let other = takenBy[k] { out.append(.init(description: "booking \(k) was taken by entries \(other) and \(e)")) }
            takenBy[k] = e
            let entry = entries[e], booking = held[k], slot = booking.slot
            if let day = placedDay[e], day <= entry.dueDay { out.append(.init(description: "entry \(e) was placed in time but took booking \(k)")) }
            if booking.holderPriorityRank <= entry.priorityRank { out.append(.init(description: "entry \(e) took booking \(k) from a holder as urgent or more")) }
            let fits = entry.acceptedSlotTypes.contains(slot.slotType) && slot.day >= entry.earliestDay && slot.day <= entry.dueDay
                && entry.weekdays & (1 << UInt8(slot.weekday)) != 0
            if !fits { out.append(.init(description: "booking \(k) does not fit entry \(e) by its due day")) }
        }
        let taken = repair.heldOfEntry.compactMap { $0 }
        if repair.bumped.sorted() != taken.sorted() || Set(repair.bumped).count != repair.bumped.count {
            out.append(.init(description: "the bumped bookings \(repair.bumped) are not the bookings taken \(taken.sorted())"))
        }
        for (e, entry) in entries.enumerated() where repair.heldOfEntry[e] == nil {
            if let day = placedDay[e], day <= entry.dueDay { continue }
            for k in held.indices where takenBy[k] == nil {
                let booking = held[k], slot = booking.slot
                if booking.holderPriorityRank > entry.priorityRank && entry.acceptedSlotTypes.contains(slot.slotType) && slot.day >= entry.earliestDay
                    && slot.day <= entry.dueDay && entry.weekdays & (1 << UInt8(slot.weekday)) != 0
                {
                    out.append(.init(description: "entry \(e) stayed late although booking \(k) was free to take"))
                    break
                }
            }
        }
        return out
    }
}
