import Foundation
import RoutingEngine
import SchedulingDomain

/// Re-plans a transport day during the day (PT-04) after vehicles break down: what was begun
/// before the time stays as it was (frozen prefixes, their windows pinned to when they began);
/// the broken-down vehicles keep only the journeys they finished, and each patient on board one
/// becomes a rescue, collected where the vehicle stopped and taken on to the destination as
/// booked; the rest is planned again from the morning's plan (a warm start), with a stability
/// cost: each journey moved to another vehicle than in that plan costs as much as
/// ``reassignmentMetres`` driven, so crews and patients keep what they were told unless a move
/// buys a real saving (or places a journey that would be left out); and a pickup the patient
/// was told of keeps within a quarter of an hour of it — never earlier, and later only at a
/// price (``lateMetresPerSecond``).
public struct TransportReplanner: Sendable {
    /// What moving one journey to another vehicle costs, in metres driven (5 km).
    public static let reassignmentMetres = 5_000
    /// How far a pickup the patient was told of may move either way at no cost (15 minutes):
    /// never earlier than that, and each second later than that costs ``lateMetresPerSecond``
    /// (a quarter of an hour more: 2.7 km driven).
    public static let pickupToleranceSeconds = 15 * 60
    public static let lateMetresPerSecond = 3

    /// A re-plan and what it did.
    public struct Outcome: Sendable {
        public var plan: TransportPlan
        /// The engine's independent checker's findings.
        public var engineViolations: [String]
        /// The patients on board the broken-down vehicles, where each was left.
        public var rescues: [TransportPlanCheck.Rescue]
        /// Stops begun before the time that the re-plan put elsewhere or at another time (0: none).
        public var frozenMoved: Int
        public var cost: Int
        /// The journeys left out that third-party providers take, at their prices.
        public var thirdParty: [ThirdPartyBooking] = []
    }

    public let planner: TransportPlanner

    /// A re-planner building problems as `planner` does.
    public init(planner: TransportPlanner = TransportPlanner()) { self.planner = planner }

    /// Re-plans `plan` (of `day`) at `time` (seconds after midnight) with the shifts in `broken`
    /// broken down then. A stop is begun if it was planned before `time` or the crew recorded it
    /// (a pickup picked up, a drop-off delivered), even ahead of the plan; journeys the plan
    /// carried out stay in it, and aborted ones leave it.
    public func replan(_ day: TransportDay, plan: TransportPlan, at time: Int, broken: Set<VehicleShift.ID>,
                       options: TransportPlanner.Options = .init(timeLimit: nil, iterationLimit: 1), outsourcing: TransportOutsourcing = .none,
                       watch: PlanWatch = PlanWatch()) throws -> Outcome
    {
        let inPlan = Set(plan.runs.flatMap { $0.stops.map(\.journeyID) })
        let done = day.journeys.filter { $0.status == .delivered && inPlan.contains($0.id) }
        var problem = planner.problem(for: day, journeys: day.liveJourneys + done)
        let recorded = Dictionary(day.journeys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        /// Whether the crew recorded `stop` as done.
        func recordedDone(_ stop: TransportPlan.Stop) -> Bool {
            guard let journey = recorded[stop.journeyID] else { return false }
            return stop.kind == .pickup ? journey.progress.pickedUp != nil || journey.status == .delivered : journey.status == .delivered
        }
        /// How many of `stops` are begun: every stop up to the last planned before `time` or recorded done.
        func begunCount(_ stops: [TransportPlan.Stop]) -> Int {
            (stops.lastIndex { $0.start < time || recordedDone($0) }).map { $0 + 1 } ?? 0
        }
        let requestOf = Dictionary(problem.journeys.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let resourceOf = Dictionary(problem.shifts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let brokenResources = Set(broken.compactMap { resourceOf[$0] })
        // Where every stop already begun began.
        var pickedAt: [Int: Int] = [:], droppedAt: [Int: Int] = [:]
        for run in plan.runs {
            let live = run.stops.filter { requestOf[$0.journeyID] != nil }
            for stop in live.prefix(begunCount(live)) {
                guard let q = requestOf[stop.journeyID] else { continue }
                if stop.kind == .pickup { pickedAt[q] = stop.start } else { droppedAt[q] = stop.start }
            }
        }
        var frozen: [PlanEvaluator.PlannedRoute] = [], warm: [PlanEvaluator.PlannedRoute] = []
        var rescues: [TransportPlanCheck.Rescue] = []
        // Request → the place its rescue starts from.
        var rescueOf: [Int: Int] = [:]
        for run in plan.runs {
            guard let r = resourceOf[run.shiftID] else { continue }
            let stops = run.stops.compactMap { stop in
                requestOf[stop.journeyID].map { (PlanEvaluator.PlannedStop(kind: stop.kind == .pickup ? .pickup : .delivery, task: $0), stop) }
            }
            let begun = Array(stops.prefix(begunCount(stops.map(\.1))))
            if brokenResources.contains(r) {
                let finished = begun.filter { s in s.0.kind == .pickup ? droppedAt[s.0.task] != nil : pickedAt[s.0.task] != nil }.map(\.0)
                if !finished.isEmpty { frozen.append(.init(resource: r, stops: finished)) }
                warm.append(.init(resource: r, stops: finished))
                // The patients on board wait where the vehicle stopped.
                let last = begun.last.map { s in s.1.kind == .pickup ? problem.journeys[s.0.task].pickup : problem.journeys[s.0.task].destination }
                let stoppedAt = last ?? problem.shifts[r].base
                for s in begun where s.0.kind == .pickup && droppedAt[s.0.task] == nil {
                    // Every stop and base is a place of the problem already: the matrix stands.
                    rescueOf[s.0.task] = problem.placeIndex.existingIndex(of: stoppedAt)
                    rescues.append(.init(journeyID: problem.journeys[s.0.task].id, place: stoppedAt, from: time))
                }
            } else {
                if !begun.isEmpty { frozen.append(.init(resource: r, stops: begun.map(\.0))) }
                // The break after as many of the stops before it as are still live (a cancelled
                // journey leaves the warm start).
                let breaks = run.breakAfterStops.map { after in
                    [PlanEvaluator.PlannedBreak(index: 0, afterSteps: run.stops.prefix(after).filter { requestOf[$0.journeyID] != nil }.count)]
                }
                warm.append(.init(resource: r, stops: stops.map(\.0), breaks: breaks))
            }
        }
        // The pickup times patients were told: the plan's, for journeys not yet begun.
        var notified: [Int: Int] = [:]
        for (journey, pickup) in plan.pickups { if let q = requestOf[journey], pickedAt[q] == nil { notified[q] = pickup.start } }
        for q in problem.routing.requests.indices {
            var request = problem.routing.requests[q]
            if let told = notified[q], rescueOf[q] == nil {
                let w = request.pickup.window
                request.pickup.window = TimeWindow(start: min(w.end, max(w.start, told - Self.pickupToleranceSeconds)), end: w.end)
                request.pickupLateAfter = told + Self.pickupToleranceSeconds
            }
            if let start = pickedAt[q], rescueOf[q] == nil { request.pickup.window = TimeWindow(start: start, end: start) }
            if let start = droppedAt[q] { request.delivery.window = TimeWindow(start: start, end: start) }
            let finishedOnBroken = pickedAt[q] != nil && droppedAt[q] != nil
            if !finishedOnBroken { request.excludedResources = Array(brokenResources).sorted() }
            if let place = rescueOf[q] {
                request.pickup = Stop(location: place, window: TimeWindow(start: time, end: max(time, request.delivery.window.end)),
                                      service: request.pickup.service)
                request.unassignedPenalty *= 100
            }
            problem.routing.requests[q] = request
        }
        problem.routing.frozen = frozen
        problem.routing.reference = warm
        problem.routing.objective.reassignmentCost = Self.reassignmentMetres
        problem.routing.objective.latenessCost = Self.lateMetresPerSecond
        let parameters = SolverParameters(timeLimit: options.timeLimit, iterationLimit: options.iterationLimit, seed: options.seed)
        // Providers may take what no crew has begun; patients on a broken-down vehicle stay the fleet's.
        let open = problem.routing.requests.indices.filter { pickedAt[$0] == nil && rescueOf[$0] == nil }
        let priced = try planner.solve(&problem, outsourcing: outsourcing, eligible: open, parameters: parameters, warmStart: warm, watch: watch)
        let solution = priced.solution
        let violations = SolutionChecker.check(solution, against: problem.routing).map { "\($0)" }
        let replanned = planner.explaining(planner.plan(from: solution, of: problem, date: day.date), priced: priced, problem: problem, outsourcing: outsourcing)
        return Outcome(plan: replanned, engineViolations: violations, rescues: rescues,
                       frozenMoved: Self.frozenMoved(before: plan, after: replanned, at: time, broken: broken), cost: solution.cost.total,
                       thirdParty: priced.bookings)
    }

    /// Stops begun before `time` in `before` (outside the broken-down vehicles, and their finished
    /// journeys) that `after` does not have on the same shift at the same start.
    static func frozenMoved(before: TransportPlan, after: TransportPlan, at time: Int, broken: Set<VehicleShift.ID>) -> Int {
        struct Key: Hashable { var shift: VehicleShift.ID; var journey: TransportJourney.ID; var kind: TransportPlan.StopKind; var start: Int }
        let kept = Set(after.runs.flatMap { run in run.stops.map { Key(shift: run.shiftID, journey: $0.journeyID, kind: $0.kind, start: $0.start) } })
        var moved = 0
        for run in before.runs {
            let begun = run.stops.filter { $0.start < time }
            let dropped = Set(begun.filter { $0.kind == .dropOff }.map(\.journeyID))
            for stop in begun where !broken.contains(run.shiftID) || dropped.contains(stop.journeyID) {
                if !kept.contains(Key(shift: run.shiftID, journey: stop.journeyID, kind: stop.kind, start: stop.start)) { moved += 1 }
            }
        }
        return moved
    }
}
