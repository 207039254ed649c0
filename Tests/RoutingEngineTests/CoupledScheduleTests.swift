import SeededTesting
import Testing
@testable import RoutingEngine

/// The coupled scheduler's shortcut: after a move that changed only some routes (no group tying
/// routes together), rescheduling just those routes gives exactly what scheduling the whole plan
/// again gives.
@Suite("Coupled schedule")
struct CoupledScheduleTests {
    /// Routes, starts, breaks and cost, everything the search reads after scheduling.
    static func snapshot(_ plan: CoupledPlan) -> [[Int]] {
        let served = plan.routes.flatMap { $0 }.sorted()
        return [served.map { plan.start[$0] }, served.map { plan.arrival[$0] }, plan.departure, plan.end, plan.breakStart.flatMap { $0 },
                plan.breakAfter.flatMap { $0 }, [plan.cost.total, plan.cost.distance, plan.cost.duration, plan.cost.lateness, plan.cost.overtime]]
    }

    @Test("rescheduling only the changed routes equals a full reschedule (requests, breaks, lateness; random moves)", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func incrementalEqualsFull(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 14, requests: 4, resources: 3)
        var rng = EngineRandom(seed: seed &* 7)
        for r in problem.resources.indices {
            problem.resources[r].breaks = [Break(window: TimeWindow(start: 200 + rng.below(100), end: 400 + rng.below(100)), duration: 20)]
        }
        problem.objective.latenessCost = 3
        for v in problem.visits.indices where v % 3 == 0 { problem.visits[v].lateAfter = problem.visits[v].stop.window.start + 30 }
        let compiled = CompiledProblem(problem)
        let model = CoupledModel(compiled)
        #expect(model.groupTasks.isEmpty)
        var search = CoupledSearch(model: model, parameters: SolverParameters(timeLimit: nil, iterationLimit: 30, seed: seed), cancellation: nil,
                                   progress: nil)
        var plan = search.run()
        #expect(model.schedule(&plan))
        var compared = 0, feasibleMoves = 0
        for _ in 0..<200 {
            // Move one visit to a random place on a random route.
            let served = (0..<compiled.visitCount).filter { plan.routeOf[$0] >= 0 }
            guard let u = served.isEmpty ? nil : served[rng.below(served.count)] else { break }
            let from = plan.routeOf[u], to = rng.below(compiled.resourceCount)
            guard compiled.allowed[u * compiled.resourceCount + to] else { continue }
            var moved = plan
            moved.routes[from].removeAll { $0 == u }
            moved.routes[to].insert(u, at: rng.below(moved.routes[to].count + 1))
            moved.routeOf[u] = to
            var incremental = moved, full = moved
            let quick = model.schedule(&incremental, changed: from == to ? [from] : [from, to])
            let whole = model.schedule(&full)
            #expect(quick == whole, "seed \(seed): visit \(u) \(from) → \(to): feasible \(quick) incrementally, \(whole) in full")
            compared += 1
            guard quick && whole else { continue }
            feasibleMoves += 1
            #expect(Self.snapshot(incremental) == Self.snapshot(full), "seed \(seed): visit \(u) \(from) → \(to)")
            plan = full
        }
        #expect(compared > 50 && feasibleMoves > 5, "seed \(seed): \(compared) moves compared, \(feasibleMoves) feasible")
    }
}
