/// Intra-route relocate: a visit moves to its best place in its own route. Segments between the
/// old and new places are extended one stop at a time, so all places cost O(n) together. Only on
/// routes that only deliver (their peak load cannot change).
final class IntraRelocate: NodeOperator {
    static let id = OperatorID.intraRelocate
    static let endsTurn = false
    let kit: MoveKit
    var statistics = OperatorStatistics()
    private var move = (u: 0, index: 0)

    init(_ kit: MoveKit) { self.kit = kit }

    static func supports(_ problem: CompiledProblem) -> Bool { problem.isRequest.contains(false) }

    func evaluate(_ s: RouteSet, _ u: Int, rng: inout EngineRandom) -> Int? {
        guard let best = kit.bestIntraMove(s, u, length: 1) else { return counted(nil) }
        move = (u, best.index)
        return counted(best.gain)
    }

    func apply(_ s: inout RouteSet) {
        statistics.applied += 1
        kit.moveWithin(&s, move.u, to: move.index, length: 1)
    }
}

/// Or-opt within a route (Or 1976): a string of two, else three, visits starting at `u` moves to
/// its best place in its own route, priced like ``IntraRelocate``.
final class OrOpt: NodeOperator {
    static let id = OperatorID.orOpt
    static let endsTurn = false
    let kit: MoveKit
    var statistics = OperatorStatistics()
    private var move = (u: 0, index: 0, length: 2)

    init(_ kit: MoveKit) { self.kit = kit }

    static func supports(_ problem: CompiledProblem) -> Bool { problem.isRequest.contains(false) }

    func evaluate(_ s: RouteSet, _ u: Int, rng: inout EngineRandom) -> Int? {
        for length in 2...3 {
            if let best = kit.bestIntraMove(s, u, length: length) {
                move = (u, best.index, length)
                return counted(best.gain)
            }
        }
        return counted(nil)
    }

    func apply(_ s: inout RouteSet) {
        statistics.applied += 1
        kit.moveWithin(&s, move.u, to: move.index, length: move.length)
    }
}

extension MoveKit {
    /// The best move of the string of `length` visits starting at `u` to another position of its
    /// own route: the gain and the index to insert at after removing the string; `nil` if none
    /// improves.
    func bestIntraMove(_ s: RouteSet, _ u: Int, length: Int = 1) -> (gain: Int, index: Int)? {
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
                // Legs into the string read from its own row (the same for every `k`).
                var full = s.mergeInto(s.merge(s.prefix[r][i], middle, profile: profile), moved, profile: profile)
                if k + 1 < n { full = s.merge(full, s.tail[r][k + 1], profile: profile) }
                consider(s.merge(full, end, profile: profile), k - L + 1)
            }
        }
        // Before original position k < i: prefix[k] ⊕ string ⊕ route[k..<i] ⊕ tail[i+L] ⊕ end.
        if i > 0 {
            var middle = s.nodeSegment(route[i - 1])
            for k in stride(from: i - 1, through: 0, by: -1) {
                if k < i - 1 { middle = s.merge(s.nodeSegment(route[k]), middle, profile: profile) }
                var full = s.merge(s.mergeInto(s.prefix[r][k], moved, profile: profile), middle, profile: profile)
                if i + L < n { full = s.merge(full, s.tail[r][i + L], profile: profile) }
                consider(s.merge(full, end, profile: profile), k)
            }
        }
        return best
    }

    /// Moves the string of `length` visits starting at `u` within its route to `index` (an index
    /// of the route with the string removed).
    func moveWithin(_ s: inout RouteSet, _ u: Int, to index: Int, length: Int = 1) {
        let r = s.routeOf[u], i = s.positionOf[u]
        let moved = Array(s.nodes[r][i..<(i + length)])
        s.nodes[r].removeSubrange(i..<(i + length))
        s.nodes[r].insert(contentsOf: moved, at: index)
        s.refresh(r)
    }
}
