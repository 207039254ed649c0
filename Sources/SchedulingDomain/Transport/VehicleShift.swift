/// A vehicle with its crew for one day (PT-02): where it starts and ends, when, what it carries,
/// how many crew it has and when they take their break.
public struct VehicleShift: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<VehicleShift>

    /// A rest the crew takes within a window, with nobody on board.
    public struct RestBreak: Hashable, Codable, Sendable {
        /// The break starts no earlier than this …
        public var earliest: LocalTime
        /// … and no later than this.
        public var latest: LocalTime
        public var minutes: Int

        /// Creates a break.
        public init(earliest: LocalTime, latest: LocalTime, minutes: Int) {
            self.earliest = earliest
            self.latest = latest
            self.minutes = minutes
        }
    }

    public var id: ID
    /// The day the shift is worked.
    public var date: LocalDate
    /// The vehicle's call sign or fleet name, as crews and planners say it ("Ambulance 12").
    public var vehicleName: String
    public var capacity: VehicleSpace
    /// Crew members on board: 1 or 2 (a stretcher needs 2).
    public var crewSize: Int
    /// The base it leaves from and returns to.
    public var base: Coordinates
    /// The base's name, when the shift was made from a base on record ("Ardwick station").
    public var baseName: String?
    public var start: LocalTime
    public var end: LocalTime
    public var restBreak: RestBreak?
    /// Vehicle and crew equipped and trained for bariatric patients (PT-02: crew skills).
    public var bariatric = false
    /// Further wheelchair spaces the vehicle can make by folding seats, each in place of
    /// ``VehicleSpace/seatsPerWheelchairSpace`` seats (PT-02): a van with 6 seats, 1 wheelchair
    /// space and 2 convertible carries 6 seated patients and a wheelchair, or 4 and two, or 2 and three.
    public var convertibleWheelchairSpaces = 0
    /// The fleet's vehicle it is worked on (``TransportVehicle/id``), when it names one.
    public var vehicleID: String?
    /// Minutes the crew may work on past `end` when the plan needs them, paid as overtime
    /// (PT-03: the plan weighs overtime against driving and third parties); 0: back by `end`.
    public var overtimeMinutes = 0
    /// The most overtime a shift may allow: four hours.
    public static let maximumOvertimeMinutes = 240
    /// Whether its crew may carry a stretcher patient: a crew of two, each trained for stretchers
    /// (PT-02: crew skills). Worked out from the crew members' skills when the day is planned;
    /// true while the crew is not named.
    public var stretcherTrained = true

    /// Creates a shift; call ``validate()`` on user input.
    public init(id: ID, date: LocalDate, vehicleName: String, capacity: VehicleSpace, crewSize: Int, base: Coordinates, start: LocalTime,
                end: LocalTime, restBreak: RestBreak? = nil)
    {
        self.id = id
        self.date = date
        self.vehicleName = vehicleName
        self.capacity = capacity
        self.crewSize = crewSize
        self.base = base
        self.start = start
        self.end = end
        self.restBreak = restBreak
    }

    /// Whether this vehicle and crew can carry `journey` at all (space, crew and skills, ignoring time).
    public func canCarry(_ journey: TransportJourney) -> Bool {
        holds(journey.load) && crewSize >= journey.mobility.crewNeeded && (bariatric || !journey.bariatric)
            && (stretcherTrained || journey.mobility != .stretcher)
    }

    /// Whether `load` fits in the vehicle, seats folded into wheelchair spaces as need be.
    public func holds(_ load: VehicleSpace) -> Bool {
        let folded = max(0, load.wheelchairSpaces - capacity.wheelchairSpaces)
        return folded <= convertibleWheelchairSpaces && load.seats + VehicleSpace.seatsPerWheelchairSpace * folded <= capacity.seats
            && load.stretchers <= capacity.stretchers
    }

    /// When the crew must be back at the latest: the shift's end and the overtime it allows.
    public var latestBack: Int { (end.minuteOfDay + overtimeMinutes) * 60 }

    /// Minutes of overtime a run back at `back` (seconds after midnight) takes.
    public func overtime(back: Int) -> Int { max(0, (back - end.minuteOfDay * 60 + 59) / 60) }

    /// "6 seats, 1 wheelchair space (2 more by folding seats)".
    public var spaceDescription: String { Self.spaceDescription(capacity, folding: convertibleWheelchairSpaces) }

    /// `capacity` in words, with the wheelchair spaces `folding` seats make.
    public static func spaceDescription(_ capacity: VehicleSpace, folding: Int) -> String {
        capacity.description + (folding == 0 ? "" : " (\(folding) more by folding seats)")
    }

    /// The shift as its named crew's skills leave it: a stretcher patient only with two crew
    /// both trained for stretchers, a bariatric patient only if every crew member is trained for
    /// it too. A shift whose crew is not named (or not fully named) keeps what it says.
    public func crewed(by skills: [Set<CrewSkill>]) -> VehicleShift {
        guard !skills.isEmpty, skills.count == crewSize else { return self }
        var s = self
        s.stretcherTrained = crewSize == 2 && skills.allSatisfy { $0.contains(.stretcher) }
        s.bariatric = bariatric && skills.allSatisfy { $0.contains(.bariatric) }
        return s
    }

    /// Every rule broken, paths relative to the shift.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        c.requireText(vehicleName, at: "vehicleName", maxLength: 80)
        c.add(contentsOf: capacity.validate(), under: "capacity")
        if capacity.dimensions.allSatisfy({ $0 == 0 }) { c.add("capacity", "shift.noSpace", "capacity must have room for at least one patient.") }
        if !(1...2).contains(crewSize) { c.add("crewSize", "shift.crewSize", "crewSize must be 1 or 2.") }
        if convertibleWheelchairSpaces < 0 || VehicleSpace.seatsPerWheelchairSpace * convertibleWheelchairSpaces > capacity.seats {
            c.add("convertibleWheelchairSpaces", "shift.convertible",
                  "convertibleWheelchairSpaces must be between 0 and the seats there are to fold (\(VehicleSpace.seatsPerWheelchairSpace) seats each; \(capacity.seats / VehicleSpace.seatsPerWheelchairSpace) here).")
        }
        c.add(contentsOf: base.validate(), under: "base")
        if end <= start { c.add("end", "shift.endBeforeStart", "end \(end) must be after start \(start).") }
        if !(0...Self.maximumOvertimeMinutes).contains(overtimeMinutes) || end.minuteOfDay + overtimeMinutes >= 24 * 60 {
            c.add("overtimeMinutes", "shift.overtime",
                  "overtimeMinutes must be between 0 and \(Self.maximumOvertimeMinutes), and end with them before midnight.")
        }
        if let b = restBreak {
            if b.latest < b.earliest {
                c.add("restBreak.latest", "shift.breakWindow", "restBreak.latest \(b.latest) must not be before restBreak.earliest \(b.earliest).")
            }
            if b.earliest < start || b.latest > end {
                c.add("restBreak", "shift.breakOutside", "restBreak must start between the shift's start \(start) and end \(end).")
            }
            if !(5...120).contains(b.minutes) { c.add("restBreak.minutes", "shift.breakMinutes", "restBreak.minutes must be between 5 and 120.") }
        }
        return c.issues
    }
}

/// What a crew member is trained for (PT-02).
public enum CrewSkill: String, Codable, Sendable, CaseIterable, Hashable {
    /// Moving a patient on a stretcher (both crew members of a stretcher journey).
    case stretcher
    /// Moving a bariatric patient with the vehicle's equipment.
    case bariatric

    /// In a planner's words.
    public var label: String {
        switch self {
        case .stretcher: "trained for stretchers"
        case .bariatric: "trained for bariatric patients"
        }
    }
}
