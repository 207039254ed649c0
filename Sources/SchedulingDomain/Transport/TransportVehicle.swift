/// A vehicle of the fleet (PT-02): its call sign, what it carries, the base it works from, and
/// when it is off the road (a service, an MOT, a repair). A shift on record names its vehicle and
/// copies what it carries; a period off the road takes the vehicle's shifts out of the plan for
/// that time.
public struct TransportVehicle: Codable, Sendable, Equatable, Hashable {
    /// A time the vehicle is off the road, from `from` to `to` (London wall-clock times).
    public struct OffRoad: Codable, Sendable, Equatable, Hashable {
        public var from: LocalDateTime
        public var to: LocalDateTime
        /// Why ("Service", "MOT", "Tail-lift repair"); never patient details.
        public var reason: String

        /// Creates a period.
        public init(from: LocalDateTime, to: LocalDateTime, reason: String) {
            self.from = from
            self.to = to
            self.reason = reason
        }

        /// Whether it overlaps `date` from `start` to `end`.
        public func overlaps(_ date: LocalDate, _ start: LocalTime, _ end: LocalTime) -> Bool {
            from < LocalDateTime(date: date, time: end) && LocalDateTime(date: date, time: start) < to
        }
    }

    /// A short code (`wv-21`), as the control room writes it.
    public var id: String
    /// The call sign crews and planners say ("Wheelchair van 21").
    public var name: String
    public var capacity: VehicleSpace
    /// Further wheelchair spaces made by folding seats (see ``VehicleShift/convertibleWheelchairSpaces``).
    public var convertibleWheelchairSpaces: Int
    /// Equipped for bariatric patients (the crew must be trained too: see the shift).
    public var bariatric: Bool
    /// The base it works from (a ``TransportBase``'s id), if on record.
    public var baseID: String?
    public var offRoad: [OffRoad]
    /// The cluster it works for (a ``TransportCluster``'s code; nil: the first).
    public var clusterID: String?

    /// The settings key the fleet is stored under.
    public static let key = "transport.vehicles"
    /// Most vehicles a fleet lists, and periods off the road a vehicle keeps.
    public static let maximumCount = 300
    public static let maximumPeriods = 50

    /// Creates a vehicle; call ``validate()`` on user input.
    public init(id: String, name: String, capacity: VehicleSpace, convertibleWheelchairSpaces: Int = 0, bariatric: Bool = false, baseID: String? = nil,
                offRoad: [OffRoad] = [], clusterID: String? = nil)
    {
        self.clusterID = clusterID
        self.id = id
        self.name = name
        self.capacity = capacity
        self.convertibleWheelchairSpaces = convertibleWheelchairSpaces
        self.bariatric = bariatric
        self.baseID = baseID
        self.offRoad = offRoad
    }

    /// "4 seats, 2 wheelchair spaces (1 more by folding seats)".
    public var spaceDescription: String { VehicleShift.spaceDescription(capacity, folding: convertibleWheelchairSpaces) }

    /// The first period off the road overlapping `date` from `start` to `end`, if any.
    public func offRoad(on date: LocalDate, from start: LocalTime, to end: LocalTime) -> OffRoad? {
        offRoad.sorted { $0.from < $1.from }.first { $0.overlaps(date, start, end) }
    }

    /// What is left of `shift` (this vehicle's) once its periods off the road are taken out: a
    /// period over its start starts it later, one over its end ends it sooner, and one within it
    /// ends it at the period's start (the crew brings the vehicle in; a second shift may follow
    /// the period). Nil when nothing is left. The break moves into what is left, or goes.
    public func available(_ shift: VehicleShift) -> VehicleShift? {
        var s = shift
        for period in offRoad.sorted(by: { $0.from < $1.from }) where period.overlaps(s.date, s.start, s.end) {
            let day = LocalDateTime(date: s.date, time: s.start), close = LocalDateTime(date: s.date, time: s.end)
            if period.from <= day {
                guard period.to < close else { return nil }
                s.start = period.to.time
            } else {
                s.end = period.from.time
            }
        }
        guard s.end > s.start else { return nil }
        if let b = s.restBreak {
            let earliest = max(b.earliest, s.start), latest = min(b.latest, s.end)
            s.restBreak = earliest <= latest ? .init(earliest: earliest, latest: latest, minutes: b.minutes) : nil
        }
        return s
    }

    /// Every rule broken, paths relative to the vehicle.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        if !TransportContract.isCode(id) {
            c.add("id", "vehicle.code", "id must be 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit (such as wv-21).")
        }
        c.requireText(name, at: "name", maxLength: 80)
        c.add(contentsOf: capacity.validate(), under: "capacity")
        if capacity.dimensions.allSatisfy({ $0 == 0 }) { c.add("capacity", "vehicle.noSpace", "capacity must have room for at least one patient.") }
        if convertibleWheelchairSpaces < 0 || VehicleSpace.seatsPerWheelchairSpace * convertibleWheelchairSpaces > capacity.seats {
            c.add("convertibleWheelchairSpaces", "vehicle.convertible",
                  "convertibleWheelchairSpaces must be between 0 and the seats there are to fold (\(VehicleSpace.seatsPerWheelchairSpace) seats each).")
        }
        if let clusterID, !TransportContract.isCode(clusterID) {
            c.add("clusterID", "cluster.code", "clusterID must be a cluster's code (lower-case letters, digits and hyphens).")
        }
        if offRoad.count > Self.maximumPeriods { c.add("offRoad", "vehicle.periods", "offRoad: a vehicle keeps at most \(Self.maximumPeriods) periods off the road.") }
        for (k, period) in offRoad.enumerated() {
            if period.to <= period.from { c.add("offRoad[\(k)].to", "vehicle.offRoadOrder", "offRoad[\(k)].to \(period.to) must be after from \(period.from).") }
            c.requireText(period.reason, at: "offRoad[\(k)].reason", maxLength: 120)
        }
        return c.issues
    }
}

extension VehicleShift {
    /// The shift split around `period` (its vehicle off the road within its hours, on its day):
    /// the shift until the period starts, and a new one (`afterID`) from when it ends with the
    /// same vehicle, crew size and base. The break window goes with the first part it falls in
    /// (clipped to it); nil when the period is not within the shift.
    public func split(around period: TransportVehicle.OffRoad, afterID: VehicleShift.ID) -> (before: VehicleShift, after: VehicleShift)? {
        guard period.from.date == date, period.to.date == date, period.from.time > start, period.to.time < end else { return nil }
        var before = self, after = self
        before.end = period.from.time
        before.overtimeMinutes = 0  // the vehicle goes to the workshop: no running on into it
        after.id = afterID
        after.start = period.to.time
        before.restBreak = nil
        after.restBreak = nil
        if let b = restBreak {
            func clipped(to part: VehicleShift) -> RestBreak? {
                let earliest = max(b.earliest, part.start), latest = min(b.latest, part.end)
                return earliest <= latest ? .init(earliest: earliest, latest: latest, minutes: b.minutes) : nil
            }
            if let kept = clipped(to: before) { before.restBreak = kept } else { after.restBreak = clipped(to: after) }
        }
        return (before, after)
    }
}

