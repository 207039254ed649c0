import Testing
@testable import RoutingEngine

@Suite("Local search moves")
struct LocalSearchPropertyTests {
    /// A recreated solution of a seeded random instance with several routes.
    /// With `replanning`, tasks get preferred resources and a reference plan (both priced), and
    /// route 0 has a frozen prefix of its first two stops.
    static func start(seed: UInt64, requests: Int, replanning: Bool = false) -> (RoutingProblem, RouteSet, LocalSearch) {
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 18, requests: requests, resources: 4)
        if replanning { EngineTestKit.addPreferences(&problem, seed: seed) }
        var compiled = CompiledProblem(problem)
        var s = RouteSet(problem: compiled)
        var rng = EngineRandom(seed: seed)
        // Spread tasks over routes: insert into each route in turn where feasible.
        for task in 0..<compiled.taskCount {
            let r = task % compiled.resourceCount
            if let found = s.bestInsertion(task: task, route: r, rng: &rng) {
                s.insert(task: task, route: r, first: found.first, second: found.second)
            }
        }
        if replanning {
            let plan = RoutingSolution(from: s, iterations: 0).routes.map { route in
                PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: $0.kind, task: $0.task) })
            }
            if let first = plan.first {
                problem.frozen = [PlanEvaluator.PlannedRoute(resource: first.resource, stops: Array(first.stops.prefix(2)))]
            }
            compiled = CompiledProblem(problem)
            s = RouteSet(problem: compiled)
            s.load(plan)
        }
        return (problem, s, LocalSearch(problem: compiled))
    }

    @Test("every evaluated 2-opt* delta equals the cost change after applying it", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func twoOptStar(seed: UInt64) {
        print("seed = \(seed)")
        for (requests, replanning) in [(0, false), (3, false), (3, true)] {
            let (problem, s, ls) = Self.start(seed: seed, requests: requests, replanning: replanning)
            var checked = 0
            for a in 0..<s.nodes.count {
                for b in 0..<s.nodes.count where a != b {
                    for i in 0...s.nodes[a].count {
                        for j in 0...s.nodes[b].count {
                            guard let delta = ls.twoOptStar(s, a, i, b, j) else { continue }
                            var after = s
                            ls.applyTwoOptStar(&after, a, i, b, j)
                            #expect(after.totalCost - s.totalCost == delta, "seed \(seed): 2-opt* \(a):\(i) \(b):\(j)")
                            let violations = SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem)
                            #expect(violations.isEmpty, "seed \(seed): \(violations)")
                            checked += 1
                        }
                    }
                }
            }
            #expect(checked > 0)
        }
    }

    @Test("every evaluated relocate delta equals the cost change after applying it", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func relocate(seed: UInt64) {
        print("seed = \(seed)")
        for replanning in [false, true] {
        let (problem, s, ls) = Self.start(seed: seed, requests: 2, replanning: replanning)
        var checked = 0
        for u in 0..<problem.visits.count where s.routeOf[u] >= 0 {
            for b in 0..<s.nodes.count where b != s.routeOf[u] {
                for j in 0...s.nodes[b].count {
                    guard let delta = ls.relocate(s, u, b, j) else { continue }
                    var after = s
                    ls.applyRelocate(&after, u, b, j)
                    #expect(after.totalCost - s.totalCost == delta, "seed \(seed): relocate \(u) → \(b):\(j)")
                    #expect(SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem).isEmpty)
                    checked += 1
                }
            }
        }
        #expect(checked > 0)
        }
    }

    @Test("every evaluated cross-exchange (swap, or-opt between routes) delta equals the cost change after applying it",
          arguments: [1, 2, 3, 4, 5] as [UInt64])
    func crossExchange(seed: UInt64) {
        print("seed = \(seed)")
        for (requests, replanning) in [(0, false), (2, false), (2, true)] {
            let (problem, s, ls) = Self.start(seed: seed, requests: requests, replanning: replanning)
            var checked = 0
            for a in 0..<s.nodes.count {
                for b in 0..<s.nodes.count where a != b {
                    for i in 0...s.nodes[a].count {
                        for j in 0...s.nodes[b].count {
                            for la in 0...3 {
                                for lb in 0...3 {
                                    guard let delta = ls.crossExchange(s, a, i, la, b, j, lb) else { continue }
                                    var after = s
                                    ls.applyCrossExchange(&after, a, i, la, b, j, lb)
                                    #expect(after.totalCost - s.totalCost == delta, "seed \(seed): cross \(a):\(i)+\(la) \(b):\(j)+\(lb)")
                                    let violations = SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem)
                                    #expect(violations.isEmpty, "seed \(seed): \(violations)")
                                    checked += 1
                                }
                            }
                        }
                    }
                }
            }
            #expect(checked > 0, "seed \(seed) requests \(requests) replanning \(replanning)")
        }
    }

    @Test("descent never worsens and keeps the solution feasible", arguments: [7, 8, 9] as [UInt64])
    func descent(seed: UInt64) {
        print("seed = \(seed)")
        let (problem, s, ls) = Self.start(seed: seed, requests: 3)
        var improved = s
        var rng = EngineRandom(seed: seed)
        ls.descend(&improved, rng: &rng)
        #expect(improved.totalCost <= s.totalCost)
        #expect(improved.unassigned == s.unassigned)
        #expect(SolutionChecker.check(RoutingSolution(from: improved, iterations: 0), against: problem).isEmpty)
    }
}

@Suite("Intra-route relocate")
struct IntraRelocateTests {
    @Test("the best intra-route move's gain equals the cost change after applying it", arguments: [21, 22, 23, 24] as [UInt64])
    func gainMatchesApplied(seed: UInt64) {
        print("seed = \(seed)")
        let (problem, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: 0)
        var moved = 0
        for u in 0..<problem.visits.count where s.routeOf[u] >= 0 {
            guard let move = ls.bestIntraRelocate(s, u) else { continue }
            var after = s
            ls.applyIntraRelocate(&after, u, move.index)
            #expect(after.totalCost - s.totalCost == move.gain, "seed \(seed), visit \(u)")
            #expect(SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem).isEmpty)
            moved += 1
        }
        // Brute force: no position is better than the one found.
        for u in 0..<problem.visits.count where s.routeOf[u] >= 0 && ls.onlyDelivers(s, s.routeOf[u]) {
            let r = s.routeOf[u]
            var best = 0
            for index in 0..<s.nodes[r].count {
                var trial = s
                trial.nodes[r].remove(at: s.positionOf[u])
                trial.nodes[r].insert(u, at: index)
                trial.refresh(r)
                if trial.routeCost[r] < Int.max / 8 { best = min(best, trial.routeCost[r] - s.routeCost[r]) }
            }
            #expect((ls.bestIntraRelocate(s, u)?.gain ?? 0) == best, "seed \(seed), visit \(u)")
        }
        _ = moved
    }
}
