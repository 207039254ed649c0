import SeededTesting
import Testing
@testable import RoutingEngine

/// The request operators skip evaluations that found nothing while neither route has changed
/// since; skipping them must change nothing but the time taken.
@Suite("Fruitless request moves")
struct FruitlessMovesTests {
    @Test("a descent that skips known-fruitless request moves and keeps routes without their requests makes exactly the moves of one that prices them all afresh",
          arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func sameDescent(seed: UInt64) {
        announceSeed(seed)
        let problem = GeneratedDARP.problem(.init(requests: 60, vehicles: 6, seed: seed))
        let compiled = CompiledProblem(problem)
        var start = RouteSet(problem: compiled)
        var rng = EngineRandom(seed: seed)
        RuinAndRecreate(problem: compiled, parameters: SolverParameters(seed: seed)).regretInsert(start.unassigned, into: &start, rng: &rng)
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

    @Test("what is remembered is forgotten when either route changes")
    func forgottenOnChange() {
        let problem = GeneratedDARP.problem(.init(requests: 20, vehicles: 3, seed: 7))
        var s = RouteSet(problem: CompiledProblem(problem))
        var rng = EngineRandom(seed: 7)
        RuinAndRecreate(problem: s.problem, parameters: SolverParameters(seed: 7)).regretInsert(s.unassigned, into: &s, rng: &rng)
        var memo = FruitlessMoves()
        #expect(!memo.known(s, task: 0, a: 0, b: 1), "nothing is known before a descent starts")
        memo.record(s, task: 0, a: 0, b: 1)
        #expect(!memo.known(s, task: 0, a: 0, b: 1), "nor recorded")
        memo.reset(s)
        memo.record(s, task: 0, a: 0, b: 1)
        #expect(memo.known(s, task: 0, a: 0, b: 1) && !memo.known(s, task: 0, a: 0, b: 2) && !memo.known(s, task: 1, a: 0, b: 1))
        s.refresh(1)
        #expect(!memo.known(s, task: 0, a: 0, b: 1), "route b changed")
        memo.record(s, task: 0, a: 0, b: 1)
        s.refresh(0)
        #expect(!memo.known(s, task: 0, a: 0, b: 1), "route a changed")
        memo.reset(s)
        #expect(!memo.known(s, task: 0, a: 0, b: 1), "a new descent starts knowing nothing")
    }
}
