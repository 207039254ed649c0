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

/// Weights of the quality terms of the objective (the routing terms are on each resource).
public struct Objective: Hashable, Sendable, Codable {
    /// Cost per unit of time each visit starts after its ``Visit/lateAfter``.
    public var latenessCost: Int
    /// Cost per unit of the largest lateness of any visit (fairness: no one very late).
    public var maxLatenessCost: Int
    /// Cost per task served by a resource outside its non-empty preferred resources.
    public var nonPreferredCost: Int
    /// Stability: cost per task served by another resource than in ``RoutingProblem/reference``.
    public var reassignmentCost: Int

    /// Creates the weights.
    public init(latenessCost: Int = 1, maxLatenessCost: Int = 0, nonPreferredCost: Int = 0, reassignmentCost: Int = 0) {
        self.latenessCost = latenessCost
        self.maxLatenessCost = maxLatenessCost
        self.nonPreferredCost = nonPreferredCost
        self.reassignmentCost = reassignmentCost
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
    /// Extra cost per unit of route duration beyond `overtimeAfter`.
    public var costPerOvertime: Int
    /// Rest breaks, in the order they are taken.
    public var breaks: [Break]

    /// Creates a resource.
    public init(startLocation: Int, endLocation: Int, shift: TimeWindow = .always, capacity: [Int] = [],
                skills: UInt64 = 0, fixedCost: Int = 0, costPerDistance: Int = 1, costPerDuration: Int = 0,
                profile: Int = 0, maxDuration: Int? = nil, overtimeAfter: Int? = nil, costPerOvertime: Int = 0,
                breaks: [Break] = [])
    {
        self.breaks = breaks
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

/// A routing problem: matrices, tasks (visits and requests) and resources, in integer units.
public struct RoutingProblem: Sendable {
    /// Travel matrices, one per profile.
    public var matrices: [TravelMatrix]
    /// Number of load dimensions (every load and capacity vector has this many entries).
    public var dimensions: Int
    /// Single visits.
    public var visits: [Visit]
    /// Pickup-and-delivery requests.
    public var requests: [Request]
    /// Resources.
    public var resources: [Resource]
    /// Groups of visits served together by distinct resources.
    public var groups: [VisitGroup]
    /// Weights of the quality terms.
    public var objective: Objective
    /// Re-planning: per resource, the first stops of its route that may no longer change (work
    /// started or done), in order. They stay first, in this order, whatever else the search does.
    public var frozen: [PlanEvaluator.PlannedRoute]
    /// Re-planning: the plan the answer should stay close to (each task served by another
    /// resource than here costs ``Objective/reassignmentCost``).
    public var reference: [PlanEvaluator.PlannedRoute]

    /// Creates a problem.
    public init(matrices: [TravelMatrix], dimensions: Int, visits: [Visit] = [], requests: [Request] = [], resources: [Resource],
                groups: [VisitGroup] = [], objective: Objective = Objective(), frozen: [PlanEvaluator.PlannedRoute] = [],
                reference: [PlanEvaluator.PlannedRoute] = [])
    {
        self.frozen = frozen
        self.reference = reference
        self.matrices = matrices
        self.dimensions = dimensions
        self.visits = visits
        self.requests = requests
        self.resources = resources
        self.groups = groups
        self.objective = objective
    }

    /// Whether start times are tied across routes, lateness is priced, a stop has several windows
    /// or a resource takes breaks: such problems are solved by the coupled search, which schedules
    /// the whole plan at once.
    public var isCoupled: Bool {
        !groups.isEmpty || visits.contains { $0.lateAfter != nil || !$0.moreWindows.isEmpty } || resources.contains { !$0.breaks.isEmpty }
            || requests.contains { !$0.pickupMoreWindows.isEmpty || !$0.deliveryMoreWindows.isEmpty }
    }

    /// Every structural problem with the input, in one pass (empty when the problem is usable).
    public func validate() -> [String] {
        var issues: [String] = []
        if matrices.isEmpty { issues.append("matrices: at least one travel matrix is required.") }
        let locations = matrices.first?.count ?? 0
        for (i, m) in matrices.enumerated() where m.count != locations {
            issues.append("matrices[\(i)]: has \(m.count) locations, expected \(locations).")
        }
        func check(_ stop: Stop, _ path: String) {
            if !(0..<locations).contains(stop.location) { issues.append("\(path).location: \(stop.location) is not a location index.") }
            if stop.window.start > stop.window.end { issues.append("\(path).window: start \(stop.window.start) is after end \(stop.window.end).") }
            if stop.service < 0 { issues.append("\(path).service: must not be negative.") }
        }
        func checkVector(_ vector: [Int], _ path: String, allowEmpty: Bool = true) {
            if !(vector.isEmpty && allowEmpty) && vector.count != dimensions {
                issues.append("\(path): has \(vector.count) entries, expected \(dimensions).")
            }
            if vector.contains(where: { $0 < 0 }) { issues.append("\(path): amounts must not be negative.") }
        }
        func checkAllowed(_ allowed: [Int]?, _ path: String) {
            for r in allowed ?? [] where !(0..<resources.count).contains(r) {
                issues.append("\(path): \(r) is not a resource index.")
            }
        }
        func checkChoice(excluded: [Int], preferred: [Int], pinned: Int?, _ path: String) {
            checkAllowed(excluded, "\(path).excludedResources")
            checkAllowed(preferred, "\(path).preferredResources")
            if let pinned {
                if !(0..<resources.count).contains(pinned) { issues.append("\(path).pinnedResource: \(pinned) is not a resource index.") }
                else if excluded.contains(pinned) { issues.append("\(path).pinnedResource: resource \(pinned) is also excluded.") }
            }
        }
        for (i, v) in visits.enumerated() {
            check(v.stop, "visits[\(i)]")
            checkVector(v.delivery, "visits[\(i)].delivery")
            checkVector(v.pickup, "visits[\(i)].pickup")
            checkAllowed(v.allowedResources, "visits[\(i)].allowedResources")
            checkChoice(excluded: v.excludedResources, preferred: v.preferredResources, pinned: v.pinnedResource, "visits[\(i)]")
            if v.unassignedPenalty < 0 { issues.append("visits[\(i)].unassignedPenalty: must not be negative.") }
            for (k, w) in v.moreWindows.enumerated() where w.start > w.end {
                issues.append("visits[\(i)].moreWindows[\(k)]: start \(w.start) is after end \(w.end).")
            }
        }
        for (i, r) in requests.enumerated() {
            check(r.pickup, "requests[\(i)].pickup")
            check(r.delivery, "requests[\(i)].delivery")
            checkVector(r.load, "requests[\(i)].load")
            checkAllowed(r.allowedResources, "requests[\(i)].allowedResources")
            checkChoice(excluded: r.excludedResources, preferred: r.preferredResources, pinned: r.pinnedResource, "requests[\(i)]")
            if let ride = r.maxRideTime, ride < 0 { issues.append("requests[\(i)].maxRideTime: must not be negative.") }
            for (name, more) in [("pickupMoreWindows", r.pickupMoreWindows), ("deliveryMoreWindows", r.deliveryMoreWindows)] {
                for (k, w) in more.enumerated() where w.start > w.end {
                    issues.append("requests[\(i)].\(name)[\(k)]: start \(w.start) is after end \(w.end).")
                }
            }
        }
        var groupOf = [Int](repeating: -1, count: visits.count)
        for (g, group) in groups.enumerated() {
            if group.visits.count < 2 { issues.append("groups[\(g)].visits: a group needs at least two visits.") }
            if group.minGap > group.maxGap { issues.append("groups[\(g)]: minGap \(group.minGap) is greater than maxGap \(group.maxGap).") }
            for (k, v) in group.visits.enumerated() {
                guard (0..<visits.count).contains(v) else { issues.append("groups[\(g)].visits[\(k)]: \(v) is not a visit index."); continue }
                if groupOf[v] >= 0 { issues.append("groups[\(g)].visits[\(k)]: visit \(v) is already in groups[\(groupOf[v])].") }
                groupOf[v] = g
            }
        }
        if objective.latenessCost < 0 || objective.maxLatenessCost < 0 || objective.nonPreferredCost < 0 || objective.reassignmentCost < 0 {
            issues.append("objective: costs must not be negative.")
        }
        issues += validatePlans()
        if resources.isEmpty { issues.append("resources: at least one resource is required.") }
        for (i, r) in resources.enumerated() {
            if !(0..<locations).contains(r.startLocation) { issues.append("resources[\(i)].startLocation: not a location index.") }
            if !(0..<locations).contains(r.endLocation) { issues.append("resources[\(i)].endLocation: not a location index.") }
            if r.shift.start > r.shift.end { issues.append("resources[\(i)].shift: start is after end.") }
            checkVector(r.capacity, "resources[\(i)].capacity", allowEmpty: dimensions == 0)
            if !(0..<matrices.count).contains(r.profile) { issues.append("resources[\(i)].profile: \(r.profile) is not a matrix index.") }
            for (k, b) in r.breaks.enumerated() {
                if b.window.start > b.window.end { issues.append("resources[\(i)].breaks[\(k)].window: start is after end.") }
                if b.duration < 0 { issues.append("resources[\(i)].breaks[\(k)].duration: must not be negative.") }
                if k > 0 && b.window.start < r.breaks[k - 1].window.start {
                    issues.append("resources[\(i)].breaks[\(k)]: breaks must be listed in the order of their windows.")
                }
            }
            if let after = r.overtimeAfter, after < 0 { issues.append("resources[\(i)].overtimeAfter: must not be negative.") }
            if r.fixedCost < 0 || r.costPerDistance < 0 || r.costPerDuration < 0 || r.costPerOvertime < 0 {
                issues.append("resources[\(i)]: costs must not be negative.")
            }
        }
        return issues
    }
}

extension RoutingProblem {
    /// Rules of `frozen` and `reference`: existing resources and tasks, each at most once; a
    /// frozen delivery after its pickup on the same route; a frozen task allowed on its resource
    /// and not pinned elsewhere; a group frozen whole or not at all.
    func validatePlans() -> [String] {
        var issues: [String] = []
        let resourceCount = resources.count
        func taskIndex(_ stop: PlanEvaluator.PlannedStop) -> Int? {
            let count = stop.kind == .visit ? visits.count : requests.count
            guard (0..<count).contains(stop.task) else { return nil }
            return stop.kind == .visit ? stop.task : visits.count + stop.task
        }
        var frozenOn = [Int](repeating: -1, count: visits.count + requests.count)
        var routeSeen = [Bool](repeating: false, count: resourceCount)
        for (k, route) in frozen.enumerated() {
            let path = "frozen[\(k)]"
            guard (0..<resourceCount).contains(route.resource) else { issues.append("\(path).resource: \(route.resource) is not a resource index."); continue }
            if routeSeen[route.resource] { issues.append("\(path).resource: resource \(route.resource) has two frozen prefixes.") }
            routeSeen[route.resource] = true
            var picked: [Int] = []
            for (i, stop) in route.stops.enumerated() {
                let stopPath = "\(path).stops[\(i)]"
                guard let task = taskIndex(stop) else { issues.append("\(stopPath).task: \(stop.kind.rawValue) \(stop.task) does not exist."); continue }
                switch stop.kind {
                case .visit, .pickup:
                    if frozenOn[task] >= 0 { issues.append("\(stopPath): \(stop.kind.rawValue) \(stop.task) is frozen twice."); continue }
                    frozenOn[task] = route.resource
                    if stop.kind == .pickup { picked.append(stop.task) }
                case .delivery:
                    if !picked.contains(stop.task) {
                        issues.append("\(stopPath): the delivery of request \(stop.task) is frozen without its pickup before it on this route.")
                    }
                    picked.removeAll { $0 == stop.task }
                }
                let rules = resourceRules(ofTask: task), r = route.resource
                if !rules.admits(r, holding: resources[r].skills) {
                    issues.append("\(stopPath): resource \(r) may not serve \(stop.kind.rawValue) \(stop.task) (skills, allowed or excluded resources).")
                }
                if let pinned = rules.pinned, pinned != r { issues.append("\(stopPath): \(stop.kind.rawValue) \(stop.task) is pinned to resource \(pinned).") }
            }
        }
        for (g, group) in groups.enumerated() {
            let frozenMembers = group.visits.filter { (0..<visits.count).contains($0) && frozenOn[$0] >= 0 }.count
            if frozenMembers > 0 && frozenMembers < group.visits.count {
                issues.append("frozen: groups[\(g)] is partly frozen; freeze every member or none.")
            }
        }
        var referenced = [Bool](repeating: false, count: visits.count + requests.count)
        for (k, route) in reference.enumerated() {
            if !(0..<resourceCount).contains(route.resource) { issues.append("reference[\(k)].resource: \(route.resource) is not a resource index.") }
            for (i, stop) in route.stops.enumerated() {
                guard let task = taskIndex(stop) else { issues.append("reference[\(k)].stops[\(i)].task: \(stop.kind.rawValue) \(stop.task) does not exist."); continue }
                if stop.kind == .delivery { continue }
                if referenced[task] { issues.append("reference[\(k)].stops[\(i)]: \(stop.kind.rawValue) \(stop.task) appears twice in the reference plan.") }
                referenced[task] = true
            }
        }
        return issues
    }
}

/// The resource rules of one task, read alike from a visit or a request.
struct ResourceRules {
    var skills: UInt64, allowed: [Int]?, excluded: [Int], preferred: [Int], pinned: Int?

    /// Whether resource `r` with skills `held` may serve the task, its pin aside.
    func admits(_ r: Int, holding held: UInt64) -> Bool {
        held & skills == skills && (allowed?.contains(r) ?? true) && !excluded.contains(r)
    }
}

extension RoutingProblem {
    /// The resource rules of task `task` (visits first, then requests).
    func resourceRules(ofTask task: Int) -> ResourceRules {
        if task < visits.count {
            let v = visits[task]
            return ResourceRules(skills: v.requiredSkills, allowed: v.allowedResources, excluded: v.excludedResources,
                                 preferred: v.preferredResources, pinned: v.pinnedResource)
        }
        let q = requests[task - visits.count]
        return ResourceRules(skills: q.requiredSkills, allowed: q.allowedResources, excluded: q.excludedResources,
                             preferred: q.preferredResources, pinned: q.pinnedResource)
    }
}
