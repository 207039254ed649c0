import SeededTesting
import Testing
@testable import RoutingEngine

/// The operator contract: every registered operator's `evaluate` delta is exactly the cost change
/// its `apply` makes, it proposes only improving moves that keep every hard rule, it counts
/// what it does, and parameters switch operators on and off.
@Suite("Operator contract")
struct OperatorContractTests {
    @Test("the registries (main search, then coupled search) list every operator id once, in the order of OperatorID")
    func registry() {
        let coupled = (CoupledLocalSearch.taskRegistry + CoupledLocalSearch.routeRegistry).map { $0.id }
        #expect(LocalSearch.registry.map { $0.id } + coupled == OperatorID.allCases)
    }

    @Test("for every registered operator, each proposed move improves by exactly its evaluated delta and passes the checker",
          arguments: [1, 2, 3, 4] as [UInt64])
    func deltas(seed: UInt64) {
        announceSeed(seed)
        var applied: [OperatorID: Int] = [:]
        for (requests, replanning) in [(0, false), (4, false), (4, true)] {
            let (problem, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: requests, replanning: replanning)
            func check(_ delta: Int?, _ op: any LocalSearchOperator, apply: (inout RouteSet) -> Void, _ label: String) {
                guard let delta else { return }
                #expect(delta < 0, "seed \(seed): \(label) proposed a move that does not improve")
                var after = s
                apply(&after)
                #expect(after.totalCost - s.totalCost == delta, "seed \(seed): \(label)")
                let violations = SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem)
                #expect(violations.isEmpty, "seed \(seed): \(label): \(violations)")
                applied[type(of: op).id, default: 0] += 1
            }
            let served = (0..<s.problem.nodeCount).filter { s.routeOf[$0] >= 0 }
            for op in ls.nodeOperators {
                for u in served {
                    var rng = EngineRandom(seed: seed)
                    check(op.evaluate(s, u, rng: &rng), op, apply: { op.apply(&$0) }, "\(type(of: op).id) at \(u)")
                }
            }
            for op in ls.neighbourOperators {
                for u in served {
                    for v in served where s.routeOf[v] != s.routeOf[u] {
                        check(op.evaluate(s, u, v), op, apply: { op.apply(&$0) }, "\(type(of: op).id) at \(u), \(v)")
                    }
                }
            }
            for op in ls.routePairOperators {
                for a in 0..<s.nodes.count {
                    for b in (a + 1)..<s.nodes.count { check(op.evaluate(s, a, b), op, apply: { op.apply(&$0) }, "\(type(of: op).id) \(a) \(b)") }
                }
            }
            for (id, statistics) in ls.statistics {
                #expect(statistics.evaluations >= statistics.improving && statistics.improving >= statistics.applied, "\(id): \(statistics)")
            }
        }
        print("seed \(seed): moves checked per operator: " + applied.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
        #expect(applied.count >= 6, "seed \(seed): only \(applied.keys.map(\.rawValue).sorted()) proposed moves")
    }

    @Test("parameters switch operators off; what a problem does not support is left out; a descent counts what it applies")
    func switches() {
        let (_, s, full) = LocalSearchPropertyTests.start(seed: 5, requests: 0)
        #expect(!full.nodeOperators.contains { type(of: $0).id == .requestRelocate }, "no requests: request moves are not supported")
        var parameters = SolverParameters()
        parameters.swapStar = false
        parameters.operators.remove(.orOpt)
        #expect(!parameters.operators.contains(.swapStar) && parameters.crossExchange)
        let fewer = LocalSearch(problem: s.problem, parameters: parameters)
        let ids = (fewer.nodeOperators.map { type(of: $0).id } + fewer.neighbourOperators.map { type(of: $0).id }
            + fewer.routePairOperators.map { type(of: $0).id })
        #expect(ids == [.intraRelocate, .twoOptStar, .crossExchange, .relocate])
        #expect(SolverParameters(requestMoves: false).operators == Set(OperatorID.allCases).subtracting([.requestRelocate, .requestSwap]))
        var improved = s
        var rng = EngineRandom(seed: 5)
        full.descend(&improved, rng: &rng)
        let applied = full.statistics.reduce(0) { $0 + $1.1.applied }
        #expect(improved.totalCost < s.totalCost && applied > 0)
    }
}
