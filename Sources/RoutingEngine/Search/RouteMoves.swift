/// Moves that look at whole routes rather than one neighbour: SWAP* (Vidal 2022) and the
/// relocation of a request's pickup and delivery together.
extension LocalSearch {
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

    // MARK: SWAP*

    /// The estimated cost of the arc from location `x` to `y` on resource `r`: its distance and
    /// travel time at the resource's rates (waiting and windows are left to the exact check).
    @inline(__always)
    func arc(_ r: Int, _ x: Int, _ y: Int) -> Int {
        let index = x * problem.locationCount + y, profile = problem.profile[r]
        return problem.costPerDistance[r] * problem.distances[profile][index] + problem.costPerDuration[r] * problem.durations[profile][index]
    }

    /// Location before position `j` of route `r` (its start when `j == 0`).
    @inline(__always)
    func locationBefore(_ s: RouteSet, _ r: Int, _ j: Int) -> Int {
        j == 0 ? problem.startLocation[r] : problem.location[s.nodes[r][j - 1]]
    }

    /// Location at position `j` of route `r` (its end when `j == count`).
    @inline(__always)
    func locationAt(_ s: RouteSet, _ r: Int, _ j: Int) -> Int {
        j == s.nodes[r].count ? problem.endLocation[r] : problem.location[s.nodes[r][j]]
    }

    /// Whether visit `u` may leave its route for resource `to` by SWAP*: a visit (not a request's
    /// stop), not frozen, allowed on `to`.
    @inline(__always)
    func swappable(_ u: Int, to: Int) -> Bool {
        let task = problem.taskOfNode[u]
        return problem.partner[u] < 0 && !problem.locked[task] && problem.allowed[task * problem.resourceCount + to]
    }

    /// For every stop of route `from` that may move to route `to`, the three cheapest insertion
    /// positions in `to` by estimate: `(cost, position)` triples, `Int.max` cost when missing.
    func topInsertions(_ s: RouteSet, from: Int, to: Int) -> [(cost: Int, position: Int)] {
        let route = s.nodes[from], n = s.nodes[to].count, frozen = problem.frozenCount[to]
        var top = [(cost: Int, position: Int)](repeating: (Int.max, -1), count: route.count * 3)
        for (k, u) in route.enumerated() where swappable(u, to: to) {
            let x = problem.location[u]
            for j in frozen...n {
                let p = locationBefore(s, to, j), q = locationAt(s, to, j)
                let cost = arc(to, p, x) + arc(to, x, q) - arc(to, p, q)
                if cost < top[k * 3 + 2].cost {
                    if cost < top[k * 3 + 1].cost {
                        top[k * 3 + 2] = top[k * 3 + 1]
                        if cost < top[k * 3].cost {
                            top[k * 3 + 1] = top[k * 3]
                            top[k * 3] = (cost, j)
                        } else {
                            top[k * 3 + 1] = (cost, j)
                        }
                    } else {
                        top[k * 3 + 2] = (cost, j)
                    }
                }
            }
        }
        return top
    }

    /// Estimated change of route `r` when its stop at position `i` is removed.
    @inline(__always)
    func removalEstimate(_ s: RouteSet, _ r: Int, _ i: Int) -> Int {
        let p = locationBefore(s, r, i), q = locationAt(s, r, i + 1), x = problem.location[s.nodes[r][i]]
        return arc(r, p, q) - arc(r, p, x) - arc(r, x, q)
    }

    /// Best estimated place for the stop moving into route `r` while the stop at `i` leaves it:
    /// one of its top three positions not next to `i`, or `i`'s own place. Returns the estimated
    /// change of `r` and the index in `r` without its stop `i`.
    @inline(__always)
    func bestPlace(_ s: RouteSet, _ r: Int, leaving i: Int, entering x: Int, top: ArraySlice<(cost: Int, position: Int)>,
                   removal: Int) -> (cost: Int, index: Int) {
        let p = locationBefore(s, r, i), q = locationAt(s, r, i + 1), y = problem.location[s.nodes[r][i]]
        var best = (cost: arc(r, p, x) + arc(r, x, q) - arc(r, p, y) - arc(r, y, q), index: i)
        for candidate in top where candidate.cost != Int.max && candidate.position != i && candidate.position != i + 1 {
            let cost = removal + candidate.cost
            if cost < best.cost { best = (cost, candidate.position < i ? candidate.position : candidate.position - 1) }
        }
        return best
    }

    /// A route after removing the stop at `i` and inserting `u` at `index` of what remains.
    func exchanged(_ route: [Int], removing i: Int, inserting u: Int, at index: Int) -> [Int] {
        var result = route
        result.remove(at: i)
        result.insert(u, at: index)
        return result
    }

    /// SWAP* between routes `a` and `b`: a visit of each trades routes, each going to its best
    /// place in the other rather than into the gap the other left. Candidates are ranked by an
    /// estimate (travel only, three best positions per visit, Vidal 2022); the best few are then
    /// checked and priced exactly. Returns the best improving move, or `nil`.
    func swapStar(_ s: RouteSet, _ a: Int, _ b: Int) -> (gain: Int, newA: [Int], newB: [Int])? {
        let na = s.nodes[a].count, nb = s.nodes[b].count
        if a == b || na == 0 || nb == 0 { return nil }
        let topA = topInsertions(s, from: a, to: b), topB = topInsertions(s, from: b, to: a)
        let removalA = (0..<na).map { removalEstimate(s, a, $0) }, removalB = (0..<nb).map { removalEstimate(s, b, $0) }
        // The best few candidates by estimate: (estimate, i in a, index of u in b, j in b, index of v in a).
        let keep = 4
        var candidates: [(estimate: Int, i: Int, ui: Int, j: Int, vi: Int)] = []
        for i in problem.frozenCount[a]..<na where swappable(s.nodes[a][i], to: b) {
            let u = s.nodes[a][i], xu = problem.location[u]
            for j in problem.frozenCount[b]..<nb where swappable(s.nodes[b][j], to: a) {
                let v = s.nodes[b][j], xv = problem.location[v]
                let intoB = bestPlace(s, b, leaving: j, entering: xu, top: topA[(i * 3)..<(i * 3 + 3)], removal: removalB[j])
                let intoA = bestPlace(s, a, leaving: i, entering: xv, top: topB[(j * 3)..<(j * 3 + 3)], removal: removalA[i])
                let estimate = intoA.cost + intoB.cost
                guard estimate < 0 else { continue }
                if candidates.count == keep {
                    if estimate >= candidates[keep - 1].estimate { continue }
                    candidates.removeLast()
                }
                let at = candidates.firstIndex { estimate < $0.estimate } ?? candidates.count
                candidates.insert((estimate, i, intoB.index, j, intoA.index), at: at)
            }
        }
        var best: (gain: Int, newA: [Int], newB: [Int])?
        for c in candidates {
            let newA = exchanged(s.nodes[a], removing: c.i, inserting: s.nodes[b][c.j], at: c.vi)
            let newB = exchanged(s.nodes[b], removing: c.j, inserting: s.nodes[a][c.i], at: c.ui)
            guard let costA = evaluate(s, a, stops: newA), let costB = evaluate(s, b, stops: newB) else { continue }
            let gain = costA + costB - s.routeCost[a] - s.routeCost[b]
            if gain < 0 && (best == nil || gain < best!.gain) { best = (gain, newA, newB) }
        }
        return best
    }

    /// Replaces routes `a` and `b` with new stop sequences.
    func applyRoutes(_ s: inout RouteSet, _ a: Int, _ newA: [Int], _ b: Int, _ newB: [Int]) {
        s.nodes[a] = newA
        s.nodes[b] = newB
        s.refresh(a)
        s.refresh(b)
    }

    /// One pass of SWAP* over pairs of routes that hold near neighbours, skipping pairs unchanged
    /// since they were last tried (`tried` holds the two routes' versions, flat by pair).
    func swapStarPass(_ s: inout RouteSet, order: [Int], tried: inout [Int]) -> Bool {
        let count = problem.resourceCount
        var improved = false
        for u in order {
            let a = s.routeOf[u]
            if a < 0 { continue }
            for vv in problem.neighbours[u].prefix(granularity) {
                let b = s.routeOf[Int(vv)]
                guard b >= 0, b != a else { continue }
                let (x, y) = a < b ? (a, b) : (b, a), slot = 2 * (x * count + y)
                if tried[slot] == s.version[x] && tried[slot + 1] == s.version[y] { continue }
                if let move = swapStar(s, x, y) {
                    applyRoutes(&s, x, move.newA, y, move.newB)
                    improved = true
                }
                tried[slot] = s.version[x]
                tried[slot + 1] = s.version[y]
                if s.routeOf[u] != a { break }
            }
        }
        return improved
    }

    // MARK: Requests

    /// The best move of request `task` (pickup and delivery together) to another route among
    /// `routes`, or to better places in its own route: the gain, the route and the insertion
    /// positions as ``RouteSet/bestInsertion(task:route:blinkRate:rng:)`` gives them for the route
    /// without the request. `nil` if none improves.
    func bestRequestMove(_ s: RouteSet, task: Int, routes: [Int], rng: inout EngineRandom)
        -> (gain: Int, route: Int, first: Int, second: Int)?
    {
        let u = problem.firstNode[task], a = s.routeOf[u]
        guard problem.isRequest[task], a >= 0, !problem.locked[task] else { return nil }
        var without = s
        without.remove(tasks: [task])
        let removal = without.routeCost[a] - s.routeCost[a]
        var best: (gain: Int, route: Int, first: Int, second: Int)?
        for b in routes {
            guard let found = without.bestInsertion(task: task, route: b, rng: &rng) else { continue }
            let gain = removal + found.delta
            if gain < 0 && (best == nil || gain < best!.gain) { best = (gain, b, found.first, found.second) }
        }
        return best
    }

    /// Moves request `task` to `route` at the positions ``bestRequestMove(_:task:routes:rng:)`` gave.
    func applyRequestMove(_ s: inout RouteSet, task: Int, route: Int, first: Int, second: Int) {
        s.remove(tasks: [task])
        s.insert(task: task, route: route, first: first, second: second)
    }

    /// The best pair swap of request `task` with a request near it (a pickup or delivery among the
    /// near neighbours of its own) on another route: each goes to its cheapest places in the
    /// other's route. Exact: the two routes change independently. `nil` if none improves.
    func bestRequestSwap(_ s: RouteSet, task: Int, rng: inout EngineRandom)
        -> (gain: Int, other: Int, mine: (first: Int, second: Int), theirs: (first: Int, second: Int))?
    {
        let u = problem.firstNode[task], a = s.routeOf[u]
        guard problem.isRequest[task], a >= 0, !problem.locked[task] else { return nil }
        var best: (gain: Int, other: Int, mine: (first: Int, second: Int), theirs: (first: Int, second: Int))?
        var tried: [Int] = []
        var withoutTask = s
        withoutTask.remove(tasks: [task])
        for node in u...(u + 1) {
            for vv in problem.neighbours[node].prefix(granularity) {
                let v = Int(vv), b = s.routeOf[v], other = problem.taskOfNode[v]
                guard b >= 0, b != a, problem.isRequest[other], !problem.locked[other], !tried.contains(other) else { continue }
                tried.append(other)
                var without = withoutTask
                without.remove(tasks: [other])
                guard let mine = without.bestInsertion(task: task, route: b, rng: &rng),
                      let theirs = without.bestInsertion(task: other, route: a, rng: &rng)
                else { continue }
                let gain = without.routeCost[a] + without.routeCost[b] - s.routeCost[a] - s.routeCost[b] + mine.delta + theirs.delta
                if gain < 0 && (best == nil || gain < best!.gain) {
                    best = (gain, other, (mine.first, mine.second), (theirs.first, theirs.second))
                }
            }
        }
        return best
    }

    /// Swaps requests `task` and `other` between their routes at the positions
    /// ``bestRequestSwap(_:task:rng:)`` gave.
    func applyRequestSwap(_ s: inout RouteSet, task: Int, other: Int, mine: (first: Int, second: Int),
                          theirs: (first: Int, second: Int)) {
        let a = s.routeOf[problem.firstNode[task]], b = s.routeOf[problem.firstNode[other]]
        s.remove(tasks: [task, other])
        s.insert(task: task, route: b, first: mine.first, second: mine.second)
        s.insert(task: other, route: a, first: theirs.first, second: theirs.second)
    }

    /// The routes a request may move to: its own, and those of the near neighbours of its pickup
    /// and delivery, each once, in neighbour order.
    func requestRoutes(_ s: RouteSet, pickup u: Int, into routes: inout [Int]) {
        routes.removeAll(keepingCapacity: true)
        routes.append(s.routeOf[u])
        for node in u...(u + 1) {
            for vv in problem.neighbours[node].prefix(granularity) {
                let b = s.routeOf[Int(vv)]
                if b >= 0 && !routes.contains(b) { routes.append(b) }
            }
        }
    }
}
