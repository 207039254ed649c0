import Synchronization

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
    /// Per route: a stamp that changes whenever the route does, never handed out twice in the
    /// process (``RouteSet/nextVersion()``): two routes with the same stamp, in this set or in
    /// any copy of it, have the same stops. Moves remembered as tried or fruitless are tried again
    /// once a route they involve has another stamp.
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
        let leg = problem.legs[profile][a.lastLocation * problem.locationCount + b.firstLocation]
        return TimeSegment.merge(a, b, travel: Int(leg.travel), metres: Int(leg.metres))
    }

    /// ``merge(_:_:profile:)`` where `b` starts at the same place across many calls (the node
    /// being inserted) and `a` ends at a different one each time: on a symmetric profile the leg
    /// is read from `b`'s row, which stays in cache, instead of from a row per call.
    @inline(__always)
    func mergeInto(_ a: TimeSegment, _ b: TimeSegment, profile: Int) -> TimeSegment {
        let n = problem.locationCount
        let leg = problem.legs[profile][problem.symmetric[profile] ? b.firstLocation * n + a.lastLocation : a.lastLocation * n + b.firstLocation]
        return TimeSegment.merge(a, b, travel: Int(leg.travel), metres: Int(leg.metres))
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
            + problem.overtimeCost(r, full.duration, end: full.earliest + full.duration - full.timeWarp) + penalty
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
        version[r] = Self.nextVersion()
        var pre = [TimeSegment](), suf = [TimeSegment](), preLoad = [LoadSegment](), sufLoad = [LoadSegment]()
        pre.reserveCapacity(n + 1)
        suf.reserveCapacity(n + 1)
        preLoad.reserveCapacity((n + 1) * dims)
        sufLoad.reserveCapacity((n + 1) * dims)
        fillSegments(of: route, resource: r, prefix: &pre, suffix: &suf, prefixLoad: &preLoad, suffixLoad: &sufLoad)
        var tails = [TimeSegment](repeating: endSegment(r), count: n)
        if n > 0 {
            var t = nodeSegment(route[n - 1])
            tails[n - 1] = t
            for i in stride(from: n - 2, through: 0, by: -1) {
                t = merge(nodeSegment(route[i]), t, profile: profile)
                tails[i] = t
            }
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
}

/// The last route version stamp handed out in this process.
private let versionStamps = Atomic<Int>(0)

extension RouteSet {
    /// A route version stamp never handed out before in this process.
    @inline(__always)
    static func nextVersion() -> Int { versionStamps.wrappingAdd(1, ordering: .relaxed).newValue }
}
