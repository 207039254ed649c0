import Synchronization

/// How long and how the solver searches.
public struct SolverParameters: Sendable {
    /// Wall-clock limit (results then depend on machine speed); `nil` for none.
    public var timeLimit: Duration?
    /// Ruin-and-recreate iterations; with no time limit the run is bit-for-bit reproducible.
    public var iterationLimit: Int?
    /// Seed of the engine's generator.
    public var seed: UInt64
    /// Share of the budget spent removing routes when resources have a fixed cost.
    public var fleetShare: Double
    /// The fleet phase ends early once no route has been removed for this share of its budget
    /// (of ``fleetShare``) and for as long as the phase had run before the last removal; 1 (the
    /// default) keeps the whole share. Ending early gives the distance phase the time that failed
    /// removals take where the fleet is found in the first seconds (Gehring & Homberger's long
    /// routes), but costs vehicles elsewhere: Solomon at 5 s per instance, 0.2 gave 328 vehicles
    /// against 324 and a distance gap 0.96 % against 1.45 % (4 December 2026).
    public var fleetStall: Double
    /// Average number of tasks a ruin removes (SISR's c̄).
    public var averageRemoved: Int
    /// Longest string a ruin removes (SISR's L_max).
    public var maxStringLength: Int
    /// Probability of skipping an insertion position (SISR's blink rate γ).
    public var blinkRate: Double
    /// Annealing start temperature relative to the mean distance between task locations.
    public var startTemperature: Double
    /// Final temperature, same unit.
    public var endTemperature: Double
    /// Whether each recreated solution is improved by granular local search.
    public var localSearch: Bool
    /// The local-search operators switched on (all by default); each still runs only on problems
    /// it supports. The one switch for operators: the flags below read and write it.
    public var operators: Set<OperatorID>
    /// Whether the local search tries cross-exchange (swap, or-opt between routes).
    public var crossExchange: Bool {
        get { operators.contains(.crossExchange) }
        set { set([.crossExchange], newValue) }
    }
    /// Whether the local search tries SWAP* between routes holding near neighbours once the node
    /// moves are exhausted.
    public var swapStar: Bool {
        get { operators.contains(.swapStar) }
        set { set([.swapStar], newValue) }
    }
    /// Whether the local search moves requests (pickup and delivery together) between routes and
    /// within their route, and swaps near requests between routes.
    public var requestMoves: Bool {
        get { operators.isSuperset(of: [.requestRelocate, .requestSwap]) }
        set { set([.requestRelocate, .requestSwap], newValue) }
    }
    /// Whether the local search may pass through solutions that break time and load rules, at
    /// prices adapted so that about 65 % of its outputs are feasible (repaired at ten times the
    /// prices otherwise; the answer is always feasible).
    public var penalisedSearch: Bool
    /// How the search accepts a candidate that is worse than the current solution.
    public var acceptance: Acceptance
    /// Independent search workers run in parallel, each with its own seed derived from `seed`;
    /// the best answer wins, ties by worker index (deterministic under an iteration limit).
    public var workers: Int

    /// Defaults from the SISR paper; 10 seconds.
    public init(
        timeLimit: Duration? = .seconds(10), iterationLimit: Int? = nil, seed: UInt64 = 1, fleetShare: Double = 0.5, fleetStall: Double = 1,
        averageRemoved: Int = 10, maxStringLength: Int = 10, blinkRate: Double = 0.01,
        startTemperature: Double = 2, endTemperature: Double = 0.02, localSearch: Bool = true, workers: Int = 1,
        crossExchange: Bool = true, swapStar: Bool = true, requestMoves: Bool = true, acceptance: Acceptance = .annealing,
        penalisedSearch: Bool = false, operators: Set<OperatorID> = Set(OperatorID.allCases)
    ) {
        self.penalisedSearch = penalisedSearch
        self.acceptance = acceptance
        var enabled = operators
        if !crossExchange { enabled.remove(.crossExchange) }
        if !swapStar { enabled.remove(.swapStar) }
        if !requestMoves { enabled.subtract([.requestRelocate, .requestSwap]) }
        self.operators = enabled
        self.workers = max(1, workers)
        self.localSearch = localSearch
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.seed = seed
        self.fleetShare = fleetShare
        self.fleetStall = fleetStall
        self.averageRemoved = averageRemoved
        self.maxStringLength = maxStringLength
        self.blinkRate = blinkRate
        self.startTemperature = startTemperature
        self.endTemperature = endTemperature
    }
}

extension SolverParameters {
    /// Whether a fleet phase that began at `phaseStart` with `share` of the budget is over at
    /// `now` (fractions of the budget), its last removal at `lastSuccess`: its share is spent, or
    /// its removals stalled (``fleetStall``). Both searches' fleet phases ask this.
    func fleetPhaseOver(now: Double, share: Double, phaseStart: Double, lastSuccess: Double) -> Bool {
        now >= share || now - lastSuccess > max(share * fleetStall, lastSuccess - phaseStart)
    }

    /// Switches `ids` on or off.
    mutating func set(_ ids: Set<OperatorID>, _ on: Bool) {
        if on { operators.formUnion(ids) } else { operators.subtract(ids) }
    }
}

/// The acceptance rule of the ruin-and-recreate loop.
public enum Acceptance: Sendable, Equatable {
    /// Simulated annealing (SISR): a worse candidate is accepted with a probability that falls
    /// with its excess cost and with a temperature cooling from ``SolverParameters/startTemperature``
    /// to ``SolverParameters/endTemperature`` (relative to the mean distance between tasks).
    case annealing
    /// Late-acceptance hill climbing (Burke & Bykov 2017): a candidate is accepted if it costs no
    /// more than the current solution or than the current solution `history` iterations ago.
    /// Needs no temperature, so it is robust to how costs are scaled.
    case lateAcceptance(history: Int)
}

/// What the solver reports while it runs.
public struct SolverProgress: Sendable {
    /// Iterations so far.
    public var iteration: Int
    /// Cost of the best solution.
    public var bestCost: Int
    /// Routes used by the best solution.
    public var routes: Int
    /// Tasks the best solution leaves unserved.
    public var unassigned: Int
    /// Fraction of the budget used, 0…1.
    public var fraction: Double
}

/// Lets another task stop a running solve; the solver returns its best solution so far.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    /// A flag that is not set.
    public init() {}
    /// Asks the solver to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }
    /// Whether cancellation was asked for.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
