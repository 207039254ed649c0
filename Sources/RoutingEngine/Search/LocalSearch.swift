/// Granular local search (Toth & Vigo's granular idea): the registered operators, applied
/// first-improvement until none improves, each stop looking only at its near neighbours (in space
/// and time: ``CompiledProblem/correlated``).
///
/// One pass visits the stops in a random order. For each stop `u`: the node operators first
/// (request moves end `u`'s turn when one applies; intra-route moves go on), then each near
/// neighbour `v` on another compatible route with the neighbour operators in registry order, the
/// first improving move applied. When a pass improves nothing, the route-pair operators (SWAP*)
/// try pairs of routes holding near neighbours; the descent stops when they too find nothing.
struct LocalSearch {
    /// Every operator, in the order the descent tries them. Add an operator here.
    static var registry: [any LocalSearchOperator.Type] {
        [RequestRelocate.self, RequestSwap.self, IntraRelocate.self, OrOpt.self, TwoOptStar.self, CrossExchange.self, Relocate.self, SwapStar.self]
    }

    /// The helpers the operators share.
    let kit: MoveKit
    /// The operators this search runs, in registry order, by kind.
    let nodeOperators: [any NodeOperator]
    let neighbourOperators: [any NeighbourOperator]
    let routePairOperators: [any RoutePairOperator]

    /// A local search with the operators in `enabled` that `problem` supports.
    init(problem: CompiledProblem, granularity: Int = 20, enabled: Set<OperatorID> = Set(OperatorID.allCases), remembersFruitlessMoves: Bool = true) {
        kit = MoveKit(problem: problem, granularity: granularity, remembersFruitlessMoves: remembersFruitlessMoves)
        var node: [any NodeOperator] = [], neighbour: [any NeighbourOperator] = [], routePair: [any RoutePairOperator] = []
        for type in Self.registry where enabled.contains(type.id) && type.supports(problem) {
            switch type.init(kit) {
            case let op as any NodeOperator: node.append(op)
            case let op as any NeighbourOperator: neighbour.append(op)
            case let op as any RoutePairOperator: routePair.append(op)
            default: preconditionFailure("operator \(type.id) keeps none of the operator contracts")
            }
        }
        nodeOperators = node
        neighbourOperators = neighbour
        routePairOperators = routePair
    }

    /// A local search with the operators `parameters` switch on.
    init(problem: CompiledProblem, parameters: SolverParameters) {
        self.init(problem: problem, enabled: parameters.operators)
    }

    var problem: CompiledProblem { kit.problem }

    /// What each operator did so far, in registry order.
    var statistics: [(OperatorID, OperatorStatistics)] {
        let all: [any LocalSearchOperator] = nodeOperators + neighbourOperators + routePairOperators
        return Self.registry.compactMap { type in all.first { Swift.type(of: $0).id == type.id }.map { (type.id, $0.statistics) } }
    }

    /// First-improvement descent over all operators until no improving move remains.
    func descend(_ s: inout RouteSet, rng: inout EngineRandom) {
        if kit.remembersFruitlessMoves { kit.removalViews.prepare(taskCount: problem.taskCount) }
        for op in nodeOperators { op.beginDescent(s) }
        var order = (0..<problem.nodeCount).filter { s.routeOf[$0] >= 0 }
        order.shuffle(using: &rng)
        // Per route-pair operator: the two routes' versions when the pair was last tried, flat by pair.
        var tried = routePairOperators.map { _ in [Int](repeating: -1, count: 2 * problem.resourceCount * problem.resourceCount) }
        var improved = true
        var rounds = 0
        while improved && rounds < 50 {
            improved = false
            rounds += 1
            stops: for u in order where s.routeOf[u] >= 0 {
                for op in nodeOperators {
                    guard op.evaluate(s, u, rng: &rng) != nil else { continue }
                    op.apply(&s)
                    improved = true
                    if type(of: op).endsTurn { continue stops }
                    break
                }
                let a = s.routeOf[u]
                for vv in problem.correlated[u].prefix(kit.granularity) {
                    let v = Int(vv)
                    let b = s.routeOf[v]
                    guard b >= 0, b != a, kit.compatible[a] == kit.compatible[b] else { continue }
                    if tryNeighbourMoves(&s, u, v) {
                        improved = true
                        break
                    }
                }
            }
            if !improved {
                for k in routePairOperators.indices where routePairPass(routePairOperators[k], &s, order: order, tried: &tried[k]) { improved = true }
            }
        }
    }

    /// Applies the first improving neighbour move for `u` and `v`; whether one was applied.
    @inline(__always)
    func tryNeighbourMoves(_ s: inout RouteSet, _ u: Int, _ v: Int) -> Bool {
        for op in neighbourOperators where op.evaluate(s, u, v) != nil {
            op.apply(&s)
            return true
        }
        return false
    }

    /// One pass of a route-pair operator over pairs of routes that hold near neighbours,
    /// skipping pairs unchanged since they were last tried.
    func routePairPass(_ op: any RoutePairOperator, _ s: inout RouteSet, order: [Int], tried: inout [Int]) -> Bool {
        let count = problem.resourceCount
        var improved = false
        for u in order {
            let a = s.routeOf[u]
            if a < 0 { continue }
            for vv in problem.correlated[u].prefix(kit.granularity) {
                let b = s.routeOf[Int(vv)]
                guard b >= 0, b != a else { continue }
                let (x, y) = a < b ? (a, b) : (b, a), slot = 2 * (x * count + y)
                if tried[slot] == s.version[x] && tried[slot + 1] == s.version[y] { continue }
                if op.evaluate(s, x, y) != nil {
                    op.apply(&s)
                    improved = true
                }
                tried[slot] = s.version[x]
                tried[slot + 1] = s.version[y]
                if s.routeOf[u] != a { break }
            }
        }
        return improved
    }
}
