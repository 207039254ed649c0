/// A closed interval of times (seconds or any consistent integer unit) in which service may start.
public struct TimeWindow: Hashable, Sendable, Codable {
    /// Earliest start.
    public var start: Int
    /// Latest start.
    public var end: Int

    /// Creates a window.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// A window that never binds.
    public static let always = TimeWindow(start: 0, end: Int(Int32.max))
}

/// A place to serve: where, when, for how long.
public struct Stop: Hashable, Sendable, Codable {
    /// Location index into the travel matrices.
    public var location: Int
    /// When service may start.
    public var window: TimeWindow
    /// Service duration.
    public var service: Int

    /// Creates a stop.
    public init(location: Int, window: TimeWindow = .always, service: Int = 0) {
        self.location = location
        self.window = window
        self.service = service
    }
}

/// A single visit: one stop served by one resource.
public struct Visit: Hashable, Sendable, Codable {
    /// The stop.
    public var stop: Stop
    /// Amount per load dimension brought from the route's start and dropped here.
    public var delivery: [Int]
    /// Amount per load dimension picked up here and carried to the route's end.
    public var pickup: [Int]
    /// Skills a resource must have (bit i = skill i).
    public var requiredSkills: UInt64
    /// Cost of leaving the visit unserved (compare with resource costs).
    public var unassignedPenalty: Int
    /// Resources that may serve it (`nil`: any).
    public var allowedResources: [Int]?
    /// A soft deadline: service starting after it costs ``Objective/latenessCost`` per unit of
    /// lateness (and counts towards the largest lateness). `nil`: no soft deadline.
    public var lateAfter: Int?
    /// Further windows in which service may start instead of `stop.window` (e.g. morning or
    /// evening). Any window will do; the earliest that can be reached is used.
    public var moreWindows: [TimeWindow]
    /// Resources that must not serve it (e.g. a carer the client has refused).
    public var excludedResources: [Int]
    /// Resources preferred for it; any other costs ``Objective/nonPreferredCost`` (empty: no preference).
    public var preferredResources: [Int]
    /// The resource it is pinned to (re-planning: the booking stays with this crew), or `nil`.
    public var pinnedResource: Int?

    /// Creates a visit.
    public init(stop: Stop, delivery: [Int] = [], pickup: [Int] = [], requiredSkills: UInt64 = 0,
                unassignedPenalty: Int = 1_000_000_000, allowedResources: [Int]? = nil, lateAfter: Int? = nil,
                moreWindows: [TimeWindow] = [], excludedResources: [Int] = [], preferredResources: [Int] = [],
                pinnedResource: Int? = nil)
    {
        self.moreWindows = moreWindows
        self.excludedResources = excludedResources
        self.preferredResources = preferredResources
        self.pinnedResource = pinnedResource
        self.stop = stop
        self.delivery = delivery
        self.pickup = pickup
        self.requiredSkills = requiredSkills
        self.unassignedPenalty = unassignedPenalty
        self.allowedResources = allowedResources
        self.lateAfter = lateAfter
    }
}

/// Visits served together by distinct resources with tied start times (home-care double-ups):
/// every member after the first starts between `minGap` and `maxGap` after the first member
/// (0 and 0: at the same moment). A group is served whole or not at all.
public struct VisitGroup: Hashable, Sendable, Codable {
    /// Visit indices; the first is the reference for the gaps.
    public var visits: [Int]
    /// Least time from the first member's start to each other member's start.
    public var minGap: Int
    /// Greatest time from the first member's start to each other member's start.
    public var maxGap: Int

    /// Creates a group (simultaneous by default).
    public init(visits: [Int], minGap: Int = 0, maxGap: Int = 0) {
        self.visits = visits
        self.minGap = minGap
        self.maxGap = maxGap
    }
}

/// A pickup and its delivery, served by the same resource, pickup first.
public struct Request: Hashable, Sendable, Codable {
    /// Where the load is collected.
    public var pickup: Stop
    /// Where the load is dropped.
    public var delivery: Stop
    /// Amount per load dimension on board between the two.
    public var load: [Int]
    /// Longest allowed time from the end of pickup service to the start of delivery service.
    public var maxRideTime: Int?
    /// Skills a resource must have.
    public var requiredSkills: UInt64
    /// Cost of leaving the request unserved.
    public var unassignedPenalty: Int
    /// Resources that may serve it (`nil`: any).
    public var allowedResources: [Int]?
    /// Resources that must not serve it.
    public var excludedResources: [Int]
    /// Resources preferred for it; any other costs ``Objective/nonPreferredCost``.
    public var preferredResources: [Int]
    /// The resource it is pinned to, or `nil`.
    public var pinnedResource: Int?
    /// Further windows in which the pickup may start instead of `pickup.window`.
    public var pickupMoreWindows: [TimeWindow]
    /// Further windows in which the delivery may start instead of `delivery.window`.
    public var deliveryMoreWindows: [TimeWindow]
    /// A soft due time for the pickup: each time unit it starts later costs
    /// ``Objective/latenessCost`` (a re-plan keeps pickups near the times patients were told).
    public var pickupLateAfter: Int? = nil

    /// Creates a request.
    public init(pickup: Stop, delivery: Stop, load: [Int] = [], maxRideTime: Int? = nil, requiredSkills: UInt64 = 0,
                unassignedPenalty: Int = 1_000_000_000, allowedResources: [Int]? = nil, excludedResources: [Int] = [],
                preferredResources: [Int] = [], pinnedResource: Int? = nil, pickupMoreWindows: [TimeWindow] = [],
                deliveryMoreWindows: [TimeWindow] = [])
    {
        self.pickupMoreWindows = pickupMoreWindows
        self.deliveryMoreWindows = deliveryMoreWindows
        self.excludedResources = excludedResources
        self.preferredResources = preferredResources
        self.pinnedResource = pinnedResource
        self.pickup = pickup
        self.delivery = delivery
        self.load = load
        self.maxRideTime = maxRideTime
        self.requiredSkills = requiredSkills
        self.unassignedPenalty = unassignedPenalty
        self.allowedResources = allowedResources
    }
}
