import Testing
@testable import RoutingEngine

@Suite("SolutionChecker")
struct SolutionCheckerTests {
    /// Line: depot 0, stops at 1..4 one unit apart; one resource with capacity 10.
    static func lineProblem(maxRide: Int? = nil) -> RoutingProblem {
        let matrix = TravelMatrix(count: 5) { a, b in (duration: abs(a - b) * 10, distance: abs(a - b) * 10) }
        return RoutingProblem(
            matrices: [matrix], dimensions: 1,
            visits: [Visit(stop: Stop(location: 1, window: TimeWindow(start: 0, end: 100), service: 5), delivery: [4]),
                     Visit(stop: Stop(location: 2, window: TimeWindow(start: 0, end: 100), service: 5), delivery: [4], requiredSkills: 2)],
            requests: [Request(pickup: Stop(location: 3, window: .always, service: 0), delivery: Stop(location: 4, window: .always, service: 0),
                               load: [2], maxRideTime: maxRide)],
            resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_000), capacity: [10], skills: 2)])
    }

    static func solve(_ problem: RoutingProblem) throws -> RoutingSolution {
        try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 50, seed: 3)).solve(problem)
    }

    @Test("a solver answer passes")
    func valid() throws {
        let problem = Self.lineProblem()
        let solution = try Self.solve(problem)
        #expect(solution.unassigned.isEmpty)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
    }

    func rules(_ solution: RoutingSolution, _ problem: RoutingProblem) -> Set<String> {
        Set(SolutionChecker.check(solution, against: problem).map(\.rule.rawValue))
    }

    @Test("hand-broken solutions are rejected with the rule that breaks")
    func broken() throws {
        let problem = Self.lineProblem()
        let good = try Self.solve(problem)
        var route = good.routes[0]

        var capacity = problem
        capacity.resources[0].capacity = [7]
        #expect(rules(good, capacity).contains("capacity"))

        var window = problem
        window.visits[0].stop.window = TimeWindow(start: 0, end: 1)
        #expect(rules(good, window).contains("timeWindow"))

        var skills = problem
        skills.resources[0].skills = 0
        #expect(rules(good, skills).contains("skills"))

        var swapped = good
        let p = route.steps.firstIndex { $0.kind == .pickup }!, d = route.steps.firstIndex { $0.kind == .delivery }!
        route.steps.swapAt(p, d)
        swapped.routes[0] = route
        #expect(rules(swapped, problem).contains("precedence"))

        var missing = good
        missing.routes[0].steps.removeAll { $0.kind == .visit && $0.task == 0 }
        #expect(rules(missing, problem).contains("missing"))

        var duplicated = good
        duplicated.unassigned.append(.init(kind: "visit", task: 1, reason: .noRoom(resources: []), feasibleAlone: []))
        #expect(rules(duplicated, problem).contains("duplicate"))

        var early = good
        early.routes[0].steps[0].start -= 1
        #expect(!rules(early, problem).isDisjoint(with: ["schedule", "timeWindow"]))

        var ride = problem
        ride.requests[0].maxRideTime = 0
        let rideRules = rules(good, ride)
        let rode = good.routes[0].steps.first { $0.kind == .delivery }!.start - good.routes[0].steps.first { $0.kind == .pickup }!.departure
        if rode > 0 { #expect(rideRules.contains("rideTime")) }

        var wrongResource = good
        wrongResource.routes[0].resource = 7
        #expect(rules(wrongResource, problem).contains("resource"))
    }

    @Test("maximum ride time is respected by the solver and checked exactly")
    func rideTime() throws {
        // Pickup at 3, delivery at 4 (10 apart). Visits at 1 and 2 must wait for late windows;
        // a ride limit of 10 forbids carrying the passenger past them.
        var problem = Self.lineProblem(maxRide: 10)
        problem.visits[0].stop.window = TimeWindow(start: 300, end: 400)
        let solution = try Self.solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        let steps = solution.routes[0].steps
        let pickup = steps.first { $0.kind == .pickup }!, delivery = steps.first { $0.kind == .delivery }!
        #expect(delivery.start - pickup.departure <= 10)
    }
}

@Suite("RideTime STN")
struct RideTimeTests {
    @Test("a schedule exists exactly when the difference constraints allow one")
    func stn() {
        let problem = SolutionCheckerTests.lineProblem(maxRide: 10)
        let compiled = CompiledProblem(problem)
        // Nodes: visits 0, 1; request pickup 2, delivery 3.
        #expect(RideTime.feasible(problem: compiled, resource: 0, stops: [2, 3, 0, 1]))
        // Carrying the passenger from 3 to 1 and back to 4 takes 20 + 5 + 30 > 10.
        #expect(!RideTime.feasible(problem: compiled, resource: 0, stops: [2, 0, 3, 1]))
        let schedule = RideTime.schedule(problem: compiled, resource: 0, stops: [0, 1, 2, 3])!
        // Departure 0, visit at 10, 25, pickup 40, delivery 50, back at 90.
        #expect(schedule == [0, 10, 25, 40, 50, 90])
    }
}
