import SeededTesting
import Testing
@testable import RoutingEngine

@Suite("A vehicle breaking down on a generated day")
struct BreakdownTests {
    @Test("the re-planning problem keeps the past, rescues those on board and keeps the broken vehicle out; it re-plans feasibly",
          arguments: [UInt64(1), 2, 3])
    func breakdown(seed: UInt64) throws {
        announceSeed(seed)
        let problem = GeneratedDARP.problem(.init(requests: 80, vehicles: 8, seed: seed))
        let plan = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 300, seed: seed)).solve(problem)
        let time = 11 * 3600
        // The vehicle with someone on board at 11:00, if any, else the busiest after it.
        func onBoard(_ route: RoutingSolution.Route) -> Int {
            let done = route.steps.filter { $0.start < time }
            return Set(done.filter { $0.kind == .pickup }.map(\.task)).subtracting(done.filter { $0.kind == .delivery }.map(\.task)).count
        }
        let broken = try #require(plan.routes.max { (onBoard($0), $0.steps.count, $1.resource) < (onBoard($1), $1.steps.count, $0.resource) })
        let scenario = GeneratedDARP.breakdown(of: problem, plan: plan, vehicle: broken.resource, at: time)
        let disrupted = scenario.problem
        #expect(disrupted.validate().isEmpty, "seed \(seed)")
        #expect(disrupted.requests.count == problem.requests.count, "one rescue for each person on board, who leaves the list")
        #expect(scenario.rescues == onBoard(broken) && scenario.rescues > 0, "seed \(seed): someone is on board at 11:00")
        let place = broken.steps.last { $0.start < time }?.location
        for rescue in disrupted.requests.suffix(scenario.rescues) {
            #expect(rescue.pickup.location == place && rescue.pickup.window.start == time && rescue.excludedResources == [broken.resource])
        }
        // The past is frozen: every frozen stop began before 11:00; the broken vehicle keeps only
        // the requests it finished, and takes nothing new.
        for frozen in disrupted.frozen {
            let old = try #require(plan.routes.first { $0.resource == frozen.resource })
            #expect(frozen.stops.count <= old.steps.filter { $0.start < time }.count)
        }
        for (q, request) in disrupted.requests.enumerated() {
            let finishedByBroken = disrupted.frozen.first { $0.resource == broken.resource }?.stops.contains { $0.task == q } ?? false
            #expect(finishedByBroken || request.excludedResources.contains(broken.resource), "seed \(seed): request \(q) may go to the broken vehicle")
        }
        let replanned = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 1, seed: seed))
            .solve(disrupted, warmStart: scenario.warmStart)
        #expect(SolutionChecker.check(replanned, against: disrupted).isEmpty, "seed \(seed)")
        let brokenAfter = replanned.routes.first { $0.resource == broken.resource }?.steps ?? []
        #expect(brokenAfter.allSatisfy { $0.start < time }, "seed \(seed): the broken vehicle serves nothing after 11:00")
        // Other vehicles' past is where it was.
        for route in replanned.routes where route.resource != broken.resource {
            guard let old = plan.routes.first(where: { $0.resource == route.resource }) else { continue }  // a vehicle called in
            let before = old.steps.filter { $0.start < time }.map(\.start)
            #expect(Array(route.steps.prefix(before.count).map(\.start)) == before, "seed \(seed): vehicle \(route.resource)'s morning moved")
        }
    }
}

@Suite("Deliveries owed for frozen pickups")
struct OwedDeliveryTests {
    /// One vehicle on a line has picked up A (going far) then B (going near, 15 s ride limit).
    static func problem(reference: [PlanEvaluator.PlannedRoute]) -> RoutingProblem {
        let position = [0, 10, 20, 30, 100]
        let matrix = TravelMatrix(count: position.count) { a, b in (abs(position[a] - position[b]), abs(position[a] - position[b])) }
        let a = Request(pickup: Stop(location: 1), delivery: Stop(location: 4), load: [1], maxRideTime: 1000)
        let b = Request(pickup: Stop(location: 2), delivery: Stop(location: 3), load: [1], maxRideTime: 15)
        return RoutingProblem(matrices: [matrix], dimensions: 1, requests: [a, b],
                              resources: [Resource(startLocation: 0, endLocation: 0, capacity: [2])],
                              frozen: [.init(resource: 0, stops: [.init(kind: .pickup, task: 0), .init(kind: .pickup, task: 1)])],
                              reference: reference)
    }

    @Test("they follow the order of the reference plan, so that people on board can be dropped in an order that keeps their ride limits")
    func referenceOrder() throws {
        // In pickup order, A's drop comes first and B rides 150 s: no plan.
        #expect(throws: Solver.InvalidProblem.self) { try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 5)).solve(Self.problem(reference: [])) }
        let reference = [PlanEvaluator.PlannedRoute(resource: 0, stops: [.init(kind: .pickup, task: 0), .init(kind: .pickup, task: 1),
                                                                         .init(kind: .delivery, task: 1), .init(kind: .delivery, task: 0)])]
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 5)).solve(Self.problem(reference: reference))
        #expect(solution.routes.first?.steps.map { "\($0.kind.rawValue)\($0.task)" } == ["pickup0", "pickup1", "delivery1", "delivery0"])
        #expect(SolutionChecker.check(solution, against: Self.problem(reference: reference)).isEmpty)
    }
}
