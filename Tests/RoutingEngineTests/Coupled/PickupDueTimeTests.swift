import Foundation
import Testing
@testable import RoutingEngine

/// A soft due time on a request's pickup (``Request/pickupLateAfter``): starting later costs
/// lateness, priced alike by the search, the evaluate-only mode and the independent checker;
/// the search drives further to keep a pickup on time when that is cheaper.
@Suite("Coupled search: pickup due times")
struct PickupDueTimeTests {
    /// On a line: the base at 0, two patients at 10 and 20 due to be picked up by 15 and 25,
    /// both to the hospital at 30.
    static func problem(due: (Int?, Int?), latenessCost: Int = 5) -> RoutingProblem {
        let xs = [0, 10, 20, 30]
        let matrix = TravelMatrix(count: xs.count) { a, b in (duration: abs(xs[a] - xs[b]), distance: abs(xs[a] - xs[b])) }
        var a = Request(pickup: Stop(location: 1, window: TimeWindow(start: 0, end: 500), service: 1),
                        delivery: Stop(location: 3, window: TimeWindow(start: 0, end: 500), service: 1), load: [1])
        var b = Request(pickup: Stop(location: 2, window: TimeWindow(start: 0, end: 500), service: 1),
                        delivery: Stop(location: 3, window: TimeWindow(start: 0, end: 500), service: 1), load: [1])
        a.pickupLateAfter = due.0
        b.pickupLateAfter = due.1
        var problem = RoutingProblem(matrices: [matrix], dimensions: 1, requests: [a, b],
                                     resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1000), capacity: [1])])
        problem.objective.latenessCost = latenessCost
        return problem
    }

    @Test("a pickup started after its due time costs its lateness, the same in evaluate-only mode and for the checker")
    func pricedAlike() throws {
        let problem = Self.problem(due: (nil, 15))
        #expect(problem.isCoupled && problem.validate().isEmpty)
        // A first (at 10, on to the hospital at 30, back to 20 at 51): B starts 36 after its due time.
        let plan = [PlanEvaluator.PlannedRoute(resource: 0, stops: [.init(kind: .pickup, task: 0), .init(kind: .delivery, task: 0),
                                                                    .init(kind: .pickup, task: 1), .init(kind: .delivery, task: 1)])]
        let evaluation = try PlanEvaluator.evaluate(plan, against: problem)
        #expect(evaluation.isFeasible, "\(evaluation.violations)")
        let b = try #require(evaluation.solution.routes.first?.steps.first { $0.kind == .pickup && $0.task == 1 })
        #expect(evaluation.solution.cost.lateness == 5 * (b.start - 15) && b.start > 15)
        #expect(SolutionChecker.check(evaluation.solution, against: problem).isEmpty)
    }

    @Test("the search drives further to keep a pickup on time when lateness costs more than the detour, and its answer passes the checker")
    func keptOnTime() throws {
        for due in [(Int?.none, Int?.some(25)), (Int?.some(15), Int?.none)] {
            let problem = Self.problem(due: due, latenessCost: 50)
            let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 200, seed: 1)).solve(problem)
            #expect(SolutionChecker.check(solution, against: problem).isEmpty)
            let first = try #require(solution.routes.first?.steps.first)
            #expect(first.kind == .pickup && first.task == (due.1 != nil ? 1 : 0), "due \(due): \(solution.routes.first?.steps.map(\.task) ?? [])")
            #expect(solution.cost.lateness == 0)
        }
    }
}
