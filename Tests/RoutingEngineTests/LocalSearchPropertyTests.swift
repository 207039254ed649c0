import SeededTesting
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

    /// Every cut of two different routes: route `a` before position `i`, route `b` before `j`.
    static func cuts(_ s: RouteSet) -> [(a: Int, i: Int, b: Int, j: Int)] {
        var all: [(a: Int, i: Int, b: Int, j: Int)] = []
        for a in 0..<s.nodes.count {
            for b in 0..<s.nodes.count where a != b {
                for i in 0...s.nodes[a].count { for j in 0...s.nodes[b].count { all.append((a, i, b, j)) } }
            }
        }
        return all
    }

    @Test("every evaluated 2-opt* delta equals the cost change after applying it", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func twoOptStar(seed: UInt64) {
        announceSeed(seed)
        for (requests, replanning) in [(0, false), (3, false), (3, true)] {
            let (problem, s, ls) = Self.start(seed: seed, requests: requests, replanning: replanning)
            var checked = 0
            for (a, i, b, j) in Self.cuts(s) {
                guard let delta = TwoOptStar(ls.kit).gain(s, a, i, b, j) else { continue }
                var after = s
                TwoOptStar(ls.kit).apply(&after, a, i, b, j)
                #expect(after.totalCost - s.totalCost == delta, "seed \(seed): 2-opt* \(a):\(i) \(b):\(j)")
                let violations = SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem)
                #expect(violations.isEmpty, "seed \(seed): \(violations)")
                checked += 1
            }
            #expect(checked > 0)
        }
    }

    @Test("every evaluated relocate delta equals the cost change after applying it", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func relocate(seed: UInt64) {
        announceSeed(seed)
        for replanning in [false, true] {
        let (problem, s, ls) = Self.start(seed: seed, requests: 2, replanning: replanning)
        var checked = 0
        for u in 0..<problem.visits.count where s.routeOf[u] >= 0 {
            for b in 0..<s.nodes.count where b != s.routeOf[u] {
                for j in 0...s.nodes[b].count {
                    guard let delta = Relocate(ls.kit).gain(s, u, b, j) else { continue }
                    var after = s
                    Relocate(ls.kit).apply(&after, u, b, j)
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
        announceSeed(seed)
        for (requests, replanning) in [(0, false), (2, false), (2, true)] {
            let (problem, s, ls) = Self.start(seed: seed, requests: requests, replanning: replanning)
            var checked = 0
            for (a, i, b, j) in Self.cuts(s) {
                for la in 0...3 {
                    for lb in 0...3 {
                        guard let delta = CrossExchange(ls.kit).gain(s, a, i, la, b, j, lb) else { continue }
                        var after = s
                        CrossExchange(ls.kit).apply(&after, a, i, la, b, j, lb)
                        #expect(after.totalCost - s.totalCost == delta, "seed \(seed): cross \(a):\(i)+\(la) \(b):\(j)+\(lb)")
                        let violations = SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem)
                        #expect(violations.isEmpty, "seed \(seed): \(violations)")
                        checked += 1
                    }
                }
            }
            #expect(checked > 0, "seed \(seed) requests \(requests) replanning \(replanning)")
        }
    }

    @Test("descent never worsens and keeps the solution feasible", arguments: [7, 8, 9] as [UInt64])
    func descent(seed: UInt64) {
        announceSeed(seed)
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
        announceSeed(seed)
        let (problem, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: 0)
        var moved = 0
        for u in 0..<problem.visits.count where s.routeOf[u] >= 0 {
            guard let move = ls.kit.bestIntraMove(s, u) else { continue }
            var after = s
            ls.kit.moveWithin(&after, u, to: move.index)
            #expect(after.totalCost - s.totalCost == move.gain, "seed \(seed), visit \(u)")
            #expect(SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem).isEmpty)
            moved += 1
        }
        // Brute force: no position is better than the one found.
        for u in 0..<problem.visits.count where s.routeOf[u] >= 0 && ls.kit.onlyDelivers(s, s.routeOf[u]) {
            let r = s.routeOf[u]
            var best = 0
            for index in 0..<s.nodes[r].count {
                var trial = s
                trial.nodes[r].remove(at: s.positionOf[u])
                trial.nodes[r].insert(u, at: index)
                trial.refresh(r)
                if trial.routeCost[r] < Int.max / 8 { best = min(best, trial.routeCost[r] - s.routeCost[r]) }
            }
            #expect((ls.kit.bestIntraMove(s, u)?.gain ?? 0) == best, "seed \(seed), visit \(u)")
        }
        _ = moved
    }
}

@Suite("Route moves: SWAP* and request moves")
struct RouteMovePropertyTests {
    @Test("the exact route evaluation agrees with the cached route cost", arguments: [31, 32, 33] as [UInt64])
    func evaluation(seed: UInt64) {
        announceSeed(seed)
        for replanning in [false, true] {
            let (_, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: 3, replanning: replanning)
            for r in 0..<s.nodes.count {
                #expect(ls.kit.evaluate(s, r, stops: s.nodes[r]) == s.routeCost[r], "seed \(seed) route \(r)")
            }
        }
    }

    @Test("every SWAP* gain equals the cost change after applying it", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func swapStar(seed: UInt64) {
        announceSeed(seed)
        var found = 0
        for (requests, replanning) in [(0, false), (2, false), (2, true)] {
            let (problem, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: requests, replanning: replanning)
            for a in 0..<s.nodes.count {
                for b in (a + 1)..<s.nodes.count {
                    guard let move = SwapStar(ls.kit).best(s, a, b) else { continue }
                    #expect(move.gain < 0)
                    var after = s
                    ls.kit.applyRoutes(&after, a, move.newA, b, move.newB)
                    #expect(after.totalCost - s.totalCost == move.gain, "seed \(seed): SWAP* \(a) \(b)")
                    // One visit of each route traded places.
                    #expect(Set(move.newA).subtracting(s.nodes[a]).count == 1 && Set(move.newB).subtracting(s.nodes[b]).count == 1)
                    let violations = SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem)
                    #expect(violations.isEmpty, "seed \(seed): \(violations)")
                    found += 1
                }
            }
        }
        print("seed \(seed): \(found) SWAP* moves checked")
    }

    @Test("SWAP* finds moves on random instances", arguments: [[1, 2, 3, 4, 5, 6, 7, 8]] as [[UInt64]])
    func swapStarFinds(seeds: [UInt64]) {
        var found = 0
        for seed in seeds {
            let (_, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: 0)
            for a in 0..<s.nodes.count { for b in (a + 1)..<s.nodes.count where SwapStar(ls.kit).best(s, a, b) != nil { found += 1 } }
        }
        #expect(found > 0)
    }

    @Test("every request move's gain equals the cost change after applying it", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func requestMove(seed: UInt64) {
        announceSeed(seed)
        var moved = 0
        for replanning in [false, true] {
            let (problem, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: 5, replanning: replanning)
            var rng = EngineRandom(seed: seed)
            for request in 0..<problem.requests.count {
                let task = problem.visits.count + request
                let allRoutes = Array(0..<s.nodes.count)
                guard let move = RequestRelocate(ls.kit).best(s, task: task, routes: allRoutes, rng: &rng) else { continue }
                var after = s
                RequestRelocate(ls.kit).apply(&after, task: task, route: move.route, first: move.first, second: move.second)
                #expect(after.totalCost - s.totalCost == move.gain, "seed \(seed): request \(request) → \(move.route)")
                #expect(after.unassigned == s.unassigned)
                let violations = SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem)
                #expect(violations.isEmpty, "seed \(seed): \(violations)")
                // No route offers a cheaper place: brute force over every pair of positions.
                var without = after
                without.remove(tasks: [task])
                var cheapest = Int.max
                let compiled = s.problem
                for r in 0..<s.nodes.count where compiled.allowed[task * compiled.resourceCount + r] {
                    let n = without.nodes[r].count
                    for i in compiled.frozenCount[r]...n {
                        for j in i...n {
                            var trial = without
                            trial.insert(task: task, route: r, first: i, second: j)
                            if trial.isFeasible(r) { cheapest = min(cheapest, trial.totalCost) }
                        }
                    }
                }
                #expect(after.totalCost == cheapest, "seed \(seed): request \(request)")
                moved += 1
            }
        }
        print("seed \(seed): \(moved) request moves checked")
        #expect(moved > 0)
    }
}

@Suite("Penalised local search")
struct PenalisedSearchTests {
    /// Cheap prices, so that moves through infeasible space look attractive.
    static let weights = PenaltyWeights(timeWarp: 1, load: 3)

    @Test("in penalised mode every move's delta equals the change of the penalised cost", arguments: [1, 2, 3, 4] as [UInt64])
    func deltas(seed: UInt64) {
        announceSeed(seed)
        var infeasibleReached = 0
        for (requests, replanning) in [(0, false), (2, true)] {
            var (_, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: requests, replanning: replanning)
            s.setWeights(Self.weights)
            func check(_ delta: Int?, _ apply: (inout RouteSet) -> Void, _ label: String) {
                guard let delta else { return }
                var after = s
                apply(&after)
                #expect(after.totalCost - s.totalCost == delta, "seed \(seed): \(label)")
                if !after.isFeasible { infeasibleReached += 1 }
            }
            let R = s.nodes.count
            for (a, i, b, j) in LocalSearchPropertyTests.cuts(s) {
                check(TwoOptStar(ls.kit).gain(s, a, i, b, j), { TwoOptStar(ls.kit).apply(&$0, a, i, b, j) }, "2-opt* \(a):\(i) \(b):\(j)")
                for (la, lb) in [(1, 1), (2, 0), (1, 2)] {
                    check(CrossExchange(ls.kit).gain(s, a, i, la, b, j, lb), { CrossExchange(ls.kit).apply(&$0, a, i, la, b, j, lb) },
                          "cross \(a):\(i)+\(la) \(b):\(j)+\(lb)")
                }
            }
            for a in 0..<R {
                for b in (a + 1)..<R {
                    if let move = SwapStar(ls.kit).best(s, a, b) {
                        check(move.gain, { ls.kit.applyRoutes(&$0, a, move.newA, b, move.newB) }, "SWAP* \(a) \(b)")
                    }
                }
            }
            for u in 0..<s.problem.nodeCount where s.routeOf[u] >= 0 {
                for b in 0..<R {
                    for j in 0...s.nodes[b].count {
                        check(Relocate(ls.kit).gain(s, u, b, j), { Relocate(ls.kit).apply(&$0, u, b, j) }, "relocate \(u) → \(b):\(j)")
                    }
                }
                if let move = ls.kit.bestIntraMove(s, u) {
                    check(move.gain, { ls.kit.moveWithin(&$0, u, to: move.index) }, "intra \(u)")
                }
            }
        }
        print("seed \(seed): \(infeasibleReached) moves into infeasible space checked")
        #expect(infeasibleReached > 0)
    }

    @Test("a penalised solve returns a checked, feasible and reproducible solution", arguments: [11, 12, 13] as [UInt64])
    func solve(seed: UInt64) throws {
        announceSeed(seed)
        for tight in [false, true] {
            let problem = EngineTestKit.randomProblem(seed: seed, visits: 30, requests: 4, resources: 4, tight: tight)
            let parameters = SolverParameters(timeLimit: nil, iterationLimit: 300, seed: seed, penalisedSearch: true)
            let solution = try Solver(parameters: parameters).solve(problem)
            #expect(SolutionChecker.check(solution, against: problem).isEmpty, "seed \(seed)")
            let again = try Solver(parameters: parameters).solve(problem)
            #expect(again.cost.total == solution.cost.total)
            #expect(again.routes.map(\.steps.count) == solution.routes.map(\.steps.count))
        }
    }

    @Test("the penalty manager raises a price when too few outputs keep its rules and lowers it when too many do")
    func manager() {
        let problem = CompiledProblem(EngineTestKit.randomProblem(seed: 1))
        var manager = PenaltyManager(problem: problem, scale: 40, window: 10)
        let start = manager.weights
        for k in 0..<10 { manager.register(timeFeasible: k < 2, loadFeasible: true) }
        #expect(manager.weights.timeWarp > start.timeWarp)
        #expect(manager.weights.load < start.load)
        let raised = manager.weights
        for k in 0..<10 { manager.register(timeFeasible: k < 6 || k == 9, loadFeasible: k < 7) }
        #expect(manager.weights == raised, "65–70 % feasible is on target")
        #expect(manager.repairWeights.timeWarp == raised.timeWarp * 10)
    }
}

@Suite("Late acceptance")
struct LateAcceptanceTests {
    @Test("late-acceptance solves are checked and reproducible", arguments: [21, 22] as [UInt64])
    func solve(seed: UInt64) throws {
        announceSeed(seed)
        let problem = EngineTestKit.randomProblem(seed: seed, visits: 30, requests: 4, resources: 4)
        let parameters = SolverParameters(timeLimit: nil, iterationLimit: 400, seed: seed, acceptance: .lateAcceptance(history: 50))
        let solution = try Solver(parameters: parameters).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty, "seed \(seed)")
        let again = try Solver(parameters: parameters).solve(problem)
        #expect(again.cost.total == solution.cost.total)
        // Never worse than the construction it starts from.
        let construction = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 1, seed: seed, localSearch: false,
                                                                   acceptance: .lateAcceptance(history: 50))).solve(problem)
        #expect(solution.cost.total <= construction.cost.total)
    }
}

@Suite("Request pair swap")
struct RequestSwapTests {
    @Test("every request swap's gain equals the cost change after applying it", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func swap(seed: UInt64) {
        announceSeed(seed)
        var swapped = 0
        for replanning in [false, true] {
            let (problem, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: 6, replanning: replanning)
            var rng = EngineRandom(seed: seed)
            for request in 0..<problem.requests.count {
                let task = problem.visits.count + request
                guard let swap = RequestSwap(ls.kit).best(s, task: task, rng: &rng) else { continue }
                var after = s
                RequestSwap(ls.kit).apply(&after, task: task, other: swap.other, mine: swap.mine, theirs: swap.theirs)
                #expect(after.totalCost - s.totalCost == swap.gain, "seed \(seed): request \(request) ⇄ task \(swap.other)")
                #expect(after.routeOf[s.problem.firstNode[task]] == s.routeOf[s.problem.firstNode[swap.other]])
                let violations = SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem)
                #expect(violations.isEmpty, "seed \(seed): \(violations)")
                swapped += 1
            }
        }
        print("seed \(seed): \(swapped) request swaps checked")
        #expect(swapped > 0)
    }
}

@Suite("Intra-route or-opt")
struct IntraOrOptTests {
    @Test("the best move of a string of two or three visits within its route is the cheapest, and its gain is exact",
          arguments: [41, 42, 43, 44, 45] as [UInt64])
    func strings(seed: UInt64) {
        announceSeed(seed)
        var moved = 0
        for unordered in [false, true] {
            var (problem, s, ls) = LocalSearchPropertyTests.start(seed: seed, requests: 0, replanning: !unordered)
            if unordered {
                // Visits appended in index order where they fit, so that routes are far from optimal.
                problem = EngineTestKit.randomProblem(seed: seed, visits: 18, requests: 0, resources: 3)
                let compiled = CompiledProblem(problem)
                s = RouteSet(problem: compiled)
                ls = LocalSearch(problem: compiled)
                for task in 0..<compiled.taskCount {
                    let r = task % compiled.resourceCount
                    guard compiled.allowed[task * compiled.resourceCount + r] else { continue }
                    s.insert(task: task, route: r, first: s.nodes[r].count, second: s.nodes[r].count)
                    if !s.isFeasible(r) { s.remove(tasks: [task]) }
                }
            }
            for u in 0..<problem.visits.count where s.routeOf[u] >= 0 {
                let r = s.routeOf[u], i = s.positionOf[u]
                for length in 2...3 where i + length <= s.nodes[r].count {
                    let move = ls.kit.bestIntraMove(s, u, length: length)
                    if let move {
                        var after = s
                        ls.kit.moveWithin(&after, u, to: move.index, length: length)
                        #expect(after.totalCost - s.totalCost == move.gain, "seed \(seed): visit \(u) length \(length)")
                        #expect(SolutionChecker.check(RoutingSolution(from: after, iterations: 0), against: problem).isEmpty)
                        moved += 1
                    }
                    // Brute force over every place of the string, when the move is allowed at all.
                    let stringMovable = s.nodes[r][i..<(i + length)].allSatisfy { s.movable($0) }
                    guard ls.kit.onlyDelivers(s, r), stringMovable else { continue }
                    var best = 0
                    for index in s.problem.frozenCount[r]...(s.nodes[r].count - length) {
                        var trial = s
                        let string = Array(trial.nodes[r][i..<(i + length)])
                        trial.nodes[r].removeSubrange(i..<(i + length))
                        trial.nodes[r].insert(contentsOf: string, at: index)
                        trial.refresh(r)
                        if trial.isFeasible(r) { best = min(best, trial.routeCost[r] - s.routeCost[r]) }
                    }
                    #expect((move?.gain ?? 0) == best, "seed \(seed): visit \(u) length \(length)")
                }
            }
        }
        print("seed \(seed): \(moved) or-opt moves checked")
        #expect(moved > 0)
    }
}
