/// What every operator shares: the problem, the neighbourhood size, which routes may trade
/// stops, and the helpers that price a changed route from the cached segments.
struct MoveKit {
    let problem: CompiledProblem
    /// Neighbours considered per stop.
    let granularity: Int
    /// Resources whose routes may exchange tails: same travel profile.
    let compatible: [Int]
    /// Resources with the same allowed tasks share a class: tails move between them unchecked.
    let allowedClass: [Int]
    /// Whether request operators skip evaluations known to find nothing (``FruitlessMoves``) and
    /// keep each request's route without it for the descent (``RemovalViews``); off only to test
    /// that neither changes anything.
    let remembersFruitlessMoves: Bool
    /// Each request's route without it, shared by the request operators of one descent.
    let removalViews = RemovalViews()

    init(problem: CompiledProblem, granularity: Int = 20, remembersFruitlessMoves: Bool = true) {
        self.problem = problem
        self.granularity = granularity
        self.remembersFruitlessMoves = remembersFruitlessMoves
        compatible = problem.profile
        var columns: [[Bool]] = []
        var allowedClass: [Int] = []
        for r in 0..<problem.resourceCount {
            let column = (0..<problem.taskCount).map { problem.allowed[$0 * problem.resourceCount + r] }
            if let k = columns.firstIndex(of: column) { allowedClass.append(k) } else {
                columns.append(column)
                allowedClass.append(columns.count - 1)
            }
        }
        self.allowedClass = allowedClass
    }

    /// Whether resource `r` may serve every stop in `stops`.
    func allAllowed(_ stops: ArraySlice<Int>, on r: Int) -> Bool {
        for u in stops where !problem.allowed[problem.taskOfNode[u] * problem.resourceCount + r] { return false }
        return true
    }

    /// Cost of a route made of `head` (start depot and stops), an optional `tail` and the end depot
    /// of resource `r`, with its loads; `nil` if infeasible.
    @inline(__always)
    func cost(_ s: RouteSet, resource r: Int, head: TimeSegment, tail: TimeSegment?, count: Int,
              headLoad: Int, ofRoute hr: Int, tailLoadFrom tr: Int, at tj: Int) -> Int? {
        let profile = problem.profile[r]
        var full = head
        if let tail { full = s.merge(full, tail, profile: profile) }
        full = s.merge(full, s.endSegment(r), profile: profile)
        guard var cost = s.cost(resource: r, full: full, count: count) else { return nil }
        let dims = problem.dims
        for d in 0..<dims {
            let load = LoadSegment.merge(s.prefixLoad[hr][headLoad * dims + d], s.suffixLoad[tr][tj * dims + d])
            guard let price = s.loadPrice(load.maxLoad, resource: r, dimension: d) else { return nil }
            cost += price
        }
        return cost
    }

    /// The segment of the stops `nodes[r][from..<from+length]`.
    @inline(__always)
    func string(_ s: RouteSet, _ r: Int, _ from: Int, _ length: Int, profile: Int) -> TimeSegment {
        var segment = s.nodeSegment(s.nodes[r][from])
        for k in (from + 1)..<(from + length) { segment = s.merge(segment, s.nodeSegment(s.nodes[r][k]), profile: profile) }
        return segment
    }

    /// Whether the string `nodes[r][from..<from+length]` may leave its route for resource `to`:
    /// visits only (no request stops), none frozen, all allowed on `to`.
    @inline(__always)
    func movableString(_ s: RouteSet, _ r: Int, _ from: Int, _ length: Int, to: Int) -> Bool {
        for k in from..<(from + length) {
            let u = s.nodes[r][k], task = problem.taskOfNode[u]
            if problem.partner[u] >= 0 || problem.locked[task] || !problem.allowed[task * problem.resourceCount + to] { return false }
        }
        return true
    }

    /// Cost of route `r` with the stops `[from, from+length)` replaced by the string of `o`
    /// (`oFrom`, `oLength`), or `nil` if infeasible. The two legs joining the string are read
    /// from the matrix rows of the side that stays the same across the caller's loop (on a
    /// symmetric profile): the string's ends with `rowsOfString`, else the stops around it.
    func replaced(_ s: RouteSet, _ r: Int, _ from: Int, _ length: Int, by o: Int, _ oFrom: Int, _ oLength: Int,
                  rowsOfString: Bool) -> Int?
    {
        let profile = problem.profile[r], dims = problem.dims
        var full = s.prefix[r][from]
        let after = s.suffix[r][from + length]
        if oLength > 0 {
            let inserted = string(s, o, oFrom, oLength, profile: profile)
            full = rowsOfString ? s.mergeInto(full, inserted, profile: profile) : s.merge(full, inserted, profile: profile)
            full = rowsOfString ? s.merge(full, after, profile: profile) : s.mergeInto(full, after, profile: profile)
        } else {
            full = s.merge(full, after, profile: profile)
        }
        let count = s.nodes[r].count - length + oLength
        guard var cost = s.cost(resource: r, full: full, count: count) else { return nil }
        for d in 0..<dims {
            var load = s.prefixLoad[r][from * dims + d]
            for k in oFrom..<(oFrom + oLength) { load = LoadSegment.merge(load, s.nodeLoad(s.nodes[o][k], d)) }
            load = LoadSegment.merge(load, s.suffixLoad[r][(from + length) * dims + d])
            guard let price = s.loadPrice(load.maxLoad, resource: r, dimension: d) else { return nil }
            cost += price
        }
        return cost
    }

    /// Whether route `r` only delivers (no pickups, no requests): reordering it cannot change its
    /// peak load, so intra-route moves need no load check.
    func onlyDelivers(_ s: RouteSet, _ r: Int) -> Bool {
        let dims = problem.dims
        for u in s.nodes[r] {
            if problem.partner[u] >= 0 { return false }
            for d in 0..<dims where problem.loadDelta[u * dims + d] + problem.startLoad[u * dims + d] != 0 { return false }
        }
        return true
    }

    /// Exact cost of route `r` made of `stops` (routing, fixed, overtime and assignment costs), or
    /// `nil` if it breaks a hard rule. O(n), plus the ride-time check when a stop has a ride limit.
    /// For the few candidates a route move keeps after its estimate.
    func evaluate(_ s: RouteSet, _ r: Int, stops: [Int]) -> Int? {
        if stops.isEmpty { return 0 }
        if s.nodes[r].isEmpty && s.closed[r] { return nil }
        let profile = problem.profile[r], dims = problem.dims
        var full = s.startSegment(r)
        var rideLimited = false
        for u in stops {
            full = s.merge(full, s.nodeSegment(u), profile: profile)
            if full.timeWarp > 0 && s.weights == nil { return nil }
            if problem.maxRide[problem.taskOfNode[u]] != Int.max { rideLimited = true }
        }
        full = s.merge(full, s.endSegment(r), profile: profile)
        guard var cost = s.cost(resource: r, full: full, count: stops.count) else { return nil }
        for d in 0..<dims {
            var load = LoadSegment.empty
            for u in stops { load = LoadSegment.merge(load, s.nodeLoad(u, d)) }
            guard let price = s.loadPrice(load.maxLoad, resource: r, dimension: d) else { return nil }
            cost += price
        }
        if rideLimited && !RideTime.feasible(problem: problem, resource: r, stops: stops) { return nil }
        return cost + s.assignmentCost(of: stops[...], on: r)
    }

    /// Replaces routes `a` and `b` with new stop sequences.
    func applyRoutes(_ s: inout RouteSet, _ a: Int, _ newA: [Int], _ b: Int, _ newB: [Int]) {
        s.nodes[a] = newA
        s.nodes[b] = newB
        s.refresh(a)
        s.refresh(b)
    }
}
