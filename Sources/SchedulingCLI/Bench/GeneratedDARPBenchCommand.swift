import ArgumentParser
import Foundation
import RoutingEngine

/// `kairos bench darp-generated`: a generated dial-a-ride day (``GeneratedDARP``) solved twice —
/// once for the first plan alone (one iteration), once with the time limit — and checked by the
/// independent checker. The last line is one JSON object for scripts.
struct GeneratedDARPBenchCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "darp-generated",
        abstract: "Generate a dial-a-ride day (people to and from five destinations, three load dimensions, ride limits, shifts), solve it and check the plan.",
        discussion: "The generator is described in docs/routing-engine.md. The last line printed is one JSON object: requests, served, "
            + "unservedAlone (no vehicle could serve it even alone), firstPlanSeconds, iterations, seconds, cost, checked.")

    @Option(help: "Requests (pickup and drop-off pairs) to generate.")
    var requests: Int

    @Option(help: "Vehicles to generate.")
    var vehicles: Int

    @Flag(help: "Give every vehicle a 30-minute break 3 to 5 hours into its shift (planned by the coupled search).")
    var breaks = false

    @Option(help: "Time limit of the main run in seconds.")
    var timeLimit: Double = 30

    @Option(help: "An iteration limit for the main run instead of the time limit (reproducible bit for bit).")
    var iterations: Int?

    @Option(help: "Seed of the generator and of the solver.")
    var seed: UInt64 = 1

    @Flag(help: "Then break down the busiest vehicle at 11:00 and re-plan from the plan (frozen past, rescues for those on board), timing the first feasible plan.")
    var breakdown = false

    func validate() throws {
        try Self.validateDay(requests: requests, vehicles: vehicles, timeLimit: timeLimit, iterations: iterations)
    }

    /// The limits of a generated day's size and search, shared with `bench transport`.
    static func validateDay(requests: Int, vehicles: Int, timeLimit: Double, iterations: Int?) throws {
        guard (1...20_000).contains(requests) else { throw ValidationError("--requests must be between 1 and 20000.") }
        guard (1...2_000).contains(vehicles) else { throw ValidationError("--vehicles must be between 1 and 2000.") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive.") }
        if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1.") }
    }

    /// The figures printed as the last line.
    struct Summary: Codable, Equatable {
        var requests: Int
        var served: Int
        var unservedAlone: Int
        var firstPlanSeconds: Double
        var iterations: Int
        var seconds: Double
        var cost: Int
        var checked: Bool
        /// With `--breakdown`: the re-plan's time, the requests it serves of those in its problem,
        /// the rescues and how many it serves, and whether the checker passed it.
        var replanSeconds: Double?
        var replanServed: Int?
        var replanRequests: Int?
        var rescues: Int?
        var rescuesServed: Int?
        var replanChecked: Bool?
    }

    /// The busiest vehicle after 11:00 breaks down then; the first feasible plan from the old one.
    func replan(_ problem: RoutingProblem, _ solution: RoutingSolution, into summary: inout Summary, _ environment: CLIEnvironment) throws {
        let time = 11 * 3600
        let busiest = solution.routes.max { a, b in
            (a.steps.filter { $0.start >= time }.count, b.resource) < (b.steps.filter { $0.start >= time }.count, a.resource)
        }
        guard let vehicle = busiest?.resource else { return }
        let scenario = GeneratedDARP.breakdown(of: problem, plan: solution, vehicle: vehicle, at: time)
        let parameters = SolverParameters(timeLimit: nil, iterationLimit: 1, seed: seed)
        let (replanned, seconds) = try timed { try Solver(parameters: parameters).solve(scenario.problem, warmStart: scenario.warmStart) }
        let violations = SolutionChecker.check(replanned, against: scenario.problem)
        let total = scenario.problem.requests.count, firstRescue = total - scenario.rescues
        let rescuesLeft = replanned.unassigned.filter { $0.kind == "request" && $0.task >= firstRescue }.count
        environment.output(String(format: "breakdown: vehicle %d at 11:00 (%d on board, %d still to collect): re-planned in %.2f s, ",
                                  vehicle, scenario.rescues, scenario.stranded, seconds)
            + "\(total - replanned.unassigned.count) of \(total) served, \(scenario.rescues - rescuesLeft) of \(scenario.rescues) rescued, "
            + (violations.isEmpty ? "checked" : "\(violations.count) violations"))
        summary.replanSeconds = rounded(seconds)
        summary.replanServed = total - replanned.unassigned.count
        summary.replanRequests = total
        summary.rescues = scenario.rescues
        summary.rescuesServed = scenario.rescues - rescuesLeft
        summary.replanChecked = violations.isEmpty
    }

    func run(in environment: CLIEnvironment) async throws {
        let problem = GeneratedDARP.problem(.init(requests: requests, vehicles: vehicles, breaks: breaks, seed: seed))
        environment.output("kairos bench darp-generated: \(requests) requests, \(vehicles) vehicles\(breaks ? ", a 30-minute break each" : ""), seed \(seed), "
            + (iterations.map { "\($0) iterations" } ?? "\(timeLimit) s"))

        let first = SolverParameters(timeLimit: nil, iterationLimit: 1, seed: seed)
        let (_, firstSeconds) = try timed { try Solver(parameters: first).solve(problem) }
        environment.output(String(format: "first plan: %.2f s", firstSeconds))

        let main = SolverParameters(timeLimit: iterations == nil ? .milliseconds(Int64(timeLimit * 1000)) : nil, iterationLimit: iterations, seed: seed)
        let (solution, seconds) = try timed { try Solver(parameters: main).solve(problem) }
        let violations = SolutionChecker.check(solution, against: problem)
        for violation in violations.prefix(10) { environment.output("checker: \(violation)") }
        // Left out although a vehicle could serve it alone (no room in the plan, or not worth it)
        // is the search's doing; the rest no vehicle could serve even alone.
        let alone = solution.unassigned.filter { !["noRoom", "cost"].contains($0.reason.code) }.count
        var summary = Summary(requests: requests, served: requests - solution.unassigned.count, unservedAlone: alone,
                              firstPlanSeconds: rounded(firstSeconds), iterations: solution.iterations, seconds: rounded(seconds),
                              cost: solution.cost.total, checked: violations.isEmpty)
        if breakdown { try replan(problem, solution, into: &summary, environment) }
        environment.output("served \(summary.served) of \(requests) (\(alone) no vehicle could serve even alone), "
            + "\(solution.routes.count) routes, cost \(summary.cost), \(summary.iterations) iterations in \(String(format: "%.2f", seconds)) s, "
            + (violations.isEmpty ? "checked" : "\(violations.count) violations"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        environment.output(String(decoding: try encoder.encode(summary), as: UTF8.self))
        if !violations.isEmpty { throw CLIFailure(message: "the plan breaks \(violations.count) rules.", exitCode: 1) }
    }

    func timed<T>(_ work: () throws -> T) throws -> (T, Double) {
        let started = ContinuousClock.now
        let value = try work()
        return (value, BenchmarkRunner.seconds(ContinuousClock.now - started))
    }

    func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
