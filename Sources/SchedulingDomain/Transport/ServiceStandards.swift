/// A contract's published service standards (PT-02, PT-03): how early a patient may arrive for
/// an appointment, how soon after being ready they are collected for home, and how long they may
/// spend on the vehicle, each overridable per mobility category. They decide every journey's
/// windows and ride limit (``windows(for:)``).
public struct ServiceStandards: Hashable, Codable, Sendable {
    /// A category's standards where they differ from the contract's (unset: the contract's).
    public struct Override: Hashable, Codable, Sendable {
        public var category: MobilityCategory
        public var earliestArrivalMinutes: Int?
        public var collectWithinMinutes: Int?
        public var maxOnVehicleMinutes: Int?

        /// Creates an override.
        public init(category: MobilityCategory, earliestArrivalMinutes: Int? = nil, collectWithinMinutes: Int? = nil, maxOnVehicleMinutes: Int? = nil) {
            self.category = category
            self.earliestArrivalMinutes = earliestArrivalMinutes
            self.collectWithinMinutes = collectWithinMinutes
            self.maxOnVehicleMinutes = maxOnVehicleMinutes
        }
    }

    /// The standards that hold for one category.
    public struct Resolved: Hashable, Sendable {
        public var earliestArrivalMinutes: Int
        public var collectWithinMinutes: Int
        public var maxOnVehicleMinutes: Int
    }

    /// A patient arrives no more than this many minutes before the appointment (default 60).
    public var earliestArrivalMinutes: Int
    /// A patient ready to go home is collected within this many minutes (default 60).
    public var collectWithinMinutes: Int
    /// A patient spends at most this many minutes on the vehicle, from the end of boarding to the
    /// start of alighting (default 60).
    public var maxOnVehicleMinutes: Int
    /// Per-category exceptions, at most one per category.
    public var overrides: [Override]

    /// Standards with the usual defaults: 60, 60 and 60 minutes.
    public init(earliestArrivalMinutes: Int = 60, collectWithinMinutes: Int = 60, maxOnVehicleMinutes: Int = 60, overrides: [Override] = []) {
        self.earliestArrivalMinutes = earliestArrivalMinutes
        self.collectWithinMinutes = collectWithinMinutes
        self.maxOnVehicleMinutes = maxOnVehicleMinutes
        self.overrides = overrides
    }

    /// The standards for `category`: its override where set, the contract's otherwise.
    public func resolved(for category: MobilityCategory) -> Resolved {
        let o = overrides.first { $0.category == category }
        return Resolved(earliestArrivalMinutes: o?.earliestArrivalMinutes ?? earliestArrivalMinutes,
                        collectWithinMinutes: o?.collectWithinMinutes ?? collectWithinMinutes,
                        maxOnVehicleMinutes: o?.maxOnVehicleMinutes ?? maxOnVehicleMinutes)
    }

    /// Every rule broken, paths relative to the standards.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        func check(_ value: Int?, _ path: String, _ range: ClosedRange<Int>) {
            guard let value, !range.contains(value) else { return }
            c.add(path, "standards.range", "\(path) must be between \(range.lowerBound) and \(range.upperBound) minutes.")
        }
        check(earliestArrivalMinutes, "earliestArrivalMinutes", 0...240)
        check(collectWithinMinutes, "collectWithinMinutes", 5...240)
        check(maxOnVehicleMinutes, "maxOnVehicleMinutes", 10...300)
        var seen: Set<MobilityCategory> = []
        for (k, o) in overrides.enumerated() {
            if !seen.insert(o.category).inserted {
                c.add("overrides[\(k)].category", "standards.duplicate", "overrides[\(k)].category: \(o.category.rawValue) has an override already.")
            }
            check(o.earliestArrivalMinutes, "overrides[\(k)].earliestArrivalMinutes", 0...240)
            check(o.collectWithinMinutes, "overrides[\(k)].collectWithinMinutes", 5...240)
            check(o.maxOnVehicleMinutes, "overrides[\(k)].maxOnVehicleMinutes", 10...300)
        }
        return c.issues
    }

    /// When journey `journey`'s pickup and drop-off may start, in seconds after midnight, and its
    /// ride limit in seconds (the boarding time at each end is the category's).
    ///
    /// - To an appointment at `A`: the drop-off starts no earlier than the earliest arrival before
    ///   `A` and early enough for alighting to end by `A`; the pickup no earlier than the ride
    ///   limit and boarding allow for the earliest arrival, and early enough to board and alight
    ///   by `A`.
    /// - Home from the clinic, ready at `R`: the pickup starts within the collection time after
    ///   `R`; the drop-off after boarding, and no later than the ride limit allows after the
    ///   latest pickup.
    public func windows(for journey: TransportJourney) -> JourneyWindows {
        let s = resolved(for: journey.mobility)
        let boarding = journey.mobility.boardingMinutes * 60, ride = s.maxOnVehicleMinutes * 60
        let at = journey.time.minuteOfDay * 60
        switch journey.direction {
        case .toAppointment:
            let earliestArrival = at - s.earliestArrivalMinutes * 60
            return JourneyWindows(pickup: max(0, earliestArrival - ride - boarding)...max(0, at - 2 * boarding),
                                  dropOff: max(0, earliestArrival)...max(0, at - boarding), boarding: boarding, maxOnVehicle: ride)
        case .home:
            let latestPickup = at + s.collectWithinMinutes * 60
            return JourneyWindows(pickup: at...latestPickup, dropOff: (at + boarding)...(latestPickup + boarding + ride),
                                  boarding: boarding, maxOnVehicle: ride)
        }
    }
}

/// A journey's windows under its contract's standards, in seconds after midnight (the service
/// at each end starts within them), with its boarding time and ride limit in seconds.
public struct JourneyWindows: Hashable, Sendable {
    public var pickup: ClosedRange<Int>
    public var dropOff: ClosedRange<Int>
    /// Seconds to board, and again to alight.
    public var boarding: Int
    /// Seconds on the vehicle at most, from the end of boarding to the start of alighting.
    public var maxOnVehicle: Int
}
