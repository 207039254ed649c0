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
            || requests.contains { !$0.pickupMoreWindows.isEmpty || !$0.deliveryMoreWindows.isEmpty || $0.pickupLateAfter != nil }
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
