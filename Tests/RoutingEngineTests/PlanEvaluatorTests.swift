import Testing
@testable import RoutingEngine

@Suite("Evaluate-only mode")
struct PlanEvaluatorTests {
    typealias S = PlanEvaluator.PlannedStop

    @Test("a good hand-made plan gets its schedule and no violation")
    func feasible() throws {
        let problem = SolutionCheckerTests.lineProblem()
        let plan = [PlanEvaluator.PlannedRoute(resource: 0, stops: [
            S(kind: .visit, task: 0), S(kind: .visit, task: 1), S(kind: .pickup, task: 0), S(kind: .delivery, task: 0),
        ])]
        let evaluation = try PlanEvaluator.evaluate(plan, against: problem)
        #expect(evaluation.isFeasible, "\(evaluation.violations)")
        let steps = evaluation.solution.routes[0].steps
        #expect(steps.map(\.start) == [10, 25, 40, 50])
        #expect(evaluation.solution.routes[0].distance == 80)
    }

    @Test("a late stop, an over-full vehicle, a long ride and an unplanned task are all reported")
    func violations() throws {
        var problem = SolutionCheckerTests.lineProblem(maxRide: 5)
        problem.visits[1].stop.window = TimeWindow(start: 0, end: 12)
        problem.resources[0].capacity = [6]
        let plan = [PlanEvaluator.PlannedRoute(resource: 0, stops: [
            S(kind: .pickup, task: 0), S(kind: .visit, task: 0), S(kind: .visit, task: 1), S(kind: .delivery, task: 0),
        ])]
        let evaluation = try PlanEvaluator.evaluate(plan, against: problem)
        let rules = Set(evaluation.violations.map(\.rule.rawValue))
        #expect(rules == ["timeWindow", "capacity", "rideTime"])
        let late = evaluation.violations.first { $0.rule == .timeWindow }!
        #expect(late.message.contains("window is 0–12"))
        // Typed numbers: how late, how far over capacity, how much too long a ride.
        let start = evaluation.solution.routes[0].steps[2].start
        #expect(late.excess == start - 12 && late.excess! > 0)
        #expect(evaluation.violations.filter { $0.rule == .capacity }.allSatisfy { ($0.excess ?? 0) > 0 })
        #expect(evaluation.violations.first { $0.rule == .rideTime }.map { ($0.excess ?? 0) > 0 } == true)

        let partial = [PlanEvaluator.PlannedRoute(resource: 0, stops: [S(kind: .visit, task: 0)])]
        let missing = try PlanEvaluator.evaluate(partial, against: problem)
        #expect(missing.solution.unassigned.map(\.reason.code) == ["notPlanned", "notPlanned"])
        #expect(missing.isFeasible)
    }

    @Test("a plan naming what does not exist is refused with paths")
    func invalid() {
        let problem = SolutionCheckerTests.lineProblem()
        let plan = [PlanEvaluator.PlannedRoute(resource: 3, stops: [S(kind: .visit, task: 9)])]
        #expect(throws: PlanEvaluator.InvalidPlan.self) { try PlanEvaluator.evaluate(plan, against: problem) }
        do { _ = try PlanEvaluator.evaluate(plan, against: problem) } catch let error as PlanEvaluator.InvalidPlan {
            #expect(error.issues == ["routes[0].resource: 3 does not exist.", "routes[0].stops[0].task: visit 9 does not exist."])
        } catch {}
    }
}

@Suite("Warm start")
struct WarmStartTests {
    typealias S = PlanEvaluator.PlannedStop

    @Test("the search starts from a given plan, keeps what is feasible and serves the rest")
    func warmStart() throws {
        var problem = SolutionCheckerTests.lineProblem()
        problem.visits[1].stop.window = TimeWindow(start: 0, end: 25)
        // The plan visits 1 too late (after 0); it must be reinserted, not lost.
        let plan = [PlanEvaluator.PlannedRoute(resource: 0, stops: [
            S(kind: .visit, task: 0), S(kind: .pickup, task: 0), S(kind: .visit, task: 1), S(kind: .delivery, task: 0),
        ])]
        let compiled = CompiledProblem(problem)
        var loaded = RouteSet(problem: compiled)
        loaded.load(plan)
        #expect(loaded.unassigned == [1])
        #expect(loaded.nodes[0] == [0, 2, 3])
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 30)).solve(problem, warmStart: plan)
        #expect(solution.unassigned.isEmpty)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
    }

    @Test("a warm start naming what does not exist is refused")
    func invalid() {
        let problem = SolutionCheckerTests.lineProblem()
        let plan = [PlanEvaluator.PlannedRoute(resource: 5, stops: [])]
        #expect(throws: Solver.InvalidProblem.self) { try Solver().solve(problem, warmStart: plan) }
    }
}
