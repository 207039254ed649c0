import ArgumentParser
import Foundation
import RoutingEngine

/// Solving one instance and judging the result, shared by `solve` and `bench`.
enum BenchmarkRunner {
    struct Outcome {
        var routes: [[Int]]
        var unassignedNodes: [Int]
        var distance: Double
        var violations: [String]
        var iterations: Int
        var seconds: Double
    }

    static func solve(_ instance: BenchmarkInstance, options: SolverOptions) throws -> Outcome {
        let parameters = options.parameters
        let started = ContinuousClock.now
        let solution = try Solver(parameters: parameters).solve(instance.problem)
        let elapsed = ContinuousClock.now - started
        let routes = instance.fileRoutes(solution)
        // Two independent judges: the engine's checker in integer units, and the file-unit check.
        var violations = SolutionChecker.check(solution, against: instance.problem).map(\.description)
        violations += instance.check(routes: routes, solution: solution)
        let unassigned = solution.unassigned.flatMap { item -> [Int] in
            item.kind == "visit" ? [instance.visitNode[item.task]]
                : [instance.requestNodes[item.task].pickup, instance.requestNodes[item.task].delivery]
        }
        return Outcome(
            routes: routes, unassignedNodes: unassigned, distance: instance.distance(of: routes), violations: violations,
            iterations: solution.iterations,
            seconds: seconds(elapsed))
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
