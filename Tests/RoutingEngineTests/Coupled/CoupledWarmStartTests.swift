import Foundation
import Testing
@testable import RoutingEngine

/// Re-planning from a plan (a warm start) in the coupled search: the plan is taken as it was
/// wherever it still keeps every rule, so that a re-plan moves only what it must.
@Suite("Coupled search: warm starts")
struct CoupledWarmStartTests {
    /// On a line: a crew collects A (at 1), then B (at 2), then drops both at the hospital (at 4).
    /// B's pickup closes at 40, so dropping A first (at 4, then back to 2) would miss it; the
    /// crew's break (window 30–200) must wait until nobody is on board.
    static func problem(frozenA: Bool) -> RoutingProblem {
        let xs = [0, 10, 20, 30, 60]
        let matrix = TravelMatrix(count: xs.count) { a, b in
            let d = abs(xs[a] - xs[b])
            return (duration: d, distance: d)
        }
        var problem = RoutingProblem(
            matrices: [matrix], dimensions: 1,
            requests: [
                Request(pickup: Stop(location: 1, window: TimeWindow(start: 10, end: 20), service: 2),
                        delivery: Stop(location: 4, window: TimeWindow(start: 0, end: 300), service: 2), load: [1], maxRideTime: 200),
                Request(pickup: Stop(location: 2, window: TimeWindow(start: 20, end: 40), service: 2),
                        delivery: Stop(location: 4, window: TimeWindow(start: 0, end: 300), service: 2), load: [1], maxRideTime: 200),
            ],
            resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 400), capacity: [2],
                                 breaks: [Break(window: TimeWindow(start: 30, end: 200), duration: 20)], breaksWithNobodyOnBoard: true)])
        if frozenA { problem.frozen = [PlanEvaluator.PlannedRoute(resource: 0, stops: [.init(kind: .pickup, task: 0)])] }
        return problem
    }

    static let plan = [PlanEvaluator.PlannedRoute(resource: 0, stops: [.init(kind: .pickup, task: 0), .init(kind: .pickup, task: 1),
                                                                        .init(kind: .delivery, task: 0), .init(kind: .delivery, task: 1)],
                                                  breaks: [.init(index: 0, afterSteps: 4)])]

    @Test("a plan that picks up someone else before dropping a patient already on board is taken whole, the drop-off where it was")
    func owedDeliveryKeepsItsPlace() throws {
        let problem = Self.problem(frozenA: true)
        #expect(problem.validate().isEmpty)
        let model = CoupledModel(CompiledProblem(problem))
        let search = CoupledSearch(model: model, parameters: SolverParameters(timeLimit: nil, iterationLimit: 1, seed: 1), cancellation: nil, progress: nil)
        var loaded = CoupledPlan(model: model)
        search.load(Self.plan, into: &loaded)
        #expect(model.schedule(&loaded))
        let p = model.p
        let a = p.firstNode[p.visitCount], b = p.firstNode[p.visitCount + 1]
        #expect(loaded.routes[0] == [a, b, a + 1, b + 1], "the plan's order, A's drop-off after B's pickup")
        #expect(loaded.unassigned.isEmpty)
        // Through the solver: the re-plan serves both on the crew, begun stop first, and passes the checker.
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 5, seed: 1)).solve(problem, warmStart: Self.plan)
        #expect(solution.unassigned.isEmpty && SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.routes.first?.steps.map(\.task) == [0, 1, 0, 1])
    }

    @Test("a route cut short mid-ride is still taken whole where its whole form keeps the rules (the break after both drop-offs)")
    func wholeRouteBeforeStopByStop() throws {
        let problem = Self.problem(frozenA: false)
        let model = CoupledModel(CompiledProblem(problem))
        let search = CoupledSearch(model: model, parameters: SolverParameters(timeLimit: nil, iterationLimit: 1, seed: 1), cancellation: nil, progress: nil)
        var loaded = CoupledPlan(model: model)
        search.load(Self.plan, into: &loaded)
        #expect(loaded.unassigned.isEmpty && loaded.routes[0].count == 4)
    }
}
