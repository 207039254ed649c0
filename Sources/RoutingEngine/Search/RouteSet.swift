/// Prices of breaking a hard rule in a penalised local search (per unit of time warp or time over
/// the working limit, and per unit of load over capacity in any dimension), adapted as the search
/// runs so that about the target share of its outputs are feasible.
struct PenaltyWeights: Equatable {
    var timeWarp: Int
    var load: Int
}

/// The search's mutable solution: one route per resource (possibly empty), with prefix and suffix
/// segment caches so that any insertion is priced and checked in O(1).
///
/// `prefix[r][i]` summarises the start depot and the first `i` stops; `suffix[r][i]` the stops from
/// position `i` and the end depot. Loads are stored per dimension in the same layout.
struct RouteSet {
    let problem: CompiledProblem
    var nodes: [[Int]]
    var prefix: [[TimeSegment]]
    var suffix: [[TimeSegment]]
    var prefixLoad: [[LoadSegment]]
    var suffixLoad: [[LoadSegment]]
    /// Per route: the routing cost plus `routeAssignment`.
    var routeCost: [Int]
    /// Per route: preference and stability costs of its tasks.
    var routeAssignment: [Int]
    var routeOf: [Int]
    var positionOf: [Int]
    /// Unserved tasks, in the order they became unserved.
    var unassigned: [Int]
    /// Resources that may not open a new route (fleet minimisation).
    var closed: [Bool]
    /// Whether a route carries a request with a maximum ride time (insertions need the exact check).
    var rideLimited: [Bool]
    /// `tail[r][i]`: the stops from position `i` to the end, without the end depot (`i < n`).
    var tail: [[TimeSegment]]
    /// `crossing[r][i]`: cutting the route before position `i` would split a request.
    var crossing: [[Bool]]
    /// Per route: how many times it was refreshed (route moves skip pairs unchanged since tried).
    var version: [Int]
    /// In a penalised local search, the prices of time warp and excess load: routes may then
    /// break windows, the shift, the working time and capacity at these prices instead of being
    /// refused. `nil` (the default) keeps every rule hard.
    private(set) var weights: PenaltyWeights?

    init(problem: CompiledProblem) {
        self.problem = problem
        let r = problem.resourceCount
        nodes = Array(repeating: [], count: r)
        prefix = Array(repeating: [], count: r)
        suffix = Array(repeating: [], count: r)
        prefixLoad = Array(repeating: [], count: r)
        suffixLoad = Array(repeating: [], count: r)
        routeCost = Array(repeating: 0, count: r)
        routeAssignment = Array(repeating: 0, count: r)
        routeOf = Array(repeating: -1, count: problem.nodeCount)
        positionOf = Array(repeating: -1, count: problem.nodeCount)
        // Frozen prefixes (and the deliveries still owed for their pickups) open their routes.
        unassigned = (0..<problem.taskCount).filter { !problem.locked[$0] }
        closed = Array(repeating: false, count: r)
        rideLimited = Array(repeating: false, count: r)
        tail = Array(repeating: [], count: r)
        crossing = Array(repeating: [], count: r)
        version = Array(repeating: 0, count: r)
        weights = nil
        for resource in 0..<r {
            nodes[resource] = problem.frozenNodes[resource] + problem.openDeliveries[resource]
            refresh(resource)
        }
    }

    /// Whether the search may move node `u` (its task has no frozen stop).
    @inline(__always)
    func movable(_ u: Int) -> Bool { !problem.locked[problem.taskOfNode[u]] }

    /// Assignment cost (preference and stability) of the given stops on resource `r`.
    func assignmentCost(of stops: ArraySlice<Int>, on r: Int) -> Int {
        guard problem.hasAssignmentCost else { return 0 }
        var total = 0
        for u in stops where problem.partner[u] < u { total += problem.assignment[problem.taskOfNode[u] * problem.resourceCount + r] }
        return total
    }

    // MARK: Segments

    @inline(__always)
    func startSegment(_ r: Int) -> TimeSegment {
        TimeSegment(location: problem.startLocation[r], early: problem.shiftStart[r], late: problem.shiftEnd[r], service: 0)
    }

    @inline(__always)
    func endSegment(_ r: Int) -> TimeSegment {
        TimeSegment(location: problem.endLocation[r], early: problem.shiftStart[r], late: problem.shiftEnd[r], service: 0)
    }

    @inline(__always)
    func nodeSegment(_ u: Int) -> TimeSegment {
        TimeSegment(location: problem.location[u], early: problem.early[u], late: problem.late[u], service: problem.service[u])
    }

    @inline(__always)
    func nodeLoad(_ u: Int, _ d: Int) -> LoadSegment {
        let delta = problem.loadDelta[u * problem.dims + d]
        return LoadSegment(fromStart: problem.startLoad[u * problem.dims + d], delta: delta, peak: max(0, delta))
    }

    @inline(__always)
    func merge(_ a: TimeSegment, _ b: TimeSegment, profile: Int) -> TimeSegment {
        let index = a.lastLocation * problem.locationCount + b.firstLocation
        return TimeSegment.merge(a, b, travel: problem.durations[profile][index], metres: problem.distances[profile][index])
    }

    /// Cost of a route summarised by `full` with `count` stops, or `nil` if it breaks a hard rule.
    /// In penalised mode, time warp and time over the working limit are priced instead.
    @inline(__always)
    func cost(resource r: Int, full: TimeSegment, count: Int) -> Int? {
        if count == 0 { return 0 }
        var penalty = 0
        if full.timeWarp > 0 || full.duration > problem.maxDuration[r] {
            guard let weights else { return nil }
            penalty = weights.timeWarp * (full.timeWarp + max(0, full.duration - problem.maxDuration[r]))
        }
        return problem.fixedCost[r] + problem.costPerDistance[r] * full.distance + problem.costPerDuration[r] * full.duration
            + problem.overtimeCost(r, full.duration) + penalty
    }

    /// The price of carrying `maxLoad` at most in dimension `d` on resource `r`: 0 within
    /// capacity; over it, `nil` (a hard rule) or, in penalised mode, the excess at its price.
    @inline(__always)
    func loadPrice(_ maxLoad: Int, resource r: Int, dimension d: Int) -> Int? {
        let excess = maxLoad - problem.capacity[r * problem.dims + d]
        if excess <= 0 { return 0 }
        guard let weights else { return nil }
        return weights.load * excess
    }

    /// In penalised mode, the price of route `r`'s load over capacity (0 in hard mode).
    @inline(__always)
    func loadPenalty(_ r: Int) -> Int {
        guard weights != nil else { return 0 }
        let n = nodes[r].count, dims = problem.dims
        var total = 0
        for d in 0..<dims { total += loadPrice(prefixLoad[r][n * dims + d].maxLoad, resource: r, dimension: d) ?? 0 }
        return total
    }

    /// Which kinds of hard rule the routes break: time (windows, shift, working time) and load.
    func violations() -> (time: Bool, load: Bool) {
        var time = false, load = false
        for r in 0..<problem.resourceCount where !nodes[r].isEmpty {
            let n = nodes[r].count
            let full = merge(prefix[r][n], endSegment(r), profile: problem.profile[r])
            if full.timeWarp > 0 || full.duration > problem.maxDuration[r] { time = true }
            for d in 0..<problem.dims where prefixLoad[r][n * problem.dims + d].maxLoad > problem.capacity[r * problem.dims + d] { load = true }
        }
        return (time, load)
    }

    /// Switches penalised mode on (with these prices) or off (`nil`) and prices every route again.
    mutating func setWeights(_ weights: PenaltyWeights?) {
        self.weights = weights
        for r in 0..<problem.resourceCount { refresh(r) }
    }

    /// Whether every route keeps every hard rule.
    var isFeasible: Bool { (0..<problem.resourceCount).allSatisfy { isFeasible($0) } }

    /// Rebuilds the caches and cost of route `r` after its stops changed.
    mutating func refresh(_ r: Int) {
        let route = nodes[r], n = route.count, dims = problem.dims, profile = problem.profile[r]
        version[r] &+= 1
        var pre = [TimeSegment](), suf = [TimeSegment](repeating: startSegment(r), count: n + 1)
        pre.reserveCapacity(n + 1)
        var current = startSegment(r)
        pre.append(current)
        for u in route {
            current = merge(current, nodeSegment(u), profile: profile)
            pre.append(current)
        }
        var back = endSegment(r)
        suf[n] = back
        var tails = [TimeSegment](repeating: back, count: n)
        if n > 0 {
            var t = nodeSegment(route[n - 1])
            tails[n - 1] = t
            for i in stride(from: n - 2, through: 0, by: -1) {
                t = merge(nodeSegment(route[i]), t, profile: profile)
                tails[i] = t
            }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            back = merge(nodeSegment(route[i]), back, profile: profile)
            suf[i] = back
        }
        tail[r] = tails
        var cross = [Bool](repeating: false, count: n + 1)
        var open = 0
        for (position, u) in route.enumerated() {
            cross[position] = open > 0
            let sign = problem.loadDeltaSign(u)
            if sign > 0 { open += 1 } else if sign < 0 { open -= 1 }
        }
        crossing[r] = cross
        var preLoad = [LoadSegment](repeating: .empty, count: (n + 1) * dims)
        var sufLoad = [LoadSegment](repeating: .empty, count: (n + 1) * dims)
        for d in 0..<dims {
            for i in 0..<n { preLoad[(i + 1) * dims + d] = LoadSegment.merge(preLoad[i * dims + d], nodeLoad(route[i], d)) }
            for i in stride(from: n - 1, through: 0, by: -1) {
                sufLoad[i * dims + d] = LoadSegment.merge(nodeLoad(route[i], d), sufLoad[(i + 1) * dims + d])
            }
        }
        prefix[r] = pre
        suffix[r] = suf
        prefixLoad[r] = preLoad
        suffixLoad[r] = sufLoad
        var limited = false
        for (position, u) in route.enumerated() {
            routeOf[u] = r
            positionOf[u] = position
            if problem.maxRide[problem.taskOfNode[u]] != Int.max { limited = true }
        }
        rideLimited[r] = limited
        let full = merge(pre[n], endSegment(r), profile: profile)
        // A route that became infeasible (only through evaluate-only input) keeps a visible cost.
        routeAssignment[r] = assignmentCost(of: route[...], on: r)
        routeCost[r] = (cost(resource: r, full: full, count: n) ?? Int.max / 8) + routeAssignment[r] + loadPenalty(r)
    }

    /// Sum of route costs plus penalties of unserved tasks.
    var totalCost: Int {
        var total = 0
        for c in routeCost { total += c }
        for t in unassigned { total += problem.penalty[t] }
        return total
    }

    /// Number of non-empty routes.
    var usedRoutes: Int { nodes.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }

    // MARK: Insertion

    /// The cheapest feasible way to insert `task` into route `r`: the cost increase and positions
    /// (for a request, the pickup goes before the stop at `first`, the delivery before the stop at
    /// `second` of the original route, `second >= first`). With `blinkRate` > 0 each candidate is skipped with that probability (SISR blinks).
    /// Hard rules only: not for a set in penalised mode.
    func bestInsertion(task: Int, route r: Int, blinkRate: Double = 0, rng: inout EngineRandom) -> (delta: Int, first: Int, second: Int)? {
        assert(weights == nil, "insertion prices hard rules only")
        let p = problem
        if !p.allowed[task * p.resourceCount + r] { return nil }
        let n = nodes[r].count
        if n == 0 && closed[r] { return nil }
        let dims = p.dims, profile = p.profile[r], base = routeCost[r] - p.assignment[task * p.resourceCount + r] - routeAssignment[r]
        let frozen = p.frozenCount[r]
        let preLoad = prefixLoad[r], sufLoad = suffixLoad[r], pre = prefix[r], suf = suffix[r]
        var best: (delta: Int, first: Int, second: Int)?
        let u = p.firstNode[task]
        if !p.isRequest[task] {
            let segment = nodeSegment(u)
            for i in frozen...n {
                if blinkRate > 0 && rng.unit() < blinkRate { continue }
                let full = merge(merge(pre[i], segment, profile: profile), suf[i], profile: profile)
                guard let cost = cost(resource: r, full: full, count: n + 1) else { continue }
                var fits = true
                for d in 0..<dims {
                    let load = LoadSegment.merge(LoadSegment.merge(preLoad[i * dims + d], nodeLoad(u, d)), sufLoad[i * dims + d])
                    if load.maxLoad > p.capacity[r * dims + d] { fits = false; break }
                }
                if fits && rideLimited[r] && (best == nil || cost - base < best!.delta) {
                    var stops = nodes[r]
                    stops.insert(u, at: i)
                    fits = RideTime.feasible(problem: p, resource: r, stops: stops)
                }
                if fits, best == nil || cost - base < best!.delta { best = (cost - base, i, i) }
            }
            return best
        }
        let v = u + 1
        let pickup = nodeSegment(u), delivery = nodeSegment(v)
        let route = nodes[r]
        var loads = [LoadSegment](repeating: .empty, count: dims)
        let rideLimit = p.maxRide[task], rideServices = p.service[u] + p.service[v]
        for i in frozen...n {
            var head = merge(pre[i], pickup, profile: profile)
            if head.timeWarp > 0 { continue }
            for d in 0..<dims { loads[d] = LoadSegment.merge(preLoad[i * dims + d], nodeLoad(u, d)) }
            // The stretch from pickup to delivery: its minimal duration bounds the ride from below,
            // and only grows as the delivery moves later.
            var stretch = pickup
            var j = i
            while true {
                if rideLimit != Int.max && merge(stretch, delivery, profile: profile).duration - rideServices > rideLimit { break }
                if !(blinkRate > 0 && rng.unit() < blinkRate) {
                    let full = merge(merge(head, delivery, profile: profile), suf[j], profile: profile)
                    if let cost = cost(resource: r, full: full, count: n + 2) {
                        var fits = true
                        for d in 0..<dims {
                            let load = LoadSegment.merge(LoadSegment.merge(loads[d], nodeLoad(v, d)), sufLoad[j * dims + d])
                            if load.maxLoad > p.capacity[r * dims + d] { fits = false; break }
                        }
                        if fits && (p.maxRide[task] != Int.max || rideLimited[r]) && (best == nil || cost - base < best!.delta) {
                            fits = rideTimeFits(route: r, inserting: u, at: i, and: v, at: j)
                        }
                        if fits, best == nil || cost - base < best!.delta { best = (cost - base, i, j) }
                    }
                }
                if j == n { break }
                head = merge(head, nodeSegment(route[j]), profile: profile)
                if head.timeWarp > 0 { break }
                if rideLimit != Int.max { stretch = merge(stretch, nodeSegment(route[j]), profile: profile) }
                // Extending the stretch between pickup and delivery only raises its peak: once the
                // load there exceeds capacity, no later delivery position can help.
                var overfull = false
                for d in 0..<dims {
                    loads[d] = LoadSegment.merge(loads[d], nodeLoad(route[j], d))
                    if routeStartLoad(r, d) + loads[d].peak > p.capacity[r * dims + d] { overfull = true }
                }
                if overfull { break }
                j += 1
            }
        }
        return best
    }

    /// What the route carries from its start in dimension `d` (the deliveries of its visits).
    @inline(__always)
    func routeStartLoad(_ r: Int, _ d: Int) -> Int {
        let n = nodes[r].count
        return prefixLoad[r][n * problem.dims + d].fromStart
    }

    /// Loads a plan stop by stop, keeping each stop only if the route stays feasible (a request
    /// only if its pickup and delivery both fit); everything else stays unserved.
    mutating func load(_ plan: [PlanEvaluator.PlannedRoute]) {
        var seenTask = [Bool](repeating: false, count: problem.taskCount)
        for route in plan where (0..<problem.resourceCount).contains(route.resource)
            && nodes[route.resource].count == problem.frozenCount[route.resource] + problem.openDeliveries[route.resource].count
        {
            let r = route.resource
            for stop in route.stops {
                let task = stop.kind == .visit ? stop.task : problem.visitCount + stop.task
                guard task < problem.taskCount, !problem.locked[task], !seenTask[task] || stop.kind == .delivery else { continue }
                guard problem.allowed[task * problem.resourceCount + r] else { continue }
                let u = problem.firstNode[task]
                switch stop.kind {
                case .visit, .pickup:
                    seenTask[task] = true
                    nodes[r].append(u)
                    if stop.kind == .pickup { continue }  // judged together with its delivery
                case .delivery:
                    guard nodes[r].contains(u) else { continue }
                    nodes[r].append(u + 1)
                }
                refresh(r)
                if !isFeasible(r) {
                    nodes[r].removeAll { problem.taskOfNode[$0] == task }
                    refresh(r)
                } else if let index = unassigned.firstIndex(of: task) {
                    unassigned.remove(at: index)
                }
            }
            // A pickup whose delivery never came is dropped.
            let dangling = nodes[r].filter { problem.partner[$0] >= 0 && !nodes[r].contains(problem.partner[$0]) }
            if !dangling.isEmpty {
                nodes[r].removeAll { dangling.contains($0) }
                refresh(r)
            }
        }
    }

    /// Whether route `r` keeps every hard rule (windows, shift, duration, capacity, ride times).
    func isFeasible(_ r: Int) -> Bool {
        let n = nodes[r].count, dims = problem.dims
        if n == 0 { return true }
        let full = merge(prefix[r][n], endSegment(r), profile: problem.profile[r])
        if full.timeWarp > 0 || full.duration > problem.maxDuration[r] { return false }
        for d in 0..<dims where prefixLoad[r][n * dims + d].maxLoad > problem.capacity[r * dims + d] { return false }
        if rideLimited[r] && !RideTime.feasible(problem: problem, resource: r, stops: nodes[r]) { return false }
        return true
    }

    /// Inserts `task` into route `r` at the positions `bestInsertion` returned.
    mutating func insert(task: Int, route r: Int, first: Int, second: Int) {
        let u = problem.firstNode[task]
        if problem.isRequest[task] {
            nodes[r].insert(u + 1, at: second)
            nodes[r].insert(u, at: first)
        } else {
            nodes[r].insert(u, at: first)
        }
        if let index = unassigned.firstIndex(of: task) { unassigned.remove(at: index) }
        refresh(r)
    }

    /// Removes the given nodes' tasks (both nodes of a request) from their routes; refreshes each
    /// changed route once and appends the tasks to `unassigned`. Returns the tasks removed.
    @discardableResult
    mutating func remove(tasks: [Int]) -> [Int] {
        var touched: [Int] = []
        var removed: [Int] = []
        for task in tasks where !problem.locked[task] {
            let u = problem.firstNode[task]
            let r = routeOf[u]
            guard r >= 0 else { continue }
            nodes[r].removeAll { problem.taskOfNode[$0] == task }
            routeOf[u] = -1
            positionOf[u] = -1
            if problem.isRequest[task] {
                routeOf[u + 1] = -1
                positionOf[u + 1] = -1
            }
            if !touched.contains(r) { touched.append(r) }
            removed.append(task)
            unassigned.append(task)
        }
        for r in touched { refresh(r) }
        return removed
    }

    /// Exact ride-time check for a request inserted at the given positions: schedules the route
    /// with the latest feasible departure (forward slack) and measures each request's ride.
    func rideTimeFits(route r: Int, inserting u: Int, at i: Int, and v: Int, at j: Int) -> Bool {
        var stops = nodes[r]
        stops.insert(v, at: j)
        stops.insert(u, at: i)
        return RideTime.feasible(problem: problem, resource: r, stops: stops)
    }
}
