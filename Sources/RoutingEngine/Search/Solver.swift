import Foundation

/// Solves routing problems: construction by regret insertion, then ruin-and-recreate (SISR) with
/// simulated annealing or late acceptance and granular local search; when resources have a fixed
/// cost, a fleet-minimisation phase first tries to empty whole routes (absence counters decide
/// which tasks must be placed first).
///
/// Deterministic for a seed when limited by iterations only.
public struct Solver: Sendable {
    /// Parameters.
    public var parameters: SolverParameters

    /// A solver with these parameters.
    public init(parameters: SolverParameters = SolverParameters()) { self.parameters = parameters }

    /// Thrown for a problem that cannot be read (every structural issue listed).
    public struct InvalidProblem: Error, CustomStringConvertible {
        /// The issues, each naming the field.
        public var issues: [String]
        public var description: String { issues.joined(separator: "\n") }
    }

    /// Solves `problem`, reporting progress now and then, stopping early if `cancellation` is set.
    ///
    /// With `warmStart`, the search starts from that plan (e.g. this morning's, for re-planning):
    /// its stops are kept in order where they keep every hard rule, the others are reinserted.
    public func solve(
        _ problem: RoutingProblem, warmStart: [PlanEvaluator.PlannedRoute]? = nil, cancellation: CancellationFlag? = nil,
        progress: (@Sendable (SolverProgress) -> Void)? = nil
    ) throws -> RoutingSolution {
        var issues = problem.validate()
        // A warm start only needs to name what exists: its stops are judged as the search loads them.
        if let warmStart, issues.isEmpty { issues += PlanEvaluator.issues(in: warmStart, against: problem).map { "warmStart." + $0 } }
        if !issues.isEmpty { throw InvalidProblem(issues: issues) }
        let compiled = CompiledProblem(problem)
        try Self.checkFrozen(problem, compiled)
        if problem.isCoupled {
            let model = CoupledModel(compiled)
            return runWorkers { own, reports in
                var search = CoupledSearch(model: model, parameters: own, cancellation: cancellation, progress: reports ? progress : nil)
                let best = search.run(warmStart: warmStart)
                return (best.cost.total, RoutingSolution(coupled: best, model: model, iterations: search.iteration))
            }
        }
        return runWorkers { own, reports in
            var search = Search(problem: compiled, parameters: own, cancellation: cancellation, progress: reports ? progress : nil)
            let best = search.run(warmStart: warmStart)
            return (best.totalCost, RoutingSolution(from: best, iterations: search.iteration))
        }
    }

    /// Runs `parameters.workers` independent searches, each with its own seed derived from the
    /// master seed (worker 0 keeps it and alone reports progress); the cheapest answer wins, ties
    /// by worker index, and the iterations of all are counted.
    func runWorkers(_ search: @escaping @Sendable (_ parameters: SolverParameters, _ reports: Bool) -> (Int, RoutingSolution)) -> RoutingSolution {
        let count = parameters.workers
        if count == 1 { return search(parameters, true).1 }
        let results = ResultSlots(count: count)
        let parameters = parameters
        DispatchQueue.concurrentPerform(iterations: count) { k in
            var own = parameters
            own.seed = Self.workerSeed(parameters.seed, k)
            results.store(k, search(own, k == 0))
        }
        let all = results.values()
        var winner = all[0]
        for result in all.dropFirst() where result.0 < winner.0 { winner = result }
        var solution = winner.1
        solution.iterations = all.reduce(0) { $0 + $1.1.iterations }
        return solution
    }
}

extension Solver {
    /// Frozen prefixes must keep every hard rule on their own: the search can only add to them.
    static func checkFrozen(_ problem: RoutingProblem, _ compiled: CompiledProblem) throws {
        guard !problem.frozen.isEmpty else { return }
        var broken: [Int] = []
        if problem.isCoupled {
            let model = CoupledModel(compiled)
            var plan = CoupledPlan(model: model)
            if !model.schedule(&plan) { broken = problem.frozen.map(\.resource) }
        } else {
            let start = RouteSet(problem: compiled)
            broken = problem.frozen.map(\.resource).filter { !start.isFeasible($0) }
        }
        if !broken.isEmpty {
            throw InvalidProblem(issues: broken.map { r in
                "frozen: the frozen stops of resource \(r) break a hard rule on their own (time window, shift, working time, capacity, ride time or break)."
            })
        }
    }

    /// Worker `k`'s seed: SplitMix64 of the master seed mixed with `k`.
    static func workerSeed(_ seed: UInt64, _ k: Int) -> UInt64 {
        if k == 0 { return seed }
        var z = seed ^ (UInt64(k) &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Per-worker result slots written once each from concurrent workers.
final class ResultSlots: @unchecked Sendable {
    private var slots: [(Int, RoutingSolution)?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ k: Int, _ value: (Int, RoutingSolution)) {
        lock.lock()
        slots[k] = value
        lock.unlock()
    }

    func values() -> [(Int, RoutingSolution)] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// One run of the search.
struct Search {
    let problem: CompiledProblem
    let parameters: SolverParameters
    let cancellation: CancellationFlag?
    let progress: (@Sendable (SolverProgress) -> Void)?
    /// Ruin and recreate of the distance phase (near in space and time) and of the fleet phase
    /// (near in space).
    let operators: RuinAndRecreate
    let fleetOperators: RuinAndRecreate
    let localSearch: LocalSearch
    var rng: EngineRandom
    var iteration = 0
    let budget: SearchBudget
    /// The annealing temperature scale (``CompiledProblem/temperatureScale()``).
    let scale: Double
    /// Prices of the penalised local search.
    var penalties: PenaltyManager

    init(problem: CompiledProblem, parameters: SolverParameters, cancellation: CancellationFlag?,
         progress: (@Sendable (SolverProgress) -> Void)?)
    {
        self.problem = problem
        self.parameters = parameters
        self.cancellation = cancellation
        self.progress = progress
        operators = RuinAndRecreate(problem: problem, parameters: parameters)
        // Emptying routes goes by space alone: with the correlated neighbours there, Gehring &
        // Homberger's c1_10_2 and c2_10_4 kept a vehicle more in 60 s, and distance came out
        // no better on r1 and rc1.
        fleetOperators = RuinAndRecreate(problem: problem, parameters: parameters, near: problem.neighbours, routesWorth: 0)
        localSearch = LocalSearch(problem: problem, parameters: parameters)
        rng = EngineRandom(seed: parameters.seed)
        budget = SearchBudget(parameters: parameters)
        scale = problem.temperatureScale()
        penalties = PenaltyManager(problem: problem, scale: scale)
    }

    /// Fraction of the budget used.
    func fraction() -> Double { budget.fraction(iteration: iteration) }

    var stopped: Bool { cancellation?.isCancelled == true }

    func report(_ best: RouteSet, _ f: Double) {
        progress?(SolverProgress(iteration: iteration, bestCost: best.totalCost, routes: best.usedRoutes,
                                 unassigned: best.unassigned.count, fraction: f))
    }

    mutating func run(warmStart: [PlanEvaluator.PlannedRoute]? = nil) -> RouteSet {
        var best = RouteSet(problem: problem)
        if let warmStart { best.load(warmStart) }
        operators.regretInsert(best.unassigned, into: &best, rng: &rng)
        var fractionNow = fraction()
        let hasFixedCosts = problem.fixedCost.contains { $0 > 0 }
        if hasFixedCosts {
            best = minimiseFleet(from: best, until: parameters.fleetShare)
        }
        // Distance phase: simulated annealing over ruin-and-recreate.
        if parameters.localSearch { improve(&best) }
        var current = best
        var currentCost = current.totalCost, bestCost = best.totalCost
        let t0 = parameters.startTemperature * scale, tf = parameters.endTemperature * scale
        let phaseStart = fraction()
        // Late acceptance: the current cost of the last `history` iterations.
        var history: [Int] = []
        if case .lateAcceptance(let length) = parameters.acceptance { history = Array(repeating: currentCost, count: max(1, length)) }
        var checkEvery = 0
        var absence = AbsenceCounters(taskCount: problem.taskCount)
        // An iteration limit is kept exactly; the clock is read every 16 iterations.
        let iterationCap = parameters.iterationLimit ?? Int.max
        while iteration < iterationCap {
            if checkEvery == 0 {
                fractionNow = fraction()
                if fractionNow >= 1 || stopped { break }
                if iteration % 1000 == 0 { report(best, fractionNow) }
                checkEvery = 16
            }
            checkEvery -= 1
            iteration += 1
            let progressInPhase = phaseStart >= 1 ? 1 : (fractionNow - phaseStart) / (1 - phaseStart)
            let temperature = t0 * pow(tf / t0, progressInPhase)
            var candidate = current
            operators.ruin(&candidate, rng: &rng)
            operators.recreate(&candidate, rng: &rng, leftOut: current.unassigned, versions: current.version)
            var cost = candidate.totalCost
            // Polish only candidates that would become the new best: cheap, and it repairs
            // structures string removal cannot (whole tails in the wrong route).
            if parameters.localSearch && cost < bestCost {
                improve(&candidate)
                cost = candidate.totalCost
            }
            // Between plans leaving out as many tasks at the same penalty, absences decide.
            absence.record(candidate.unassigned)
            let decided = absence.decide(candidate: candidate.unassigned, current: current.unassigned, penalty: problem.penalty)
            let accepted: Bool
            switch parameters.acceptance {
            case .annealing:
                accepted = decided ?? (Double(cost) < Double(currentCost) - temperature * log(rng.unit() + 1e-300))
            case .lateAcceptance:
                // The history records the iteration's outcome whichever rule decided it.
                let slot = iteration % history.count
                accepted = decided ?? (cost <= history[slot] || cost <= currentCost)
                history[slot] = accepted ? cost : currentCost
            }
            if accepted {
                current = candidate
                currentCost = cost
                if cost < bestCost {
                    best = candidate
                    bestCost = cost
                }
            }
        }
        report(best, 1)
        return best
    }

    /// Empties routes one at a time (SISR fleet minimisation): the tasks of a removed route must
    /// find places in the others; tasks that stay unplaced often gain weight (absence counters).
    /// Runs until `share` of the budget is used or the removals stall
    /// (``SolverParameters/fleetStall``). Tasks left out are priced only on routes
    /// changed since the iteration began, as in the distance phase.
    mutating func minimiseFleet(from start: RouteSet, until share: Double) -> RouteSet {
        var best = start
        var absence = AbsenceCounters(taskCount: problem.taskCount)
        let phaseStart = fraction()
        var lastSuccess = phaseStart
        while fraction() < share && !stopped && best.usedRoutes > 1 {
            // Remove the route with the fewest stops; no route may be opened.
            var current = best
            for r in 0..<problem.resourceCount where current.nodes[r].isEmpty { current.closed[r] = true }
            // Routes with a frozen prefix cannot be emptied.
            guard let victim = (0..<problem.resourceCount).filter({ !current.nodes[$0].isEmpty && problem.frozenCount[$0] == 0 })
                .min(by: { (current.nodes[$0].count, $0) < (current.nodes[$1].count, $1) }) else { break }
            let tasks = current.nodes[victim].map { problem.taskOfNode[$0] }
            var seen: [Int] = []
            for t in tasks where !seen.contains(t) { seen.append(t) }
            current.remove(tasks: seen)
            current.closed[victim] = true
            fleetOperators.recreate(&current, rng: &rng)
            // Success: no more tasks left out than before the route was removed.
            let allowedOut = best.unassigned.count
            var succeeded = current.unassigned.count <= allowedOut
            while !succeeded {
                if iteration % 16 == 0 && (parameters.fleetPhaseOver(now: fraction(), share: share, phaseStart: phaseStart, lastSuccess: lastSuccess)
                    || stopped) { break }
                iteration += 1
                var candidate = current
                fleetOperators.ruin(&candidate, rng: &rng)
                fleetOperators.recreate(&candidate, rng: &rng, leftOut: current.unassigned, versions: current.version)
                if candidate.unassigned.count < current.unassigned.count || absence.sum(candidate.unassigned) < absence.sum(current.unassigned) {
                    current = candidate
                }
                absence.record(candidate.unassigned)
                succeeded = current.unassigned.count <= allowedOut
            }
            if !succeeded { break }
            for r in 0..<problem.resourceCount { current.closed[r] = false }
            best = current
            lastSuccess = fraction()
            report(best, lastSuccess)
        }
        for r in 0..<problem.resourceCount { best.closed[r] = false }
        return best
    }
}
