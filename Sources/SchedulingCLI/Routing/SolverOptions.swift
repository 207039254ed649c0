import ArgumentParser
import Foundation
import RoutingEngine

/// Solver options shared by `solve` and `bench`.
struct SolverOptions: ParsableArguments {
    @Option(help: "Time limit in seconds (per instance for bench).")
    var timeLimit: Double = 10

    @Option(help: "Iteration limit instead of a time limit (the result is then reproducible bit for bit).")
    var iterations: Int?

    @Option(help: "Seed of the solver's random generator.")
    var seed: UInt64 = 1

    @Option(help: "Share of the budget spent removing routes (0–1) when vehicles have a fixed cost.")
    var fleetShare: Double = SolverParameters().fleetShare

    @Option(help: "The fleet phase ends once no route has been removed for this share of its budget (0–1; 1 keeps the whole share).")
    var fleetStall: Double = SolverParameters().fleetStall

    @Option(help: "Independent search workers in parallel (the best wins).")
    var threads: Int = 1

    @Option(help: "Accept by late-acceptance hill climbing with this history length instead of simulated annealing.")
    var lateAcceptance: Int?

    @Flag(help: "Local search passes through infeasible solutions at adaptive penalties.")
    var penalised = SolverParameters().penalisedSearch

    @Flag(inversion: .prefixedNo, help: "Local search tries SWAP* between routes.")
    var swapStar = SolverParameters().swapStar

    @Flag(inversion: .prefixedNo, help: "Local search moves requests (pickup and delivery together).")
    var requestMoves = SolverParameters().requestMoves

    @Flag(inversion: .prefixedNo, help: "Local search tries cross-exchange of strings of up to three visits.")
    var crossExchange = SolverParameters().crossExchange

    @Option(name: .customLong("without"), help: ArgumentHelp(
        "Switch a local-search operator off (repeatable): \(OperatorID.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "operator"))
    var withoutOperators: [String] = []

    func validate() throws {
        for name in withoutOperators where OperatorID(rawValue: name) == nil {
            throw ValidationError("--without \(name): not an operator; use one of \(OperatorID.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64.") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive.") }
        guard (0...1).contains(fleetShare) else { throw ValidationError("--fleet-share must be between 0 and 1.") }
        guard fleetStall > 0 && fleetStall <= 1 else { throw ValidationError("--fleet-stall must be more than 0 and at most 1.") }
        if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1.") }
        if let lateAcceptance, lateAcceptance < 1 { throw ValidationError("--late-acceptance must be at least 1.") }
    }

    var parameters: SolverParameters {
        var parameters = SolverParameters(
            timeLimit: iterations == nil ? .milliseconds(Int64(timeLimit * 1000)) : nil, iterationLimit: iterations,
            seed: seed, fleetShare: fleetShare, fleetStall: fleetStall, workers: threads, crossExchange: crossExchange, swapStar: swapStar,
            requestMoves: requestMoves, acceptance: lateAcceptance.map { .lateAcceptance(history: $0) } ?? .annealing,
            penalisedSearch: penalised)
        parameters.operators.subtract(withoutOperators.compactMap(OperatorID.init(rawValue:)))
        return parameters
    }

    var budget: String { iterations.map { "\($0) iterations" } ?? "\(timeLimit) s" }
}
