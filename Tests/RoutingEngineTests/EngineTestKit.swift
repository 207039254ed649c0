import Foundation
@testable import RoutingEngine

/// Seeded random instances for property tests; the seed is printed so a failure can be replayed.
enum EngineTestKit {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }

    /// A random instance with visits and requests on a grid, one load dimension, a few resources.
    static func randomProblem(seed: UInt64, visits: Int = 12, requests: Int = 4, resources: Int = 3, tight: Bool = false) -> RoutingProblem {
        var rng = EngineRandom(seed: seed)
        let locations = 1 + visits + 2 * requests
        let xs = (0..<locations).map { _ in rng.below(100) }, ys = (0..<locations).map { _ in rng.below(100) }
        let matrix = TravelMatrix(count: locations) { a, b in
            let d = Int((Double((xs[a] - xs[b]) * (xs[a] - xs[b]) + (ys[a] - ys[b]) * (ys[a] - ys[b]))).squareRoot().rounded(.up))
            return (duration: d, distance: d)
        }
        func window() -> TimeWindow {
            let start = rng.below(tight ? 400 : 200)
            return TimeWindow(start: start, end: start + (tight ? 60 + rng.below(60) : 300 + rng.below(400)))
        }
        let vs = (0..<visits).map { i in
            Visit(stop: Stop(location: 1 + i, window: window(), service: 5 + rng.below(10)), delivery: [1 + rng.below(5)],
                  requiredSkills: rng.below(5) == 0 ? 1 : 0)
        }
        let rs = (0..<requests).map { i in
            let w = window()
            return Request(pickup: Stop(location: 1 + visits + 2 * i, window: w, service: 5),
                           delivery: Stop(location: 2 + visits + 2 * i, window: TimeWindow(start: w.start, end: w.end + 200), service: 5),
                           load: [1 + rng.below(4)], maxRideTime: rng.below(2) == 0 ? 150 : nil)
        }
        let res = (0..<resources).map { i in
            Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_200), capacity: [15],
                     skills: i == 0 ? 1 : 0, fixedCost: 1_000, costPerDistance: 1, costPerDuration: i % 2)
        }
        return RoutingProblem(matrices: [matrix], dimensions: 1, visits: vs, requests: rs, resources: res)
    }

    /// A random instance of 10 visits and 3 requests (``randomProblem(seed:visits:requests:resources:tight:)``)
    /// filled by one recreate without blinks, with the operators and the generator after it.
    static func recreated(seed: UInt64, resources: Int)
        -> (problem: CompiledProblem, operators: RuinAndRecreate, routes: RouteSet, rng: EngineRandom)
    {
        let compiled = CompiledProblem(randomProblem(seed: seed, visits: 10, requests: 3, resources: resources))
        let operators = RuinAndRecreate(problem: compiled, parameters: SolverParameters(blinkRate: 0))
        var routes = RouteSet(problem: compiled)
        var rng = EngineRandom(seed: seed)
        operators.recreate(&routes, rng: &rng)
        return (compiled, operators, routes, rng)
    }

    /// `problem` compiled and planned by regret insertion, with the operators and the generator
    /// after it.
    static func regretBuilt(_ problem: RoutingProblem, seed: UInt64, parameters: SolverParameters = SolverParameters())
        -> (problem: CompiledProblem, operators: RuinAndRecreate, routes: RouteSet, rng: EngineRandom)
    {
        let compiled = CompiledProblem(problem)
        let operators = RuinAndRecreate(problem: compiled, parameters: parameters)
        var routes = RouteSet(problem: compiled)
        var rng = EngineRandom(seed: seed)
        operators.regretInsert(routes.unassigned, into: &routes, rng: &rng)
        return (compiled, operators, routes, rng)
    }

    /// Adds preferred resources to about a third of the tasks and a random reference plan, both
    /// priced, and excludes one resource from a few visits.
    static func addPreferences(_ problem: inout RoutingProblem, seed: UInt64) {
        var rng = EngineRandom(seed: seed &+ 77)
        let R = problem.resources.count
        problem.objective.nonPreferredCost = 40
        problem.objective.reassignmentCost = 25
        var reference = (0..<R).map { PlanEvaluator.PlannedRoute(resource: $0, stops: []) }
        for v in problem.visits.indices {
            if rng.below(3) == 0 { problem.visits[v].preferredResources = [rng.below(R)] }
            if rng.below(6) == 0 { problem.visits[v].excludedResources = [rng.below(R)] }
            if problem.visits[v].preferredResources.contains(where: problem.visits[v].excludedResources.contains) {
                problem.visits[v].excludedResources = []
            }
            reference[rng.below(R)].stops.append(.init(kind: .visit, task: v))
        }
        for q in problem.requests.indices {
            if rng.below(3) == 0 { problem.requests[q].preferredResources = [rng.below(R)] }
            let r = rng.below(R)
            reference[r].stops.append(.init(kind: .pickup, task: q))
            reference[r].stops.append(.init(kind: .delivery, task: q))
        }
        problem.reference = reference
    }
}
