/// How a patient travels on a vehicle (PT-01): what space they take, how long boarding and
/// alighting take, and how many crew they need.
public enum MobilityCategory: String, Codable, Sendable, CaseIterable, Comparable {
    /// Walks to the vehicle and sits; a crew of one.
    case walking
    /// Sits, but needs help to board (a carry chair, a frame); a crew of one.
    case seated
    /// Travels in their own wheelchair, clamped in a wheelchair space; a crew of one.
    case wheelchair
    /// Travels lying down on the vehicle's stretcher; a crew of two.
    case stretcher

    /// The space the patient takes (escorts take seats on top: ``JourneyLoad``).
    public var space: VehicleSpace {
        switch self {
        case .walking, .seated: VehicleSpace(seats: 1)
        case .wheelchair: VehicleSpace(wheelchairSpaces: 1)
        case .stretcher: VehicleSpace(stretchers: 1)
        }
    }

    /// Crew members the patient needs on the vehicle.
    public var crewNeeded: Int { self == .stretcher ? 2 : 1 }

    /// Minutes to board at the pickup, and again to alight at the destination.
    public var boardingMinutes: Int {
        switch self {
        case .walking: 2
        case .seated: 4
        case .wheelchair: 7
        case .stretcher: 10
        }
    }

    /// The category in planners' words.
    public var label: String {
        switch self {
        case .walking: "walking"
        case .seated: "seated, with help"
        case .wheelchair: "wheelchair"
        case .stretcher: "stretcher"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Room on a vehicle, per kind of place: seats, wheelchair spaces and stretchers. A vehicle's
/// capacity and a journey's load are both spaces, compared dimension by dimension.
public struct VehicleSpace: Hashable, Codable, Sendable, CustomStringConvertible {
    public var seats: Int
    public var wheelchairSpaces: Int
    public var stretchers: Int

    /// Creates a space; every amount at least 0 (checked by ``validate()``).
    public init(seats: Int = 0, wheelchairSpaces: Int = 0, stretchers: Int = 0) {
        self.seats = seats
        self.wheelchairSpaces = wheelchairSpaces
        self.stretchers = stretchers
    }

    /// How many seats fold to make one wheelchair space, on vehicles that convert.
    public static let seatsPerWheelchairSpace = 2

    /// The amounts in a fixed order: seats, wheelchair spaces, stretchers (the engine's load dimensions).
    public var dimensions: [Int] { [seats, wheelchairSpaces, stretchers] }

    /// Names of the dimensions, in ``dimensions`` order, for a count (`"1 seat"`, `"2 wheelchair spaces"`).
    public static func describe(dimension: Int, amount: Int) -> String {
        if dimension == 3 { return "\(amount) \(amount == 1 ? "seat" : "seats") of floor space (each wheelchair space folded from seats takes \(seatsPerWheelchairSpace))" }
        let names = [("seat", "seats"), ("wheelchair space", "wheelchair spaces"), ("stretcher", "stretchers")]
        let name = names[min(max(0, dimension), 2)]
        return "\(amount) \(amount == 1 ? name.0 : name.1)"
    }

    /// Whether `other` fits in this space in every dimension.
    public func holds(_ other: VehicleSpace) -> Bool {
        other.seats <= seats && other.wheelchairSpaces <= wheelchairSpaces && other.stretchers <= stretchers
    }

    public static func + (lhs: Self, rhs: Self) -> Self {
        VehicleSpace(seats: lhs.seats + rhs.seats, wheelchairSpaces: lhs.wheelchairSpaces + rhs.wheelchairSpaces,
                     stretchers: lhs.stretchers + rhs.stretchers)
    }

    public static func - (lhs: Self, rhs: Self) -> Self {
        VehicleSpace(seats: lhs.seats - rhs.seats, wheelchairSpaces: lhs.wheelchairSpaces - rhs.wheelchairSpaces,
                     stretchers: lhs.stretchers - rhs.stretchers)
    }

    /// Every amount that is negative or above 20, paths relative to the space.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (name, value) in [("seats", seats), ("wheelchairSpaces", wheelchairSpaces), ("stretchers", stretchers)] where !(0...20).contains(value) {
            issues.append(ValidationIssue(path: name, code: "space.range", message: "\(name) must be between 0 and 20."))
        }
        return issues
    }

    public var description: String {
        dimensions.enumerated().filter { $0.element != 0 }.map { Self.describe(dimension: $0.offset, amount: $0.element) }
            .joined(separator: ", ")
    }
}
