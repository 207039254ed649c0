import Foundation

/// The coupled model: problems whose start times are tied across routes (groups of visits served
/// together, e.g. home-care double-ups or a second carer within a gap), whose stops have several
/// windows, whose resources take breaks, or whose visits are priced for lateness. A move in one
/// route can shift times in another, so segment concatenation no longer prices a move exactly;
/// this search schedules the whole plan at once instead.
///
/// The schedule of a plan is the least solution of its constraints (travel and service along each
/// route, windows' earliest starts, group gaps, ride times): every start as early as it may be,
/// which also minimises lateness since lateness only grows with time. It is found by repeated
/// forward passes (Bellman–Ford over the few backward edges: a group's largest gap, a request's
/// ride time, which delays the pickup); one that keeps growing is a cycle of waiting (carer A
/// waits for B who waits for A) and is infeasible.
///
/// Nodes are those of ``CompiledProblem``: visits, then each request's pickup and delivery.
/// Tasks: a visit outside every group is a task; a group is one task served whole or not at all;
/// a request is one task whose two nodes share a route, pickup first.
struct CoupledModel: Sendable {
    let p: CompiledProblem
    /// Per task: member nodes (one for a single visit; a group's visits, the first its reference;
    /// a request's pickup and delivery).
    let members: [[Int]]
    let minGap: [Int]
    let maxGap: [Int]
    /// Per node: its task.
    let taskOfNode: [Int]
    let penalty: [Int]
    /// Tasks that are groups.
    let groupTasks: [Int]
    /// Per task: whether it is a request.
    let isRequest: [Bool]
    /// Per task: the task of ``CompiledProblem`` (visit index, or visits + request index) of its
    /// first member, for resource rules and assignment costs.
    let compiledTask: [Int]
    /// Per node: the longest ride ending here (a delivery with a ride limit), or -1.
    let rideLimit: [Int]
    /// Per node: soft deadline (`Int.max / 4` when none).
    let lateAfter: [Int]
    let latenessCost: Int
    let maxLatenessCost: Int
    /// Bound on scheduling rounds before a plan is declared a waiting cycle.
    let roundLimit: Int
    /// Per node: all its windows sorted by start (empty when it has only its one window).
    let windows: [[TimeWindow]]
    /// Per node: the end of its last window.
    let latest: [Int]
    /// Per resource: its breaks in order.
    let breaks: [[Break]]
    /// Per task: whether it is frozen (never moved by the search).
    let locked: [Bool]

    init(_ p: CompiledProblem) {
        self.p = p
        let problem = p.problem
        var members: [[Int]] = [], minGap: [Int] = [], maxGap: [Int] = [], penalty: [Int] = []
        var isRequest: [Bool] = [], compiledTask: [Int] = []
        var taskOfNode = [Int](repeating: -1, count: p.nodeCount)
        var groupTasks: [Int] = []
        var backwardEdges = 0
        for group in problem.groups {
            for v in group.visits { taskOfNode[v] = members.count }
            groupTasks.append(members.count)
            members.append(group.visits); minGap.append(group.minGap); maxGap.append(group.maxGap)
            penalty.append(group.visits.reduce(0) { $0 + p.penalty[$1] })
            isRequest.append(false); compiledTask.append(group.visits[0])
            backwardEdges += 2 * (group.visits.count - 1)
        }
        for v in 0..<p.visitCount where taskOfNode[v] < 0 {
            taskOfNode[v] = members.count
            members.append([v]); minGap.append(0); maxGap.append(0); penalty.append(p.penalty[v])
            isRequest.append(false); compiledTask.append(v)
        }
        var rideLimit = [Int](repeating: -1, count: p.nodeCount)
        for task in p.visitCount..<p.taskCount {
            let pickup = p.firstNode[task], delivery = pickup + 1
            taskOfNode[pickup] = members.count; taskOfNode[delivery] = members.count
            members.append([pickup, delivery]); minGap.append(0); maxGap.append(0); penalty.append(p.penalty[task])
            isRequest.append(true); compiledTask.append(task)
            if p.maxRide[task] != Int.max {
                rideLimit[delivery] = p.maxRide[task]
                backwardEdges += 1
            }
        }
        self.members = members; self.minGap = minGap; self.maxGap = maxGap; self.penalty = penalty
        self.taskOfNode = taskOfNode; self.groupTasks = groupTasks; self.isRequest = isRequest
        self.compiledTask = compiledTask; self.rideLimit = rideLimit
        // Each round settles at least one more backward edge of the longest chain; windows and
        // breaks can add a few rounds, so the bound is generous (a plan beyond it is refused).
        roundLimit = 2 * backwardEdges + 4
        var lateAfter = problem.visits.map { $0.lateAfter ?? Int.max / 4 }
        var windows: [[TimeWindow]] = problem.visits.map {
            $0.moreWindows.isEmpty ? [] : ([$0.stop.window] + $0.moreWindows).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        }
        for request in problem.requests {
            for (stop, more) in [(request.pickup, request.pickupMoreWindows), (request.delivery, request.deliveryMoreWindows)] {
                lateAfter.append(Int.max / 4)
                windows.append(more.isEmpty ? [] : ([stop.window] + more).sorted { ($0.start, $0.end) < ($1.start, $1.end) })
            }
        }
        self.lateAfter = lateAfter
        self.windows = windows
        latenessCost = problem.objective.latenessCost
        maxLatenessCost = problem.objective.maxLatenessCost
        latest = (0..<p.nodeCount).map { u in windows[u].isEmpty ? p.late[u] : windows[u].map(\.end).max()! }
        breaks = problem.resources.map(\.breaks)
        locked = members.map { $0.contains { p.locked[p.taskOfNode[$0]] } }
    }

    /// The earliest start of visit `v` at or after `time` inside one of its windows; past its
    /// last window, `time` itself (which then breaks the window rule).
    @inline(__always)
    func earliestStart(_ v: Int, _ time: Int) -> Int {
        let w = windows[v]
        if w.isEmpty { return max(time, p.early[v]) }
        for window in w where window.end >= time { return max(time, window.start) }
        return time
    }

    var taskCount: Int { members.count }

    @inline(__always) func travel(_ r: Int, _ a: Int, _ b: Int) -> Int { p.durations[p.profile[r]][a * p.locationCount + b] }
    @inline(__always) func distance(_ r: Int, _ a: Int, _ b: Int) -> Int { p.distances[p.profile[r]][a * p.locationCount + b] }
}

/// Costs of one route of a coupled plan by term (lateness in time units, before weighting) and
/// whether it keeps every hard rule.
struct CoupledRoutePrice: Sendable {
    var fixed = 0, distance = 0, duration = 0, overtime = 0, lateness = 0, maxLateness = 0, assignment = 0
    var feasible = true
}

/// Costs of a coupled plan by term (lateness in time units, before weighting).
struct CoupledCost: Sendable, Equatable {
    var fixed = 0, distance = 0, duration = 0, overtime = 0, lateness = 0, maxLateness = 0, unassigned = 0, assignment = 0
    var total = 0
}

/// A plan of the coupled search: stop sequences per resource and their least schedule.
struct CoupledPlan: Sendable {
    var routes: [[Int]]
    /// Per node: resource serving it, or -1.
    var routeOf: [Int]
    /// Per node: service start and arrival (meaningful when served).
    var start: [Int]
    var arrival: [Int]
    /// Per node: lower bound on the start from group gaps and ride times (scratch of the scheduler).
    var floor: [Int]
    /// Per resource: departure from the start, arrival at the end.
    var departure: [Int]
    var end: [Int]
    /// Per resource and break: start (-1 when not taken) and how many stops precede it.
    var breakStart: [[Int]]
    var breakAfter: [[Int]]
    /// Per resource: whether its times must be recomputed in this scheduling round (scratch).
    var pending: [Bool]
    /// Per resource: the price of its route as last scheduled.
    var routePrice: [CoupledRoutePrice]
    var unassigned: [Int]
    var cost = CoupledCost()

    /// An empty plan: only the frozen prefixes (none with `frozen` false), each followed by the
    /// deliveries of requests picked up in it; nothing scheduled yet.
    init(model: CoupledModel, frozen: Bool = true) {
        let n = model.p.nodeCount
        routes = Array(repeating: [], count: model.p.resourceCount)
        routeOf = Array(repeating: -1, count: n)
        start = Array(repeating: 0, count: n)
        arrival = Array(repeating: 0, count: n)
        floor = Array(repeating: 0, count: n)
        departure = Array(repeating: 0, count: model.p.resourceCount)
        end = Array(repeating: 0, count: model.p.resourceCount)
        breakStart = model.breaks.map { Array(repeating: -1, count: $0.count) }
        breakAfter = model.breaks.map { Array(repeating: -1, count: $0.count) }
        pending = Array(repeating: false, count: model.p.resourceCount)
        routePrice = Array(repeating: CoupledRoutePrice(), count: model.p.resourceCount)
        // Frozen prefixes open their routes (not yet scheduled).
        for r in routes.indices where frozen {
            routes[r] = model.p.frozenNodes[r] + model.p.openDeliveries[r]
            for v in routes[r] { routeOf[v] = r }
        }
        unassigned = (0..<model.taskCount).filter { !frozen || !model.locked[$0] }
        cost.unassigned = unassigned.reduce(0) { $0 + model.penalty[$1] }
        cost.total = cost.unassigned
    }
}

extension CoupledModel {
    /// Schedules `plan` (its routes as they are) and prices it; `false` if any hard rule breaks
    /// (window, shift, duration, capacity, or a waiting cycle). Times are left in `plan`.
    func schedule(_ plan: inout CoupledPlan) -> Bool { propagate(&plan) && price(&plan) }

    /// The least schedule of `plan`'s routes into its times; `false` for a waiting cycle.
    /// Each round recomputes the routes whose floors rose, then applies the backward edges: a
    /// group member starting too late for the reference's largest gap delays the reference, a
    /// delivery reached too long after its pickup delays the pickup.
    func propagate(_ plan: inout CoupledPlan) -> Bool {
        for route in plan.routes { for v in route { plan.floor[v] = 0 } }
        for r in 0..<plan.routes.count { plan.pending[r] = !plan.routes[r].isEmpty }
        var rounds = 0
        while true {
            var changed = false
            for r in 0..<plan.routes.count where plan.pending[r] {
                forward(r, &plan)
                plan.pending[r] = applyRideTimes(r, &plan)
                changed = changed || plan.pending[r]
            }
            for t in groupTasks {
                let m = members[t], m0 = m[0]
                guard plan.routeOf[m0] >= 0 else { continue }
                for k in 1..<m.count {
                    let v = m[k]
                    guard plan.routeOf[v] >= 0 else { continue }  // a group being placed member by member
                    if plan.start[v] < plan.start[m0] + minGap[t] {
                        plan.floor[v] = plan.start[m0] + minGap[t]; changed = true
                        plan.pending[plan.routeOf[v]] = true
                    }
                    if plan.start[m0] < plan.start[v] - maxGap[t] {
                        plan.floor[m0] = max(plan.floor[m0], plan.start[v] - maxGap[t]); changed = true
                        plan.pending[plan.routeOf[m0]] = true
                    }
                }
            }
            if !changed { break }
            rounds += 1
            if rounds > roundLimit { return false }
        }
        return true
    }

    /// Times along route `r`. Breaks are taken at the first point between stops at or after
    /// their window opens with no request on board (no break with a patient in the vehicle), or
    /// earlier (waiting for the window) if going on would carry the next service past the
    /// window's end; after the last stop only if the route runs into the window.
    @inline(__always)
    func forward(_ r: Int, _ plan: inout CoupledPlan) {
        var time = p.shiftStart[r], location = p.startLocation[r]
        let route = plan.routes[r]
        let breaks = self.breaks[r]
        if breaks.isEmpty {
            for v in route {
                let arrive = time + travel(r, location, p.location[v])
                plan.arrival[v] = arrive
                let s = earliestStart(v, max(arrive, plan.floor[v]))
                plan.start[v] = s
                time = s + p.service[v]
                location = p.location[v]
            }
            let first = route[0]
            plan.departure[r] = max(p.shiftStart[r], plan.start[first] - travel(r, p.startLocation[r], p.location[first]))
            plan.end[r] = time + travel(r, location, p.endLocation[r])
            return
        }
        var next = 0, onBoard = 0
        for b in breaks.indices { plan.breakStart[r][b] = -1; plan.breakAfter[r][b] = -1 }
        for (k, v) in route.enumerated() {
            while next < breaks.count {
                let b = breaks[next]
                let leave = earliestStart(v, max(time + travel(r, location, p.location[v]), plan.floor[v])) + p.service[v]
                guard (time >= b.window.start && onBoard == 0) || leave > b.window.end else { break }
                plan.breakStart[r][next] = max(time, b.window.start)
                plan.breakAfter[r][next] = k
                time = plan.breakStart[r][next] + b.duration
                next += 1
            }
            let arrive = time + travel(r, location, p.location[v])
            plan.arrival[v] = arrive
            let s = earliestStart(v, max(arrive, plan.floor[v]))
            plan.start[v] = s
            time = s + p.service[v]
            location = p.location[v]
            if p.partner[v] >= 0 { onBoard += p.partner[v] > v ? 1 : -1 }
        }
        while next < breaks.count && time + travel(r, location, p.endLocation[r]) > breaks[next].window.start {
            plan.breakStart[r][next] = max(time, breaks[next].window.start)
            plan.breakAfter[r][next] = route.count
            time = plan.breakStart[r][next] + breaks[next].duration
            next += 1
        }
        let first = route[0]
        var departure = plan.start[first] - travel(r, p.startLocation[r], p.location[first])
        if plan.breakAfter[r].first == 0 { departure = min(departure, plan.breakStart[r][0]) }
        plan.departure[r] = max(p.shiftStart[r], departure)
        plan.end[r] = time + travel(r, location, p.endLocation[r])
    }

    /// Fills the cost of the schedule in `plan`; `false` if it breaks a hard rule (window, shift,
    /// duration, capacity).
    func price(_ plan: inout CoupledPlan) -> Bool {
        for r in 0..<plan.routes.count { priceRoute(r, &plan) }
        return total(&plan)
    }

    /// Prices route `r` of the schedule in `plan` into `plan.routePrice[r]`.
    func priceRoute(_ r: Int, _ plan: inout CoupledPlan) {
        var c = CoupledRoutePrice()
        let route = plan.routes[r]
        guard !route.isEmpty else { plan.routePrice[r] = c; return }
        let dims = p.dims
        var distance = 0, location = p.startLocation[r]
        for v in route {
            if plan.start[v] > latest[v] { c.feasible = false }
            let late = plan.start[v] - lateAfter[v]
            if late > 0 {
                c.lateness += late
                if late > c.maxLateness { c.maxLateness = late }
            }
            distance += self.distance(r, location, p.location[v])
            location = p.location[v]
        }
        let end = plan.end[r], departure = plan.departure[r]
        if end > p.shiftEnd[r] { c.feasible = false }
        for (b, brk) in breaks[r].enumerated() where plan.breakStart[r][b] > brk.window.end { c.feasible = false }
        distance += self.distance(r, location, p.endLocation[r])
        if end - departure > p.maxDuration[r] { c.feasible = false }
        if p.hasAssignmentCost {
            for v in route where p.partner[v] < v { c.assignment += p.assignment[p.taskOfNode[v] * p.resourceCount + r] }
        }
        for d in 0..<dims where c.feasible {
            var load = 0
            for v in route { load += p.startLoad[v * dims + d] }
            var highest = load
            for v in route {
                load += p.loadDelta[v * dims + d]
                highest = max(highest, load)
            }
            if highest > p.capacity[r * dims + d] { c.feasible = false }
        }
        c.fixed = p.fixedCost[r]
        c.distance = p.costPerDistance[r] * distance
        c.duration = p.costPerDuration[r] * (end - departure)
        c.overtime = p.overtimeCost(r, end - departure)
        plan.routePrice[r] = c
    }

    /// Sums the routes' prices and the unserved penalties into `plan.cost`; `false` if a route breaks a hard rule.
    func total(_ plan: inout CoupledPlan) -> Bool {
        var c = CoupledCost()
        var feasible = true
        for price in plan.routePrice {
            feasible = feasible && price.feasible
            c.fixed += price.fixed; c.distance += price.distance; c.duration += price.duration; c.overtime += price.overtime
            c.lateness += price.lateness; c.maxLateness = max(c.maxLateness, price.maxLateness); c.assignment += price.assignment
        }
        for t in plan.unassigned { c.unassigned += penalty[t] }
        c.total = c.fixed + c.distance + c.duration + c.overtime + latenessCost * c.lateness + maxLatenessCost * c.maxLateness + c.unassigned
            + c.assignment
        plan.cost = c
        return feasible
    }

    /// Schedules and prices `plan` after only `changed` routes changed: with no group tying
    /// routes together, each changed route alone (its ride times settled within it), the others
    /// kept; otherwise the whole plan. `false` if a hard rule breaks.
    func schedule(_ plan: inout CoupledPlan, changed: [Int]) -> Bool {
        guard groupTasks.isEmpty else { return schedule(&plan) }
        for r in changed {
            if !settle(r, &plan) { return false }
            priceRoute(r, &plan)
        }
        return total(&plan)
    }

    /// The least schedule of route `r` alone (no group edges): forward passes until every ride
    /// time holds; `false` for a schedule that keeps growing.
    func settle(_ r: Int, _ plan: inout CoupledPlan) -> Bool {
        let route = plan.routes[r]
        guard !route.isEmpty else { return true }
        for v in route { plan.floor[v] = 0 }
        var rounds = 0
        while true {
            forward(r, &plan)
            if !applyRideTimes(r, &plan) { return true }
            rounds += 1
            if rounds > roundLimit { return false }
        }
    }

    /// The ride-time edges of route `r`: each pickup whose delivery starts too long after it is
    /// delayed (its floor raised) so the ride fits; `true` if any floor rose.
    @inline(__always)
    func applyRideTimes(_ r: Int, _ plan: inout CoupledPlan) -> Bool {
        guard p.taskCount > p.visitCount else { return false }
        var raised = false
        for d in plan.routes[r] where rideLimit[d] >= 0 {
            let u = p.partner[d]
            guard plan.routeOf[u] == r else { continue }  // a request being placed
            let least = plan.start[d] - rideLimit[d] - p.service[u]
            if plan.start[u] < least {
                plan.floor[u] = least
                raised = true
            }
        }
        return raised
    }

    /// Prices `plan` again after only its unserved tasks changed: without groups every route's
    /// price is current (placements and removals reschedule their routes), so the sum suffices;
    /// with groups, the times left by a trial placement are stale and the plan is scheduled whole.
    func reprice(_ plan: inout CoupledPlan) -> Bool { groupTasks.isEmpty ? total(&plan) : schedule(&plan) }

    /// Lateness weight of a start at `time` for visit `v` (the sum term only).
    @inline(__always)
    func latenessPrice(_ v: Int, _ time: Int) -> Int { max(0, time - lateAfter[v]) * latenessCost }

    /// Estimated extra lateness cost (and whether hard rules survive) when the stop at position
    /// `k` of route `r` may start no earlier than `ready` … the delay ripples until waiting absorbs it.
    /// Returns `nil` when a window or the shift end would break within the route.
    func pushCost(_ plan: CoupledPlan, route r: Int, from k: Int, departure: Int, fromLocation: Int, worst: inout Int) -> Int? {
        let route = plan.routes[r]
        var extra = 0
        var time = departure, location = fromLocation
        var j = k
        while j < route.count {
            let v = route[j]
            let arrive = time + travel(r, location, p.location[v])
            if arrive <= plan.start[v] { return extra }  // absorbed: later stops keep their times
            let s = earliestStart(v, arrive)
            if s > latest[v] { return nil }
            extra += latenessPrice(v, s) - latenessPrice(v, plan.start[v])
            worst = max(worst, s - lateAfter[v])
            time = s + p.service[v]
            location = p.location[v]
            j += 1
        }
        if time + travel(r, location, p.endLocation[r]) > p.shiftEnd[r] { return nil }
        return extra
    }
}

/// One candidate placement of a visit: route, position, earliest start there, estimated cost.
struct CoupledSlot {
    var route: Int
    var position: Int
    var ready: Int
    var delta: Int
}

/// Ruin-and-recreate with simulated annealing over coupled plans.
struct CoupledSearch {
    let model: CoupledModel
    let parameters: SolverParameters
    let cancellation: CancellationFlag?
    let progress: (@Sendable (SolverProgress) -> Void)?
    var rng: EngineRandom
    var iteration = 0
    let budget: SearchBudget
    /// The annealing temperature scale (``CompiledProblem/temperatureScale()``).
    let scale: Double
    /// Distance of each task's first visit from the first resource's start, for ordering.
    let depotDistance: [Int]

    init(model: CoupledModel, parameters: SolverParameters, cancellation: CancellationFlag?,
         progress: (@Sendable (SolverProgress) -> Void)?)
    {
        self.model = model
        self.parameters = parameters
        self.cancellation = cancellation
        self.progress = progress
        rng = EngineRandom(seed: parameters.seed)
        let p = model.p, n = p.locationCount
        budget = SearchBudget(parameters: parameters)
        scale = p.temperatureScale()
        depotDistance = model.members.map { m in p.distances[0][p.startLocation[0] * n + p.location[m[0]]] }
    }

    func fraction() -> Double { budget.fraction(iteration: iteration) }

    func report(_ best: CoupledPlan, _ f: Double) {
        progress?(SolverProgress(iteration: iteration, bestCost: best.cost.total, routes: best.routes.filter { !$0.isEmpty }.count,
                                 unassigned: best.unassigned.count, fraction: f))
    }

    mutating func run(warmStart: [PlanEvaluator.PlannedRoute]? = nil) -> CoupledPlan {
        var best = CoupledPlan(model: model)
        if let warmStart {
            load(warmStart, into: &best)
            // Dropping a partial group or request can move a break; start afresh if that breaks a rule.
            if !model.schedule(&best) { best = CoupledPlan(model: model) }
        }
        _ = model.schedule(&best)
        if !recreate(&best) {
            best = CoupledPlan(model: model)
            _ = model.schedule(&best)
        }
        var current = best
        let t0 = parameters.startTemperature * scale, tf = parameters.endTemperature * scale
        var f = fraction()
        var checkEvery = 0
        while true {
            if checkEvery == 0 {
                f = fraction()
                if f >= 1 || cancellation?.isCancelled == true { break }
                if iteration % 1000 == 0 { report(best, f) }
                checkEvery = 8
            }
            checkEvery -= 1
            iteration += 1
            let temperature = t0 * pow(tf / t0, f)
            var candidate = current
            // A plan that breaks a rule after ruin or recreate (a break moved by the change) is dropped.
            guard ruin(&candidate), recreate(&candidate) else { continue }
            if Double(candidate.cost.total) < Double(current.cost.total) - temperature * log(rng.unit() + 1e-300) {
                current = candidate
                if candidate.cost.total < best.cost.total { best = candidate }
            }
        }
        report(best, 1)
        return best
    }

    /// Starts from a given plan (re-planning): its stops are kept in order where every hard rule
    /// still holds, a group only whole and a request only with both stops; the search inserts the rest.
    func load(_ warmStart: [PlanEvaluator.PlannedRoute], into plan: inout CoupledPlan) {
        let p = model.p
        for route in warmStart {
            let r = route.resource
            for stop in route.stops {
                let v: Int
                switch stop.kind {
                case .visit: v = stop.task
                case .pickup: v = p.firstNode[p.visitCount + stop.task]
                case .delivery:
                    v = p.firstNode[p.visitCount + stop.task] + 1
                    guard plan.routeOf[p.partner[v]] == r else { continue }
                }
                let task = p.taskOfNode[v]
                guard plan.routeOf[v] < 0, !p.locked[task], p.allowed[task * p.resourceCount + r],
                      model.isRequest[model.taskOfNode[v]] || !model.members[model.taskOfNode[v]].contains(where: { plan.routeOf[$0] == r })
                else { continue }
                plan.routes[r].append(v)
                plan.routeOf[v] = r
                if !model.schedule(&plan) {
                    plan.routes[r].removeLast()
                    plan.routeOf[v] = -1
                }
            }
        }
        // Groups and requests not placed whole leave the plan.
        for t in 0..<model.taskCount where model.members[t].count > 1 && model.members[t].contains(where: { plan.routeOf[$0] < 0 }) {
            for v in model.members[t] where plan.routeOf[v] >= 0 {
                plan.routes[plan.routeOf[v]].removeAll { $0 == v }
                plan.routeOf[v] = -1
            }
        }
        plan.unassigned = (0..<model.taskCount).filter { t in model.members[t].contains { plan.routeOf[$0] < 0 } }
    }

    // MARK: Ruin

    /// Removes tasks related to a random served stop: its nearest neighbours' tasks, or strings
    /// of consecutive stops from the routes nearby. Groups and requests leave whole. `false` when
    /// the plan left breaks a rule (removing stops can move a break into a ride or past a window).
    mutating func ruin(_ plan: inout CoupledPlan) -> Bool {
        let p = model.p
        var served = 0
        for route in plan.routes { served += route.count }
        guard served > 0 else { return true }
        let target = min(1 + rng.below(2 * parameters.averageRemoved), model.taskCount)
        var seed = rng.below(p.nodeCount)
        while plan.routeOf[seed] < 0 { seed = rng.below(p.nodeCount) }
        var removed: [Int] = []
        let near = p.neighbours[seed]
        if rng.unit() < 0.5 {
            for k in -1..<near.count where removed.count < target {
                let u = k < 0 ? seed : Int(near[k])
                guard plan.routeOf[u] >= 0 else { continue }
                let t = model.taskOfNode[u]
                if !model.locked[t] && !removed.contains(t) && rng.unit() < 0.9 { removed.append(t) }
            }
        } else {
            var ruinedRoutes: [Int] = []
            for k in -1..<near.count where removed.count < target {
                let u = k < 0 ? seed : Int(near[k])
                let r = plan.routeOf[u]
                guard r >= 0, !ruinedRoutes.contains(r) else { continue }
                ruinedRoutes.append(r)
                let route = plan.routes[r]
                let position = route.firstIndex(of: u)!
                let length = 1 + rng.below(min(parameters.maxStringLength, route.count))
                let first = max(0, min(position - rng.below(length), route.count - length))
                for k in first..<(first + length) {
                    let t = model.taskOfNode[route[k]]
                    if !model.locked[t] && !removed.contains(t) { removed.append(t) }
                }
            }
        }
        return remove(tasks: removed, from: &plan)
    }

    /// Takes `tasks` out of `plan` and schedules it; `false` if the plan left breaks a rule.
    func remove(tasks: [Int], from plan: inout CoupledPlan) -> Bool {
        var changed: [Int] = []
        for t in tasks {
            for v in model.members[t] {
                let r = plan.routeOf[v]
                guard r >= 0 else { continue }
                plan.routes[r].remove(at: plan.routes[r].firstIndex(of: v)!)
                plan.routeOf[v] = -1
                if !changed.contains(r) { changed.append(r) }
            }
            plan.unassigned.append(t)
        }
        return model.schedule(&plan, changed: changed)
    }

    // MARK: Recreate

    /// Reinserts every unserved task, cheapest place first (estimates, then exact pricing of the
    /// best few), groups before single visits half of the time. `false` if the plan ends breaking
    /// a rule (a group member taken out again can move a break).
    @discardableResult
    mutating func recreate(_ plan: inout CoupledPlan) -> Bool {
        var order = plan.unassigned
        plan.unassigned.removeAll()
        switch rng.below(4) {
        case 0: order.sort { (model.p.early[model.members[$0][0]], $0) < (model.p.early[model.members[$1][0]], $1) }
        case 1: order.sort { (depotDistance[$0], $0) > (depotDistance[$1], $1) }
        case 2: order.sort { (depotDistance[$0], $0) < (depotDistance[$1], $1) }
        default:
            for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
        }
        if rng.unit() < 0.5 {
            let groups = order.filter { !model.isRequest[$0] && model.members[$0].count > 1 }
            let others = order.filter { model.isRequest[$0] || model.members[$0].count == 1 }
            order = groups + others
        }
        // Unserved tasks count against the plan while others are inserted.
        plan.unassigned = order
        _ = model.reprice(&plan)
        for t in order {
            plan.unassigned.remove(at: plan.unassigned.firstIndex(of: t)!)
            let placed: Bool
            if model.isRequest[t] { placed = insertRequest(t, &plan) }
            else {
                switch model.members[t].count {
                case 1: placed = insertSingle(t, &plan)
                case 2: placed = insertPair(t, &plan)
                default: placed = insertSequentially(t, &plan)
                }
            }
            if !placed {
                plan.unassigned.append(t)
                _ = model.reprice(&plan)
            }
        }
        return model.reprice(&plan)
    }

    /// Candidate places for visit `v` in every allowed route (except `excluded`), with estimated costs.
    mutating func candidates(_ v: Int, _ plan: CoupledPlan) -> [CoupledSlot] {
        let p = model.p
        var out: [CoupledSlot] = []
        var openedEmptyClass = [Bool](repeating: false, count: p.resourceClassCount)
        for r in 0..<p.resourceCount where p.allowed[p.taskOfNode[v] * p.resourceCount + r] {
            let route = plan.routes[r]
            if route.isEmpty {
                // Empty routes of one class are interchangeable: try one.
                if openedEmptyClass[p.resourceClass[r]] { continue }
                openedEmptyClass[p.resourceClass[r]] = true
            }
            var previousDeparture = p.shiftStart[r], previousLocation = p.startLocation[r]
            for k in p.frozenCount[r]...route.count {
                if k > 0 {
                    let u = route[k - 1]
                    previousDeparture = plan.start[u] + p.service[u]
                    previousLocation = p.location[u]
                }
                if rng.unit() < parameters.blinkRate { continue }
                let nextLocation = k < route.count ? p.location[route[k]] : p.endLocation[r]
                let ready = model.earliestStart(v, previousDeparture + model.travel(r, previousLocation, p.location[v]))
                if ready > model.latest[v] { continue }
                let added = model.distance(r, previousLocation, p.location[v]) + model.distance(r, p.location[v], nextLocation)
                    - model.distance(r, previousLocation, nextLocation)
                var delta = p.costPerDistance[r] * added + model.latenessPrice(v, ready) + p.assignment[p.taskOfNode[v] * p.resourceCount + r]
                if route.isEmpty { delta += p.fixedCost[r] }
                out.append(CoupledSlot(route: r, position: k, ready: ready, delta: delta))
            }
        }
        return out
    }

    /// Estimated cost of starting `v` at `time` in `slot`, pushes on the route included; `nil` if infeasible.
    func estimate(_ v: Int, at time: Int, in slot: CoupledSlot, _ plan: CoupledPlan, worst: inout Int) -> Int? {
        let p = model.p
        let time = model.earliestStart(v, time)
        guard time <= model.latest[v] else { return nil }
        worst = max(worst, time - model.lateAfter[v])
        guard let push = model.pushCost(plan, route: slot.route, from: slot.position, departure: time + p.service[v],
                                        fromLocation: p.location[v], worst: &worst) else { return nil }
        return slot.delta - model.latenessPrice(v, slot.ready) + model.latenessPrice(v, time) + push
    }

    /// Exactly prices `plan` with visits placed as given; returns the total or `nil` if infeasible.
    /// The plan is restored afterwards.
    /// The prices are restored afterwards too where only the changed routes were rescheduled
    /// (no groups); with groups every pricing reschedules the whole plan, so the times left from
    /// the trial are never read.
    func exact(_ placements: [(v: Int, slot: CoupledSlot)], _ plan: inout CoupledPlan) -> Int? {
        for (v, slot) in placements {
            plan.routes[slot.route].insert(v, at: slot.position)
            plan.routeOf[v] = slot.route
        }
        let changed = Self.routes(of: placements)
        let ok = model.schedule(&plan, changed: changed)
        let total = plan.cost.total
        for (v, slot) in placements.reversed() {
            plan.routes[slot.route].remove(at: slot.position)
            plan.routeOf[v] = -1
        }
        if model.groupTasks.isEmpty { _ = model.schedule(&plan, changed: changed) }
        return ok ? total : nil
    }

    func commit(_ placements: [(v: Int, slot: CoupledSlot)], _ plan: inout CoupledPlan) {
        for (v, slot) in placements {
            plan.routes[slot.route].insert(v, at: slot.position)
            plan.routeOf[v] = slot.route
        }
        let ok = model.schedule(&plan, changed: Self.routes(of: placements))
        precondition(ok, "a placement priced as feasible must stay feasible")
    }

    /// The distinct routes of `placements`.
    static func routes(of placements: [(v: Int, slot: CoupledSlot)]) -> [Int] {
        var out: [Int] = []
        for (_, slot) in placements where !out.contains(slot.route) { out.append(slot.route) }
        return out
    }

    // Each insertion starts with the plan priced with the task still counted as unserved (its
    // penalty included): serving it must cost less than that.

    mutating func insertSingle(_ t: Int, _ plan: inout CoupledPlan) -> Bool {
        let base = plan.cost.total
        let v = model.members[t][0]
        let slots = candidates(v, plan)
        var scored: [(cost: Int, slot: CoupledSlot)] = []
        scored.reserveCapacity(slots.count)
        let currentWorst = plan.cost.maxLateness
        for slot in slots {
            var worst = currentWorst
            guard let e = estimate(v, at: slot.ready, in: slot, plan, worst: &worst) else { continue }
            scored.append((e + model.maxLatenessCost * (worst - currentWorst), slot))
        }
        guard !scored.isEmpty else { return false }
        scored.sort { ($0.cost, $0.slot.route, $0.slot.position) < ($1.cost, $1.slot.route, $1.slot.position) }
        var best: (Int, CoupledSlot)?
        var tried = 0
        for (_, slot) in scored {
            if let total = exact([(v, slot)], &plan), best == nil || total < best!.0 { best = (total, slot) }
            tried += 1
            if tried >= 3 && best != nil || tried >= 24 { break }
        }
        // Only where serving it costs less than leaving it out.
        guard let (total, slot) = best, total < base else { return false }
        commit([(v, slot)], &plan)
        return true
    }

    /// A group of two: the best few places of each member, paired across distinct resources with
    /// their starts tied by the gap, priced exactly for the most promising pairs.
    mutating func insertPair(_ t: Int, _ plan: inout CoupledPlan) -> Bool {
        let base = plan.cost.total
        let v0 = model.members[t][0], v1 = model.members[t][1]
        let lo = model.minGap[t], hi = model.maxGap[t]
        var slots = candidates(v0, plan)
        var slotsB = candidates(v1, plan)
        let keep = 12
        func shortlist(_ list: inout [CoupledSlot]) {
            list.sort { ($0.delta, $0.route, $0.position) < ($1.delta, $1.route, $1.position) }
            if list.count > keep { list.removeLast(list.count - keep) }
        }
        shortlist(&slots)
        shortlist(&slotsB)
        let currentWorst = plan.cost.maxLateness
        var pairs: [(cost: Int, a: CoupledSlot, b: CoupledSlot)] = []
        for a in slots {
            for b in slotsB where b.route != a.route {
                let s0 = max(a.ready, b.ready - hi)
                let s1 = max(b.ready, s0 + lo)
                var worst = currentWorst
                guard let ea = estimate(v0, at: s0, in: a, plan, worst: &worst),
                      let eb = estimate(v1, at: s1, in: b, plan, worst: &worst) else { continue }
                pairs.append((ea + eb + model.maxLatenessCost * (worst - currentWorst), a, b))
            }
        }
        guard !pairs.isEmpty else { return insertSequentially(t, &plan, base: base) }
        pairs.sort { ($0.cost, $0.a.route, $0.a.position, $0.b.route, $0.b.position) < ($1.cost, $1.a.route, $1.a.position, $1.b.route, $1.b.position) }
        var best: (Int, CoupledSlot, CoupledSlot)?
        var tried = 0
        for (_, a, b) in pairs {
            if let total = exact([(v0, a), (v1, b)], &plan), best == nil || total < best!.0 { best = (total, a, b) }
            tried += 1
            if tried >= 4 && best != nil || tried >= 32 { break }
        }
        guard let (total, a, b) = best else { return insertSequentially(t, &plan, base: base) }
        guard total < base else { return false }
        commit([(v0, a), (v1, b)], &plan)
        return true
    }

    /// A request: its pickup at each place of each allowed route and its delivery at each later
    /// place of that route, estimated by the added distance plus the delays the pickup pushes onto
    /// the route, with places the delivery cannot reach in its window or within the ride time
    /// skipped; the most promising are priced exactly.
    mutating func insertRequest(_ t: Int, _ plan: inout CoupledPlan) -> Bool {
        let p = model.p
        let base = plan.cost.total
        let u = model.members[t][0], w = model.members[t][1]
        let task = model.compiledTask[t]
        let limit = model.rideLimit[w] >= 0 ? model.rideLimit[w] : Int.max / 4
        var pairs: [(cost: Int, a: CoupledSlot, b: CoupledSlot)] = []
        for a in candidates(u, plan) {
            var worst = plan.cost.maxLateness
            guard let pickupCost = estimate(u, at: a.ready, in: a, plan, worst: &worst) else { continue }
            let r = a.route, route = plan.routes[r], i = a.position
            let pickupEnd = model.earliestStart(u, a.ready) + p.service[u]
            let pushed = pickupCost - a.delta + model.maxLatenessCost * (worst - plan.cost.maxLateness)
            func location(_ k: Int) -> Int { k < route.count ? p.location[route[k]] : p.endLocation[r] }
            let before = i == 0 ? p.startLocation[r] : p.location[route[i - 1]]
            // What every pair with this pickup place costs besides the added distance.
            let fixedPart = p.assignment[task * p.resourceCount + r] + (route.isEmpty ? p.fixedCost[r] : 0) + pushed
            // Delivery straight after the pickup.
            let ride = model.travel(r, p.location[u], p.location[w])
            if ride <= limit, model.earliestStart(w, pickupEnd + ride) <= model.latest[w] {
                let added = model.distance(r, before, p.location[u]) + model.distance(r, p.location[u], p.location[w])
                    + model.distance(r, p.location[w], location(i)) - model.distance(r, before, location(i))
                pairs.append((fixedPart + p.costPerDistance[r] * added, a, CoupledSlot(route: r, position: i + 1, ready: pickupEnd + ride, delta: 0)))
            }
            // Delivery after the stops from i to j - 1: the ride is at least the path through them.
            let pickupAdded = p.costPerDistance[r] * (model.distance(r, before, p.location[u]) + model.distance(r, p.location[u], location(i))
                - model.distance(r, before, location(i)))
            var path = model.travel(r, p.location[u], location(i))
            for j in stride(from: i + 1, through: route.count, by: 1) {
                let previous = route[j - 1]
                let ready = plan.start[previous] + p.service[previous] + model.travel(r, p.location[previous], p.location[w])
                if model.earliestStart(w, ready) > model.latest[w] { break }
                if path + p.service[previous] + model.travel(r, p.location[previous], p.location[w]) > limit { break }
                if j < route.count { path += p.service[previous] + model.travel(r, p.location[previous], p.location[route[j]]) }
                let added = model.distance(r, p.location[previous], p.location[w]) + model.distance(r, p.location[w], location(j))
                    - model.distance(r, p.location[previous], location(j))
                pairs.append((fixedPart + pickupAdded + p.costPerDistance[r] * added, a, CoupledSlot(route: r, position: j + 1, ready: ready, delta: 0)))
            }
        }
        guard !pairs.isEmpty else { return false }
        pairs.sort { ($0.cost, $0.a.route, $0.a.position, $0.b.position) < ($1.cost, $1.a.route, $1.a.position, $1.b.position) }
        var best: (Int, CoupledSlot, CoupledSlot)?
        var tried = 0
        for (_, a, b) in pairs {
            if let total = exact([(u, a), (w, b)], &plan), best == nil || total < best!.0 { best = (total, a, b) }
            tried += 1
            if tried >= 4 && best != nil || tried >= 32 { break }
        }
        guard let (total, a, b) = best, total < base else { return false }
        commit([(u, a), (w, b)], &plan)
        return true
    }

    /// Members one at a time, each on a resource the group does not use yet, priced exactly;
    /// undone unless serving the group costs less than leaving it out.
    mutating func insertSequentially(_ t: Int, _ plan: inout CoupledPlan, base: Int? = nil) -> Bool {
        let limit = base ?? plan.cost.total
        var placed: [Int] = []
        func undo(_ plan: inout CoupledPlan) -> Bool {
            for u in placed {
                let r = plan.routeOf[u]
                plan.routes[r].remove(at: plan.routes[r].firstIndex(of: u)!)
                plan.routeOf[u] = -1
            }
            _ = model.schedule(&plan)
            return false
        }
        for v in model.members[t] {
            let slots = candidates(v, plan)
            let used = placed.map { plan.routeOf[$0] }
            var best: (Int, CoupledSlot)?
            for slot in slots where !used.contains(slot.route) {
                if let total = exact([(v, slot)], &plan), best == nil || total < best!.0 { best = (total, slot) }
            }
            guard let (_, slot) = best else { return undo(&plan) }
            commit([(v, slot)], &plan)
            placed.append(v)
        }
        return plan.cost.total < limit ? true : undo(&plan)
    }
}

extension RoutingSolution {
    /// The answer for a coupled plan: each route leaves as late as keeps its first start, stops
    /// start at the plan's least schedule.
    init(coupled plan: CoupledPlan, model: CoupledModel, iterations: Int) {
        let p = model.p
        var routes: [Route] = []
        for r in 0..<p.resourceCount where !plan.routes[r].isEmpty {
            let stops = plan.routes[r]
            let departure = plan.departure[r]
            let taken = model.breaks[r].indices.filter { plan.breakStart[r][$0] >= 0 }.map { b in
                TakenBreak(index: b, afterSteps: plan.breakAfter[r][b], start: plan.breakStart[r][b],
                           end: plan.breakStart[r][b] + model.breaks[r][b].duration)
            }
            var load = (0..<p.dims).map { d in stops.reduce(0) { $0 + p.startLoad[$1 * p.dims + d] } }
            var steps: [Step] = []
            var time = departure, location = p.startLocation[r], distance = 0
            for (k, v) in stops.enumerated() {
                for d in 0..<p.dims { load[d] += p.loadDelta[v * p.dims + d] }
                for b in taken where b.afterSteps == k { time = b.end }
                let arrival = time + model.travel(r, location, p.location[v])
                distance += model.distance(r, location, p.location[v])
                let kind: StopKind = p.partner[v] < 0 ? .visit : (p.partner[v] > v ? .pickup : .delivery)
                steps.append(Step(kind: kind, task: kind == .visit ? v : p.taskOfNode[v] - p.visitCount, location: p.location[v],
                                  arrival: arrival, start: plan.start[v], departure: plan.start[v] + p.service[v], load: load))
                time = plan.start[v] + p.service[v]
                location = p.location[v]
            }
            for b in taken where b.afterSteps == stops.count { time = b.end }
            let end = time + model.travel(r, location, p.endLocation[r])
            distance += model.distance(r, location, p.endLocation[r])
            let cost = p.fixedCost[r] + p.costPerDistance[r] * distance + p.costPerDuration[r] * (end - departure)
                + p.overtimeCost(r, end - departure)
            routes.append(Route(resource: r, start: departure, end: end, steps: steps, distance: distance, duration: end - departure, cost: cost,
                                breaks: taken))
        }
        let c = plan.cost
        let breakdown = CostBreakdown(
            fixed: c.fixed, distance: c.distance, duration: c.duration, overtime: c.overtime, unassigned: c.unassigned,
            lateness: model.latenessCost * c.lateness, maxLateness: model.maxLatenessCost * c.maxLateness, total: c.total)
        var unassigned: [Unassigned] = []
        for t in plan.unassigned.sorted() {
            if model.isRequest[t] { unassigned.append(Self.explain(coupledRequest: t, model: model, plan: plan)); continue }
            for v in model.members[t] { unassigned.append(Self.explain(coupledTask: t, visit: v, model: model, plan: plan)) }
        }
        unassigned.sort { ($0.kind == "request" ? 1 : 0, $0.task) < ($1.kind == "request" ? 1 : 0, $1.task) }
        self.init(routes: routes, unassigned: unassigned, cost: breakdown, iterations: iterations)
        priceAssignments(p)
    }

    /// Why an unserved visit of the coupled model is unserved: no resource allowed, no set of
    /// distinct resources for its group, its window or the shift alone, or no room in this plan.
    /// The relaxation looks at the visit's own window and the shift end at each place of the
    /// plan (delays it would push onto later stops are not counted), or at one more resource.
    static func explain(coupledTask t: Int, visit v: Int, model: CoupledModel, plan: CoupledPlan) -> Unassigned {
        let p = model.p
        let allowed = (0..<p.resourceCount).filter { p.allowed[v * p.resourceCount + $0] }
        if allowed.isEmpty {
            return Unassigned(kind: "visit", task: v, code: "skills", feasibleAlone: [], relaxations: p.resourceRelaxation(task: v))
        }
        var alone: [Int] = []
        for r in allowed {
            var single = CoupledPlan(model: model)
            single.routes[r].append(v)
            single.routeOf[v] = r
            single.unassigned.removeAll()
            if model.schedule(&single) { alone.append(r) }
        }
        let members = model.members[t]
        if alone.isEmpty {
            let u = v
            let overCapacity = allowed.allSatisfy { r in
                (0..<p.dims).contains { d in p.startLoad[u * p.dims + d] + abs(p.loadDelta[u * p.dims + d]) > p.capacity[r * p.dims + d] }
            }
            let outsideShift = allowed.allSatisfy { r in model.latest[u] < p.shiftStart[r] || p.early[u] > p.shiftEnd[r] }
            return Unassigned(kind: "visit", task: v, code: overCapacity ? "capacity" : (outsideShift ? "shift" : "timeWindow"), feasibleAlone: [],
                              relaxations: overCapacity ? nil : leastTimeViolation(v, allowed, model, CoupledPlan(model: model)))
        }
        if members.count > 1 && !Self.distinctResourcesExist(members.map { m in (0..<p.resourceCount).filter { p.allowed[m * p.resourceCount + $0] } }) {
            return Unassigned(kind: "visit", task: v, code: "group", feasibleAlone: alone,
                              relaxations: [Relaxation(constraint: "resources", resource: alone[0], amount: 1)])
        }
        var relaxations = leastTimeViolation(v, allowed, model, plan)
        if relaxations == nil || relaxations!.reduce(0, { $0 + $1.amount }) > 3600 {
            relaxations = [Relaxation(constraint: "resources", resource: alone[0], amount: 1)]
        }
        return Unassigned(kind: "visit", task: v, code: "noRoom", feasibleAlone: alone, relaxations: relaxations)
    }

    /// Why an unserved request of the coupled model is unserved: no resource allowed, over every
    /// allowed resource's capacity, a direct ride longer than its limit, its windows or the shift
    /// alone, or no room in this plan (one more resource like one that could serve it alone).
    static func explain(coupledRequest t: Int, model: CoupledModel, plan: CoupledPlan) -> Unassigned {
        let p = model.p
        let task = model.compiledTask[t], index = task - p.visitCount
        let u = model.members[t][0], w = model.members[t][1]
        let allowed = (0..<p.resourceCount).filter { p.allowed[task * p.resourceCount + $0] }
        if allowed.isEmpty {
            return Unassigned(kind: "request", task: index, code: "skills", feasibleAlone: [], relaxations: p.resourceRelaxation(task: task))
        }
        var alone: [Int] = []
        for r in allowed {
            var single = CoupledPlan(model: model)
            single.routes[r] += [u, w]
            single.routeOf[u] = r; single.routeOf[w] = r
            single.unassigned.removeAll()
            if model.schedule(&single) { alone.append(r) }
        }
        if !alone.isEmpty {
            return Unassigned(kind: "request", task: index, code: "noRoom", feasibleAlone: alone,
                              relaxations: [Relaxation(constraint: "resources", resource: alone[0], amount: 1)])
        }
        // Capacity, when the load exceeds every allowed resource: the smallest excess.
        var excess: (amount: Int, resource: Int, dimension: Int)?
        var everyOver = true
        for r in allowed {
            var over = false
            for d in 0..<p.dims where p.loadDelta[u * p.dims + d] > p.capacity[r * p.dims + d] {
                over = true
                let amount = p.loadDelta[u * p.dims + d] - p.capacity[r * p.dims + d]
                if excess == nil || amount < excess!.amount { excess = (amount, r, d) }
            }
            everyOver = everyOver && over
        }
        if everyOver, let excess {
            return Unassigned(kind: "request", task: index, code: "capacity", feasibleAlone: [],
                              relaxations: [Relaxation(constraint: "capacity", resource: excess.resource, amount: excess.amount, dimension: excess.dimension)])
        }
        if model.rideLimit[w] >= 0 {
            let shortest = allowed.map { (model.travel($0, p.location[u], p.location[w]), $0) }.min { $0 < $1 }!
            if shortest.0 > model.rideLimit[w] {
                return Unassigned(kind: "request", task: index, code: "rideTime", feasibleAlone: [],
                                  relaxations: [Relaxation(constraint: "rideTime", resource: shortest.1, amount: shortest.0 - model.rideLimit[w])])
            }
        }
        let outsideShift = allowed.allSatisfy { r in
            [u, w].contains { model.latest[$0] < p.shiftStart[r] || p.early[$0] > p.shiftEnd[r] }
        }
        return Unassigned(kind: "request", task: index, code: outsideShift ? "shift" : "timeWindow", feasibleAlone: [],
                          relaxations: leastTimeViolation(u, allowed, model, CoupledPlan(model: model)))
    }

    /// The place in `plan` where `v` would start least past its last window and its route end
    /// least past the shift (knock-on delays not counted); `nil` if there is no such place.
    static func leastTimeViolation(_ v: Int, _ resources: [Int], _ model: CoupledModel, _ plan: CoupledPlan) -> [Relaxation]? {
        let p = model.p
        var best: (Int, [Relaxation])?
        for r in resources {
            let route = plan.routes[r]
            for k in p.frozenCount[r]...route.count {
                let previousDeparture = k == 0 ? p.shiftStart[r] : plan.start[route[k - 1]] + p.service[route[k - 1]]
                let previousLocation = k == 0 ? p.startLocation[r] : p.location[route[k - 1]]
                let start = model.earliestStart(v, previousDeparture + model.travel(r, previousLocation, p.location[v]))
                var out: [Relaxation] = []
                if start > model.latest[v] { out.append(Relaxation(constraint: "timeWindow", resource: r, amount: start - model.latest[v], position: k)) }
                let end = k == route.count ? start + p.service[v] + model.travel(r, p.location[v], p.endLocation[r]) : plan.end[r]
                if end > p.shiftEnd[r] { out.append(Relaxation(constraint: "shift", resource: r, amount: end - p.shiftEnd[r], position: k)) }
                let size = out.reduce(0) { $0 + $1.amount }
                if !out.isEmpty && (best == nil || size < best!.0) { best = (size, out) }
            }
        }
        return best?.1
    }

    /// Whether every member can get its own resource (bipartite matching by augmenting paths).
    static func distinctResourcesExist(_ options: [[Int]]) -> Bool {
        var owner: [Int: Int] = [:]
        func augment(_ m: Int, _ seen: inout Set<Int>) -> Bool {
            for r in options[m] where !seen.contains(r) {
                seen.insert(r)
                if owner[r] == nil || augment(owner[r]!, &seen) { owner[r] = m; return true }
            }
            return false
        }
        for m in options.indices {
            var seen = Set<Int>()
            if !augment(m, &seen) { return false }
        }
        return true
    }
}
