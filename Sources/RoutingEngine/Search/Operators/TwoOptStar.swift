/// 2-opt* (Potvin & Rousseau 1995): route A's head up to `u` joins route B's tail from `v`, and
/// B's head joins A's tail; tried `u → v` first, then `v → u`. O(1) from the cached segments,
/// plus the exact ride-time check on routes that carry ride limits.
final class TwoOptStar: NeighbourOperator {
    static let id = OperatorID.twoOptStar
    let kit: MoveKit
    var statistics = OperatorStatistics()
    /// The cut the last evaluation proposed.
    private var move = (a: 0, i: 0, b: 0, j: 0)

    init(_ kit: MoveKit) { self.kit = kit }

    static func supports(_ problem: CompiledProblem) -> Bool { problem.resourceCount > 1 }

    func evaluate(_ s: RouteSet, _ u: Int, _ v: Int) -> Int? {
        let a = s.routeOf[u], b = s.routeOf[v]
        if let gain = gain(s, a, s.positionOf[u] + 1, b, s.positionOf[v]), gain < 0 {
            move = (a, s.positionOf[u] + 1, b, s.positionOf[v])
            return counted(gain)
        }
        if let gain = gain(s, b, s.positionOf[v] + 1, a, s.positionOf[u]), gain < 0 {
            move = (b, s.positionOf[v] + 1, a, s.positionOf[u])
            return counted(gain)
        }
        return counted(nil)
    }

    func apply(_ s: inout RouteSet) {
        statistics.applied += 1
        apply(&s, move.a, move.i, move.b, move.j)
    }

    /// Gain of cutting route `a` before position `i` and route `b` before position `j`. `nil`
    /// when the move is not allowed (different profiles, a task the other resource may not serve,
    /// a split request, a frozen stop) or breaks a hard rule.
    func gain(_ s: RouteSet, _ a: Int, _ i: Int, _ b: Int, _ j: Int) -> Int? {
        let problem = kit.problem
        if a == b || kit.compatible[a] != kit.compatible[b] { return nil }
        let na = s.nodes[a].count, nb = s.nodes[b].count
        if s.crossing[a][i] || s.crossing[b][j] || i < problem.frozenCount[a] || j < problem.frozenCount[b] { return nil }
        if kit.allowedClass[a] != kit.allowedClass[b] && (!kit.allAllowed(s.nodes[b][j...], on: a) || !kit.allAllowed(s.nodes[a][i...], on: b)) {
            return nil
        }
        if (i == na && j == nb) || (i == 0 && j == 0) { return nil }
        guard let costA = kit.cost(s, resource: a, head: s.prefix[a][i], tail: j < nb ? s.tail[b][j] : nil, count: i + nb - j,
                                   headLoad: i, ofRoute: a, tailLoadFrom: b, at: j),
              let costB = kit.cost(s, resource: b, head: s.prefix[b][j], tail: i < na ? s.tail[a][i] : nil, count: j + na - i,
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

    /// Carries out the cut of ``gain(_:_:_:_:_:)``.
    func apply(_ s: inout RouteSet, _ a: Int, _ i: Int, _ b: Int, _ j: Int) {
        let newA = Array(s.nodes[a][..<i]) + Array(s.nodes[b][j...])
        let newB = Array(s.nodes[b][..<j]) + Array(s.nodes[a][i...])
        s.nodes[a] = newA
        s.nodes[b] = newB
        s.refresh(a)
        s.refresh(b)
    }
}
