import SeededTesting
import Testing
@testable import RoutingEngine

@Suite("Insertion and removal")
struct InsertionPropertyTests {
    @Test("an insertion's evaluated delta equals the cost change after applying it, and the result is feasible", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func deltaMatchesApplied(seed: UInt64) throws {
        announceSeed(seed)
        let problem = EngineTestKit.randomProblem(seed: seed)
        let compiled = CompiledProblem(problem)
        var s = RouteSet(problem: compiled)
        var rng = EngineRandom(seed: seed)
        for task in (0..<compiled.taskCount).shuffled(using: &rng) {
            var best: (delta: Int, route: Int, first: Int, second: Int)?
            for r in 0..<compiled.resourceCount {
                if let found = s.bestInsertion(task: task, route: r, rng: &rng), best == nil || found.delta < best!.delta {
                    best = (found.delta, r, found.first, found.second)
                }
            }
            guard let best else { continue }
            let before = s.totalCost - compiled.penalty[task]
            s.insert(task: task, route: best.route, first: best.first, second: best.second)
            #expect(s.totalCost - before == best.delta, "seed \(seed), task \(task)")
            let solution = RoutingSolution(from: s, iterations: 0)
            let violations = SolutionChecker.check(solution, against: problem)
            #expect(violations.isEmpty, "seed \(seed): \(violations)")
        }
    }

    @Test("removing tasks restores the earlier cost of their routes")
    func removal() {
        let seed = announceSeed(11)
        let start = EngineTestKit.recreated(seed: seed, resources: 2)
        let compiled = start.problem
        var s = start.routes
        let assigned = (0..<compiled.taskCount).filter { !s.unassigned.contains($0) }
        let full = s.totalCost
        let victim = assigned[0]
        let r = s.routeOf[compiled.firstNode[victim]]
        let saved = s.nodes[r]
        s.remove(tasks: [victim])
        #expect(s.unassigned.contains(victim))
        #expect(!s.nodes[r].contains(compiled.firstNode[victim]))
        s.nodes[r] = saved
        s.unassigned.removeAll { $0 == victim }
        s.refresh(r)
        #expect(s.totalCost == full)
    }
}

@Suite("Recreate: tasks left out")
struct LeftOutTests {
    @Test("a task left out is offered only the routes changed since the iteration began; any change reopens a route to it")
    func onlyChangedRoutes() {
        let seed = announceSeed(5)
        let start = EngineTestKit.recreated(seed: seed, resources: 3)
        let compiled = start.problem, operators = start.operators
        var s = start.routes, rng = start.rng
        let task = (0..<compiled.taskCount).first { !s.unassigned.contains($0) }!
        let r = s.routeOf[compiled.firstNode[task]]
        s.remove(tasks: [task])
        // No route changed since the iteration began: the task stays out.
        var unchanged = s
        operators.recreate(&unchanged, rng: &rng, leftOut: [task], versions: s.version)
        #expect(unchanged.unassigned.contains(task))
        // Not left out (ruined in this iteration): it goes back.
        var ruined = s
        operators.recreate(&ruined, rng: &rng, leftOut: [], versions: s.version)
        #expect(!ruined.unassigned.contains(task))
        // Its route changed since: it is priced there again and goes back.
        var changed = s
        var older = s.version
        older[r] -= 1
        operators.recreate(&changed, rng: &rng, leftOut: [task], versions: older)
        #expect(!changed.unassigned.contains(task))
    }
}

@Suite("Regret insertion")
struct RegretInsertionTests {
    @Test("a task with one possible route goes first, where greedy insertion in the given order strands it")
    func fewOptionsFirst() {
        let matrix = TravelMatrix(count: 3) { a, b in (duration: abs(a - b) * 10, distance: abs(a - b) * 10) }
        let resource = Resource(startLocation: 0, endLocation: 0, capacity: [1])
        let problem = RoutingProblem(
            matrices: [matrix], dimensions: 1,
            visits: [Visit(stop: Stop(location: 1), delivery: [1]), Visit(stop: Stop(location: 2), delivery: [1], allowedResources: [0])],
            resources: [resource, resource])
        let compiled = CompiledProblem(problem)
        let operators = RuinAndRecreate(problem: compiled, parameters: SolverParameters(blinkRate: 0))
        var rng = EngineRandom(seed: 1)
        var greedy = RouteSet(problem: compiled)
        operators.insertAll([0, 1], into: &greedy, rng: &rng)
        #expect(greedy.unassigned == [1])
        var regret = RouteSet(problem: compiled)
        operators.regretInsert([0, 1], into: &regret, rng: &rng)
        #expect(regret.unassigned.isEmpty)
        #expect(regret.nodes == [[1], [0]])
    }

    @Test("regret insertion builds a checked solution and leaves out only tasks with no place worth taking",
          arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func construction(seed: UInt64) {
        announceSeed(seed)
        for tight in [false, true] {
            let problem = EngineTestKit.randomProblem(seed: seed, visits: 25, requests: 6, resources: 4, tight: tight)
            let (compiled, operators, s, startRng) = EngineTestKit.regretBuilt(problem, seed: seed)
            var rng = startRng
            let violations = SolutionChecker.check(RoutingSolution(from: s, iterations: 0), against: problem)
            #expect(violations.isEmpty, "seed \(seed): \(violations)")
            for task in s.unassigned {
                for r in 0..<compiled.resourceCount {
                    let found = s.bestInsertion(task: task, route: r, rng: &rng)
                    #expect(found == nil || found!.delta >= compiled.penalty[task], "seed \(seed): task \(task) fits route \(r)")
                }
            }
            // The same seed gives the same construction.
            var again = RouteSet(problem: compiled)
            var rng2 = EngineRandom(seed: seed)
            operators.regretInsert(again.unassigned, into: &again, rng: &rng2)
            #expect(again.nodes == s.nodes)
        }
    }
}

@Suite("Granular recreate")
struct GranularRecreateTests {
    /// Visits on a line, one per route, and a last visit at the start of the line that only the
    /// route at its far end may serve.
    static func lineProblem(count: Int) -> RoutingProblem {
        let matrix = TravelMatrix(count: count + 2) { a, b in (duration: abs(a - b), distance: abs(a - b)) }
        var visits = (1...count).map { Visit(stop: Stop(location: $0), delivery: [1]) }
        visits.append(Visit(stop: Stop(location: 1), delivery: [1], allowedResources: [count - 1]))
        let resources = (0..<count).map { _ in Resource(startLocation: 0, endLocation: 0, capacity: [2]) }
        return RoutingProblem(matrices: [matrix], dimensions: 1, visits: visits, resources: resources)
    }

    @Test("with many routes a task is priced near its neighbours, and anywhere when nothing near takes it")
    func fallback() {
        let count = RuinAndRecreate.granularAbove + 15
        let problem = Self.lineProblem(count: count)
        let compiled = CompiledProblem(problem)
        var s = RouteSet(problem: compiled)
        var rng = EngineRandom(seed: 1)
        for v in 0..<count { s.insert(task: v, route: v, first: 0, second: 0) }
        #expect(s.usedRoutes > RuinAndRecreate.granularAbove)
        // Remove a few near the start of the line and the far-only task's neighbours stay served.
        s.remove(tasks: [0, 1, 2])
        let operators = RuinAndRecreate(problem: compiled, parameters: SolverParameters(blinkRate: 0))
        #expect(s.unassigned == [count, 0, 1, 2])
        operators.insertAll(s.unassigned, into: &s, rng: &rng)
        #expect(s.unassigned.isEmpty)
        #expect(s.routeOf[compiled.firstNode[count]] == count - 1)
        #expect(SolutionChecker.check(RoutingSolution(from: s, iterations: 0), against: problem).isEmpty)
    }
}

@Suite("Insertion pricing by distance")
struct DistancePricingTests {
    /// The cheapest feasible place for `task` in route `r` by trying every place in full: the
    /// cost change after inserting it and refreshing, the first cheapest in place order.
    static func bruteForce(_ s: RouteSet, task: Int, route r: Int) -> (delta: Int, first: Int, second: Int)? {
        let p = s.problem, n = s.nodes[r].count
        guard p.allowed[task * p.resourceCount + r], n > 0 || !s.closed[r] else { return nil }
        var best: (delta: Int, first: Int, second: Int)?
        for i in p.frozenCount[r]...n {
            for j in (p.isRequest[task] ? i...n : i...i) {
                var t = s
                t.insert(task: task, route: r, first: i, second: j)
                guard t.isFeasible(r) else { continue }
                let delta = t.routeCost[r] - s.routeCost[r]
                if best == nil || delta < best!.delta { best = (delta, i, j) }
            }
        }
        return best
    }

    @Test("the cheapest place is the one found by trying every place in full; a cutoff only drops places that cost as much or more",
          arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func sameAsFull(seed: UInt64) {
        announceSeed(seed)
        for tight in [false, true] {
            var problem = EngineTestKit.randomProblem(seed: seed, visits: 14, requests: 6, resources: 4, tight: tight)
            // Two vehicles end elsewhere than they start (an empty route then costs nothing).
            problem.resources[2].endLocation = 1
            problem.resources[3].endLocation = 2
            let built = EngineTestKit.regretBuilt(problem, seed: seed, parameters: SolverParameters(blinkRate: 0))
            let compiled = built.problem
            #expect(compiled.pricedByDistance == [true, false, true, false])
            var rng = built.rng, s = built.routes
            let empty = RouteSet(problem: compiled)
            // Take a third of the tasks out again and price each on every route; and every task
            // on the empty routes.
            let out = (0..<compiled.taskCount).filter { !s.unassigned.contains($0) && $0 % 3 == 0 }
            s.remove(tasks: out)
            for (s, tasks) in [(s, s.unassigned), (empty, Array(0..<compiled.taskCount))] {
              for task in tasks {
                for r in 0..<compiled.resourceCount {
                    let full = Self.bruteForce(s, task: task, route: r)
                    let found = s.bestInsertion(task: task, route: r, rng: &rng)
                    #expect(found?.delta == full?.delta, "seed \(seed): task \(task), route \(r)")
                    if let full {
                        for cutoff in [full.delta - 1, full.delta, full.delta + 1] {
                            let cut = s.bestInsertion(task: task, route: r, below: cutoff, rng: &rng)
                            if full.delta < cutoff {
                                #expect(cut?.delta == full.delta, "seed \(seed): task \(task), route \(r), below \(cutoff)")
                            } else {
                                #expect(cut == nil || cut!.delta >= cutoff, "seed \(seed): task \(task), route \(r), below \(cutoff)")
                            }
                        }
                    }
                }
              }
            }
        }
    }
}
