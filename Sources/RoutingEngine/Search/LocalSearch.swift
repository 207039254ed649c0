/// Granular local search: inter-route moves evaluated in O(1) from the cached segments, applied
/// first-improvement, restricted to pairs of near neighbours (Toth & Vigo's granular idea).
///
/// - 2-opt*: route A's head up to `u` joins route B's tail from `v`, and B's head joins A's tail.
/// - relocate: a visit moves next to a near neighbour in another route.
/// - cross-exchange: strings of up to three visits at `u` and at its neighbour trade routes
///   (swap for one and one, or-opt between routes for a string and none).
/// - intra-route relocate and or-opt: a string of one to three visits moves to its best place in
///   its own route.
/// - request moves: a request's pickup and delivery move together to their best places in a
///   route near them, or in their own route; or two near requests on different routes swap
///   routes, each at its best places.
/// - SWAP* (when node moves are exhausted): two visits of routes holding near neighbours trade
///   routes, each going to its best place in the other.
struct LocalSearch {
    let problem: CompiledProblem
    /// Neighbours considered per stop.
    let granularity: Int
    /// Whether the descent tries cross-exchange (``SolverParameters/crossExchange``).
    let triesCrossExchange: Bool
    /// Whether the descent tries SWAP* (``SolverParameters/swapStar``).
    let triesSwapStar: Bool
    /// Whether the descent moves requests (``SolverParameters/requestMoves``).
    let triesRequestMoves: Bool

    /// Resources whose routes may exchange tails: same travel profile.
    let compatible: [Int]
    /// Resources with the same allowed tasks share a class: tails move between them unchecked.
    let allowedClass: [Int]

    init(problem: CompiledProblem, granularity: Int = 20, crossExchange: Bool = true, swapStar: Bool = true, requestMoves: Bool = true) {
        self.problem = problem
        self.granularity = granularity
        triesCrossExchange = crossExchange
        triesSwapStar = swapStar
        triesRequestMoves = requestMoves && problem.isRequest.contains(true)
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

    /// Gain of 2-opt* cutting route `a` before position `i` and route `b` before position `j`.
    /// `nil` when the move is not allowed (different profiles, a task the other resource may not
    /// serve, a split request, a frozen stop)
    /// or breaks a hard rule.
    func twoOptStar(_ s: RouteSet, _ a: Int, _ i: Int, _ b: Int, _ j: Int) -> Int? {
        if a == b || compatible[a] != compatible[b] { return nil }
        let na = s.nodes[a].count, nb = s.nodes[b].count
        if s.crossing[a][i] || s.crossing[b][j] || i < problem.frozenCount[a] || j < problem.frozenCount[b] { return nil }
        if allowedClass[a] != allowedClass[b] && (!allAllowed(s.nodes[b][j...], on: a) || !allAllowed(s.nodes[a][i...], on: b)) { return nil }
        if (i == na && j == nb) || (i == 0 && j == 0) { return nil }
        guard let costA = cost(s, resource: a, head: s.prefix[a][i], tail: j < nb ? s.tail[b][j] : nil, count: i + nb - j,
                               headLoad: i, ofRoute: a, tailLoadFrom: b, at: j),
              let costB = cost(s, resource: b, head: s.prefix[b][j], tail: i < na ? s.tail[a][i] : nil, count: j + na - i,
                               headLoad: j, ofRoute: b, tailLoadFrom: a, at: i)
        else { return nil }
        if s.rideLimited[a] || s.rideLimited[b] {
            let newA = Array(s.nodes[a][..<i]) + Array(s.nodes[b][j...]), newB = Array(s.nodes[b][..<j]) + Array(s.nodes[a][i...])
            if !RideTime.feasible(problem: problem, resource: a, stops: newA) || !RideTime.feasible(problem: problem, resource: b, stops: newB) {
                return nil
            }
        }
        var assignment = 0
        if problem.hasAssignmentCost {
            assignment = s.assignmentCost(of: s.nodes[a][..<i], on: a) + s.assignmentCost(of: s.nodes[b][j...], on: a)
                + s.assignmentCost(of: s.nodes[b][..<j], on: b) + s.assignmentCost(of: s.nodes[a][i...], on: b)
        }
        return costA + costB + assignment - s.routeCost[a] - s.routeCost[b]
    }

    func applyTwoOptStar(_ s: inout RouteSet, _ a: Int, _ i: Int, _ b: Int, _ j: Int) {
        let newA = Array(s.nodes[a][..<i]) + Array(s.nodes[b][j...])
        let newB = Array(s.nodes[b][..<j]) + Array(s.nodes[a][i...])
        s.nodes[a] = newA
        s.nodes[b] = newB
        s.refresh(a)
        s.refresh(b)
    }

    /// Gain of moving visit `u` (route `a`) to just after position `j - 1` of route `b` (`j` = insert index).
    /// `nil` when the move is not allowed (a request's stop, a resource the task may not use, the
    /// same route) or breaks a hard rule.
    func relocate(_ s: RouteSet, _ u: Int, _ b: Int, _ j: Int) -> Int? {
        let a = s.routeOf[u], i = s.positionOf[u], na = s.nodes[a].count
        let task = problem.taskOfNode[u], R = problem.resourceCount
        if a < 0 || a == b || problem.partner[u] >= 0 || problem.locked[task] || j < problem.frozenCount[b]
            || !problem.allowed[task * R + b]
        { return nil }
        // Route a without u.
        let profileA = problem.profile[a]
        var withoutU = s.prefix[a][i]
        if i + 1 < na { withoutU = s.merge(withoutU, s.tail[a][i + 1], profile: profileA) }
        withoutU = s.merge(withoutU, s.endSegment(a), profile: profileA)
        guard var costA = s.cost(resource: a, full: withoutU, count: na - 1) else { return nil }
        // Route b with u at j.
        let profileB = problem.profile[b], nb = s.nodes[b].count
        let full = s.merge(s.merge(s.prefix[b][j], s.nodeSegment(u), profile: profileB), s.suffix[b][j], profile: profileB)
        guard var costB = s.cost(resource: b, full: full, count: nb + 1) else { return nil }
        let dims = problem.dims
        for d in 0..<dims {
            let load = LoadSegment.merge(LoadSegment.merge(s.prefixLoad[b][j * dims + d], s.nodeLoad(u, d)), s.suffixLoad[b][j * dims + d])
            guard let price = s.loadPrice(load.maxLoad, resource: b, dimension: d) else { return nil }
            costB += price
            if s.weights != nil {
                // Route a without u: its own excess load, if any, may shrink.
                let without = LoadSegment.merge(s.prefixLoad[a][i * dims + d], s.suffixLoad[a][(i + 1) * dims + d])
                costA += s.loadPrice(without.maxLoad, resource: a, dimension: d) ?? 0
            }
        }
        if s.rideLimited[b] {
            var stops = s.nodes[b]
            stops.insert(u, at: j)
            if !RideTime.feasible(problem: problem, resource: b, stops: stops) { return nil }
        }
        let assignment = s.routeAssignment[a] - problem.assignment[task * R + a] + s.routeAssignment[b] + problem.assignment[task * R + b]
        return costA + costB + assignment - s.routeCost[a] - s.routeCost[b]
    }

    func applyRelocate(_ s: inout RouteSet, _ u: Int, _ b: Int, _ j: Int) {
        let a = s.routeOf[u]
        s.nodes[a].remove(at: s.positionOf[u])
        s.nodes[b].insert(u, at: j)
        s.refresh(a)
        s.refresh(b)
    }

    /// The segment and per-dimension loads of the stops `nodes[r][from..<from+length]`.
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
    /// (`oFrom`, `oLength`), or `nil` if infeasible.
    func replaced(_ s: RouteSet, _ r: Int, _ from: Int, _ length: Int, by o: Int, _ oFrom: Int, _ oLength: Int) -> Int? {
        let profile = problem.profile[r], dims = problem.dims
        var full = s.prefix[r][from]
        if oLength > 0 { full = s.merge(full, string(s, o, oFrom, oLength, profile: profile), profile: profile) }
        full = s.merge(full, s.suffix[r][from + length], profile: profile)
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

    /// Gain of cross-exchange: the `la` stops of route `a` from position `i` and the `lb` stops
    /// of route `b` from position `j` trade places (swap when both are 1; a string relocation,
    /// or-opt between routes, when one is 0). Visits only; `nil` when not allowed or infeasible.
    func crossExchange(_ s: RouteSet, _ a: Int, _ i: Int, _ la: Int, _ b: Int, _ j: Int, _ lb: Int) -> Int? {
        if a == b || compatible[a] != compatible[b] || la + lb == 0 { return nil }
        if i < problem.frozenCount[a] || j < problem.frozenCount[b] { return nil }
        if i + la > s.nodes[a].count || j + lb > s.nodes[b].count { return nil }
        if s.nodes[b].count == 0 && s.closed[b] { return nil }
        guard movableString(s, a, i, la, to: b), movableString(s, b, j, lb, to: a),
              let costA = replaced(s, a, i, la, by: b, j, lb), let costB = replaced(s, b, j, lb, by: a, i, la)
        else { return nil }
        if s.rideLimited[a] || s.rideLimited[b] {
            let (newA, newB) = crossed(s, a, i, la, b, j, lb)
            if !RideTime.feasible(problem: problem, resource: a, stops: newA) || !RideTime.feasible(problem: problem, resource: b, stops: newB) {
                return nil
            }
        }
        var assignment = 0
        if problem.hasAssignmentCost {
            let stringA = s.nodes[a][i..<(i + la)], stringB = s.nodes[b][j..<(j + lb)]
            assignment = s.assignmentCost(of: stringB, on: a) - s.assignmentCost(of: stringA, on: a)
                + s.assignmentCost(of: stringA, on: b) - s.assignmentCost(of: stringB, on: b) + s.routeAssignment[a] + s.routeAssignment[b]
        }
        return costA + costB + assignment - s.routeCost[a] - s.routeCost[b]
    }

    /// The two routes after a cross-exchange.
    func crossed(_ s: RouteSet, _ a: Int, _ i: Int, _ la: Int, _ b: Int, _ j: Int, _ lb: Int) -> ([Int], [Int]) {
        var newA = s.nodes[a], newB = s.nodes[b]
        newA.replaceSubrange(i..<(i + la), with: s.nodes[b][j..<(j + lb)])
        newB.replaceSubrange(j..<(j + lb), with: s.nodes[a][i..<(i + la)])
        return (newA, newB)
    }

    func applyCrossExchange(_ s: inout RouteSet, _ a: Int, _ i: Int, _ la: Int, _ b: Int, _ j: Int, _ lb: Int) {
        (s.nodes[a], s.nodes[b]) = crossed(s, a, i, la, b, j, lb)
        s.refresh(a)
        s.refresh(b)
    }

    /// The best cross-exchange of a string starting at `u` (1–3 stops) with a string of 0–3
    /// stops starting at or just after `v` in another route; `nil` if none improves.
    func bestCrossExchange(_ s: RouteSet, _ u: Int, _ v: Int) -> (gain: Int, i: Int, la: Int, j: Int, lb: Int)? {
        let a = s.routeOf[u], b = s.routeOf[v]
        guard a >= 0, b >= 0, a != b else { return nil }
        let i = s.positionOf[u]
        var best: (gain: Int, i: Int, la: Int, j: Int, lb: Int)?
        for j in [s.positionOf[v], s.positionOf[v] + 1] {
            for la in 1...3 {
                for lb in 0...3 where !(la == 1 && lb == 0) {
                    guard let gain = crossExchange(s, a, i, la, b, j, lb), gain < 0 else { continue }
                    if best == nil || gain < best!.gain { best = (gain, i, la, j, lb) }
                }
            }
        }
        return best
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

    /// The best move of the string of `length` visits starting at `u` to another position of its
    /// own route (intra-route relocate for one visit, or-opt for two or three): the gain and the
    /// index to insert at after removing the string; `nil` if none improves. Segments between the
    /// old and new positions are extended one stop at a time, so all positions cost O(n) together.
    func bestIntraRelocate(_ s: RouteSet, _ u: Int, length: Int = 1) -> (gain: Int, index: Int)? {
        let r = s.routeOf[u], i = s.positionOf[u]
        guard r >= 0 else { return nil }
        let route = s.nodes[r], n = route.count, L = length
        guard n > L, i + L <= n, onlyDelivers(s, r) else { return nil }
        for k in i..<(i + L) where problem.partner[route[k]] >= 0 || !s.movable(route[k]) { return nil }
        let profile = problem.profile[r], end = s.endSegment(r), frozen = problem.frozenCount[r]
        let moved = L == 1 ? s.nodeSegment(u) : string(s, r, i, L, profile: profile)
        // Reordering a route that only delivers keeps its load, and so its load penalty.
        let unchanged = s.routeAssignment[r] + s.loadPenalty(r) - s.routeCost[r]
        var best: (gain: Int, index: Int)?
        func consider(_ full: TimeSegment, _ index: Int) {
            guard index >= frozen, let cost = s.cost(resource: r, full: full, count: n) else { return }
            let gain = cost + unchanged
            if gain < 0 && (best == nil || gain < best!.gain) { best = (gain, index) }
        }
        // After original position k ≥ i + L: prefix[i] ⊕ route[i+L...k] ⊕ string ⊕ tail[k+1] ⊕ end.
        if i + L < n {
            var middle = s.nodeSegment(route[i + L])
            for k in (i + L)..<n {
                if k > i + L { middle = s.merge(middle, s.nodeSegment(route[k]), profile: profile) }
                var full = s.merge(s.merge(s.prefix[r][i], middle, profile: profile), moved, profile: profile)
                if k + 1 < n { full = s.merge(full, s.tail[r][k + 1], profile: profile) }
                consider(s.merge(full, end, profile: profile), k - L + 1)
            }
        }
        // Before original position k < i: prefix[k] ⊕ string ⊕ route[k..<i] ⊕ tail[i+L] ⊕ end.
        if i > 0 {
            var middle = s.nodeSegment(route[i - 1])
            for k in stride(from: i - 1, through: 0, by: -1) {
                if k < i - 1 { middle = s.merge(s.nodeSegment(route[k]), middle, profile: profile) }
                var full = s.merge(s.merge(s.prefix[r][k], moved, profile: profile), middle, profile: profile)
                if i + L < n { full = s.merge(full, s.tail[r][i + L], profile: profile) }
                consider(s.merge(full, end, profile: profile), k)
            }
        }
        return best
    }

    /// Moves the string of `length` visits starting at `u` within its route to `index` (an index
    /// of the route with the string removed).
    func applyIntraRelocate(_ s: inout RouteSet, _ u: Int, _ index: Int, length: Int = 1) {
        let r = s.routeOf[u], i = s.positionOf[u]
        let moved = Array(s.nodes[r][i..<(i + length)])
        s.nodes[r].removeSubrange(i..<(i + length))
        s.nodes[r].insert(contentsOf: moved, at: index)
        s.refresh(r)
    }

    /// First-improvement descent over all moves until no improving move remains.
    func descend(_ s: inout RouteSet, rng: inout EngineRandom) {
        var order = (0..<problem.nodeCount).filter { s.routeOf[$0] >= 0 }
        order.shuffle(using: &rng)
        var tried = triesSwapStar ? [Int](repeating: -1, count: 2 * problem.resourceCount * problem.resourceCount) : []
        var routes: [Int] = []
        var improved = true
        var rounds = 0
        while improved && rounds < 50 {
            improved = false
            rounds += 1
            for u in order where s.routeOf[u] >= 0 {
                // A request's pickup and delivery move together (from the pickup's turn).
                if triesRequestMoves && s.weights == nil && problem.partner[u] > u && s.movable(u) {
                    requestRoutes(s, pickup: u, into: &routes)
                    if let move = bestRequestMove(s, task: problem.taskOfNode[u], routes: routes, rng: &rng) {
                        applyRequestMove(&s, task: problem.taskOfNode[u], route: move.route, first: move.first, second: move.second)
                        improved = true
                        continue
                    }
                    if let swap = bestRequestSwap(s, task: problem.taskOfNode[u], rng: &rng) {
                        applyRequestSwap(&s, task: problem.taskOfNode[u], other: swap.other, mine: swap.mine, theirs: swap.theirs)
                        improved = true
                        continue
                    }
                }
                // Intra-route relocate and or-opt: the string of one to three visits from u.
                for length in 1...3 {
                    if let move = bestIntraRelocate(s, u, length: length) {
                        applyIntraRelocate(&s, u, move.index, length: length)
                        improved = true
                        break
                    }
                }
                let a = s.routeOf[u]
                for vv in problem.neighbours[u].prefix(granularity) {
                    let v = Int(vv)
                    let b = s.routeOf[v]
                    guard b >= 0, b != a, compatible[a] == compatible[b] else { continue }
                    // 2-opt*: u → v (a's head to u, then b's tail from v).
                    if let gain = twoOptStar(s, a, s.positionOf[u] + 1, b, s.positionOf[v]), gain < 0 {
                        applyTwoOptStar(&s, a, s.positionOf[u] + 1, b, s.positionOf[v])
                        improved = true
                        break
                    }
                    // 2-opt*: v → u.
                    if let gain = twoOptStar(s, b, s.positionOf[v] + 1, a, s.positionOf[u]), gain < 0 {
                        applyTwoOptStar(&s, b, s.positionOf[v] + 1, a, s.positionOf[u])
                        improved = true
                        break
                    }
                    // Swap, or-opt between routes and cross-exchange of short strings at u and v.
                    if triesCrossExchange, let move = bestCrossExchange(s, u, v) {
                        applyCrossExchange(&s, a, move.i, move.la, b, move.j, move.lb)
                        improved = true
                        break
                    }
                    // Relocate a visit u next to v (after or before it).
                    if problem.partner[u] < 0 {
                        if let gain = relocate(s, u, b, s.positionOf[v] + 1), gain < 0 {
                            applyRelocate(&s, u, b, s.positionOf[v] + 1)
                            improved = true
                            break
                        }
                        if let gain = relocate(s, u, b, s.positionOf[v]), gain < 0 {
                            applyRelocate(&s, u, b, s.positionOf[v])
                            improved = true
                            break
                        }
                    }
                }
            }
            if !improved && triesSwapStar { improved = swapStarPass(&s, order: order, tried: &tried) }
        }
    }
}
