import Foundation

/// A what-if projection of a waiting list (BR-04): how many weeks to clear the backlog (everyone
/// waiting over 18 weeks) and the share within 18 weeks, week by week, for a weekly capacity,
/// extra capacity and referral inflow.
///
/// The model is the fast proxy of the design notes: the list is held as counts by weeks waited
/// (urgent and routine apart); each week the capacity sees urgent patients first, then the
/// longest waits; new referrals join at zero weeks; everyone still waiting ages a week.
public struct BacklogProjection: Sendable, Equatable, Codable {
    /// What the projection assumes.
    public struct Assumptions: Sendable, Equatable, Codable {
        /// First appointments a week from the clinics as they are.
        public var capacityPerWeek: Int
        /// Added first appointments a week (extra clinics, insourcing).
        public var extraPerWeek: Int
        /// New referrals a week.
        public var referralsPerWeek: Int
        /// Share of new referrals that are urgent or suspected cancer (0…1).
        public var urgentShare: Double
        /// Weeks to project (1…104).
        public var weeks: Int

        /// Creates assumptions.
        public init(capacityPerWeek: Int, extraPerWeek: Int, referralsPerWeek: Int, urgentShare: Double, weeks: Int) {
            self.capacityPerWeek = capacityPerWeek
            self.extraPerWeek = extraPerWeek
            self.referralsPerWeek = referralsPerWeek
            self.urgentShare = urgentShare
            self.weeks = weeks
        }

        /// Every rule the assumptions break.
        public func validate() -> [ValidationIssue] {
            var c = ValidationCollector()
            if !(0...100_000).contains(capacityPerWeek) { c.add("capacityPerWeek", "field.range", "capacityPerWeek must be 0 to 100000.") }
            if !(0...100_000).contains(extraPerWeek) { c.add("extraPerWeek", "field.range", "extraPerWeek must be 0 to 100000.") }
            if !(0...100_000).contains(referralsPerWeek) { c.add("referralsPerWeek", "field.range", "referralsPerWeek must be 0 to 100000.") }
            if !(0...1).contains(urgentShare) { c.add("urgentShare", "field.range", "urgentShare must be 0 to 1.") }
            if !(1...104).contains(weeks) { c.add("weeks", "field.range", "weeks must be 1 to 104.") }
            return c.issues
        }
    }

    /// The list at the end of one projected week.
    ///
    /// "Over 18 weeks" matches ``RTTClock/isBreached(asOf:)``: more than 126 days.
    public struct Week: Sendable, Equatable, Codable {
        /// 1 for the first projected week.
        public var week: Int
        /// The Monday that week starts.
        public var starting: LocalDate
        public var waiting: Int
        /// Waiting more than 18 weeks.
        public var over18Weeks: Int
        /// Share waiting 18 weeks or less (1 for an empty list).
        public var withinStandard: Double
        /// Patients seen that week.
        public var seen: Int
    }

    public var assumptions: Assumptions
    /// The list as it stands.
    public var startWaiting: Int
    public var startOver18Weeks: Int
    /// The first week after which nobody waits over 18 weeks (`nil`: not within the projection).
    public var weeksToClear: Int?
    /// The first week after which at least 92% wait 18 weeks or less, the constitutional standard.
    public var weeksTo92Percent: Int?
    public var series: [Week]

    /// Projects a list given as days waited per patient (and whether each is urgent) from the week starting `monday`.
    public init(daysWaited: [(days: Int, urgent: Bool)], from monday: LocalDate, _ assumptions: Assumptions) {
        self.assumptions = assumptions
        let limit = 18
        var buckets = [[Int]](repeating: [], count: 2)  // [urgent, routine][weeks waited]
        func add(_ cls: Int, week: Int, _ n: Int) {
            if buckets[cls].count <= week { buckets[cls] += [Int](repeating: 0, count: week + 1 - buckets[cls].count) }
            buckets[cls][week] += n
        }
        // Bucket w holds waits of more than 7w days up to 7(w+1): bucket 18 and above have waited
        // more than 126 days, the RTT clock's breach.
        for p in daysWaited { add(p.urgent ? 0 : 1, week: max(0, p.days - 1) / 7, 1) }
        func totals() -> (waiting: Int, over: Int) {
            var waiting = 0, over = 0
            for cls in 0..<2 {
                for (w, n) in buckets[cls].enumerated() {
                    waiting += n
                    if w >= limit { over += n }
                }
            }
            return (waiting, over)
        }
        let start = totals()
        startWaiting = start.waiting
        startOver18Weeks = start.over
        var series: [Week] = []
        var urgentRemainder = 0.0
        for k in 1...max(1, assumptions.weeks) {
            // See urgent patients first, then the longest waits.
            var capacity = assumptions.capacityPerWeek + assumptions.extraPerWeek, seen = 0
            for cls in 0..<2 {
                var w = buckets[cls].count - 1
                while capacity > 0 && w >= 0 {
                    let n = min(capacity, buckets[cls][w])
                    buckets[cls][w] -= n
                    capacity -= n
                    seen += n
                    w -= 1
                }
            }
            // Everyone left ages a week; this week's referrals join at zero weeks.
            for cls in 0..<2 { buckets[cls].insert(0, at: 0) }
            urgentRemainder += Double(assumptions.referralsPerWeek) * assumptions.urgentShare
            let urgentNew = Int(urgentRemainder.rounded(.down))
            urgentRemainder -= Double(urgentNew)
            add(0, week: 0, urgentNew)
            add(1, week: 0, assumptions.referralsPerWeek - urgentNew)
            let now = totals()
            let within = now.waiting == 0 ? 1 : Double(now.waiting - now.over) / Double(now.waiting)
            series.append(Week(week: k, starting: monday.adding(days: 7 * (k - 1)), waiting: now.waiting, over18Weeks: now.over, withinStandard: within,
                               seen: seen))
        }
        self.series = series
        weeksToClear = start.over == 0 ? 0 : series.first { $0.over18Weeks == 0 }?.week
        weeksTo92Percent = startWaiting == 0 || Double(start.waiting - start.over) / Double(start.waiting) >= 0.92
            ? 0 : series.first { $0.withinStandard >= 0.92 }?.week
    }
}

/// The waiting list's shape (OP-12): open pathways counted by whole weeks waited, the last bucket
/// holding everyone at `cap` weeks or more.
public struct WaitingListShape: Sendable, Equatable, Codable {
    /// `counts[w]`: pathways waiting `w` whole weeks (`w == cap`: `cap` or more).
    public var counts: [Int]
    /// The last bucket's lower bound.
    public var cap: Int

    /// Counts `weeksWaited` into buckets 0…`cap`.
    public init(weeksWaited: [Int], cap: Int = 52) {
        self.cap = cap
        var counts = [Int](repeating: 0, count: cap + 1)
        for w in weeksWaited { counts[min(cap, max(0, w))] += 1 }
        self.counts = counts
    }

    /// Pathways waiting over 18 weeks.
    public var over18Weeks: Int { counts.enumerated().filter { $0.offset >= 18 }.reduce(0) { $0 + $1.element } }
}

/// A patient-level, week-by-week simulation of a waiting list, the check on ``BacklogProjection``
/// (BR-04): the same capacity and inflow, but each patient waits as themselves, new referrals
/// arrive at random (Poisson, with the same mean and urgent share), and a booked patient does not
/// attend with the trust's DNA rate — the slot is lost and the patient stays on the list. With
/// no DNAs and fixed arrivals it gives exactly the projection's figures (a test holds it to that).
public enum BacklogSimulation {
    /// One run's list at the end of each week.
    public struct Week: Sendable, Equatable, Codable {
        public var week: Int
        public var waiting: Int
        public var over18Weeks: Int
    }

    /// Simulates `assumptions.weeks` weeks from the list given as days waited per patient.
    /// `randomArrivals` false: exactly the projection's arrivals each week.
    public static func run(daysWaited: [(days: Int, urgent: Bool)], _ assumptions: BacklogProjection.Assumptions, dnaRate: Double,
                           randomArrivals: Bool, seed: UInt64) -> [Week]
    {
        var rng = SplitMix64(seed: seed)
        // Days waited, urgent and routine apart; a day count d is week bucket (d - 1) / 7 as in the projection.
        // A referral received today counts as its first day, as the projection's first bucket does.
        var lists: [[Int]] = [daysWaited.filter(\.urgent).map { max(1, $0.days) }, daysWaited.filter { !$0.urgent }.map { max(1, $0.days) }]
        var out: [Week] = []
        var urgentRemainder = 0.0
        for k in 1...max(1, assumptions.weeks) {
            var capacity = assumptions.capacityPerWeek + assumptions.extraPerWeek
            for cls in 0..<2 {
                // Longest waits first: the list sorted ascending, seen from the end.
                lists[cls].sort()
                var kept: [Int] = []
                while capacity > 0, let longest = lists[cls].popLast() {
                    capacity -= 1
                    if dnaRate > 0, rng.nextUnit() < dnaRate { kept.append(longest) }  // did not attend: still waiting
                }
                lists[cls] += kept
            }
            for cls in 0..<2 { lists[cls] = lists[cls].map { $0 + 7 } }
            let urgentNew: Int, routineNew: Int
            if randomArrivals {
                urgentNew = rng.poisson(Double(assumptions.referralsPerWeek) * assumptions.urgentShare)
                routineNew = rng.poisson(Double(assumptions.referralsPerWeek) * (1 - assumptions.urgentShare))
            } else {
                urgentRemainder += Double(assumptions.referralsPerWeek) * assumptions.urgentShare
                urgentNew = Int(urgentRemainder.rounded(.down))
                urgentRemainder -= Double(urgentNew)
                routineNew = assumptions.referralsPerWeek - urgentNew
            }
            // New referrals join in the first week bucket (1 to 7 days).
            lists[0] += [Int](repeating: 1, count: urgentNew)
            lists[1] += [Int](repeating: 1, count: routineNew)
            let all = lists[0] + lists[1]
            out.append(Week(week: k, waiting: all.count, over18Weeks: all.filter { $0 > 126 }.count))
        }
        return out
    }

    /// The mean of `runs` runs with random arrivals and DNAs, each week rounded.
    public static func mean(daysWaited: [(days: Int, urgent: Bool)], _ assumptions: BacklogProjection.Assumptions, dnaRate: Double, runs: Int,
                            seed: UInt64) -> [Week]
    {
        var sums = [(Int, Int)](repeating: (0, 0), count: max(1, assumptions.weeks))
        for r in 0..<max(1, runs) {
            for w in run(daysWaited: daysWaited, assumptions, dnaRate: dnaRate, randomArrivals: true, seed: seed &+ UInt64(r)) {
                sums[w.week - 1].0 += w.waiting
                sums[w.week - 1].1 += w.over18Weeks
            }
        }
        let n = Double(max(1, runs))
        return sums.enumerated().map { Week(week: $0.offset + 1, waiting: Int((Double($0.element.0) / n).rounded()), over18Weeks: Int((Double($0.element.1) / n).rounded())) }
    }

    /// A small, seedable generator (SplitMix64), so runs are repeatable.
    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in [0, 1).
        mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        /// Poisson with mean `lambda` (Knuth for small means, the normal approximation above 50).
        mutating func poisson(_ lambda: Double) -> Int {
            guard lambda > 0 else { return 0 }
            if lambda > 50 {
                // Box–Muller
                let u1 = max(nextUnit(), 1e-12), u2 = nextUnit()
                let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
                return max(0, Int((lambda + z * lambda.squareRoot()).rounded()))
            }
            let limit = exp(-lambda)
            var k = 0, p = 1.0
            repeat {
                k += 1
                p *= nextUnit()
            } while p > limit
            return k - 1
        }
    }
}
