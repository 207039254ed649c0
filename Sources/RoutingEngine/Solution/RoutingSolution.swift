/// The solver's answer: routes with a schedule per stop, a cost breakdown and every unserved
/// task with a structured reason.
public struct RoutingSolution: Sendable, Codable, Equatable {
    /// What a stop does.
    public enum StopKind: String, Sendable, Codable {
        case visit, pickup, delivery
    }

    /// One stop of a route.
    public struct Step: Sendable, Codable, Equatable {
        /// Visit, pickup or delivery.
        public var kind: StopKind
        /// Index of the visit (for `visit`) or of the request (for `pickup`/`delivery`).
        public var task: Int
        /// Location index.
        public var location: Int
        /// Arrival time.
        public var arrival: Int
        /// Start of service (after any waiting).
        public var start: Int
        /// End of service.
        public var departure: Int
        /// Load on board after the stop, per dimension.
        public var load: [Int]
    }

    /// One resource's route.
    public struct Route: Sendable, Codable, Equatable {
        /// Resource index.
        public var resource: Int
        /// Departure from the start location.
        public var start: Int
        /// Arrival at the end location.
        public var end: Int
        /// Stops in order.
        public var steps: [Step]
        /// Distance travelled.
        public var distance: Int
        /// Duration from departure to arrival, waiting included.
        public var duration: Int
        /// Cost of the route.
        public var cost: Int
        /// Breaks taken, in order.
        public var breaks: [TakenBreak] = []
    }

    /// A break as taken on a route.
    public struct TakenBreak: Sendable, Codable, Equatable {
        /// Index into the resource's breaks.
        public var index: Int
        /// Number of steps before it (0: before the first stop).
        public var afterSteps: Int
        /// Start and end.
        public var start: Int
        public var end: Int
    }

    /// Why a task is not served.
    public struct Unassigned: Sendable, Codable, Equatable {
        /// Visit or request.
        public var kind: String
        /// Index of the visit or request.
        public var task: Int
        /// Why, with its numbers (in JSON its stable code: `skills`, `capacity`, `timeWindow`,
        /// `shift`, `rideTime`, `group`, `noRoom`, `cost` or `notPlanned`).
        public var reason: UnservedReason
        /// Resources that could serve it on their own (empty when none could).
        public var feasibleAlone: [Int]
        /// The cheapest relaxation that would admit it at its best place: every rule that breaks
        /// there and by how much (several entries: all of them together).
        public var relaxations: [Relaxation]?

        /// Creates an unserved task.
        public init(kind: String, task: Int, reason: UnservedReason, feasibleAlone: [Int], relaxations: [Relaxation]? = nil) {
            self.kind = kind
            self.task = task
            self.reason = reason
            self.feasibleAlone = feasibleAlone
            self.relaxations = relaxations
        }

        private enum CodingKeys: String, CodingKey { case kind, task, reason, feasibleAlone, relaxations }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(String.self, forKey: .kind)
            task = try c.decode(Int.self, forKey: .task)
            feasibleAlone = try c.decode([Int].self, forKey: .feasibleAlone)
            relaxations = try c.decodeIfPresent([Relaxation].self, forKey: .relaxations)
            let code = try c.decode(String.self, forKey: .reason)
            guard let reason = UnservedReason(code: code, feasibleAlone: feasibleAlone, relaxations: relaxations) else {
                throw DecodingError.dataCorruptedError(forKey: .reason, in: c,
                                                       debugDescription: "reason must be one of \(UnservedReason.codes.joined(separator: ", ")).")
            }
            self.reason = reason
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(task, forKey: .task)
            try c.encode(reason.code, forKey: .reason)
            try c.encode(feasibleAlone, forKey: .feasibleAlone)
            try c.encodeIfPresent(relaxations, forKey: .relaxations)
        }
    }

    /// Costs by term.
    public struct CostBreakdown: Sendable, Codable, Equatable {
        /// Fixed costs of the resources used.
        public var fixed: Int
        /// Distance costs.
        public var distance: Int
        /// Duration costs.
        public var duration: Int
        /// Overtime costs (duration beyond each resource's `overtimeAfter`).
        public var overtime: Int
        /// Penalties of unserved tasks.
        public var unassigned: Int
        /// Lateness cost: the objective's `latenessCost` times the total lateness.
        public var lateness: Int
        /// The objective's `maxLatenessCost` times the largest lateness of any visit.
        public var maxLateness: Int
        /// Tasks served by a resource outside their preferred resources, times `nonPreferredCost`.
        public var preference: Int = 0
        /// Tasks served by another resource than in the reference plan, times `reassignmentCost`.
        public var reassignment: Int = 0
        /// Sum of the terms.
        public var total: Int

        /// The sum of the terms (what `total` must be).
        public var sumOfTerms: Int {
            fixed + distance + duration + overtime + unassigned + lateness + maxLateness + preference + reassignment
        }

        /// Creates a breakdown.
        public init(fixed: Int = 0, distance: Int = 0, duration: Int = 0, overtime: Int = 0, unassigned: Int = 0, lateness: Int = 0,
                    maxLateness: Int = 0, total: Int = 0)
        {
            self.overtime = overtime
            self.fixed = fixed
            self.distance = distance
            self.duration = duration
            self.unassigned = unassigned
            self.lateness = lateness
            self.maxLateness = maxLateness
            self.total = total
        }
    }

    /// Non-empty routes, by resource index.
    public var routes: [Route]
    /// Unserved tasks.
    public var unassigned: [Unassigned]
    /// Cost by term.
    public var cost: CostBreakdown
    /// Ruin-and-recreate iterations run.
    public var iterations: Int

    init(from s: RouteSet, iterations: Int) {
        let p = s.problem
        var routes: [Route] = []
        var breakdown = CostBreakdown(fixed: 0, distance: 0, duration: 0, unassigned: 0, total: 0)
        for r in 0..<p.resourceCount where !s.nodes[r].isEmpty {
            let stops = s.nodes[r]
            let n = stops.count
            let full = s.merge(s.prefix[r][n], s.endSegment(r), profile: p.profile[r])
            // Leave at the earliest departure that achieves the minimal duration; with ride times,
            // use the exact earliest schedule instead.
            var times: [Int]
            if let exact = RideTime.schedule(problem: p, resource: r, stops: stops), stops.contains(where: { p.maxRide[p.taskOfNode[$0]] != Int.max }) {
                times = exact
            } else {
                times = [full.earliest]
                var time = full.earliest, previous = p.startLocation[r]
                let L = p.locationCount, travel = p.durations[p.profile[r]]
                for u in stops {
                    time = max(time + travel[previous * L + p.location[u]], p.early[u])
                    times.append(time)
                    time += p.service[u]
                    previous = p.location[u]
                }
                times.append(time + travel[previous * L + p.endLocation[r]])
            }
            var load = (0..<p.dims).map { d in stops.reduce(0) { $0 + p.startLoad[$1 * p.dims + d] } }
            var steps: [Step] = []
            var previousDeparture = times[0], previousLocation = p.startLocation[r]
            for (k, u) in stops.enumerated() {
                for d in 0..<p.dims { load[d] += p.loadDelta[u * p.dims + d] }
                let arrival = previousDeparture + p.durations[p.profile[r]][previousLocation * p.locationCount + p.location[u]]
                let kind: StopKind = p.partner[u] < 0 ? .visit : (p.partner[u] > u ? .pickup : .delivery)
                let task = kind == .visit ? u : (p.taskOfNode[u] - p.visitCount)
                steps.append(Step(kind: kind, task: task, location: p.location[u], arrival: arrival, start: times[k + 1],
                                  departure: times[k + 1] + p.service[u], load: load))
                previousDeparture = times[k + 1] + p.service[u]
                previousLocation = p.location[u]
            }
            let duration = times[n + 1] - times[0]
            routes.append(Route(resource: r, start: times[0], end: times[n + 1], steps: steps, distance: full.distance,
                                duration: duration, cost: s.routeCost[r] - s.routeAssignment[r]))
            breakdown.fixed += p.fixedCost[r]
            breakdown.distance += p.costPerDistance[r] * full.distance
            breakdown.duration += p.costPerDuration[r] * full.duration
            breakdown.overtime += p.overtimeCost(r, full.duration, end: times[n + 1])
        }
        var unassigned: [Unassigned] = []
        let empty = s.unassigned.isEmpty ? nil : RouteSet(problem: p)  // built once for every explanation
        for task in s.unassigned.sorted() {
            breakdown.unassigned += p.penalty[task]
            unassigned.append(Self.explain(task: task, alone: empty!, plan: s))
        }
        self.routes = routes
        self.unassigned = unassigned
        cost = breakdown
        self.iterations = iterations
        priceAssignments(p)
    }

    /// Adds the preference and stability costs of who serves what to each route's cost and to the
    /// breakdown, and sets the total to the sum of the terms.
    mutating func priceAssignments(_ p: CompiledProblem) {
        var preference = 0, reassignment = 0
        for k in routes.indices {
            let r = routes[k].resource
            var own = 0
            for step in routes[k].steps where step.kind != .delivery {
                let task = step.kind == .visit ? step.task : p.visitCount + step.task
                preference += p.preferenceCost[task * p.resourceCount + r]
                reassignment += p.reassignmentCost[task * p.resourceCount + r]
                own += p.assignment[task * p.resourceCount + r]
            }
            routes[k].cost += own
        }
        cost.preference = preference
        cost.reassignment = reassignment
        cost.total = cost.sumOfTerms
    }

    /// Why `task` is unserved. First: can any resource serve it on its own (the routes holding
    /// only their frozen stops, `alone`)? Then, at its best place (in `alone` when nothing fits
    /// there, else in the final `plan`), which rules break and by how much: the relaxation that
    /// would admit it. A task that fits the plan but costs more than its penalty says so.
    static func explain(task: Int, alone empty: RouteSet, plan: RouteSet) -> Unassigned {
        let p = empty.problem
        let kind = p.isRequest[task] ? "request" : "visit"
        let index = p.isRequest[task] ? task - p.visitCount : task
        let candidates = (0..<p.resourceCount).filter { p.allowed[task * p.resourceCount + $0] }
        if candidates.isEmpty {
            return Unassigned(kind: kind, task: index, code: "skills", feasibleAlone: [], relaxations: p.resourceRelaxation(task: task))
        }
        var alone: [Int] = []
        var reason = "timeWindow"
        var rng = EngineRandom(seed: 0)
        for r in candidates {
            if empty.bestInsertion(task: task, route: r, rng: &rng) != nil {
                alone.append(r)
                continue
            }
            // Which rule blocks it alone: capacity first, then the shift, else its window.
            let u = p.firstNode[task]
            let overCapacity = (0..<p.dims).contains { d in
                p.startLoad[u * p.dims + d] + abs(p.loadDelta[u * p.dims + d]) > p.capacity[r * p.dims + d]
            }
            if overCapacity { reason = "capacity" }
            else if p.late[u] < p.shiftStart[r] || p.early[u] > p.shiftEnd[r] { reason = reason == "capacity" ? reason : "shift" }
            else if p.maxRide[task] != Int.max { reason = "rideTime" }
        }
        var best: InsertionViolation?
        if alone.isEmpty {
            for r in candidates {
                if let v = empty.leastViolation(task: task, route: r), InsertionViolation.better(best, v) { best = v }
            }
            return Unassigned(kind: kind, task: index, code: reason, feasibleAlone: [], relaxations: best?.relaxations)
        }
        var cheapest: (delta: Int, route: Int, position: Int)?
        for r in candidates {
            if let found = plan.bestInsertion(task: task, route: r, rng: &rng), cheapest == nil || found.delta < cheapest!.delta {
                cheapest = (found.delta, r, found.first)
            }
        }
        if let cheapest {
            let raise = Relaxation(constraint: "penalty", resource: cheapest.route, amount: cheapest.delta - p.penalty[task] + 1,
                                   position: cheapest.position)
            return Unassigned(kind: kind, task: index, code: "cost", feasibleAlone: alone, relaxations: [raise])
        }
        for r in candidates {
            if let v = plan.leastViolation(task: task, route: r), InsertionViolation.better(best, v) { best = v }
        }
        // Another resource like one that could serve it alone weighs like an hour of window.
        let another = InsertionViolation(relaxations: [Relaxation(constraint: "resources", resource: alone[0], amount: 1)], score: 1)
        if InsertionViolation.better(best, another) { best = another }
        return Unassigned(kind: kind, task: index, code: "noRoom", feasibleAlone: alone, relaxations: best?.relaxations)
    }
}
