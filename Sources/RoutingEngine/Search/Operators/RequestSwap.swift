/// Request pair swap: request `task` and a request near it (a pickup or delivery among the near
/// neighbours of its own) on another route swap routes, each going to its cheapest places in the
/// other's route. Exact: the two routes change independently. From the pickup's turn; not in a
/// penalised descent.
final class RequestSwap: NodeOperator {
    static let id = OperatorID.requestSwap
    static let endsTurn = true
    let kit: MoveKit
    var statistics = OperatorStatistics()
    private var move = (task: 0, other: 0, mine: (first: 0, second: 0), theirs: (first: 0, second: 0))
    /// The neighbours tried.
    private var tried: [Int] = []
    /// The routes priced in this evaluation, and whether a swap with one of theirs improves.
    private var priced: [(route: Int, improving: Bool)] = []
    /// Routes known to offer no improving swap until one of the two changes.
    private var fruitless = FruitlessMoves()

    init(_ kit: MoveKit) { self.kit = kit }

    static func supports(_ problem: CompiledProblem) -> Bool { problem.isRequest.filter { $0 }.count > 1 && problem.resourceCount > 1 }

    func evaluate(_ s: RouteSet, _ u: Int, rng: inout EngineRandom) -> Int? {
        guard kit.isMovablePickup(s, u) else { return nil }
        let task = kit.problem.taskOfNode[u]
        guard let best = best(s, task: task, rng: &rng) else { return counted(nil) }
        move = (task, best.other, best.mine, best.theirs)
        return counted(best.gain)
    }

    func apply(_ s: inout RouteSet) {
        statistics.applied += 1
        apply(&s, task: move.task, other: move.other, mine: move.mine, theirs: move.theirs)
    }

    /// The best improving swap of request `task` with a request near it, or `nil`.
    func best(_ s: RouteSet, task: Int, rng: inout EngineRandom)
        -> (gain: Int, other: Int, mine: (first: Int, second: Int), theirs: (first: Int, second: Int))?
    {
        let problem = kit.problem
        let u = problem.firstNode[task], a = s.routeOf[u]
        guard problem.isRequest[task], a >= 0, !problem.locked[task] else { return nil }
        var best: (gain: Int, other: Int, mine: (first: Int, second: Int), theirs: (first: Int, second: Int))?
        tried.removeAll(keepingCapacity: true)
        priced.removeAll(keepingCapacity: true)
        // The request's route without it, taken only if some swap must be priced.
        var withoutTask: RouteView?
        for node in u...(u + 1) {
            for vv in problem.correlated[node].prefix(kit.granularity) {
                let v = Int(vv), b = s.routeOf[v], other = problem.taskOfNode[v]
                guard b >= 0, b != a, problem.isRequest[other], !problem.locked[other], !tried.contains(other) else { continue }
                tried.append(other)
                // Every swap with route b found nothing, and neither route changed since.
                if fruitless.known(s, task: task, a: a, b: b) { continue }
                if !priced.contains(where: { $0.route == b }) { priced.append((b, false)) }
                if withoutTask == nil { withoutTask = kit.removalViews.view(s, task: task) }
                // Their route without them (kept for the descent: no copy of the route set, no refresh).
                let withoutOther = kit.removalViews.view(s, task: other)
                // The swap improves only if the second insertion costs less than what the removals
                // and the first insertion leave.
                let removals = withoutTask!.cost + withoutOther.cost - s.routeCost[a] - s.routeCost[b]
                guard let theirs = s.bestInsertion(task: other, resource: a, into: withoutTask!, rng: &rng),
                      let mine = s.bestInsertion(task: task, resource: b, into: withoutOther, below: -removals - theirs.delta, rng: &rng)
                else { continue }
                let gain = removals + mine.delta + theirs.delta
                if gain < 0 {
                    priced[priced.firstIndex { $0.route == b }!].improving = true
                    if best == nil || gain < best!.gain { best = (gain, other, (mine.first, mine.second), (theirs.first, theirs.second)) }
                }
            }
        }
        for entry in priced where !entry.improving { fruitless.record(s, task: task, a: a, b: entry.route) }
        return best
    }

    func beginDescent(_ s: RouteSet) { if kit.remembersFruitlessMoves { fruitless.prepare(s) } }

    /// Swaps requests `task` and `other` between their routes at the positions
    /// ``best(_:task:rng:)`` gave.
    func apply(_ s: inout RouteSet, task: Int, other: Int, mine: (first: Int, second: Int), theirs: (first: Int, second: Int)) {
        let a = s.routeOf[kit.problem.firstNode[task]], b = s.routeOf[kit.problem.firstNode[other]]
        s.remove(tasks: [task, other])
        s.insert(task: task, route: b, first: mine.first, second: mine.second)
        s.insert(task: other, route: a, first: theirs.first, second: theirs.second)
    }
}
