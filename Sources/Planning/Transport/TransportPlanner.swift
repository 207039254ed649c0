import Foundation
import RoutingEngine
import SchedulingDomain

/// A transport day → the engine's dial-a-ride problem, and its answer → a journey plan (PT-03).
///
/// Each live journey is a request: its pickup and drop-off windows and ride limit from the
/// contract's standards (``ServiceStandards/windows(for:)``), its load the patient's space plus a
/// seat per escort (seats, wheelchair spaces, stretchers), boarding and alighting the category's
/// minutes, and a crew of two where the category needs one (skill 0). Each vehicle shift is a
/// resource from its base and back within its hours, its break a window the search places.
/// Places are deduplicated (every drop-off at one hospital is one place), and the matrix is
/// built once per problem.
public struct TransportPlanner: Sendable {
    /// How long and how the engine searches.
    public struct Options: Sendable, Hashable {
        public var timeLimit: Duration?
        public var iterationLimit: Int?
        public var seed: UInt64

        /// Options with a time limit (default 30 s), an optional iteration limit and a seed.
        public init(timeLimit: Duration? = .seconds(30), iterationLimit: Int? = nil, seed: UInt64 = 1) {
            self.timeLimit = timeLimit
            self.iterationLimit = iterationLimit
            self.seed = seed
        }
    }

    /// The engine problem of a day, with the maps back to the day's ids.
    public struct Problem: Sendable {
        public var routing: RoutingProblem
        /// Request index → journey.
        public var journeys: [TransportJourney]
        /// Resource index → shift.
        public var shifts: [VehicleShift]
        /// Location index ⇄ place.
        public var placeIndex: IndexMap<Coordinates>
    }

    /// What planning gave: the plan, what the engine's checker said of its answer, and figures.
    public struct Outcome: Sendable {
        public var plan: TransportPlan
        /// The engine's independent checker's findings (empty: the answer keeps every hard rule).
        public var engineViolations: [String]
        /// The engine's cost (metres driven plus penalties for journeys left out).
        public var cost: Int
        public var iterations: Int
        /// The journeys left out that third-party providers take, at their prices.
        public var thirdParty: [ThirdPartyBooking] = []
    }

    /// The skill a crew of two has.
    public static let crewOfTwoSkill = 0
    /// The skill of a bariatric vehicle and crew.
    public static let bariatricSkill = 1
    /// The skill of a crew trained for stretchers.
    public static let stretcherSkill = 2
    /// The engine's skills of a shift: a crew of two, bariatric, trained for stretchers.
    public static func skills(of shift: VehicleShift) -> UInt64 {
        (shift.crewSize >= 2 ? 1 << crewOfTwoSkill : 0) | (shift.bariatric ? 1 << bariatricSkill : 0)
            | (shift.crewSize >= 2 && shift.stretcherTrained ? 1 << stretcherSkill : 0)
    }

    /// The engine's skills a journey needs.
    public static func skills(needed journey: TransportJourney) -> UInt64 {
        (journey.mobility.crewNeeded >= 2 ? 1 << crewOfTwoSkill : 0) | (journey.bariatric ? 1 << bariatricSkill : 0)
            | (journey.mobility == .stretcher ? 1 << stretcherSkill : 0)
    }

    /// A skill in a planner's words.
    static func skillName(_ skill: Int) -> String {
        switch skill {
        case crewOfTwoSkill: "a crew of two"
        case bariatricSkill: "a bariatric vehicle and crew"
        case stretcherSkill: "a crew of two trained for stretchers"
        default: "skill \(skill)"
        }
    }

    /// What leaving a journey out costs: a contract journey ten times an extra-contractual one,
    /// so ECJs go into spare capacity (PT-04) and never push a contract journey out; both far
    /// above any driving.
    public static let contractPenalty = 1_000_000_000
    public static let ecjPenalty = 100_000_000
    /// An urgent journey: ten contract journeys, so it is planned first (PT-04).
    public static let urgentPenalty = 10_000_000_000

    public let matrices: TravelMatrixBuilder

    /// A planner estimating travel with `matrices` (haversine by car by default).
    public init(matrices: TravelMatrixBuilder = TravelMatrixBuilder()) { self.matrices = matrices }

    /// The engine problem for `day`'s live journeys and its shifts.
    public func problem(for day: TransportDay) -> Problem { problem(for: day, journeys: day.liveJourneys) }

    /// The engine problem for `journeys` of `day` (a re-plan adds those its plan carried out).
    public func problem(for day: TransportDay, journeys: [TransportJourney]) -> Problem {
        var places = IndexMap<Coordinates>()
        let shifts = day.shifts
        let folding = shifts.contains { $0.convertibleWheelchairSpaces > 0 }
        var resources: [Resource] = []
        for shift in shifts {
            let base = places.index(of: shift.base)
            let breaks = shift.restBreak.map {
                [Break(window: TimeWindow(start: $0.earliest.minuteOfDay * 60, end: $0.latest.minuteOfDay * 60), duration: $0.minutes * 60)]
            } ?? []
            // A shift allowing overtime may run on to its latest return, each second after its end priced (``solve``).
            resources.append(Resource(startLocation: base, endLocation: base,
                                      shift: TimeWindow(start: shift.start.minuteOfDay * 60, end: shift.latestBack),
                                      capacity: Self.capacity(of: shift, folding: folding),
                                      skills: Self.skills(of: shift),
                                      costPerDistance: 1, breaks: breaks, breaksWithNobodyOnBoard: true,
                                      overtimeFrom: shift.overtimeMinutes > 0 ? shift.end.minuteOfDay * 60 : nil))
        }
        var requests: [Request] = []
        for journey in journeys {
            let w = day.standards(for: journey).windows(for: journey)
            let from = places.index(of: journey.pickup), to = places.index(of: journey.destination)
            requests.append(Request(
                pickup: Stop(location: from, window: TimeWindow(start: w.pickup.lowerBound, end: w.pickup.upperBound), service: w.boarding),
                delivery: Stop(location: to, window: TimeWindow(start: w.dropOff.lowerBound, end: w.dropOff.upperBound), service: w.boarding),
                load: Self.load(of: journey, folding: folding), maxRideTime: w.maxOnVehicle,
                requiredSkills: Self.skills(needed: journey),
                unassignedPenalty: journey.urgent ? Self.urgentPenalty : journey.ecj ? Self.ecjPenalty : Self.contractPenalty))
        }
        let matrix = matrices.matrix(for: places.keys, mode: .car)
        return Problem(routing: RoutingProblem(matrices: [matrix], dimensions: folding ? 4 : 3, requests: requests, resources: resources),
                       journeys: journeys, shifts: shifts, placeIndex: places)
    }

    /// A vehicle's space as the engine's load dimensions: seats, wheelchair spaces (those it can
    /// fold from seats counted), stretchers, and — when some vehicle of the day folds seats
    /// (`folding`) — floor space in seats, a wheelchair space taking
    /// ``VehicleSpace/seatsPerWheelchairSpace``, so a wheelchair beyond the fixed spaces takes
    /// its seats (the fourth bound is the seats plus the fixed spaces' floor: slack on a vehicle
    /// that folds nothing).
    static func capacity(of shift: VehicleShift, folding: Bool) -> [Int] {
        let c = shift.capacity
        guard folding else { return c.dimensions }
        return [c.seats, c.wheelchairSpaces + shift.convertibleWheelchairSpaces, c.stretchers,
                c.seats + VehicleSpace.seatsPerWheelchairSpace * c.wheelchairSpaces]
    }

    /// A journey's load in the same dimensions.
    static func load(of journey: TransportJourney, folding: Bool) -> [Int] {
        let l = journey.load
        return folding ? l.dimensions + [l.seats + VehicleSpace.seatsPerWheelchairSpace * l.wheelchairSpaces] : l.dimensions
    }

    /// Plans `day`: builds its problem, solves it (offering journeys to `outsourcing`'s providers
    /// at their prices) and reads the answer back.
    public func plan(_ day: TransportDay, options: Options = Options(), outsourcing: TransportOutsourcing = .none,
                     watch: PlanWatch = PlanWatch()) throws -> Outcome
    {
        var problem = problem(for: day)
        let parameters = SolverParameters(timeLimit: options.timeLimit, iterationLimit: options.iterationLimit, seed: options.seed)
        let priced = try solve(&problem, outsourcing: outsourcing, eligible: problem.routing.requests.indices, parameters: parameters,
                               warmStart: nil, watch: watch)
        let solution = priced.solution
        let violations = SolutionChecker.check(solution, against: problem.routing).map { "\($0)" }
        let plan = explaining(plan(from: solution, of: problem, date: day.date), priced: priced, problem: problem, outsourcing: outsourcing)
        return Outcome(plan: plan, engineViolations: violations, cost: solution.cost.total, iterations: solution.iterations, thirdParty: priced.bookings)
    }

    /// The journey plan `solution` describes.
    public func plan(from solution: RoutingSolution, of problem: Problem, date: LocalDate) -> TransportPlan {
        let runs = solution.routes.filter { !$0.steps.isEmpty }.map { route in
            let stops = route.steps.map { step in
                TransportPlan.Stop(journeyID: problem.journeys[step.task].id, kind: step.kind == .pickup ? .pickup : .dropOff,
                                   arrival: step.arrival, start: step.start)
            }
            let taken = route.breaks.first
            return TransportPlan.Run(shiftID: problem.shifts[route.resource].id, departure: route.start, back: route.end, stops: stops,
                                     breakAfterStops: taken?.afterSteps, breakStart: taken?.start, metres: route.distance)
        }
        let wording = wording(for: problem)
        let unplanned = solution.unassigned.filter { $0.kind == "request" }.map { item in
            TransportPlan.Unplanned(journeyID: problem.journeys[item.task].id, code: item.reason.code,
                                    explanation: wording.explain(item), plannableAlone: !item.feasibleAlone.isEmpty)
        }
        return TransportPlan(date: date, runs: runs, unplanned: unplanned)
    }

    /// Reasons in transport words: vehicles by name, a crew of two, seats and wheelchair spaces.
    public func wording(for problem: Problem) -> ReasonWording {
        let names = problem.shifts.map(\.vehicleName)
        var wording = ReasonWording(resource: { names.indices.contains($0) ? names[$0] : "vehicle \($0 + 1)" },
                                    skill: Self.skillName,
                                    load: { VehicleSpace.describe(dimension: $0, amount: $1) })
        wording.noun = ("vehicle", "vehicles")
        return wording
    }
}

/// How a caller follows and stops a plan while the engine searches: a control to cancel it (the
/// best plan so far is kept) and a callback hearing the share of the budget used, the best cost
/// so far and how many journeys that plan leaves out.
public struct PlanWatch: Sendable {
    public var control: SolveControl?
    public var progress: (@Sendable (_ fraction: Double, _ bestCost: Int, _ unplanned: Int) -> Void)?

    /// A watch (by default: nobody watches).
    public init(control: SolveControl? = nil, progress: (@Sendable (Double, Int, Int) -> Void)? = nil) {
        self.control = control
        self.progress = progress
    }

    var solverProgress: (@Sendable (SolverProgress) -> Void)? {
        guard let progress else { return nil }
        return { progress($0.fraction, $0.bestCost, $0.unassigned) }
    }
}
