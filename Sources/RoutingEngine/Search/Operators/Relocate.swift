/// Relocate: a visit `u` moves next to a near neighbour `v` in another route, after it or before
/// it (tried in that order). Visits only: a request's stops move with ``RequestRelocate``.
final class Relocate: NeighbourOperator {
    static let id = OperatorID.relocate
    let kit: MoveKit
    var statistics = OperatorStatistics()
    /// The move the last evaluation proposed: `u` into route `b` at index `j`.
    private var move = (u: 0, b: 0, j: 0)

    init(_ kit: MoveKit) { self.kit = kit }

    static func supports(_ problem: CompiledProblem) -> Bool { problem.resourceCount > 1 && problem.isRequest.contains(false) }

    func evaluate(_ s: RouteSet, _ u: Int, _ v: Int) -> Int? {
        guard kit.problem.partner[u] < 0 else { return nil }
        let b = s.routeOf[v], after = s.positionOf[v] + 1, before = s.positionOf[v]
        if let gain = gain(s, u, b, after), gain < 0 {
            move = (u, b, after)
            return counted(gain)
        }
        if let gain = gain(s, u, b, before), gain < 0 {
            move = (u, b, before)
            return counted(gain)
        }
        return counted(nil)
    }

    func apply(_ s: inout RouteSet) {
        statistics.applied += 1
        apply(&s, move.u, move.b, move.j)
    }

    /// Gain of moving visit `u` (route `a`) to just after position `j - 1` of route `b` (`j` = insert index).
    /// `nil` when the move is not allowed (a request's stop, a resource the task may not use, the
    /// same route) or breaks a hard rule.
    func gain(_ s: RouteSet, _ u: Int, _ b: Int, _ j: Int) -> Int? {
        let problem = kit.problem
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

    /// Carries out the move of ``gain(_:_:_:_:)``.
    func apply(_ s: inout RouteSet, _ u: Int, _ b: Int, _ j: Int) {
        let a = s.routeOf[u]
        s.nodes[a].remove(at: s.positionOf[u])
        s.nodes[b].insert(u, at: j)
        s.refresh(a)
        s.refresh(b)
    }
}
