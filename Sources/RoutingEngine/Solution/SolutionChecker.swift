/// An independent check of a solution against a problem, by plain step-by-step simulation. It
/// shares no code with the search (no segments, no caches): if the two disagree, the search is wrong.
public enum SolutionChecker {
    /// The rules the checker knows, each with a stable id (its raw value).
    public enum Rule: String, Sendable, CaseIterable, Codable {
        /// A route names a resource that does not exist, or a resource has two routes.
        case resource
        /// A step names a task that does not exist, or of the wrong kind.
        case task
        /// A task is served twice.
        case duplicate
        /// A request's pickup or delivery is missing, or a task is neither served nor unassigned.
        case missing
        /// The resource lacks a skill the task needs, or may not serve it.
        case skills
        /// A service starts outside the task's time windows.
        case timeWindow
        /// The reported times do not follow from the travel times and service durations.
        case schedule
        /// The route leaves before its shift starts or ends after the shift ends.
        case shift
        /// The route is longer than the resource's working-time limit.
        case duration
        /// The load exceeds a capacity.
        case capacity
        /// A delivery comes before its pickup.
        case precedence
        /// A request's pickup and delivery are on different routes.
        case sameRoute
        /// A passenger rides longer than the request's limit.
        case rideTime
        /// The reported distance is not the sum of the legs.
        case distance
        /// A group is partly served, shares a resource, or its starts are too far apart.
        case group
        /// The reported costs disagree with the routes (lateness terms differ from the starts).
        case cost
        /// A break is missing, outside its window or overlaps work.
        case breaks = "break"
        /// A task is served by another resource than its pin.
        case pinned
        /// A route does not open with its frozen stops.
        case frozen
    }

    /// One broken rule.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        /// The rule broken.
        public var rule: Rule
        /// Route index in the solution, if the violation is in a route.
        public var route: Int?
        /// Step index in that route, if any.
        public var step: Int?
        /// What is wrong, with the numbers.
        public var message: String
        /// By how much, in the rule's units, where the rule is a limit (time units late, early or
        /// over for `timeWindow`, `shift`, `duration` and `rideTime`; load units for `capacity`).
        public var excess: Int?

        /// Creates a violation.
        public init(rule: Rule, route: Int?, step: Int?, message: String, excess: Int? = nil) {
            self.rule = rule
            self.route = route
            self.step = step
            self.message = message
            self.excess = excess
        }

        public var description: String {
            "[\(rule.rawValue)]" + (route.map { " route \($0)" } ?? "") + (step.map { " step \($0)" } ?? "") + ": \(message)"
        }
    }

    /// Every violation found (empty when the solution is feasible and consistent).
    public static func check(_ solution: RoutingSolution, against problem: RoutingProblem) -> [Violation] {
        var out: [Violation] = []
        func fail(_ rule: Rule, _ route: Int?, _ step: Int?, _ message: String, by excess: Int? = nil) {
            out.append(Violation(rule: rule, route: route, step: step, message: message, excess: excess))
        }
        let report: (Rule, Int?, Int?, String) -> Void = { fail($0, $1, $2, $3) }
        let dims = problem.dimensions
        var visitSeen = [Int](repeating: 0, count: problem.visits.count)
        var visitAt = [(route: Int, step: Int)?](repeating: nil, count: problem.visits.count)
        var pickupAt = [(route: Int, step: Int)?](repeating: nil, count: problem.requests.count)
        var deliveryAt = [(route: Int, step: Int)?](repeating: nil, count: problem.requests.count)
        var resourceUsed = [Bool](repeating: false, count: problem.resources.count)

        for (ri, route) in solution.routes.enumerated() {
            guard (0..<problem.resources.count).contains(route.resource) else {
                fail(.resource, ri, nil, "resource \(route.resource) does not exist"); continue
            }
            if resourceUsed[route.resource] { fail(.resource, ri, nil, "resource \(route.resource) has two routes") }
            resourceUsed[route.resource] = true
            let resource = problem.resources[route.resource]
            let matrix = problem.matrices[resource.profile]
            // Load on board when leaving the start: every delivery of the route's visits.
            var load = [Int](repeating: 0, count: dims)
            for step in route.steps where step.kind == .visit && (0..<problem.visits.count).contains(step.task) {
                let delivery = problem.visits[step.task].delivery
                for d in 0..<dims where d < delivery.count { load[d] += delivery[d] }
            }
            let capacity = resource.capacity.isEmpty ? [Int](repeating: Int.max, count: dims) : resource.capacity
            for d in 0..<dims where load[d] > capacity[d] {
                fail(.capacity, ri, nil, "leaves with \(load[d]) in dimension \(d), capacity \(capacity[d])", by: load[d] - capacity[d])
            }
            if route.start < resource.shift.start { fail(.shift, ri, nil, "departs at \(route.start), before the shift starts at \(resource.shift.start)", by: resource.shift.start - route.start) }
            var time = route.start, location = resource.startLocation, distance = 0
            // Breaks: each reported one inside its window, after the previous event, lasting its duration.
            var breakTaken = [Bool](repeating: false, count: resource.breaks.count)
            // Requests picked up and not yet delivered: no break is taken with one on board.
            var requestsOnBoard = 0
            func takeBreaks(before position: Int) {
                for taken in route.breaks where taken.afterSteps == position {
                    guard (0..<resource.breaks.count).contains(taken.index), !breakTaken[taken.index] else {
                        fail(.breaks, ri, nil, "break \(taken.index) does not exist or is taken twice"); continue
                    }
                    breakTaken[taken.index] = true
                    let spec = resource.breaks[taken.index]
                    if taken.start < time { fail(.breaks, ri, nil, "break \(taken.index) starts at \(taken.start), before the resource is free at \(time)") }
                    if taken.start < spec.window.start || taken.start > spec.window.end {
                        fail(.breaks, ri, nil, "break \(taken.index) starts at \(taken.start), window is \(spec.window.start)–\(spec.window.end)")
                    }
                    if taken.end != taken.start + spec.duration { fail(.breaks, ri, nil, "break \(taken.index) does not last \(spec.duration)") }
                    if resource.breaksWithNobodyOnBoard && requestsOnBoard > 0 { fail(.breaks, ri, nil, "break \(taken.index) is taken with \(requestsOnBoard) request(s) on board") }
                    time = max(time, taken.end)
                }
            }
            for (si, step) in route.steps.enumerated() {
                takeBreaks(before: si)
                if step.kind == .pickup { requestsOnBoard += 1 } else if step.kind == .delivery { requestsOnBoard -= 1 }
                let stop: Stop
                var required: UInt64 = 0
                var allowed: [Int]?
                var excluded: [Int] = []
                var pinned: Int?
                var otherWindows: [TimeWindow] = []
                var change = [Int](repeating: 0, count: dims)
                switch step.kind {
                case .visit:
                    guard (0..<problem.visits.count).contains(step.task) else { fail(.task, ri, si, "visit \(step.task) does not exist"); continue }
                    let visit = problem.visits[step.task]
                    visitSeen[step.task] += 1
                    visitAt[step.task] = (ri, si)
                    stop = visit.stop; required = visit.requiredSkills; allowed = visit.allowedResources
                    excluded = visit.excludedResources; pinned = visit.pinnedResource
                    otherWindows = visit.moreWindows
                    for d in 0..<dims {
                        change[d] = (d < visit.pickup.count ? visit.pickup[d] : 0) - (d < visit.delivery.count ? visit.delivery[d] : 0)
                    }
                case .pickup, .delivery:
                    guard (0..<problem.requests.count).contains(step.task) else { fail(.task, ri, si, "request \(step.task) does not exist"); continue }
                    let request = problem.requests[step.task]
                    required = request.requiredSkills; allowed = request.allowedResources
                    excluded = request.excludedResources; pinned = request.pinnedResource
                    if step.kind == .pickup {
                        if pickupAt[step.task] != nil { fail(.duplicate, ri, si, "request \(step.task) is picked up twice") }
                        pickupAt[step.task] = (ri, si); stop = request.pickup; otherWindows = request.pickupMoreWindows
                        for d in 0..<dims { change[d] = d < request.load.count ? request.load[d] : 0 }
                    } else {
                        if deliveryAt[step.task] != nil { fail(.duplicate, ri, si, "request \(step.task) is delivered twice") }
                        deliveryAt[step.task] = (ri, si); stop = request.delivery; otherWindows = request.deliveryMoreWindows
                        for d in 0..<dims { change[d] = -(d < request.load.count ? request.load[d] : 0) }
                    }
                }
                if resource.skills & required != required { fail(.skills, ri, si, "resource \(route.resource) lacks a required skill") }
                if let allowed, !allowed.contains(route.resource) { fail(.skills, ri, si, "resource \(route.resource) is not allowed for this task") }
                if excluded.contains(route.resource) { fail(.skills, ri, si, "resource \(route.resource) is excluded for this task") }
                if let pinned, pinned != route.resource { fail(.pinned, ri, si, "the task is pinned to resource \(pinned), served by \(route.resource)") }
                if step.location != stop.location { fail(.task, ri, si, "reported location \(step.location), the task is at \(stop.location)") }
                let arrival = time + matrix.duration(location, stop.location)
                distance += matrix.distance(location, stop.location)
                if step.arrival != arrival { fail(.schedule, ri, si, "arrival reported \(step.arrival), travel gives \(arrival)") }
                if step.start < arrival { fail(.schedule, ri, si, "service starts at \(step.start), before arrival at \(arrival)") }
                if !([stop.window] + otherWindows).contains(where: { step.start >= $0.start && step.start <= $0.end }) {
                    let windows = ([stop.window] + otherWindows).map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
                    fail(.timeWindow, ri, si, "service starts at \(step.start), window\(otherWindows.isEmpty ? " is" : "s are") \(windows)",
                         by: ([stop.window] + otherWindows).map { max($0.start - step.start, step.start - $0.end) }.min())
                }
                if step.departure != step.start + stop.service { fail(.schedule, ri, si, "departure is not start plus service time") }
                for d in 0..<dims {
                    load[d] += change[d]
                    if load[d] > capacity[d] { fail(.capacity, ri, si, "load \(load[d]) exceeds capacity \(capacity[d]) in dimension \(d)", by: load[d] - capacity[d]) }
                    if load[d] < 0 { fail(.capacity, ri, si, "load becomes negative in dimension \(d)") }
                }
                if step.load != load { fail(.capacity, ri, si, "reported load \(step.load), simulation gives \(load)") }
                time = step.departure
                location = stop.location
            }
            takeBreaks(before: route.steps.count)
            let end = time + matrix.duration(location, resource.endLocation)
            for (b, spec) in resource.breaks.enumerated() where !breakTaken[b] && !route.steps.isEmpty && end > spec.window.start {
                fail(.breaks, ri, nil, "break \(b) is not taken though the route runs into its window \(spec.window.start)–\(spec.window.end)")
            }
            distance += matrix.distance(location, resource.endLocation)
            if route.end < end { fail(.schedule, ri, nil, "arrives at the end at \(route.end), travel gives \(end)") }
            if route.end > resource.shift.end { fail(.shift, ri, nil, "ends at \(route.end), after the shift ends at \(resource.shift.end)", by: route.end - resource.shift.end) }
            if let limit = resource.maxDuration, route.end - route.start > limit {
                fail(.duration, ri, nil, "lasts \(route.end - route.start), limit \(limit)", by: route.end - route.start - limit)
            }
            if distance != route.distance { fail(.distance, ri, nil, "reported \(route.distance), travel gives \(distance)") }
        }
        let unassignedVisits = Set(solution.unassigned.filter { $0.kind == "visit" }.map(\.task))
        let unassignedRequests = Set(solution.unassigned.filter { $0.kind == "request" }.map(\.task))
        for (v, count) in visitSeen.enumerated() {
            if count > 1 { fail(.duplicate, nil, nil, "visit \(v) is served \(count) times") }
            if count == 0 && !unassignedVisits.contains(v) { fail(.missing, nil, nil, "visit \(v) is neither served nor listed as unassigned") }
            if count > 0 && unassignedVisits.contains(v) { fail(.duplicate, nil, nil, "visit \(v) is served and listed as unassigned") }
        }
        for (q, request) in problem.requests.enumerated() {
            switch (pickupAt[q], deliveryAt[q]) {
            case (nil, nil):
                if !unassignedRequests.contains(q) { fail(.missing, nil, nil, "request \(q) is neither served nor listed as unassigned") }
            case let (p?, d?):
                if p.route != d.route { fail(.sameRoute, p.route, p.step, "request \(q) is picked up and delivered by different routes") }
                else if p.step > d.step { fail(.precedence, p.route, d.step, "request \(q) is delivered before it is picked up") }
                else if let limit = request.maxRideTime {
                    let ride = solution.routes[d.route].steps[d.step].start - solution.routes[p.route].steps[p.step].departure
                    if ride > limit { fail(.rideTime, p.route, d.step, "request \(q) rides \(ride), limit \(limit)", by: ride - limit) }
                }
                if unassignedRequests.contains(q) { fail(.duplicate, nil, nil, "request \(q) is served and listed as unassigned") }
            default:
                fail(.sameRoute, nil, nil, "request \(q) has only one of its pickup and delivery")
            }
        }
        checkGroups(solution, problem, visitAt, report)
        checkLateness(solution, problem, visitAt, report)
        checkFrozen(solution, problem, report)
        checkAssignmentCosts(solution, problem, report)
        return out
    }

    /// Each frozen prefix opens its resource's route, stop for stop.
    static func checkFrozen(_ solution: RoutingSolution, _ problem: RoutingProblem, _ fail: (Rule, Int?, Int?, String) -> Void) {
        for prefix in problem.frozen where !prefix.stops.isEmpty {
            guard let ri = solution.routes.firstIndex(where: { $0.resource == prefix.resource }) else {
                fail(.frozen, nil, nil, "resource \(prefix.resource) has frozen stops but no route"); continue
            }
            let steps = solution.routes[ri].steps
            for (k, stop) in prefix.stops.enumerated() where k >= steps.count || steps[k].kind != stop.kind || steps[k].task != stop.task {
                fail(.frozen, ri, k, "frozen stop \(k) (\(stop.kind.rawValue) \(stop.task)) is not at its place")
                break
            }
        }
    }

    /// The reported preference and stability costs equal those recomputed from who serves what.
    static func checkAssignmentCosts(_ solution: RoutingSolution, _ problem: RoutingProblem, _ fail: (Rule, Int?, Int?, String) -> Void) {
        // Per visit and per request: its resource in the reference plan, or -1.
        var visitWas = [Int](repeating: -1, count: problem.visits.count), requestWas = [Int](repeating: -1, count: problem.requests.count)
        for route in problem.reference {
            for stop in route.stops {
                if stop.kind == .visit && visitWas.indices.contains(stop.task) { visitWas[stop.task] = route.resource }
                if stop.kind == .pickup && requestWas.indices.contains(stop.task) { requestWas[stop.task] = route.resource }
            }
        }
        var preference = 0, reassignment = 0
        for route in solution.routes {
            for step in route.steps where step.kind != .delivery {
                let preferred: [Int], was: Int
                if step.kind == .visit {
                    guard (0..<problem.visits.count).contains(step.task) else { continue }
                    (preferred, was) = (problem.visits[step.task].preferredResources, visitWas[step.task])
                } else {
                    guard (0..<problem.requests.count).contains(step.task) else { continue }
                    (preferred, was) = (problem.requests[step.task].preferredResources, requestWas[step.task])
                }
                if !preferred.isEmpty && !preferred.contains(route.resource) { preference += problem.objective.nonPreferredCost }
                if was >= 0 && was != route.resource {
                    reassignment += problem.objective.reassignmentCost
                }
            }
        }
        if (solution.cost.preference, solution.cost.reassignment) != (preference, reassignment) {
            fail(.cost, nil, nil, "preference and reassignment costs reported \(solution.cost.preference) and \(solution.cost.reassignment), who serves what gives \(preference) and \(reassignment)")
        }
    }

    /// Groups: served whole or not at all, by distinct resources, each member starting within the
    /// gap after the first member.
    static func checkGroups(_ solution: RoutingSolution, _ problem: RoutingProblem, _ visitAt: [(route: Int, step: Int)?],
                            _ fail: (Rule, Int?, Int?, String) -> Void)
    {
        for (g, group) in problem.groups.enumerated() {
            let places = group.visits.map { visitAt[$0] }
            let served = places.compactMap { $0 }
            if served.isEmpty { continue }
            if served.count < places.count {
                fail(.group, served[0].route, served[0].step, "group \(g) is only partly served (\(served.count) of \(places.count) visits)")
                continue
            }
            let resources = served.map { solution.routes[$0.route].resource }
            if Set(resources).count < resources.count {
                fail(.group, served[0].route, nil, "group \(g) has two members served by the same resource")
            }
            let first = solution.routes[served[0].route].steps[served[0].step].start
            for place in served.dropFirst() {
                let gap = solution.routes[place.route].steps[place.step].start - first
                if gap < group.minGap || gap > group.maxGap {
                    fail(.group, place.route, place.step, "group \(g): starts \(gap) after its first member, allowed \(group.minGap)–\(group.maxGap)")
                }
            }
        }
    }

    /// The reported lateness terms equal those recomputed from the reported starts.
    static func checkLateness(_ solution: RoutingSolution, _ problem: RoutingProblem, _ visitAt: [(route: Int, step: Int)?],
                              _ fail: (Rule, Int?, Int?, String) -> Void)
    {
        var total = 0, worst = 0
        for (v, visit) in problem.visits.enumerated() {
            guard let due = visit.lateAfter, let place = visitAt[v] else { continue }
            let late = max(0, solution.routes[place.route].steps[place.step].start - due)
            total += late
            worst = max(worst, late)
        }
        // Requests' pickups with a soft due time.
        for route in solution.routes {
            for step in route.steps where step.kind == .pickup && problem.requests.indices.contains(step.task) {
                guard let due = problem.requests[step.task].pickupLateAfter else { continue }
                let late = max(0, step.start - due)
                total += late
                worst = max(worst, late)
            }
        }
        let expected = (problem.objective.latenessCost * total, problem.objective.maxLatenessCost * worst)
        if (solution.cost.lateness, solution.cost.maxLateness) != expected {
            fail(.cost, nil, nil, "lateness costs reported \(solution.cost.lateness) and \(solution.cost.maxLateness), the starts give \(expected.0) and \(expected.1)")
        }
    }
}
