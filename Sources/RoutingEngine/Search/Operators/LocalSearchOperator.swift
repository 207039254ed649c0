/// The local-search operators the engine knows, by stable id, in the order the descent tries
/// them. ``SolverParameters/operators`` switches them on and off.
public enum OperatorID: String, CaseIterable, Sendable, Codable {
    /// A request's pickup and delivery move together to their best places in a near route or
    /// their own (``RequestRelocate``).
    case requestRelocate
    /// Two near requests on different routes swap routes, each at its best places (``RequestSwap``).
    case requestSwap
    /// A visit moves to its best place in its own route (``IntraRelocate``).
    case intraRelocate
    /// A string of two or three visits moves to its best place in its own route (``OrOpt``).
    case orOpt
    /// Route A's head joins route B's tail and B's head A's tail (``TwoOptStar``).
    case twoOptStar
    /// Strings of up to three visits at a stop and at its neighbour trade routes (``CrossExchange``).
    case crossExchange
    /// A visit moves next to a near neighbour in another route (``Relocate``).
    case relocate
    /// Two visits of routes holding near neighbours trade routes, each to its best place (``SwapStar``).
    case swapStar
    /// Coupled search: a visit or a request moves to its cheapest place in any route (``CoupledRelocate``).
    case coupledRelocate
    /// Coupled search: an unserved visit or request goes to its cheapest place, a break moved to
    /// make room if need be (``CoupledInsert``).
    case coupledInsert
    /// Coupled search: a break is taken at another point of its route (``BreakShift``).
    case breakShift
}

/// What an operator did in one search: how often it was asked, how often it found an improving
/// move, how often its move was applied.
public struct OperatorStatistics: Sendable, Equatable {
    /// Calls of `evaluate`.
    public var evaluations = 0
    /// Evaluations that found an improving move.
    public var improving = 0
    /// Moves applied.
    public var applied = 0

    /// No calls yet.
    public init() {}
}

/// The contract every local-search operator keeps (as PyVRP's and VROOM's operator classes do):
/// `evaluate` prices the move it proposes from the cached segments, bailing out early when the
/// move is not allowed or breaks a hard rule; `apply` carries out the move the last `evaluate`
/// proposed; `supports` says whether the operator has anything to do on a problem; and the
/// operator counts what it did. Operators are registered in ``LocalSearch/registry``.
///
/// An operator instance belongs to one search: `evaluate` remembers its move for `apply`.
protocol LocalSearchOperator: AnyObject {
    /// The operator's stable id.
    static var id: OperatorID { get }
    /// A new operator over the shared move helpers.
    init(_ kit: MoveKit)
    /// Whether the operator can find any move on `problem` (e.g. request moves need requests).
    static func supports(_ problem: CompiledProblem) -> Bool
    /// What it did so far.
    var statistics: OperatorStatistics { get set }
}

/// An operator that looks at one stop `u`: its own route, or routes near it.
protocol NodeOperator: LocalSearchOperator {
    /// Whether applying this operator's move ends `u`'s turn in the descent (request moves do:
    /// `u`'s pickup and delivery have moved together); otherwise the descent goes on to the
    /// neighbour operators for `u`.
    static var endsTurn: Bool { get }
    /// The change of the total cost of the improving move it proposes for `u`, or `nil` when
    /// it has none. Generators that break ties draw from `rng`.
    func evaluate(_ s: RouteSet, _ u: Int, rng: inout EngineRandom) -> Int?
    /// Applies the move the last `evaluate` proposed.
    func apply(_ s: inout RouteSet)
    /// Called when a descent starts on `s` (an operator that remembers evaluations sizes its memory).
    func beginDescent(_ s: RouteSet)
}

extension NodeOperator {
    func beginDescent(_ s: RouteSet) {}
}

/// Which (task, route) evaluations of a request operator found no improving move, by the version
/// stamps of the task's route and the other route then: while both routes carry the same stamps
/// they have the same stops, so evaluating again would find nothing again (the evaluation draws
/// nothing at random) and is skipped. Stamps are never handed out twice (``RouteSet/version``), so
/// what is remembered holds from one descent to the next: the local search of a new candidate
/// prices again only what ruin and recreate changed. Not for closed routes (fleet minimisation),
/// whose insertions depend on more than their stops.
struct FruitlessMoves {
    private var taskRoute: [Int] = []
    private var otherRoute: [Int] = []
    private var routes = 0

    /// At most this many (task, route) pairs are remembered (by default 8 million: two stamps
    /// each, 128 MB); a larger problem prices every move afresh rather than hold such a table.
    let largestTable: Int

    /// A memory of at most `largestTable` pairs.
    init(largestTable: Int = 8_000_000) { self.largestTable = largestTable }

    /// Sized for `s`'s problem (remembering nothing the first time; stamps are never reused, so
    /// nothing remembered needs forgetting). Left off for a problem above ``largestTable``.
    mutating func prepare(_ s: RouteSet) {
        let pairs = s.problem.taskCount * s.problem.resourceCount
        guard pairs <= largestTable else { return }
        guard routes != s.problem.resourceCount || taskRoute.count != pairs else { return }
        routes = s.problem.resourceCount
        taskRoute = Array(repeating: -1, count: pairs)
        otherRoute = taskRoute
    }

    /// Whether moving `task` (on route `a`) with route `b` was found fruitless and neither changed since.
    @inline(__always)
    func known(_ s: RouteSet, task: Int, a: Int, b: Int) -> Bool {
        guard routes > 0, !s.closed[a], !s.closed[b] else { return false }  // not prepared, or a closed route
        let k = task * routes + b
        return taskRoute[k] == s.version[a] && otherRoute[k] == s.version[b]
    }

    /// Records that moving `task` (on route `a`) with route `b` finds nothing now.
    @inline(__always)
    mutating func record(_ s: RouteSet, task: Int, a: Int, b: Int) {
        guard routes > 0, !s.closed[a], !s.closed[b] else { return }
        let k = task * routes + b
        taskRoute[k] = s.version[a]
        otherRoute[k] = s.version[b]
    }
}

/// An operator that looks at a stop `u` and a near neighbour `v` on another route.
protocol NeighbourOperator: LocalSearchOperator {
    /// The change of the total cost of the improving move it proposes for `u` and `v`, or `nil`
    /// when it has none.
    func evaluate(_ s: RouteSet, _ u: Int, _ v: Int) -> Int?
    /// Applies the move the last `evaluate` proposed.
    func apply(_ s: inout RouteSet)
}

/// An operator that looks at two routes.
protocol RoutePairOperator: LocalSearchOperator {
    /// The change of the total cost of the improving move it proposes between routes `a` and
    /// `b`, or `nil` when it has none.
    func evaluate(_ s: RouteSet, _ a: Int, _ b: Int) -> Int?
    /// Applies the move the last `evaluate` proposed.
    func apply(_ s: inout RouteSet)
}

extension LocalSearchOperator {
    /// Counts an evaluation and its outcome, and passes the delta on when it improves.
    @inline(__always)
    func counted(_ delta: Int?) -> Int? {
        statistics.evaluations += 1
        guard let delta, delta < 0 else { return nil }
        statistics.improving += 1
        return delta
    }
}
