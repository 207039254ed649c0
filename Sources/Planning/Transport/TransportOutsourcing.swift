import Foundation
import RoutingEngine
import SchedulingDomain

/// Third-party providers as priced options of the engine (PT-03, PT-05).
///
/// A journey a provider could take — the provider carries the patient's mobility category, their
/// escorts and (if need be) a bariatric patient, and
/// a direct trip collects them within their collection window and delivers them in time within
/// the ride limit — costs the engine, when the fleet leaves it out, the cheapest such provider's
/// price instead of the contract's penalty, in the engine's units: the metres the fleet would
/// drive for that money at ``fleetPencePerKm``. So the search weighs driving against buying a
/// journey in, and leaves a journey to a provider only where reaching it would cost the fleet
/// more. A provider's daily limit binds across journeys, which a price per journey cannot say:
/// after a search the journeys left out go to providers cheapest first, and those whose
/// providers are full are searched again at their full penalty, from the plan found (a warm
/// start), for a fifth of the budget (at least a tenth of a second), at most twice — so a
/// one-second re-plan stays under two seconds whatever the providers' limits.
public struct TransportOutsourcing: Sendable, Equatable {
    public var providers: [ThirdPartyProvider]
    /// What the fleet's driving costs per kilometre, in pence: the rate at which the search
    /// trades metres for a provider's price.
    public var fleetPencePerKm: Int
    /// What an hour of a crew member's overtime costs, in pence: the rate at which the search
    /// trades metres for a shift running on past its end (where the shift allows it).
    public var overtimePencePerCrewHour: Int

    /// No providers: every journey the fleet cannot take stays unplanned.
    public static let none = TransportOutsourcing(providers: [], fleetPencePerKm: 100)

    /// Outsourcing to `providers` against a fleet costing `fleetPencePerKm` pence per km driven
    /// and `overtimePencePerCrewHour` per hour of each crew member's overtime.
    public init(providers: [ThirdPartyProvider], fleetPencePerKm: Int, overtimePencePerCrewHour: Int = TransportContract.defaultOvertimePencePerCrewHour) {
        self.providers = providers
        self.fleetPencePerKm = fleetPencePerKm
        self.overtimePencePerCrewHour = overtimePencePerCrewHour
    }

    /// The providers that could take each of `requests` of `problem`, each with its price and the
    /// pickup time of the direct trip.
    func offers(in problem: TransportPlanner.Problem, requests: some Sequence<Int>) -> [Int: [ThirdPartyAllocation.Offer]] {
        guard !providers.isEmpty, let matrix = problem.routing.matrices.first else { return [:] }
        var offers: [Int: [ThirdPartyAllocation.Offer]] = [:]
        for q in requests {
            let request = problem.routing.requests[q], journey = problem.journeys[q]
            let carried = providers.compactMap { p in p.price(for: journey).map { (p, $0) } }
            guard !carried.isEmpty,
                  let pickup = Self.directPickup(request, travel: matrix.duration(request.pickup.location, request.delivery.location))
            else { continue }
            offers[q] = carried.map { ThirdPartyAllocation.Offer(provider: $0.0, pricePence: $0.1, pickup: pickup) }
        }
        return offers
    }

    /// When a vehicle going straight from the pickup to the destination collects the patient of
    /// `request` — as late as keeps the delivery in its window, so no one waits on board — or
    /// `nil` if no direct trip keeps both windows and the ride limit.
    static func directPickup(_ request: Request, travel: Int) -> Int? {
        let boarding = request.pickup.service
        let pickup = min(request.pickup.window.end, request.delivery.window.end - boarding - travel)
        guard pickup >= request.pickup.window.start else { return nil }
        let ride = max(travel, request.delivery.window.start - pickup - boarding)
        if let limit = request.maxRideTime, ride > limit { return nil }
        return pickup
    }

    /// What buying a journey at `pence` costs the engine: the metres the fleet drives for it.
    func metres(forPence pence: Int) -> Int { max(1, pence * 1_000 / max(1, fleetPencePerKm)) }

    /// What a second of overtime of a crew of `crew` costs the engine, in metres (at least 1).
    func metresPerOvertimeSecond(crew: Int) -> Int {
        max(1, (overtimePencePerCrewHour * crew * 1_000 + 1_800 * max(1, fleetPencePerKm)) / (3_600 * max(1, fleetPencePerKm)))
    }
}

extension TransportPlanner {
    /// A search's answer and the journeys it gives to providers.
    struct PricedSolution {
        var solution: RoutingSolution
        var bookings: [ThirdPartyBooking]
        /// Journeys offered to providers that were all full.
        var full: [TransportJourney.ID]
    }

    /// Each second after a shift's end (where it allows overtime) costs what its crew's overtime costs.
    func priceOvertime(_ problem: inout Problem, outsourcing: TransportOutsourcing) {
        for (r, shift) in problem.shifts.enumerated() where shift.overtimeMinutes > 0 {
            problem.routing.resources[r].costPerOvertime = outsourcing.metresPerOvertimeSecond(crew: shift.crewSize)
        }
    }

    /// Solves `problem` with the requests in `eligible` priced at their providers' offers (see
    /// ``TransportOutsourcing``), and overtime at its rate, starting from `warmStart` if given.
    func solve(_ problem: inout Problem, outsourcing: TransportOutsourcing, eligible: some Sequence<Int>, parameters: SolverParameters,
               warmStart: [PlanEvaluator.PlannedRoute]?, watch: PlanWatch) throws -> PricedSolution
    {
        priceOvertime(&problem, outsourcing: outsourcing)
        let offers = outsourcing.offers(in: problem, requests: eligible)
        var priced = Set(offers.keys)
        var penalties: [Int: Int] = [:]
        for (q, offer) in offers {
            penalties[q] = problem.routing.requests[q].unassignedPenalty
            let cheapest = offer.map(\.pricePence).min() ?? 0
            problem.routing.requests[q].unassignedPenalty = min(problem.routing.requests[q].unassignedPenalty, outsourcing.metres(forPence: cheapest))
        }
        var solution = try Solver(parameters: parameters).solve(problem.routing, warmStart: warmStart, cancellation: watch.control?.flag,
                                                                progress: watch.solverProgress)
        var round = 0
        while true {
            let left = solution.unassigned.filter { $0.kind == "request" }.map(\.task)
            let (bookings, full) = ThirdPartyAllocation.allocate(left.compactMap { q in offers[q].map { (problem.journeys[q], $0) } })
            let fullRequests = Set(full).intersection(Set(priced.map { problem.journeys[$0].id }))
            round += 1
            if fullRequests.isEmpty || round > 2 || watch.control?.flag.isCancelled == true {
                return PricedSolution(solution: solution, bookings: bookings, full: full)
            }
            // The providers are full for these: the fleet must take them if it can.
            for q in priced where fullRequests.contains(problem.journeys[q].id) {
                problem.routing.requests[q].unassignedPenalty = penalties[q] ?? problem.routing.requests[q].unassignedPenalty
                priced.remove(q)
            }
            let warm = solution.routes.map { route in
                PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: $0.kind, task: $0.task) },
                                           breaks: route.breaks.map { .init(index: $0.index, afterSteps: $0.afterSteps) })
            }
            var again = parameters
            again.timeLimit = parameters.timeLimit.map { max(.milliseconds(100), $0 / 5) }
            again.iterationLimit = parameters.iterationLimit.map { max(1, $0 / 5) }
            solution = try Solver(parameters: again).solve(problem.routing, warmStart: warm, cancellation: watch.control?.flag)
        }
    }

    /// `plan` (read from `priced`'s solution) with each journey given to a provider saying why
    /// — the fleet's cheapest way to carry it costs more — and each whose providers were all
    /// full saying so.
    func explaining(_ plan: TransportPlan, priced: PricedSolution, problem: Problem, outsourcing: TransportOutsourcing) -> TransportPlan {
        var plan = plan
        let given = Dictionary(priced.bookings.map { ($0.journeyID, $0) }, uniquingKeysWith: { a, _ in a })
        let full = Set(priced.full)
        let requestOf = Dictionary(problem.journeys.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let reasons = Dictionary(priced.solution.unassigned.filter { $0.kind == "request" }.map { ($0.task, $0.reason) }, uniquingKeysWith: { a, _ in a })
        for k in plan.unplanned.indices {
            let id = plan.unplanned[k].journeyID
            if let booking = given[id], let q = requestOf[id], case .cost(let excess)? = reasons[q] {
                let metres = problem.routing.requests[q].unassignedPenalty + excess - 1
                let km = Double(metres) / 1_000, pence = metres * outsourcing.fleetPencePerKm / 1_000
                plan.unplanned[k].explanation = "Cheaper by a third party: the fleet's cheapest way to carry it adds "
                    + "\(km.formatted(.number.precision(.fractionLength(1)))) km of driving (\(Self.pounds(pence)) at \(outsourcing.fleetPencePerKm)p a km), "
                    + "more than \(booking.providerName)'s \(Self.pounds(booking.pricePence))."
            } else if let booking = given[id], plan.unplanned[k].plannableAlone {
                plan.unplanned[k].explanation = "Cheaper by a third party (\(booking.providerName), \(Self.pounds(booking.pricePence))) than arranging the fleet's plan around it. "
                    + plan.unplanned[k].explanation
            } else if full.contains(id) {
                plan.unplanned[k].code = "providersFull"
                plan.unplanned[k].explanation = plan.unplanned[k].explanation
                    + " Every third-party provider that carries it has reached its daily limit; a higher limit or another provider would take it."
            }
        }
        return plan
    }

    /// "£38.00".
    static func pounds(_ pence: Int) -> String { "£\(pence / 100).\(String(format: "%02d", pence % 100))" }
}
