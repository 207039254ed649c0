import SeededTesting
import Testing
@testable import RoutingEngine

/// The coupled search's local search keeps the operator contract: each proposed move improves
/// the plan by exactly its evaluated delta and keeps every rule; evaluating leaves the plan as it
/// was. Breaks go where the search puts them, so a break placed by the rule no longer blocks a
/// request that fits.
@Suite("Coupled local search")
struct CoupledLocalSearchTests {
    /// Random coupled problems: requests with ride limits and breaks, with and without double-ups.
    static func problem(seed: UInt64, groups: Bool) -> RoutingProblem {
        var rng = EngineRandom(seed: seed &* 31)
        var problem: RoutingProblem
        if groups {
            problem = CoupledSearchTests.randomCoupled(seed: seed, visits: 10, carers: 4)
            let locations = problem.matrices[0].count
            problem.requests = (0..<5).map { _ in
                let start = rng.below(400)
                return Request(pickup: Stop(location: 1 + rng.below(locations - 1), window: TimeWindow(start: start, end: start + 300), service: 5),
                               delivery: Stop(location: 1 + rng.below(locations - 1), window: TimeWindow(start: start + 30, end: start + 500), service: 5),
                               maxRideTime: rng.below(2) == 0 ? 60 + rng.below(60) : nil, unassignedPenalty: 5_000)
            }
        } else {
            problem = EngineTestKit.randomProblem(seed: seed, visits: 12, requests: 8, resources: 4)
            for q in problem.requests.indices where q % 2 == 0 { problem.requests[q].maxRideTime = 60 + rng.below(100) }
        }
        CoupledScheduleTests.giveBreaks(&problem, &rng)
        // Paid by the hour as well: where a break falls changes the cost, not only what fits.
        for r in problem.resources.indices { problem.resources[r].costPerDuration = 1 }
        return problem
    }

    @Test("every coupled operator's move changes the cost by exactly its delta, keeps every rule, and evaluating changes nothing",
          arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func deltas(seed: UInt64) throws {
        announceSeed(seed)
        var applied: [OperatorID: Int] = [:]
        for groups in [false, true] {
            let problem = Self.problem(seed: seed, groups: groups)
            let model = CoupledModel(CompiledProblem(problem))
            // A short search without local search: a plan with room to improve.
            var parameters = SolverParameters(timeLimit: nil, iterationLimit: 3, seed: seed)
            parameters.localSearch = false
            var search = CoupledSearch(model: model, parameters: parameters, cancellation: nil, progress: nil)
            var plan = search.run()
            // With double-ups a trial leaves times that the next whole scheduling replaces: start fresh.
            #expect(model.schedule(&plan))
            let operators = CoupledLocalSearch(model: model, enabled: Set(OperatorID.allCases))
            for round in 0..<3 {
                for op in operators.taskOperators + operators.routeOperators {
                    let isTask = operators.taskOperators.contains { $0 === op }
                    for t in 0..<(isTask ? model.taskCount : model.p.resourceCount) {
                        let before = CoupledScheduleTests.snapshot(plan), cost = plan.cost, notBefore = plan.breakNotBefore
                        guard let delta = op.evaluate(&plan, t, search: &search) else {
                            #expect(CoupledScheduleTests.snapshot(plan) == before && plan.cost == cost && plan.breakNotBefore == notBefore,
                                    "seed \(seed) groups \(groups): \(type(of: op).id) on \(t) changed the plan it found nothing in")
                            continue
                        }
                        #expect(CoupledScheduleTests.snapshot(plan) == before && plan.cost == cost, "seed \(seed): evaluating changed the plan")
                        op.apply(&plan, search: &search)
                        applied[type(of: op).id, default: 0] += 1
                        #expect(delta < 0)
                        #expect(plan.cost.total - cost.total == delta,
                                "seed \(seed) groups \(groups) round \(round): \(type(of: op).id) on \(t) promised \(delta), changed \(plan.cost.total - cost.total)")
                        var again = plan
                        #expect(model.schedule(&again), "seed \(seed): the plan after \(type(of: op).id) breaks a rule")
                        #expect(again.cost == plan.cost, "seed \(seed): the plan after \(type(of: op).id) is not scheduled as a fresh schedule would be")
                        let solution = RoutingSolution(coupled: plan, model: model, iterations: 0)
                        let violations = SolutionChecker.check(solution, against: problem)
                        #expect(violations.isEmpty, "seed \(seed): \(violations)")
                    }
                }
            }
        }
        print("seed \(seed): moves applied \(applied.sorted { $0.key.rawValue < $1.key.rawValue })")
        #expect(applied[.coupledRelocate, default: 0] > 0, "seed \(seed): no relocation improved a three-iteration plan")
    }

    @Test("a break the rule would take at the first free moment moves later, so a request that fits is served")
    func breakMovesForRequest() throws {
        // One crew on a line, break 60 long in 100–300. Request A (pickup 10 at 100, delivery 20)
        // leaves the crew free at about 125, where the rule takes the break, until 185: too late
        // for request B, whose pickup at 30 must start by 150. Taking the break after B fits both.
        let points = [0, 10, 20, 30, 40]
        let matrix = TravelMatrix(count: points.count) { a, b in (abs(points[a] - points[b]), abs(points[a] - points[b])) }
        let crew = Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 600), capacity: [4],
                            breaks: [Break(window: TimeWindow(start: 100, end: 300), duration: 60)])
        let problem = RoutingProblem(matrices: [matrix], dimensions: 1, requests: [
            Request(pickup: Stop(location: 1, window: TimeWindow(start: 100, end: 105), service: 5),
                    delivery: Stop(location: 2, window: TimeWindow(start: 0, end: 600), service: 5), load: [1], unassignedPenalty: 10_000),
            Request(pickup: Stop(location: 3, window: TimeWindow(start: 140, end: 150), service: 5),
                    delivery: Stop(location: 4, window: TimeWindow(start: 0, end: 600), service: 5), load: [1], unassignedPenalty: 10_000),
        ], resources: [crew])
        #expect(problem.validate().isEmpty)
        // The rule alone: both requests in one route breaks B's window.
        let byRule = try PlanEvaluator.evaluate([.init(resource: 0, stops: [.init(kind: .pickup, task: 0), .init(kind: .delivery, task: 0),
                                                                             .init(kind: .pickup, task: 1), .init(kind: .delivery, task: 1)])],
                                                against: problem)
        #expect(!byRule.isFeasible)
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 50, seed: 1)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.unassigned.isEmpty, "\(solution.unassigned)")
        let taken = try #require(solution.routes.first?.breaks.first)
        #expect(taken.afterSteps == 4 && taken.start >= 150)
        // Evaluate-only takes the break where the plan puts it.
        let planned = solution.routes.map { route in
            PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: $0.kind, task: $0.task) },
                                       breaks: route.breaks.map { .init(index: $0.index, afterSteps: $0.afterSteps) })
        }
        let evaluation = try PlanEvaluator.evaluate(planned, against: problem)
        #expect(evaluation.isFeasible && evaluation.solution.routes == solution.routes)
        // A break that does not exist, or after more stops than the route has, is named.
        var wrong = planned
        wrong[0].breaks = [.init(index: 1, afterSteps: 9)]
        #expect(throws: PlanEvaluator.InvalidPlan.self) { try PlanEvaluator.evaluate(wrong, against: problem) }
        // Nor may one break be placed twice.
        wrong[0].breaks = [.init(index: 0, afterSteps: 1), .init(index: 0, afterSteps: 3)]
        #expect(throws: PlanEvaluator.InvalidPlan.self) { try PlanEvaluator.evaluate(wrong, against: problem) }
    }
}

/// Fleet minimisation in the coupled search: when vehicles cost to use, whole routes are emptied
/// while every task still finds a place.
@Suite("Coupled search: fleet minimisation")
struct CoupledFleetTests {
    @Test("a plan spread over every vehicle is packed into fewer, serving the same tasks and keeping every rule",
          arguments: [1, 2, 3] as [UInt64])
    func packs(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 10, requests: 3, resources: 6)
        var rng = EngineRandom(seed: seed &* 17)
        CoupledScheduleTests.giveBreaks(&problem, &rng)
        for r in problem.resources.indices { problem.resources[r].fixedCost = 1_000 }
        let model = CoupledModel(CompiledProblem(problem))
        var search = CoupledSearch(model: model, parameters: SolverParameters(timeLimit: nil, iterationLimit: 400, seed: seed, fleetShare: 0.5),
                                   cancellation: nil, progress: nil)
        // Every task alone on a vehicle, round the fleet, where that keeps every rule.
        var spread = CoupledPlan(model: model)
        for (k, t) in spread.unassigned.enumerated() {
            let r = k % model.p.resourceCount
            var trial = spread
            for v in model.members[t] {
                trial.routes[r].append(v)
                trial.routeOf[v] = r
            }
            trial.unassigned.removeAll { $0 == t }
            if model.schedule(&trial) { spread = trial }
        }
        #expect(model.schedule(&spread))
        let before = spread.routes.filter { !$0.isEmpty }.count
        let packed = search.minimiseFleet(from: spread, until: 0.5)
        let after = packed.routes.filter { !$0.isEmpty }.count
        print("seed \(seed): \(before) routes, \(spread.unassigned.count) unserved → \(after) routes, \(packed.unassigned.count) unserved")
        #expect(after < before, "seed \(seed)")
        #expect(packed.unassigned.count <= spread.unassigned.count)
        #expect(!packed.closed.contains(true))
        var again = packed
        #expect(model.schedule(&again) && again.cost == packed.cost)
        let solution = RoutingSolution(coupled: packed, model: model, iterations: 0)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
    }
}

/// Recreate in the coupled search offers a task left out of the plan the iteration started from
/// only the routes the iteration changed.
@Suite("Coupled search: tasks left out")
struct CoupledLeftOutTests {
    @Test("a task left out stays out while no route changed, and goes back once its route did")
    func onlyTouchedRoutes() throws {
        let seed = announceSeed(3)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 10, requests: 3, resources: 3)
        var rng = EngineRandom(seed: seed)
        CoupledScheduleTests.giveBreaks(&problem, &rng)
        let model = CoupledModel(CompiledProblem(problem))
        var search = CoupledSearch(model: model, parameters: SolverParameters(timeLimit: nil, iterationLimit: 20, seed: seed, blinkRate: 0),
                                   cancellation: nil, progress: nil)
        var plan = search.run()
        let t = try #require((0..<model.taskCount).first { model.members[$0].count == 1 && plan.routeOf[model.members[$0][0]] >= 0 })
        let r = plan.routeOf[model.members[t][0]]
        let removed = search.remove(tasks: [t], from: &plan)
        #expect(removed)
        for k in search.touched.indices { search.touched[k] = false }
        search.leftOut[t] = true
        search.restrictsLeftOut = true
        var unchanged = plan
        _ = search.recreate(&unchanged)
        #expect(unchanged.unassigned.contains(t))
        search.touched[r] = true
        var changed = plan
        _ = search.recreate(&changed)
        #expect(!changed.unassigned.contains(t))
    }
}
