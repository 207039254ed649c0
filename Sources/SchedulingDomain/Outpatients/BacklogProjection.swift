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
