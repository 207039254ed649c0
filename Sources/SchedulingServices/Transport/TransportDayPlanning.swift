import Foundation
import Planning
import SchedulingDomain

/// Plans a transport day (PT-03) and checks the plan twice: by the engine's independent checker
/// and in the service's own terms (``TransportPlanCheck``). A day that breaks a rule is refused
/// whole, every issue named, before anything is planned.
public struct TransportDayPlanning: Sendable {
    /// A plan with both checks' findings.
    public struct Result: Sendable {
        public var plan: TransportPlan
        public var engineViolations: [String]
        public var domainViolations: [TransportPlanCheck.Violation]
        /// Metres driven plus the engine's penalties for journeys left out.
        public var cost: Int
        public var iterations: Int

        /// Whether both checks passed.
        public var checked: Bool { engineViolations.isEmpty && domainViolations.isEmpty }
        /// Whether every planned patient spends at most the contract's limit on board.
        public var rideLimitKept: Bool { !domainViolations.contains { $0.code == "journey.onVehicle" } }
        /// Journeys left out that no vehicle could carry even on an empty day.
        public var unplannableAlone: Int { plan.unplanned.filter { !$0.plannableAlone }.count }
        /// The plan's indicators (PT-08).
        public var kpis: TransportKPIs
        /// The journeys left out that third-party providers take, at their prices.
        public var thirdParty: [ThirdPartyBooking] = []
    }

    /// A re-plan after breakdowns, checked twice.
    public struct ReplanResult: Sendable {
        public var plan: TransportPlan
        public var engineViolations: [String]
        public var domainViolations: [TransportPlanCheck.Violation]
        /// Stops begun before the re-plan's time that it moved (0: none).
        public var frozenMoved: Int
        /// Patients on board the broken-down vehicles, and how many of them the re-plan collects.
        public var rescues: Int
        public var rescued: Int
        /// Journeys of vehicles still running that the re-plan put on another vehicle, and pickups
        /// (planned before and after) that it moved by more than 15 minutes: what crews and
        /// patients are told again.
        public var reassigned: Int
        public var pickupsMoved: Int
        /// The journeys left out that third-party providers take, at their prices.
        public var thirdParty: [ThirdPartyBooking] = []

        /// Whether both checks passed.
        public var checked: Bool { engineViolations.isEmpty && domainViolations.isEmpty }
    }

    /// How many journeys `after` puts on another vehicle than `before` (those of `broken` shifts
    /// aside), and how many pickups it moves by more than `minutes`.
    public static func changes(from before: TransportPlan, to after: TransportPlan, broken: Set<VehicleShift.ID>, minutes: Int = 15) -> (reassigned: Int, pickupsMoved: Int) {
        let old = before.pickups, new = after.pickups
        var reassigned = 0, moved = 0
        for (journey, (shift, start)) in old {
            guard let (now, at) = new[journey] else { continue }
            if now != shift && !broken.contains(shift) { reassigned += 1 }
            if abs(at - start) > minutes * 60 { moved += 1 }
        }
        return (reassigned, moved)
    }

    /// Travel estimated the same way for planning and for checking.
    public let estimator: any TravelTimeEstimator

    /// Planning with `estimator` (haversine by car by default).
    public init(estimator: any TravelTimeEstimator = HaversineTravelEstimator()) { self.estimator = estimator }

    /// Plans `day` within `timeLimit` (or `iterations`), seeded by `seed`, offering journeys to
    /// `outsourcing`'s providers at their prices.
    public func plan(_ day: TransportDay, timeLimit: Duration? = .seconds(30), iterations: Int? = nil, seed: UInt64 = 1,
                     outsourcing: TransportOutsourcing = .none, watch: PlanWatch = PlanWatch()) throws(ServiceError) -> Result
    {
        let issues = day.validate()
        guard issues.isEmpty else { throw .invalid(issues) }
        let planner = TransportPlanner(matrices: TravelMatrixBuilder(estimator: estimator))
        let outcome: TransportPlanner.Outcome
        do {
            outcome = try planner.plan(day, options: .init(timeLimit: timeLimit, iterationLimit: iterations, seed: seed), outsourcing: outsourcing, watch: watch)
        } catch {
            // A validated day always makes a well-formed problem; anything else is a defect.
            throw .invalid([ValidationIssue(path: "", code: "transport.problem", message: "The day could not be planned: \(error)")])
        }
        let violations = TransportPlanCheck.check(outcome.plan, day: day, travel: estimator)
        return Result(plan: outcome.plan, engineViolations: outcome.engineViolations, domainViolations: violations,
                      cost: outcome.cost, iterations: outcome.iterations, kpis: TransportKPIs.of(outcome.plan, day: day), thirdParty: outcome.thirdParty)
    }

    /// Plans `day` offering journeys to `providers` at their prices, against a fleet costing
    /// `fleetPencePerKm` pence a kilometre (for callers that do not build the planner's types).
    public func plan(_ day: TransportDay, timeLimit: Duration?, iterations: Int?, seed: UInt64, providers: [ThirdPartyProvider],
                     fleetPencePerKm: Int) throws(ServiceError) -> Result
    {
        try plan(day, timeLimit: timeLimit, iterations: iterations, seed: seed,
                 outsourcing: TransportOutsourcing(providers: providers, fleetPencePerKm: fleetPencePerKm))
    }

    /// Re-plans as ``replan(_:plan:at:broken:timeLimit:iterations:seed:outsourcing:watch:)``
    /// does, offering journeys to `providers` against a fleet costing `fleetPencePerKm` a km.
    public func replan(_ day: TransportDay, plan: TransportPlan, at time: LocalTime, broken: Set<VehicleShift.ID>, timeLimit: Duration?, iterations: Int?,
                       seed: UInt64, providers: [ThirdPartyProvider], fleetPencePerKm: Int) throws(ServiceError) -> ReplanResult
    {
        try replan(day, plan: plan, at: time, broken: broken, timeLimit: timeLimit, iterations: iterations, seed: seed,
                   outsourcing: TransportOutsourcing(providers: providers, fleetPencePerKm: fleetPencePerKm))
    }

    /// Re-plans `plan` of `day` at `time` with the shifts in `broken` broken down then: what was
    /// begun stays, patients on board a broken-down vehicle are collected where it stopped, the
    /// rest is planned again from `plan` (PT-04), searching for `timeLimit` (1 s by default: the
    /// warm start gives a feasible plan at once, the search places what it can of the rest; the
    /// first plan alone left the broken-down vehicle's journeys out).
    public func replan(_ day: TransportDay, plan: TransportPlan, at time: LocalTime, broken: Set<VehicleShift.ID>,
                       timeLimit: Duration? = .seconds(1), iterations: Int? = nil, seed: UInt64 = 1, outsourcing: TransportOutsourcing = .none,
                       watch: PlanWatch = PlanWatch()) throws(ServiceError)
        -> ReplanResult
    {
        var issues = day.validate()
        let known = Set(day.shifts.map(\.id))
        for id in broken.sorted() where !known.contains(id) {
            issues.append(ValidationIssue(path: "broken", code: "replan.unknownShift", message: "broken: shift \(id) is not on \(day.date)."))
        }
        guard issues.isEmpty else { throw .invalid(issues) }
        let replanner = TransportReplanner(planner: TransportPlanner(matrices: TravelMatrixBuilder(estimator: estimator)))
        let outcome: TransportReplanner.Outcome
        do {
            outcome = try replanner.replan(day, plan: plan, at: time.minuteOfDay * 60, broken: broken,
                                           options: .init(timeLimit: timeLimit, iterationLimit: iterations, seed: seed), outsourcing: outsourcing, watch: watch)
        } catch {
            throw .invalid([ValidationIssue(path: "plan", code: "replan.problem", message: "The day could not be planned again: \(error)")])
        }
        let violations = TransportPlanCheck.check(outcome.plan, day: day, travel: estimator, rescues: outcome.rescues)
        let rescuedIDs = Set(outcome.rescues.map(\.journeyID))
        let rescued = outcome.plan.runs.reduce(0) { $0 + $1.stops.filter { $0.kind == .pickup && rescuedIDs.contains($0.journeyID) }.count }
        let changes = Self.changes(from: plan, to: outcome.plan, broken: broken)
        return ReplanResult(plan: outcome.plan, engineViolations: outcome.engineViolations, domainViolations: violations,
                            frozenMoved: outcome.frozenMoved, rescues: outcome.rescues.count, rescued: rescued,
                            reassigned: changes.reassigned, pickupsMoved: changes.pickupsMoved, thirdParty: outcome.thirdParty)
    }
}
