import Foundation
import RoutingEngine
import SchedulingDomain

/// Hand edits to a journey plan in the engine's evaluate-only mode (PT-03): the plan's runs as
/// stop sequences, each moved journey taken out of its run and put where the planner said (or in
/// time order), then the engine's ``PlanEvaluator`` works out every time — no search, nothing
/// else moves — and its independent checker names every rule the edited plan breaks, located by
/// vehicle shift and journey.
public struct TransportPlanEditor: Sendable {
    /// The edited plan, what it breaks, and its cost in the engine's terms.
    public struct Outcome: Sendable {
        public var plan: TransportPlan
        public var findings: [TransportPlanEdit.Finding]
        /// Metres driven plus penalties for journeys left out.
        public var cost: Int
        /// The journeys left out that third-party providers take, at their prices.
        public var thirdParty: [ThirdPartyBooking]
    }

    /// An edit that names what does not exist or a place outside a run: each issue with its
    /// path in the edit (`moves[2].shiftID`) and a sentence.
    public struct Invalid: Error, Sendable {
        public var issues: [(path: String, message: String)]
    }

    public let planner: TransportPlanner

    /// An editor building problems as `planner` does.
    public init(planner: TransportPlanner = TransportPlanner()) { self.planner = planner }

    /// One element of a run: a stop of a request, or the crew's break.
    private enum Element {
        case stop(request: Int, kind: RoutingSolution.StopKind, time: Int)
        case rest

        var request: Int? { if case .stop(let q, _, _) = self { q } else { nil } }
        var time: Int? { if case .stop(_, _, let t) = self { t } else { nil } }
    }

    /// `plan` of `day` with `edit`'s moves applied in order, timed and checked; the journeys it
    /// leaves out are offered to `outsourcing`'s providers.
    public func apply(_ edit: TransportPlanEdit, to plan: TransportPlan, day: TransportDay, outsourcing: TransportOutsourcing = .none) throws -> Outcome {
        var problem = planner.problem(for: day)
        planner.priceOvertime(&problem, outsourcing: outsourcing)
        let requestOf = Dictionary(problem.journeys.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let resourceOf = Dictionary(problem.shifts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var runs = [[Element]](repeating: [], count: problem.shifts.count)
        for run in plan.runs {
            guard let r = resourceOf[run.shiftID] else { continue }
            var elements: [Element] = []
            for (k, stop) in run.stops.enumerated() {
                if run.breakAfterStops == k { elements.append(.rest) }
                // A journey cancelled since the plan was made leaves it.
                guard let q = requestOf[stop.journeyID] else { continue }
                elements.append(.stop(request: q, kind: stop.kind == .pickup ? .pickup : .delivery, time: stop.start))
            }
            if run.breakAfterStops == run.stops.count { elements.append(.rest) }
            runs[r] = elements
        }
        var leftOut: Set<TransportJourney.ID> = []
        var issues: [(String, String)] = []
        for (m, move) in edit.moves.enumerated() {
            guard let q = requestOf[move.journeyID] else {
                issues.append(("moves[\(m)].journeyID", "moves[\(m)].journeyID: journey \(move.journeyID) is not a live journey on \(day.date)."))
                continue
            }
            for r in runs.indices { runs[r].removeAll { $0.request == q } }
            guard let shiftID = move.shiftID else {
                leftOut.insert(move.journeyID)
                continue
            }
            leftOut.remove(move.journeyID)
            guard let r = resourceOf[shiftID] else {
                issues.append(("moves[\(m)].shiftID", "moves[\(m)].shiftID: shift \(shiftID) is not on \(day.date)."))
                continue
            }
            let keys = timeKeys(problem, request: q)
            let stops = runs[r].filter { $0.request != nil }
            let count = stops.count
            // Stop numbers from 1 as the planner counts them; from 0 below.
            let pickupAt = move.pickupAt.map { $0 - 1 } ?? min(stops.filter { $0.time! <= keys.pickup }.count, move.dropOffAt.map { max(0, $0 - 2) } ?? count)
            guard (0...count).contains(pickupAt) else {
                issues.append(("moves[\(m)].pickupAt", "moves[\(m)].pickupAt must be a stop number between 1 and \(count + 1) (the run has \(count) other stops)."))
                continue
            }
            let dropOffAt = move.dropOffAt.map { $0 - 1 } ?? max(pickupAt + 1, stops.filter { $0.time! <= keys.dropOff }.count + 1)
            guard (pickupAt + 1...count + 1).contains(dropOffAt) else {
                issues.append(("moves[\(m)].dropOffAt", "moves[\(m)].dropOffAt must be a stop number after the pickup's: between \(pickupAt + 2) and \(count + 2)."))
                continue
            }
            insert(.stop(request: q, kind: .pickup, time: keys.pickup), asStop: pickupAt, into: &runs[r])
            insert(.stop(request: q, kind: .delivery, time: keys.dropOff), asStop: dropOffAt, into: &runs[r])
        }
        if !issues.isEmpty { throw Invalid(issues: issues) }

        let routes = runs.enumerated().compactMap { r, elements -> PlanEvaluator.PlannedRoute? in
            guard elements.contains(where: { $0.request != nil }) else { return nil }
            var stops: [PlanEvaluator.PlannedStop] = [], breaks: [PlanEvaluator.PlannedBreak] = []
            for element in elements {
                switch element {
                case .stop(let q, let kind, _): stops.append(.init(kind: kind, task: q))
                case .rest: if !problem.routing.resources[r].breaks.isEmpty { breaks.append(.init(index: 0, afterSteps: stops.count)) }
                }
            }
            return .init(resource: r, stops: stops, breaks: breaks)
        }
        let evaluation = try PlanEvaluator.evaluate(routes, against: problem.routing)
        var edited = planner.plan(from: evaluation.solution, of: problem, date: day.date)
        // Journeys left out keep the reason they were left out; those left out by hand say so.
        let before = Dictionary(plan.unplanned.map { ($0.journeyID, $0) }, uniquingKeysWith: { a, _ in a })
        edited.unplanned = edited.unplanned.map { item in
            if leftOut.contains(item.journeyID) {
                return .init(journeyID: item.journeyID, code: "byHand", explanation: "Left out by hand.", plannableAlone: before[item.journeyID]?.plannableAlone ?? true)
            }
            return before[item.journeyID] ?? item
        }
        let findings = evaluation.violations.map { v -> TransportPlanEdit.Finding in
            let route = v.route.flatMap { evaluation.solution.routes.indices.contains($0) ? evaluation.solution.routes[$0] : nil }
            let step = v.step.flatMap { s in route.flatMap { $0.steps.indices.contains(s) ? $0.steps[s] : nil } }
            let journey = step.flatMap { $0.kind == .visit ? nil : problem.journeys[$0.task].id }
            return .init(rule: v.rule.rawValue, shiftID: route.map { problem.shifts[$0.resource].id }, journeyID: journey,
                         stop: step.map { $0.kind == .pickup ? .pickup : .dropOff }, excess: v.excess)
        }
        let left = evaluation.solution.unassigned.filter { $0.kind == "request" }.map(\.task)
        let offers = outsourcing.offers(in: problem, requests: left)
        let bookings = ThirdPartyAllocation.allocate(left.compactMap { q in offers[q].map { (problem.journeys[q], $0) } }).bookings
        return Outcome(plan: edited, findings: findings, cost: evaluation.solution.cost.total, thirdParty: bookings)
    }

    /// Puts `element` so that it is the `k`-th stop (from 0) of `run`, breaks not counted.
    private func insert(_ element: Element, asStop k: Int, into run: inout [Element]) {
        var seen = 0
        for (i, e) in run.enumerated() where e.request != nil {
            if seen == k { run.insert(element, at: i); return }
            seen += 1
        }
        // After the last stop, before a break that closes the run.
        let lastStop = run.lastIndex { $0.request != nil }.map { $0 + 1 } ?? 0
        run.insert(element, at: lastStop)
    }

    /// When a request's pickup and drop-off would fall in time order: to an appointment, arriving
    /// 20 minutes before the latest it may; home, collected when ready; apart by the drive.
    private func timeKeys(_ problem: TransportPlanner.Problem, request q: Int) -> (pickup: Int, dropOff: Int) {
        let request = problem.routing.requests[q]
        let drive = problem.routing.matrices[0].duration(request.pickup.location, request.delivery.location) + request.pickup.service
        if problem.journeys[q].direction == .toAppointment {
            let dropOff = max(request.delivery.window.start, request.delivery.window.end - 20 * 60)
            return (dropOff - drive, dropOff)
        }
        return (request.pickup.window.start, request.pickup.window.start + drive)
    }
}
