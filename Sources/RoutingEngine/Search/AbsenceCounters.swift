/// How often each task has been left out of a candidate plan: SISR's absence counters
/// (Christiaens & Vanden Berghe 2020).
///
/// The fleet phases accept a candidate that leaves out fewer tasks or tasks left out less often.
/// The distance phases use them between plans that leave out as many tasks at the same total
/// penalty (``decide(candidate:current:penalty:)``): there the annealing alone walks at random
/// among which tasks are out, and a task that is hard to place stays out; preferring the plan
/// whose left-out tasks were left out less often moves the hard ones in and the easy ones out,
/// until the easy ones find room too (600 requests with breaks, 30 s, seeds 1–4: 2,370–2,371
/// served before, 2,385–2,386 after).
struct AbsenceCounters {
    private(set) var counts: [Int]

    init(taskCount: Int) {
        counts = Array(repeating: 0, count: taskCount)
    }

    /// Counts one more absence for each task left out of a candidate.
    mutating func record(_ leftOut: [Int]) {
        for t in leftOut { counts[t] += 1 }
    }

    /// The absences of the tasks left out.
    func sum(_ leftOut: [Int]) -> Int {
        leftOut.reduce(0) { $0 + counts[$1] }
    }

    /// Between a candidate and the current plan leaving out as many tasks at the same total
    /// penalty: `true` to accept the candidate (its left-out tasks were left out less often),
    /// `false` to refuse it; `nil` when the counters do not decide (other counts or penalties,
    /// or the same absences), and the cost does.
    func decide(candidate: [Int], current: [Int], penalty: [Int]) -> Bool? {
        guard !candidate.isEmpty, candidate.count == current.count else { return nil }
        var a = 0, b = 0, pa = 0, pb = 0
        for t in candidate { a += counts[t]; pa += penalty[t] }
        for t in current { b += counts[t]; pb += penalty[t] }
        guard pa == pb, a != b else { return nil }
        return a < b
    }
}
