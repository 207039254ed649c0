/// SWAP* (Vidal 2022) between routes `a` and `b`: a visit of each trades routes, each going to its
/// best place in the other rather than into the gap the other left. Candidates are ranked by an
/// estimate (travel only, the three best positions per visit); the best few are then checked and
/// priced exactly, and the best improving one is proposed.
final class SwapStar: RoutePairOperator {
    static let id = OperatorID.swapStar
    let kit: MoveKit
    var statistics = OperatorStatistics()
    private var move = (a: 0, newA: [Int](), b: 0, newB: [Int]())

    init(_ kit: MoveKit) { self.kit = kit }

    static func supports(_ problem: CompiledProblem) -> Bool { problem.resourceCount > 1 && problem.isRequest.contains(false) }

    func evaluate(_ s: RouteSet, _ a: Int, _ b: Int) -> Int? {
        guard let best = best(s, a, b) else { return counted(nil) }
        move = (a, best.newA, b, best.newB)
        return counted(best.gain)
    }

    func apply(_ s: inout RouteSet) {
        statistics.applied += 1
        kit.applyRoutes(&s, move.a, move.newA, move.b, move.newB)
    }

    /// The estimated cost of the arc from location `x` to `y` on resource `r`: its distance and
    /// travel time at the resource's rates (waiting and windows are left to the exact check).
    @inline(__always)
    func arc(_ r: Int, _ x: Int, _ y: Int) -> Int {
        let problem = kit.problem
        let index = x * problem.locationCount + y, profile = problem.profile[r]
        return problem.costPerDistance[r] * problem.distances[profile][index] + problem.costPerDuration[r] * problem.durations[profile][index]
    }

    /// Location before position `j` of route `r` (its start when `j == 0`).
    @inline(__always)
    func locationBefore(_ s: RouteSet, _ r: Int, _ j: Int) -> Int {
        j == 0 ? kit.problem.startLocation[r] : kit.problem.location[s.nodes[r][j - 1]]
    }

    /// Location at position `j` of route `r` (its end when `j == count`).
    @inline(__always)
    func locationAt(_ s: RouteSet, _ r: Int, _ j: Int) -> Int {
        j == s.nodes[r].count ? kit.problem.endLocation[r] : kit.problem.location[s.nodes[r][j]]
    }

    /// Whether visit `u` may leave its route for resource `to`: a visit (not a request's stop),
    /// not frozen, allowed on `to`.
    @inline(__always)
    func swappable(_ u: Int, to: Int) -> Bool {
        let problem = kit.problem, task = problem.taskOfNode[u]
        return problem.partner[u] < 0 && !problem.locked[task] && problem.allowed[task * problem.resourceCount + to]
    }

    /// For every stop of route `from` that may move to route `to`, the three cheapest insertion
    /// positions in `to` by estimate: `(cost, position)` triples, `Int.max` cost when missing.
    func topInsertions(_ s: RouteSet, from: Int, to: Int) -> [(cost: Int, position: Int)] {
        let route = s.nodes[from], n = s.nodes[to].count, frozen = kit.problem.frozenCount[to]
        var top = [(cost: Int, position: Int)](repeating: (Int.max, -1), count: route.count * 3)
        for (k, u) in route.enumerated() where swappable(u, to: to) {
            let x = kit.problem.location[u]
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
        let p = locationBefore(s, r, i), q = locationAt(s, r, i + 1), x = kit.problem.location[s.nodes[r][i]]
        return arc(r, p, q) - arc(r, p, x) - arc(r, x, q)
    }

    /// Best estimated place for the stop moving into route `r` while the stop at `i` leaves it:
    /// one of its top three positions not next to `i`, or `i`'s own place. Returns the estimated
    /// change of `r` and the index in `r` without its stop `i`.
    @inline(__always)
    func bestPlace(_ s: RouteSet, _ r: Int, leaving i: Int, entering x: Int, top: ArraySlice<(cost: Int, position: Int)>,
                   removal: Int) -> (cost: Int, index: Int) {
        let p = locationBefore(s, r, i), q = locationAt(s, r, i + 1), y = kit.problem.location[s.nodes[r][i]]
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

    /// The best improving SWAP* between routes `a` and `b`, or `nil`.
    func best(_ s: RouteSet, _ a: Int, _ b: Int) -> (gain: Int, newA: [Int], newB: [Int])? {
        let problem = kit.problem
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
            guard let costA = kit.evaluate(s, a, stops: newA), let costB = kit.evaluate(s, b, stops: newB) else { continue }
            let gain = costA + costB - s.routeCost[a] - s.routeCost[b]
            if gain < 0 && (best == nil || gain < best!.gain) { best = (gain, newA, newB) }
        }
        return best
    }
}
