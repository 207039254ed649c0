/// A day's journey plan (PT-03): per vehicle shift its run of pickups and drop-offs with times,
/// and every journey that could not be planned with the reason in a planner's words.
public struct TransportPlan: Hashable, Codable, Sendable {
    /// Boarding at a pickup or alighting at a destination.
    public enum StopKind: String, Codable, Sendable {
        case pickup
        case dropOff = "drop-off"
    }

    /// One stop of a run; times in seconds after midnight.
    public struct Stop: Hashable, Codable, Sendable {
        public var journeyID: TransportJourney.ID
        public var kind: StopKind
        /// When the vehicle arrives.
        public var arrival: Int
        /// When boarding or alighting starts (after any wait for the window).
        public var start: Int

        /// Creates a stop.
        public init(journeyID: TransportJourney.ID, kind: StopKind, arrival: Int, start: Int) {
            self.journeyID = journeyID
            self.kind = kind
            self.arrival = arrival
            self.start = start
        }
    }

    /// One vehicle shift's work; times in seconds after midnight.
    public struct Run: Hashable, Codable, Sendable {
        public var shiftID: VehicleShift.ID
        /// When the vehicle leaves its base, and when it is back.
        public var departure: Int
        public var back: Int
        public var stops: [Stop]
        /// The crew's break: after how many stops, and from when (nil: not taken).
        public var breakAfterStops: Int?
        public var breakStart: Int?
        public var metres: Int

        /// Creates a run.
        public init(shiftID: VehicleShift.ID, departure: Int, back: Int, stops: [Stop], breakAfterStops: Int? = nil, breakStart: Int? = nil, metres: Int) {
            self.shiftID = shiftID
            self.departure = departure
            self.back = back
            self.stops = stops
            self.breakAfterStops = breakAfterStops
            self.breakStart = breakStart
            self.metres = metres
        }
    }

    /// A journey left out, why, and what would make it fit (PT-09).
    public struct Unplanned: Hashable, Codable, Sendable {
        public var journeyID: TransportJourney.ID
        /// A stable code (`timeWindow`, `capacity`, `rideTime`, `noRoom`, …).
        public var code: String
        /// The reason and the cheapest change that would admit it, in a planner's words.
        public var explanation: String
        /// Whether some vehicle could carry it on an otherwise empty day.
        public var plannableAlone: Bool

        /// Creates an entry.
        public init(journeyID: TransportJourney.ID, code: String, explanation: String, plannableAlone: Bool) {
            self.journeyID = journeyID
            self.code = code
            self.explanation = explanation
            self.plannableAlone = plannableAlone
        }
    }

    public var date: LocalDate
    public var runs: [Run]
    public var unplanned: [Unplanned]

    /// Creates a plan.
    public init(date: LocalDate, runs: [Run], unplanned: [Unplanned]) {
        self.date = date
        self.runs = runs
        self.unplanned = unplanned
    }

    /// Journeys planned.
    public var plannedCount: Int { runs.reduce(0) { $0 + $1.stops.count } / 2 }
    /// Metres driven by every vehicle.
    public var metres: Int { runs.reduce(0) { $0 + $1.metres } }

    /// Each planned journey's pickup: the vehicle shift and when boarding starts (seconds).
    public var pickups: [TransportJourney.ID: (shift: VehicleShift.ID, start: Int)] {
        var found: [TransportJourney.ID: (shift: VehicleShift.ID, start: Int)] = [:]
        for run in runs {
            for stop in run.stops where stop.kind == .pickup { found[stop.journeyID] = (run.shiftID, stop.start) }
        }
        return found
    }
}
