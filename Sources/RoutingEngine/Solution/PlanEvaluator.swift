/// Evaluate-only mode: a hand-made plan (stop sequences per resource) gets its schedule computed —
/// leaving as late as avoids waiting at the first stop, serving each stop as soon as it may,
/// late if it must — and every rule it breaks reported by the independent `SolutionChecker`.
public enum PlanEvaluator {
    /// One stop of a planned route.
    public struct PlannedStop: Sendable, Codable, Equatable {
        /// Visit, pickup or delivery.
        public var kind: RoutingSolution.StopKind
        /// Visit index, or request index for pickups and deliveries.
        public var task: Int

        /// Creates a planned stop.
        public init(kind: RoutingSolution.StopKind, task: Int) {
            self.kind = kind
            self.task = task
        }
    }

    /// Where a planned route takes one of its resource's breaks.
    public struct PlannedBreak: Sendable, Codable, Equatable {
        /// Index into the resource's breaks.
        public var index: Int
        /// How many stops come before it.
        public var afterSteps: Int

        /// Creates a planned break.
        public init(index: Int, afterSteps: Int) {
            self.index = index
            self.afterSteps = afterSteps
        }
    }

    /// A planned route.
    public struct PlannedRoute: Sendable, Codable, Equatable {
        /// Resource index.
        public var resource: Int
        /// Stops in order.
        public var stops: [PlannedStop]
        /// Where breaks are taken: each no earlier than after its `afterSteps` stops (taken there
        /// when nobody is on board, else at the next such point); breaks not listed, or all when
        /// `nil`, where the rule first allows them.
        public var breaks: [PlannedBreak]?

        /// Creates a planned route.
        public init(resource: Int, stops: [PlannedStop], breaks: [PlannedBreak]? = nil) {
            self.resource = resource
            self.stops = stops
            self.breaks = breaks
        }
    }

    /// The plan with its computed schedule and every violation.
    public struct Evaluation: Sendable {
        /// The plan as a solution: schedule per stop, cost breakdown; tasks not in the plan are
        /// listed as unassigned with reason `notPlanned`.
        public var solution: RoutingSolution
        /// Every broken rule, with route and step indices into `solution.routes`.
        public var violations: [SolutionChecker.Violation]
        /// Whether the plan breaks no rule.
        public var isFeasible: Bool { violations.isEmpty }
    }

    /// Thrown when the plan names something that does not exist.
    public struct InvalidPlan: Error, CustomStringConvertible {
        /// Each issue with its path in the plan.
        public var issues: [String]
        public var description: String { issues.joined(separator: "\n") }
    }

    /// Computes the schedule of `plan` and checks it against `problem`.
    public static func evaluate(_ plan: [PlannedRoute], against problem: RoutingProblem) throws -> Evaluation {
        let issues = problem.validate() + Self.issues(in: plan, against: problem)
        if !issues.isEmpty { throw InvalidPlan(issues: issues) }
        if problem.isCoupled, let evaluation = evaluateCoupled(plan, against: problem) { return evaluation }
        return evaluateRoutes(plan, against: problem)
    }

    /// Whatever `plan` names that `problem` does not have (resources, tasks, breaks), each with
    /// its path in the plan; empty when every name exists. Cheap: no schedule is computed.
    public static func issues(in plan: [PlannedRoute], against problem: RoutingProblem) -> [String] {
        var issues: [String] = []
        for (ri, route) in plan.enumerated() {
            if !(0..<problem.resources.count).contains(route.resource) { issues.append("routes[\(ri)].resource: \(route.resource) does not exist.") }
            for (si, stop) in route.stops.enumerated() {
                let count = stop.kind == .visit ? problem.visits.count : problem.requests.count
                if !(0..<count).contains(stop.task) { issues.append("routes[\(ri)].stops[\(si)].task: \(stop.kind.rawValue) \(stop.task) does not exist.") }
            }
            let breakCount = problem.resources.indices.contains(route.resource) ? problem.resources[route.resource].breaks.count : 0
            for (bi, taken) in (route.breaks ?? []).enumerated() {
                if !(0..<breakCount).contains(taken.index) { issues.append("routes[\(ri)].breaks[\(bi)].index: break \(taken.index) does not exist.") }
                if route.breaks![..<bi].contains(where: { $0.index == taken.index }) {
                    issues.append("routes[\(ri)].breaks[\(bi)].index: break \(taken.index) is placed twice.")
                }
                if !(0...route.stops.count).contains(taken.afterSteps) {
                    issues.append("routes[\(ri)].breaks[\(bi)].afterSteps: \(taken.afterSteps) is not between 0 and the route's \(route.stops.count) stops.")
                }
            }
        }
        return issues
    }

    /// The plain per-route schedule of a well-formed plan and every violation.
    static func evaluateRoutes(_ plan: [PlannedRoute], against problem: RoutingProblem) -> Evaluation {

        var routes: [RoutingSolution.Route] = []
        var breakdown = RoutingSolution.CostBreakdown(fixed: 0, distance: 0, duration: 0, unassigned: 0, total: 0)
        var visited = [Bool](repeating: false, count: problem.visits.count)
        var requestSeen = [Bool](repeating: false, count: problem.requests.count)
        for route in plan where !route.stops.isEmpty {
            let resource = problem.resources[route.resource]
            let matrix = problem.matrices[resource.profile]
            func stopOf(_ s: PlannedStop) -> Stop {
                switch s.kind {
                case .visit: problem.visits[s.task].stop
                case .pickup: problem.requests[s.task].pickup
                case .delivery: problem.requests[s.task].delivery
                }
            }
            // Leave as late as shortens the day without making any stop later than its window
            // allows: the waiting that a later departure absorbs, capped by the least slack.
            let earliest = max(resource.shift.start, stopOf(route.stops[0]).window.start - matrix.duration(resource.startLocation, stopOf(route.stops[0]).location))
            var waited = 0, slack = Int.max
            do {
                var time = earliest, location = resource.startLocation
                for s in route.stops {
                    let stop = stopOf(s)
                    let arrival = time + matrix.duration(location, stop.location)
                    waited += max(0, stop.window.start - arrival)
                    let start = max(arrival, stop.window.start)
                    slack = min(slack, waited + max(0, stop.window.end - start))
                    if s.kind == .visit, let due = problem.visits[s.task].lateAfter { slack = min(slack, waited + max(0, due - start)) }
                    if s.kind == .pickup, let due = problem.requests[s.task].pickupLateAfter { slack = min(slack, waited + max(0, due - start)) }
                    time = start + stop.service
                    location = stop.location
                }
                slack = min(slack, waited + max(0, resource.shift.end - time - matrix.duration(location, resource.endLocation)))
            }
            let departure = earliest + min(waited, slack)
            var load = [Int](repeating: 0, count: problem.dimensions)
            for s in route.stops where s.kind == .visit {
                for (d, amount) in problem.visits[s.task].delivery.enumerated() where d < load.count { load[d] += amount }
            }
            var time = departure, location = resource.startLocation, distance = 0
            var steps: [RoutingSolution.Step] = []
            for s in route.stops {
                let stop = stopOf(s)
                let arrival = time + matrix.duration(location, stop.location)
                distance += matrix.distance(location, stop.location)
                let start = max(arrival, stop.window.start)
                switch s.kind {
                case .visit:
                    visited[s.task] = true
                    let visit = problem.visits[s.task]
                    for d in 0..<load.count {
                        load[d] += (d < visit.pickup.count ? visit.pickup[d] : 0) - (d < visit.delivery.count ? visit.delivery[d] : 0)
                    }
                case .pickup, .delivery:
                    requestSeen[s.task] = true
                    let amounts = problem.requests[s.task].load
                    for d in 0..<load.count where d < amounts.count { load[d] += s.kind == .pickup ? amounts[d] : -amounts[d] }
                }
                steps.append(.init(kind: s.kind, task: s.task, location: stop.location, arrival: arrival, start: start,
                                   departure: start + stop.service, load: load))
                time = start + stop.service
                location = stop.location
            }
            let end = time + matrix.duration(location, resource.endLocation)
            distance += matrix.distance(location, resource.endLocation)
            let duration = end - departure
            let overtime = resource.costPerOvertime * max(0, duration - (resource.overtimeAfter ?? Int.max / 4), end - (resource.overtimeFrom ?? Int.max / 4))
            let cost = resource.fixedCost + resource.costPerDistance * distance + resource.costPerDuration * duration + overtime
            routes.append(.init(resource: route.resource, start: departure, end: end, steps: steps, distance: distance,
                                duration: duration, cost: cost))
            breakdown.fixed += resource.fixedCost
            breakdown.distance += resource.costPerDistance * distance
            breakdown.duration += resource.costPerDuration * duration
            breakdown.overtime += overtime
        }
        var unassigned: [RoutingSolution.Unassigned] = []
        for (v, seen) in visited.enumerated() where !seen {
            unassigned.append(.init(kind: "visit", task: v, code: "notPlanned", feasibleAlone: []))
            breakdown.unassigned += problem.visits[v].unassignedPenalty
        }
        for (r, seen) in requestSeen.enumerated() where !seen {
            unassigned.append(.init(kind: "request", task: r, code: "notPlanned", feasibleAlone: []))
            breakdown.unassigned += problem.requests[r].unassignedPenalty
        }
        var lateness = 0, worst = 0
        for route in routes {
            for step in route.steps where step.kind != .delivery {
                let due = step.kind == .visit ? problem.visits[step.task].lateAfter : problem.requests[step.task].pickupLateAfter
                guard let due else { continue }
                lateness += max(0, step.start - due)
                worst = max(worst, step.start - due)
            }
        }
        breakdown.lateness = problem.objective.latenessCost * lateness
        breakdown.maxLateness = problem.objective.maxLatenessCost * worst
        var solution = RoutingSolution(routes: routes, unassigned: unassigned, cost: breakdown, iterations: 0)
        solution.priceAssignments(CompiledProblem(problem))
        return Evaluation(solution: solution, violations: SolutionChecker.check(solution, against: problem))
    }

    /// Groups tie starts across routes: each stop starts as early as travel, its window and its
    /// group's gaps allow. `nil` when that cannot be done (a resource or visit planned twice, or
    /// a waiting cycle), and the plain per-route schedule is reported with its violations instead.
    static func evaluateCoupled(_ planned: [PlannedRoute], against problem: RoutingProblem) -> Evaluation? {
        let model = CoupledModel(CompiledProblem(problem))
        var plan = CoupledPlan(model: model, frozen: false)  // the plan as given, frozen stops included
        let p = model.p
        for route in planned where !route.stops.isEmpty {
            guard plan.routes[route.resource].isEmpty else { return nil }
            var nodes: [Int] = []
            for stop in route.stops {
                let u = stop.kind == .visit ? stop.task : p.firstNode[p.visitCount + stop.task] + (stop.kind == .delivery ? 1 : 0)
                guard plan.routeOf[u] < 0 else { return nil }
                // A delivery before its pickup or on another route: the per-route report names it.
                if stop.kind == .delivery && plan.routeOf[p.partner[u]] != route.resource { return nil }
                plan.routeOf[u] = route.resource
                nodes.append(u)
            }
            plan.routes[route.resource] = nodes
            for taken in route.breaks ?? [] { plan.breakNotBefore[route.resource][taken.index] = taken.afterSteps }
        }
        // A request planned without its delivery: the per-route report names it.
        if (p.visitCount..<p.taskCount).contains(where: { plan.routeOf[p.firstNode[$0]] >= 0 && plan.routeOf[p.firstNode[$0] + 1] < 0 }) {
            return nil
        }
        plan.unassigned = (0..<model.taskCount).filter { t in model.members[t].contains { plan.routeOf[$0] < 0 } }
        guard model.propagate(&plan) else { return nil }
        _ = model.price(&plan)
        var solution = RoutingSolution(coupled: plan, model: model, iterations: 0)
        let unplanned = (0..<p.taskCount).filter { plan.routeOf[p.firstNode[$0]] < 0 }
        solution.unassigned = unplanned.map { task in
            p.isRequest[task] ? .init(kind: "request", task: task - p.visitCount, code: "notPlanned", feasibleAlone: [])
                : .init(kind: "visit", task: task, code: "notPlanned", feasibleAlone: [])
        }
        solution.cost.unassigned = unplanned.reduce(0) { $0 + p.penalty[$1] }
        solution.cost.total = solution.cost.sumOfTerms
        return Evaluation(solution: solution, violations: SolutionChecker.check(solution, against: problem))
    }
}

extension RoutingSolution {
    /// A solution assembled from parts (evaluate-only mode, tests).
    public init(routes: [Route], unassigned: [Unassigned], cost: CostBreakdown, iterations: Int) {
        self.routes = routes
        self.unassigned = unassigned
        self.cost = cost
        self.iterations = iterations
    }
}
