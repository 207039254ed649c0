/// Request relocate: a request's pickup and delivery move together to their best places in a
/// route near them (the routes of the near neighbours of either stop) or in their own route. From
/// the pickup's turn; not in a penalised descent (requests are placed by exact insertion).
final class RequestRelocate: NodeOperator {
    static let id = OperatorID.requestRelocate
    static let endsTurn = true
    let kit: MoveKit
    var statistics = OperatorStatistics()
    private var move = (task: 0, route: 0, first: 0, second: 0)
    /// Routes considered, reused between evaluations.
    private var routes: [Int] = []
    /// Moves known to find nothing until a route changes.
    private var fruitless = FruitlessMoves()

    init(_ kit: MoveKit) { self.kit = kit }

    static func supports(_ problem: CompiledProblem) -> Bool { problem.isRequest.contains(true) }

    func evaluate(_ s: RouteSet, _ u: Int, rng: inout EngineRandom) -> Int? {
        guard kit.isMovablePickup(s, u) else { return nil }
        kit.requestRoutes(s, pickup: u, into: &routes)
        let task = kit.problem.taskOfNode[u]
        guard let best = best(s, task: task, routes: routes, rng: &rng) else { return counted(nil) }
        move = (task, best.route, best.first, best.second)
        return counted(best.gain)
    }

    func apply(_ s: inout RouteSet) {
        statistics.applied += 1
        apply(&s, task: move.task, route: move.route, first: move.first, second: move.second)
    }

    /// The best move of request `task` to another route among `routes`, or to better places in its
    /// own route: the gain, the route and the insertion positions as
    /// ``RouteSet/bestInsertion(task:route:blinkRate:rng:)`` gives them for the route without the
    /// request. `nil` if none improves.
    func best(_ s: RouteSet, task: Int, routes: [Int], rng: inout EngineRandom) -> (gain: Int, route: Int, first: Int, second: Int)? {
        let problem = kit.problem
        let u = problem.firstNode[task], a = s.routeOf[u]
        guard problem.isRequest[task], a >= 0, !problem.locked[task] else { return nil }
        // The route without the request, taken only if some route must be priced.
        var without: RouteView?
        var best: (gain: Int, route: Int, first: Int, second: Int)?
        for b in routes where !fruitless.known(s, task: task, a: a, b: b) {
            if without == nil { without = kit.removalViews.view(s, task: task) }
            let removal = without!.cost - s.routeCost[a]
            let found = s.bestInsertion(task: task, resource: b, into: b == a ? without! : s.view(b), below: -removal, rng: &rng)
            guard let found, removal + found.delta < 0 else {
                fruitless.record(s, task: task, a: a, b: b)
                continue
            }
            let gain = removal + found.delta
            if best == nil || gain < best!.gain { best = (gain, b, found.first, found.second) }
        }
        return best
    }

    func beginDescent(_ s: RouteSet) { if kit.remembersFruitlessMoves { fruitless.prepare(s) } }

    /// Moves request `task` to `route` at the positions ``best(_:task:routes:rng:)`` gave.
    func apply(_ s: inout RouteSet, task: Int, route: Int, first: Int, second: Int) {
        s.remove(tasks: [task])
        s.insert(task: task, route: route, first: first, second: second)
    }
}

extension MoveKit {
    /// Whether `u` is the pickup of a request the descent may move now: not frozen, and not in
    /// a penalised descent.
    @inline(__always)
    func isMovablePickup(_ s: RouteSet, _ u: Int) -> Bool {
        s.weights == nil && problem.partner[u] > u && s.movable(u)
    }

    /// The routes a request may move to: its own, and those of the near neighbours of its pickup
    /// and delivery, each once, in neighbour order.
    func requestRoutes(_ s: RouteSet, pickup u: Int, into routes: inout [Int]) {
        routes.removeAll(keepingCapacity: true)
        routes.append(s.routeOf[u])
        for node in u...(u + 1) {
            for vv in problem.correlated[node].prefix(granularity) {
                let b = s.routeOf[Int(vv)]
                if b >= 0 && !routes.contains(b) { routes.append(b) }
            }
        }
    }
}
