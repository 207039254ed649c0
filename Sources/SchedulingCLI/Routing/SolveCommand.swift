import ArgumentParser
import Foundation
import RoutingEngine

/// `kairos solve --format solomon|lilim FILE`: solve one benchmark file and print the solution.
struct SolveCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a Kairos JSON problem (or a benchmark file with --format) and print the solution as JSON.")

    @Option(help: "Input format: kairos (JSON, the default), vroom (VROOM input, answered in VROOM's output shape), \(BenchmarkInstance.Format.allCases.map(\.rawValue).joined(separator: ", ")), hhc (Mankowska home health care).")
    var format: String = "kairos"

    @OptionGroup var solver: SolverOptions

    @Option(name: .customLong("warm-start"), help: "Kairos JSON only: a plan to start from (re-planning), in the evaluate command's plan shape.")
    var warmStart: String?

    @Argument(help: "The instance file.")
    var file: String

    func validate() throws {
        if warmStart != nil && format != "kairos" { throw ValidationError("--warm-start is only read with --format kairos.") }
        guard ["kairos", "vroom", "hhc"].contains(format) || BenchmarkInstance.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: kairos, vroom, \(BenchmarkInstance.Format.allCases.map(\.rawValue).joined(separator: ", ")), hhc.")
        }
    }

    struct Answer: Encodable {
        var instance: String
        /// Home health care only: distance, tardiness and largest tardiness (cost is the objective).
        var distance: Double?
        var tardiness: Double?
        var maxTardiness: Double?
        var routes: [[Int]]
        var unassigned: [Int]
        var vehicles: Int
        var cost: Double
        var feasible: Bool
        var violations: [String]
        var iterations: Int
        var seconds: Double
    }

    func run(in environment: CLIEnvironment) async throws {
        if format == "kairos" { return try solveKairosJSON(environment) }
        if format == "vroom" { return try solveVroom(environment) }
        if format == "hhc" { return try solveHHC(environment) }
        let instance: BenchmarkInstance
        do { instance = try BenchmarkInstance.read(path: file, format: BenchmarkInstance.Format(rawValue: format)!) } catch {
            throw CLIFailure(message: "\(error)", exitCode: 2)
        }
        let outcome = try BenchmarkRunner.solve(instance, options: solver)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let answer = Answer(
            instance: instance.name, distance: nil, tardiness: nil, maxTardiness: nil, routes: outcome.routes, unassigned: outcome.unassignedNodes, vehicles: outcome.routes.count,
            cost: (outcome.distance * 100).rounded() / 100, feasible: outcome.violations.isEmpty, violations: outcome.violations,
            iterations: outcome.iterations, seconds: (outcome.seconds * 100).rounded() / 100)
        environment.output(String(decoding: try encoder.encode(answer), as: UTF8.self))
    }
}

extension SolveCommand {
    /// Reads a Kairos JSON problem, solves it, checks the answer and prints the solution JSON.
    func solveKairosJSON(_ environment: CLIEnvironment) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure(message: "\(file) cannot be read.", exitCode: 2)
        }
        let problem: RoutingProblem
        do { problem = try KairosJSON.problem(from: data) } catch let error as KairosJSON.InvalidFile {
            throw CLIFailure(message: "\(file) is not a valid problem:\n  " + error.issues.joined(separator: "\n  "), exitCode: 2)
        }
        var start: [PlanEvaluator.PlannedRoute]?
        if let warmStart {
            guard let planData = FileManager.default.contents(atPath: warmStart) else { throw CLIFailure(message: "\(warmStart) cannot be read.", exitCode: 2) }
            do { start = try JSONDecoder().decode(EvaluateCommand.PlanFile.self, from: planData).routes } catch let error as DecodingError {
                throw CLIFailure(message: "\(warmStart) is not a valid plan: \(KairosJSON.describe(error))", exitCode: 2)
            }
        }
        let solution: RoutingSolution
        do { solution = try Solver(parameters: solver.parameters).solve(problem, warmStart: start) } catch let error as Solver.InvalidProblem {
            throw CLIFailure(message: "\(file) cannot be solved as given:\n  " + error.issues.joined(separator: "\n  "), exitCode: 2)
        }
        let violations = SolutionChecker.check(solution, against: problem)
        guard violations.isEmpty else {
            throw CLIFailure(message: "internal error: the solution fails the independent check: \(violations.map(\.description))", exitCode: 1)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        environment.output(String(decoding: try encoder.encode(solution), as: UTF8.self))
    }
}

extension SolveCommand {
    /// Reads VROOM input, solves it, checks the answer and prints it in VROOM's output shape.
    func solveVroom(_ environment: CLIEnvironment) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure(message: "\(file) cannot be read.", exitCode: 2)
        }
        let mapped: VroomFormat.Mapped
        do { mapped = try VroomFormat.read(data) } catch let error as KairosJSON.InvalidFile {
            throw CLIFailure(message: "\(file) is not usable VROOM input:\n  " + error.issues.joined(separator: "\n  "), exitCode: 2)
        }
        let started = ContinuousClock.now
        let solution = try Solver(parameters: solver.parameters).solve(mapped.problem)
        let elapsed = ContinuousClock.now - started
        let violations = SolutionChecker.check(solution, against: mapped.problem)
        guard violations.isEmpty else {
            throw CLIFailure(message: "internal error: the solution fails the independent check: \(violations.map(\.description))", exitCode: 1)
        }
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let object = VroomFormat.output(solution, mapped, solvingMilliseconds: milliseconds)
        let json = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        environment.output(String(decoding: json, as: UTF8.self))
    }
}
