/// Stages two and three of the explanation of an unserved task: at its best place (the place
/// that breaks the fewest rules by the least), which rules break and by how much, and so the
/// cheapest relaxation that would admit it there.
extension RoutingSolution {
    /// One change to the problem that would let a task in.
    public struct Relaxation: Sendable, Codable, Equatable {
        /// What to relax: `timeWindow` (the task's own window closes too early), `windows` (the
        /// windows of stops after it on the route), `shift` (the resource's shift end),
        /// `maxDuration` (its working-time limit), `capacity` (in `dimension`), `rideTime`,
        /// `skills` (skills the resource lacks), `allowedResources` (the task's allow-list,
        /// exclusions or pin), `resources` (one more resource like `resource`), `penalty` (serving
        /// it costs more than leaving it: raise the penalty by `amount`).
        public var constraint: String
        /// The resource concerned.
        public var resource: Int
        /// By how much: time units, load units, missing skills, resources or cost.
        public var amount: Int
        /// Load dimension, for `capacity`.
        public var dimension: Int?
        /// Skill numbers, for `skills`.
        public var skills: [Int]?
        /// Position in the resource's route where the task would go (stops before it).
        public var position: Int?

        /// Creates a relaxation.
        public init(constraint: String, resource: Int, amount: Int, dimension: Int? = nil, skills: [Int]? = nil, position: Int? = nil) {
            self.constraint = constraint
            self.resource = resource
            self.amount = amount
            self.dimension = dimension
            self.skills = skills
            self.position = position
        }
    }
}

/// The rules an insertion breaks and by how much, with a score to compare places: the number of
/// rules broken first, then the size, with time in hours and load as a share of the capacity
/// (so 12 minutes weigh like a fifth of a vehicle).
struct InsertionViolation {
    var relaxations: [RoutingSolution.Relaxation]
    var score: Double

    static func better(_ a: InsertionViolation?, _ b: InsertionViolation) -> Bool {
        guard let a else { return true }
        return (b.relaxations.count, b.score) < (a.relaxations.count, a.score)
    }
}

extension RouteSet {
    /// What breaks when the time segment `full` (with the task's own window relaxed in `relaxed`,
    /// and the stops alone, without the end depot, in `stops`) and the given peak loads are a route of `r`.
    func violation(resource r: Int, position: Int, full: TimeSegment, relaxed: TimeSegment, stops: TimeSegment,
                   peaks: [Int], rideBroken: Bool) -> InsertionViolation
    {
        let p = problem
        var out: [RoutingSolution.Relaxation] = []
        var score = 0.0
        if full.timeWarp > 0 {
            let constraint = relaxed.timeWarp == 0 ? "timeWindow" : (stops.timeWarp == 0 ? "shift" : "windows")
            out.append(.init(constraint: constraint, resource: r, amount: full.timeWarp, position: position))
            score += Double(full.timeWarp) / 3600
        }
        if full.duration > p.maxDuration[r] {
            out.append(.init(constraint: "maxDuration", resource: r, amount: full.duration - p.maxDuration[r], position: position))
            score += Double(full.duration - p.maxDuration[r]) / 3600
        }
        for d in 0..<p.dims where peaks[d] > p.capacity[r * p.dims + d] {
            let excess = peaks[d] - p.capacity[r * p.dims + d]
            out.append(.init(constraint: "capacity", resource: r, amount: excess, dimension: d, position: position))
            score += Double(excess) / Double(max(1, p.capacity[r * p.dims + d]))
        }
        if out.isEmpty && rideBroken {
            out.append(.init(constraint: "rideTime", resource: r, amount: 0, position: position))
            score += 1
        }
        return InsertionViolation(relaxations: out, score: score)
    }

    /// The place in route `r` where `task` breaks the fewest rules by the least (frozen stops
    /// stay first); `nil` if the resource may not serve it at all.
    func leastViolation(task: Int, route r: Int) -> InsertionViolation? {
        let p = problem
        guard p.allowed[task * p.resourceCount + r] else { return nil }
        let n = nodes[r].count, dims = p.dims, profile = p.profile[r]
        let pre = prefix[r], suf = suffix[r], preLoad = prefixLoad[r], sufLoad = suffixLoad[r]
        let u = p.firstNode[task]
        var best: InsertionViolation?
        var peaks = [Int](repeating: 0, count: dims)
        func open(_ segment: TimeSegment) -> TimeSegment {
            var s = segment
            s.latest = Int.max / 4
            return s
        }
        if !p.isRequest[task] {
            let node = nodeSegment(u), loose = open(node)
            for i in p.frozenCount[r]...n {
                let full = merge(merge(pre[i], node, profile: profile), suf[i], profile: profile)
                let relaxed = merge(merge(pre[i], loose, profile: profile), suf[i], profile: profile)
                var stops = merge(pre[i], node, profile: profile)
                if i < n { stops = merge(stops, tail[r][i], profile: profile) }
                for d in 0..<dims {
                    peaks[d] = LoadSegment.merge(LoadSegment.merge(preLoad[i * dims + d], nodeLoad(u, d)), sufLoad[i * dims + d]).maxLoad
                }
                var v = violation(resource: r, position: i, full: full, relaxed: relaxed, stops: stops, peaks: peaks, rideBroken: false)
                // The exact ride-time check counts only where nothing else is broken.
                if v.relaxations.isEmpty && rideLimited[r] {
                    var route = nodes[r]
                    route.insert(u, at: i)
                    if !RideTime.feasible(problem: p, resource: r, stops: route) {
                        v = violation(resource: r, position: i, full: full, relaxed: relaxed, stops: stops, peaks: peaks, rideBroken: true)
                    }
                }
                if InsertionViolation.better(best, v) { best = v }
            }
            return best
        }
        // A request: pickup before position i, delivery before position j ≥ i.
        let v = u + 1
        let pickup = nodeSegment(u), delivery = nodeSegment(v), loosePickup = open(pickup), looseDelivery = open(delivery)
        let route = nodes[r]
        for i in p.frozenCount[r]...n {
            var head = merge(pre[i], pickup, profile: profile), looseHead = merge(pre[i], loosePickup, profile: profile)
            var loads = (0..<dims).map { LoadSegment.merge(preLoad[i * dims + $0], nodeLoad(u, $0)) }
            for j in i...n {
                if j > i {
                    head = merge(head, nodeSegment(route[j - 1]), profile: profile)
                    looseHead = merge(looseHead, nodeSegment(route[j - 1]), profile: profile)
                    for d in 0..<dims { loads[d] = LoadSegment.merge(loads[d], nodeLoad(route[j - 1], d)) }
                }
                let full = merge(merge(head, delivery, profile: profile), suf[j], profile: profile)
                let relaxed = merge(merge(looseHead, looseDelivery, profile: profile), suf[j], profile: profile)
                var stops = merge(head, delivery, profile: profile)
                if j < n { stops = merge(stops, tail[r][j], profile: profile) }
                for d in 0..<dims { peaks[d] = LoadSegment.merge(LoadSegment.merge(loads[d], nodeLoad(v, d)), sufLoad[j * dims + d]).maxLoad }
                var found = violation(resource: r, position: i, full: full, relaxed: relaxed, stops: stops, peaks: peaks, rideBroken: false)
                // The exact ride-time check counts only where nothing else is broken.
                if found.relaxations.isEmpty && (p.maxRide[task] != Int.max || rideLimited[r]) {
                    var stopsWith = route
                    stopsWith.insert(v, at: j)
                    stopsWith.insert(u, at: i)
                    if !RideTime.feasible(problem: p, resource: r, stops: stopsWith) {
                        found = violation(resource: r, position: i, full: full, relaxed: relaxed, stops: stops, peaks: peaks, rideBroken: true)
                    }
                }
                if InsertionViolation.better(best, found) { best = found }
            }
        }
        return best
    }
}

extension CompiledProblem {
    /// What would let `task` be served by a resource it may not use now: the resource needing
    /// the fewest changes (skills it lacks, the task's allow-list, exclusions or pin).
    func resourceRelaxation(task: Int) -> [RoutingSolution.Relaxation] {
        let p = self, rules = problem.resourceRules(ofTask: task)
        var best: [RoutingSolution.Relaxation]?
        for r in 0..<p.resourceCount {
            var out: [RoutingSolution.Relaxation] = []
            let missing = rules.skills & ~problem.resources[r].skills
            if missing != 0 {
                let list = (0..<64).filter { missing & (1 << UInt64($0)) != 0 }
                out.append(.init(constraint: "skills", resource: r, amount: list.count, skills: list))
            }
            if !rules.admits(r, holding: rules.skills) || (rules.pinned.map { $0 != r } ?? false) {
                out.append(.init(constraint: "allowedResources", resource: r, amount: 1))
            }
            let size = out.reduce(0) { $0 + $1.amount }
            if best == nil || size < best!.reduce(0, { $0 + $1.amount }) { best = out }
        }
        return best ?? []
    }
}
