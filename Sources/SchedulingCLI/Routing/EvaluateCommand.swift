import ArgumentParser
import Foundation
import RoutingEngine

/// `kairos evaluate FILE --plan PLAN`: schedule a hand-made plan and report every violation.
struct EvaluateCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Schedule a hand-made plan for a Kairos JSON problem and report its times, costs and every violation.")

    @Option(help: "The plan: {\"routes\": [{\"resource\": 0, \"stops\": [{\"kind\": \"visit\", \"task\": 2}, …]}]}.")
    var plan: String

    @Argument(help: "The problem in Kairos JSON.")
    var file: String

    struct PlanFile: Decodable {
        var routes: [PlanEvaluator.PlannedRoute]
    }

    struct Answer: Encodable {
        struct Violation: Encodable {
            var rule: String
            var route: Int?
            var step: Int?
            var message: String
            /// By how much a limit is broken, in the rule's units.
            var excess: Int?
        }
        var feasible: Bool
        var violations: [Violation]
        var solution: RoutingSolution
    }

    func run(in environment: CLIEnvironment) async throws {
        guard let problemData = FileManager.default.contents(atPath: file) else { throw CLIFailure(message: "\(file) cannot be read.", exitCode: 2) }
        guard let planData = FileManager.default.contents(atPath: plan) else { throw CLIFailure(message: "\(plan) cannot be read.", exitCode: 2) }
        let problem: RoutingProblem
        do { problem = try KairosJSON.problem(from: problemData) } catch let error as KairosJSON.InvalidFile {
            throw CLIFailure(message: "\(file) is not a valid problem:\n  " + error.issues.joined(separator: "\n  "), exitCode: 2)
        }
        let routes: [PlanEvaluator.PlannedRoute]
        do { routes = try JSONDecoder().decode(PlanFile.self, from: planData).routes } catch let error as DecodingError {
            throw CLIFailure(message: "\(plan) is not a valid plan: \(KairosJSON.describe(error))", exitCode: 2)
        }
        let evaluation: PlanEvaluator.Evaluation
        do { evaluation = try PlanEvaluator.evaluate(routes, against: problem) } catch let error as PlanEvaluator.InvalidPlan {
            throw CLIFailure(message: "\(plan) is not a valid plan:\n  " + error.issues.joined(separator: "\n  "), exitCode: 2)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let answer = Answer(
            feasible: evaluation.isFeasible,
            violations: evaluation.violations.map { .init(rule: $0.rule.rawValue, route: $0.route, step: $0.step, message: $0.message, excess: $0.excess) },
            solution: evaluation.solution)
        environment.output(String(decoding: try encoder.encode(answer), as: UTF8.self))
    }
}
