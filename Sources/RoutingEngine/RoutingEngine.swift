/// # RoutingEngine
///
/// A general rich vehicle-routing solver on index-based data, in integer units. It knows nothing
/// of healthcare (like PyVRP's `ProblemData` or VROOM's `Input`); Planning translates domain
/// problems into it and its answers back. Imports nothing of ours. Design notes:
/// `../shared/docs/solver-design.md`; the file format: `docs/kairos-json.md`.
///
/// Its rooms:
///
/// - `Model/`: the problem as callers give it — ``RoutingProblem`` with its visits, requests
///   (pickup and delivery with ride limits), resources (shifts, breaks, capacities in several
///   dimensions, skills, costs), groups, frozen prefixes and a reference plan; ``TravelMatrix``;
///   ``SolverParameters`` (budget, seed, acceptance, the operators switched on).
/// - `Compiled/`: the immutable flat-array form the search reads (`CompiledProblem`), time-warp
///   and load segments for O(1) concatenation, and the exact ride-time check.
/// - `Search/`: ``Solver`` (regret construction, fleet minimisation, ruin-and-recreate with
///   simulated annealing or late acceptance), the mutable route set with its segment caches, and
///   the granular local search; `Search/Operators/` holds one type per operator, each keeping the
///   operator contract (`evaluate`, `apply`, `supports`, statistics), registered in one list.
/// - `Coupled/`: the search for problems whose times are tied across routes (groups, breaks,
///   several windows, lateness): it schedules the whole plan at once.
/// - `Solution/`: ``RoutingSolution`` with a schedule per stop, a cost breakdown and a typed
///   ``UnservedReason`` with its relaxations for every unserved task; ``SolutionChecker``, an
///   independent step-by-step check; ``PlanEvaluator`` for hand-made plans.
/// - `Formats/`: Kairos JSON, VROOM input and output, and the benchmark files (Solomon,
///   Gehring & Homberger, Li & Lim, Cordeau, Mankowska).
public enum RoutingEngineModule {}
