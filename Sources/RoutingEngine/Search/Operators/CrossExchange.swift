/// Cross-exchange (Taillard et al. 1997): a string of one to three visits starting at `u` and a
/// string of zero to three visits starting at or just after its neighbour `v` trade routes — a
/// swap for one and one, or-opt between routes for a string and none. The best such exchange is
/// proposed. Visits only.
final class CrossExchange: NeighbourOperator {
    static let id = OperatorID.crossExchange
    let kit: MoveKit
    var statistics = OperatorStatistics()
    /// The exchange the last evaluation proposed.
    private var move = (a: 0, i: 0, la: 0, b: 0, j: 0, lb: 0)

    init(_ kit: MoveKit) { self.kit = kit }

    static func supports(_ problem: CompiledProblem) -> Bool { problem.resourceCount > 1 && problem.isRequest.contains(false) }

    func evaluate(_ s: RouteSet, _ u: Int, _ v: Int) -> Int? {
        guard let best = best(s, u, v) else { return counted(nil) }
        move = (s.routeOf[u], best.i, best.la, s.routeOf[v], best.j, best.lb)
        return counted(best.gain)
    }

    func apply(_ s: inout RouteSet) {
        statistics.applied += 1
        apply(&s, move.a, move.i, move.la, move.b, move.j, move.lb)
    }

    /// Gain of exchanging the `la` stops of route `a` from position `i` with the `lb` stops of
    /// route `b` from position `j`. Visits only; `nil` when not allowed or infeasible.
    func gain(_ s: RouteSet, _ a: Int, _ i: Int, _ la: Int, _ b: Int, _ j: Int, _ lb: Int) -> Int? {
        let problem = kit.problem
        if a == b || kit.compatible[a] != kit.compatible[b] || la + lb == 0 { return nil }
        if i < problem.frozenCount[a] || j < problem.frozenCount[b] { return nil }
        if i + la > s.nodes[a].count || j + lb > s.nodes[b].count { return nil }
        if s.nodes[b].count == 0 && s.closed[b] { return nil }
        guard kit.movableString(s, a, i, la, to: b), kit.movableString(s, b, j, lb, to: a),
              // Route a and its string stay the same across `u`'s neighbours: read their rows.
              let costA = kit.replaced(s, a, i, la, by: b, j, lb, rowsOfString: false),
              let costB = kit.replaced(s, b, j, lb, by: a, i, la, rowsOfString: true)
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

    /// The two routes after an exchange.
    func crossed(_ s: RouteSet, _ a: Int, _ i: Int, _ la: Int, _ b: Int, _ j: Int, _ lb: Int) -> ([Int], [Int]) {
        var newA = s.nodes[a], newB = s.nodes[b]
        newA.replaceSubrange(i..<(i + la), with: s.nodes[b][j..<(j + lb)])
        newB.replaceSubrange(j..<(j + lb), with: s.nodes[a][i..<(i + la)])
        return (newA, newB)
    }

    /// Carries out the exchange of ``gain(_:_:_:_:_:_:_:)``.
    func apply(_ s: inout RouteSet, _ a: Int, _ i: Int, _ la: Int, _ b: Int, _ j: Int, _ lb: Int) {
        (s.nodes[a], s.nodes[b]) = crossed(s, a, i, la, b, j, lb)
        s.refresh(a)
        s.refresh(b)
    }

    /// The best exchange of a string starting at `u` (1–3 stops) with a string of 0–3 stops
    /// starting at or just after `v` in another route; `nil` if none improves.
    func best(_ s: RouteSet, _ u: Int, _ v: Int) -> (gain: Int, i: Int, la: Int, j: Int, lb: Int)? {
        let a = s.routeOf[u], b = s.routeOf[v]
        guard a >= 0, b >= 0, a != b else { return nil }
        let i = s.positionOf[u]
        var best: (gain: Int, i: Int, la: Int, j: Int, lb: Int)?
        for j in s.positionOf[v]...(s.positionOf[v] + 1) {
            for la in 1...3 {
                for lb in 0...3 where !(la == 1 && lb == 0) {
                    guard let gain = gain(s, a, i, la, b, j, lb), gain < 0 else { continue }
                    if best == nil || gain < best!.gain { best = (gain, i, la, j, lb) }
                }
            }
        }
        return best
    }
}
