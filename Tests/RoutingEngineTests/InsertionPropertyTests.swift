import Testing
@testable import RoutingEngine

@Suite("Insertion and removal")
struct InsertionPropertyTests {
    @Test("an insertion's evaluated delta equals the cost change after applying it, and the result is feasible", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func deltaMatchesApplied(seed: UInt64) throws {
        print("seed = \(seed)")
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
        let problem = EngineTestKit.randomProblem(seed: 11, visits: 10, requests: 3, resources: 2)
        let compiled = CompiledProblem(problem)
        var s = RouteSet(problem: compiled)
        var rng = EngineRandom(seed: 11)
        RuinAndRecreate(problem: compiled, parameters: SolverParameters(blinkRate: 0)).recreate(&s, rng: &rng)
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
