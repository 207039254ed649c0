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
    }

    /// Travel estimated the same way for planning and for checking.
    public let estimator: any TravelTimeEstimator

    /// Planning with `estimator` (haversine by car by default).
    public init(estimator: any TravelTimeEstimator = HaversineTravelEstimator()) { self.estimator = estimator }

    /// Plans `day` within `timeLimit` (or `iterations`), seeded by `seed`.
    public func plan(_ day: TransportDay, timeLimit: Duration? = .seconds(30), iterations: Int? = nil, seed: UInt64 = 1) throws(ServiceError) -> Result {
        let issues = day.validate()
        guard issues.isEmpty else { throw .invalid(issues) }
        let planner = TransportPlanner(matrices: TravelMatrixBuilder(estimator: estimator))
        let outcome: TransportPlanner.Outcome
        do {
            outcome = try planner.plan(day, options: .init(timeLimit: timeLimit, iterationLimit: iterations, seed: seed))
        } catch {
            // A validated day always makes a well-formed problem; anything else is a defect.
            throw .invalid([ValidationIssue(path: "", code: "transport.problem", message: "The day could not be planned: \(error)")])
        }
        let violations = TransportPlanCheck.check(outcome.plan, day: day, travel: estimator)
        return Result(plan: outcome.plan, engineViolations: outcome.engineViolations, domainViolations: violations,
                      cost: outcome.cost, iterations: outcome.iterations)
    }
}
