import SeededTesting
import Testing
@testable import RoutingEngine

/// The request operators skip evaluations that found nothing while neither route has changed
/// since; skipping them must change nothing but the time taken.
@Suite("Fruitless request moves")
struct FruitlessMovesTests {
    /// A generated day of 60 requests and 6 vehicles, built by regret insertion; the generator
    /// state after it.
    static func constructed(seed: UInt64) -> (RoutingProblem, CompiledProblem, RuinAndRecreate, RouteSet, EngineRandom) {
        let problem = GeneratedDARP.problem(.init(requests: 60, vehicles: 6, seed: seed))
        let compiled = CompiledProblem(problem)
        let operators = RuinAndRecreate(problem: compiled, parameters: SolverParameters(seed: seed))
        var start = RouteSet(problem: compiled)
        var rng = EngineRandom(seed: seed)
        operators.regretInsert(start.unassigned, into: &start, rng: &rng)
        return (problem, compiled, operators, start, rng)
    }

    @Test("a descent that skips known-fruitless request moves and keeps routes without their requests makes exactly the moves of one that prices them all afresh",
          arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func sameDescent(seed: UInt64) {
        announceSeed(seed)
        let (problem, compiled, _, start, _) = Self.constructed(seed: seed)
        #expect(start.unassigned.count < 60, "seed \(seed): the construction serves requests")
        let remembering = LocalSearch(problem: compiled)
        let pricingAll = LocalSearch(problem: compiled, remembersFruitlessMoves: false)
        var fast = start, slow = start
        var fastRNG = EngineRandom(seed: seed), slowRNG = EngineRandom(seed: seed)
        remembering.descend(&fast, rng: &fastRNG)
        pricingAll.descend(&slow, rng: &slowRNG)
        #expect(fast.nodes == slow.nodes, "seed \(seed): the routes differ")
        #expect(fast.totalCost == slow.totalCost && fast.totalCost <= start.totalCost, "seed \(seed)")
        let applied = { (ls: LocalSearch) in ls.statistics.filter { [.requestRelocate, .requestSwap].contains($0.0) }.map(\.1.applied) }
        #expect(applied(remembering) == applied(pricingAll), "seed \(seed)")
        #expect(applied(remembering).reduce(0, +) > 0, "seed \(seed): the request moves improve the construction")
        #expect(SolutionChecker.check(RoutingSolution(from: fast, iterations: 0), against: problem).isEmpty, "seed \(seed)")
    }

    @Test("what is remembered holds while both routes keep their stamps, in any copy, and not for a closed route")
    func forgottenOnChange() {
        let problem = GeneratedDARP.problem(.init(requests: 20, vehicles: 3, seed: 7))
        var s = RouteSet(problem: CompiledProblem(problem))
        var rng = EngineRandom(seed: 7)
        RuinAndRecreate(problem: s.problem, parameters: SolverParameters(seed: 7)).regretInsert(s.unassigned, into: &s, rng: &rng)
        var memo = FruitlessMoves()
        memo.record(s, task: 0, a: 0, b: 1)
        #expect(!memo.known(s, task: 0, a: 0, b: 1), "nothing is remembered before the memory is prepared")
        memo.prepare(s)
        memo.record(s, task: 0, a: 0, b: 1)
        #expect(memo.known(s, task: 0, a: 0, b: 1) && !memo.known(s, task: 0, a: 0, b: 2) && !memo.known(s, task: 1, a: 0, b: 1))
        let copy = s
        #expect(memo.known(copy, task: 0, a: 0, b: 1), "a copy has the same routes")
        s.refresh(1)
        #expect(!memo.known(s, task: 0, a: 0, b: 1), "route b changed")
        #expect(memo.known(copy, task: 0, a: 0, b: 1), "not in the copy")
        var other = copy
        other.refresh(1)
        #expect(s.version[1] != other.version[1], "two branches never share a stamp for different routes")
        memo.record(s, task: 0, a: 0, b: 1)
        s.refresh(0)
        #expect(!memo.known(s, task: 0, a: 0, b: 1), "route a changed")
        var fresh = RouteSet(problem: s.problem)
        fresh.load(RoutingSolution(from: copy, iterations: 0).routes.map { route in
            PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: $0.kind, task: $0.task) })
        })
        #expect(!memo.known(fresh, task: 0, a: 0, b: 1), "another set with the same stops has other stamps")
        memo.record(copy, task: 0, a: 0, b: 1)
        var closed = copy
        closed.closed[1] = true
        #expect(!memo.known(closed, task: 0, a: 0, b: 1), "a closed route is priced afresh")
        // A problem whose table would pass the limit is not remembered at all.
        var bounded = FruitlessMoves(largestTable: s.problem.taskCount * s.problem.resourceCount - 1)
        bounded.prepare(s)
        bounded.record(s, task: 0, a: 0, b: 1)
        #expect(!bounded.known(s, task: 0, a: 0, b: 1), "above the limit nothing is remembered")
    }

    @Test("the memory carried from one descent to the next, on other branches of the same start, changes no move",
          arguments: [11, 12, 13, 14] as [UInt64])
    func acrossDescents(seed: UInt64) {
        announceSeed(seed)
        var (_, compiled, operators, start, rng) = Self.constructed(seed: seed)
        let remembering = LocalSearch(problem: compiled)
        for branch in 0..<4 {
            // A candidate as the main loop makes them: the start, ruined and recreated.
            var candidate = start
            operators.ruin(&candidate, rng: &rng)
            operators.recreate(&candidate, rng: &rng)
            var fast = candidate, slow = candidate
            var fastRNG = EngineRandom(seed: seed &+ UInt64(branch)), slowRNG = fastRNG
            remembering.descend(&fast, rng: &fastRNG)
            LocalSearch(problem: compiled, remembersFruitlessMoves: false).descend(&slow, rng: &slowRNG)
            #expect(fast.nodes == slow.nodes, "seed \(seed), branch \(branch): the routes differ")
            if branch == 1 { start = fast }  // later branches grow from a polished one
        }
    }
}
