/// A rest break of a resource: it starts inside `window` and lasts `duration`, between two stops
/// (no travel during it). A route that runs into the window takes it; a shorter one needs none.
public struct Break: Hashable, Sendable, Codable {
    /// When the break may start.
    public var window: TimeWindow
    /// How long it lasts.
    public var duration: Int

    /// Creates a break.
    public init(window: TimeWindow, duration: Int) {
        self.window = window
        self.duration = duration
    }
}

/// A vehicle, crew or carer.
public struct Resource: Hashable, Sendable, Codable {
    /// Where the route starts.
    public var startLocation: Int
    /// Where the route ends.
    public var endLocation: Int
    /// Working window: leave the start no earlier than `start`, reach the end no later than `end`.
    public var shift: TimeWindow
    /// Capacity per load dimension.
    public var capacity: [Int]
    /// Skills held (bit i = skill i).
    public var skills: UInt64
    /// Cost of using the resource at all.
    public var fixedCost: Int
    /// Cost per unit of distance.
    public var costPerDistance: Int
    /// Cost per unit of route duration (travel, service and waiting).
    public var costPerDuration: Int
    /// Travel profile (index into the problem's matrices).
    public var profile: Int
    /// Longest route duration (maximum working time), if limited.
    public var maxDuration: Int?
    /// Route duration after which each further unit costs `costPerOvertime` as well.
    public var overtimeAfter: Int?
    /// Time after which each further unit of the route's time costs `costPerOvertime` as well,
    /// however late it started (a crew's contracted end, when the shift may run on past it).
    /// With `overtimeAfter` too, the route pays the larger of the two overruns.
    public var overtimeFrom: Int?
    /// Extra cost per unit of route duration beyond `overtimeAfter` (or of time after `overtimeFrom`).
    public var costPerOvertime: Int
    /// Rest breaks, in the order they are taken.
    public var breaks: [Break]
    /// Whether a break may only be taken with no request on board (people, not parcels: a crew
    /// takes no break with a patient in the vehicle). Without it a break the window forces is
    /// taken whatever is on board, as VROOM's are.
    public var breaksWithNobodyOnBoard: Bool

    /// Creates a resource.
    public init(startLocation: Int, endLocation: Int, shift: TimeWindow = .always, capacity: [Int] = [],
                skills: UInt64 = 0, fixedCost: Int = 0, costPerDistance: Int = 1, costPerDuration: Int = 0,
                profile: Int = 0, maxDuration: Int? = nil, overtimeAfter: Int? = nil, costPerOvertime: Int = 0,
                breaks: [Break] = [], breaksWithNobodyOnBoard: Bool = false, overtimeFrom: Int? = nil)
    {
        self.overtimeFrom = overtimeFrom
        self.breaks = breaks
        self.breaksWithNobodyOnBoard = breaksWithNobodyOnBoard
        self.overtimeAfter = overtimeAfter
        self.costPerOvertime = costPerOvertime
        self.startLocation = startLocation
        self.endLocation = endLocation
        self.shift = shift
        self.capacity = capacity
        self.skills = skills
        self.fixedCost = fixedCost
        self.costPerDistance = costPerDistance
        self.costPerDuration = costPerDuration
        self.profile = profile
        self.maxDuration = maxDuration
    }
}
