import Foundation
import SeededTesting
import Testing
@testable import RoutingEngine

/// Requests (pickup and delivery, ride times) in the coupled search: with breaks, several
/// windows, double-ups and lateness in the same problem.
@Suite("Coupled search: requests")
struct CoupledRequestTests {
    static func parameters(_ iterations: Int = 200, seed: UInt64 = 7) -> SolverParameters {
        SolverParameters(timeLimit: nil, iterationLimit: iterations, seed: seed)
    }

    /// The stops of a random route holding every task of `problem` once, each pickup before its delivery.
    static func randomRoute(_ p: CompiledProblem, _ rng: inout EngineRandom) -> [Int] {
        var waiting = Array(0..<p.visitCount) + (p.visitCount..<p.taskCount).map { p.firstNode[$0] }
        var route: [Int] = []
        while !waiting.isEmpty {
            let k = rng.below(waiting.count)
            let u = waiting.remove(at: k)
            route.append(u)
            if p.partner[u] > u { waiting.append(p.partner[u]) }
        }
        return route
    }

    @Test("the coupled schedule of a route with ride limits is the exact earliest schedule (seeds 1–300)")
    func scheduleMatchesRideTimeNetwork() {
        var feasible = 0, infeasible = 0, delayed = 0
        for seed in UInt64(1)...300 {
            var problem = EngineTestKit.randomProblem(seed: seed, visits: 2, requests: 3, resources: 1, tight: seed % 2 == 0)
            var rng = EngineRandom(seed: seed &* 31)
            // Windows close late (some late enough to break), ride limits bind: both answers occur.
            for v in problem.visits.indices { problem.visits[v].stop.window.end = 900 + rng.below(900) }
            for q in problem.requests.indices {
                problem.requests[q].maxRideTime = 40 + rng.below(500)
                problem.requests[q].pickup.window.end = 900 + rng.below(900)
                problem.requests[q].delivery.window.end = 900 + rng.below(900)
            }
            problem.resources[0].capacity = [1_000]
            problem.resources[0].skills = 1
            problem.resources[0].shift = TimeWindow(start: 0, end: 2_000)
            problem.resources[0].breaks = [Break(window: TimeWindow(start: 5_000, end: 6_000), duration: 1)]  // coupled, never reached
            let compiled = CompiledProblem(problem)
            let model = CoupledModel(compiled)
            let route = Self.randomRoute(compiled, &rng)
            var plan = CoupledPlan(model: model)
            plan.routes[0] = route
            for u in route { plan.routeOf[u] = 0 }
            plan.unassigned = []
            let ours = model.schedule(&plan)
            let exact = RideTime.schedule(problem: compiled, resource: 0, stops: route)
            #expect(ours == (exact != nil), "seed \(seed): coupled says \(ours), the ride-time network says \(exact != nil)")
            guard let exact, ours else { infeasible += 1; continue }
            feasible += 1
            #expect(route.enumerated().allSatisfy { plan.start[$1] == exact[$0 + 1] }, "seed \(seed): starts differ")
            if route.contains(where: { plan.floor[$0] > 0 }) { delayed += 1 }
        }
        // The seeds cover both answers and schedules where a pickup had to wait for its ride.
        print("feasible \(feasible), infeasible \(infeasible), delayed \(delayed)"); #expect(feasible > 20 && infeasible > 20 && delayed > 5, "feasible \(feasible), infeasible \(infeasible), delayed \(delayed)")
    }

    /// Patient transport: three crews with four seats and one wheelchair place, a meal break of 30
    /// starting in 150–450, patients to their appointments (delivery windows) within a ride limit.
    static func transport() -> RoutingProblem {
        let xs = [0, 30, 80, 20, 70, 40, 90, 10, 60, 50, 85, 35, 15, 75, 45, 65, 25]
        let ys = [0, 40, 10, 70, 60, 20, 80, 30, 90, 50, 30, 85, 55, 15, 65, 45, 20]
        let matrix = TravelMatrix(count: xs.count) { a, b in
            let d = Int(Double((xs[a] - xs[b]) * (xs[a] - xs[b]) + (ys[a] - ys[b]) * (ys[a] - ys[b])).squareRoot().rounded(.up))
            return (duration: d, distance: d)
        }
        let requests = (0..<8).map { i in
            let appointment = 120 + 60 * i
            return Request(pickup: Stop(location: 1 + 2 * i, window: TimeWindow(start: appointment - 150, end: appointment - 20), service: 5),
                           delivery: Stop(location: 2 + 2 * i, window: TimeWindow(start: appointment - 30, end: appointment), service: 5),
                           load: i % 3 == 0 ? [1, 1] : [1, 0], maxRideTime: 90)
        }
        let crews = (0..<3).map { _ in
            Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_000), capacity: [4, 1], fixedCost: 500,
                     breaks: [Break(window: TimeWindow(start: 150, end: 450), duration: 30)])
        }
        return RoutingProblem(matrices: [matrix], dimensions: 2, requests: requests, resources: crews)
    }

    @Test("crews with breaks carry patients within their ride limits and appointment windows")
    func transportWithBreaks() throws {
        let problem = Self.transport()
        #expect(problem.validate().isEmpty)
        #expect(problem.isCoupled)
        let solution = try Solver(parameters: Self.parameters(300)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.unassigned.isEmpty, "\(solution.unassigned)")
        for route in solution.routes where route.end > 150 {
            let taken = try #require(route.breaks.first, "resource \(route.resource) runs into its break window")
            #expect((150...450).contains(taken.start))
            // Not with a patient on board: as many pickups as deliveries before it.
            let before = route.steps.prefix(taken.afterSteps)
            #expect(before.filter { $0.kind == .pickup }.count == before.filter { $0.kind == .delivery }.count)
        }
        // Every pickup before its delivery on the same route, and the kinds reported.
        for route in solution.routes {
            let pickups = route.steps.enumerated().filter { $0.element.kind == .pickup }
            for (k, step) in pickups {
                let d = try #require(route.steps.firstIndex { $0.kind == .delivery && $0.task == step.task })
                #expect(d > k)
                #expect(route.steps[d].start - step.departure <= 90)
            }
        }
        let again = try Solver(parameters: Self.parameters(300)).solve(problem)
        #expect(again == solution)
    }

    @Test("requests, a double-up and priced lateness share one plan")
    func mixed() throws {
        var problem = CoupledSearchTests.doubleUp()
        problem.visits[2].lateAfter = 30
        problem.requests = [Request(pickup: Stop(location: 2, service: 5), delivery: Stop(location: 5, window: TimeWindow(start: 100, end: 300), service: 5),
                                    maxRideTime: 60),
                            Request(pickup: Stop(location: 6, service: 5), delivery: Stop(location: 1, service: 5), maxRideTime: 80)]
        #expect(problem.validate().isEmpty)
        let solution = try Solver(parameters: Self.parameters(200)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.unassigned.isEmpty)
        let steps = solution.routes.flatMap(\.steps)
        #expect(steps.filter { $0.kind == .pickup }.count == 2 && steps.filter { $0.kind == .delivery }.count == 2)
        // The delivery at 5 waits for its window: the pickup was delayed to keep the ride within 60.
        let pickup = try #require(steps.first { $0.kind == .pickup && $0.task == 0 })
        let delivery = try #require(steps.first { $0.kind == .delivery && $0.task == 0 })
        #expect(delivery.start >= 100 && delivery.start - pickup.departure <= 60)
    }

    @Test("a pickup with several windows starts in one of them (Kairos JSON windows on a request stop)")
    func severalWindows() throws {
        let json = #"""
        {"matrices": [{"durations": [[0, 50, 60], [50, 0, 10], [60, 10, 0]]}],
         "requests": [{"pickup": {"location": 1, "service": 10, "windows": [{"start": 0, "end": 20}, {"start": 90, "end": 120}]},
                       "delivery": {"location": 2, "service": 5}, "maxRideTime": 30}],
         "resources": [{"start": 0}]}
        """#
        let problem = try KairosJSON.problem(from: Data(json.utf8))
        #expect(problem.requests[0].pickupMoreWindows == [TimeWindow(start: 90, end: 120)])
        #expect(problem.isCoupled)
        let solution = try Solver(parameters: Self.parameters(20)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        let steps = try #require(solution.routes.first?.steps)
        #expect(steps.map(\.kind) == [.pickup, .delivery])
        #expect(steps[0].start == 90 && steps[1].start == 110)
        var outside = solution
        outside.routes[0].steps[0].start = 60
        outside.routes[0].steps[0].departure = 70
        #expect(SolutionChecker.check(outside, against: problem).contains { $0.rule == .timeWindow })
        let both = #"{"matrices": [{"durations": [[0]]}], "requests": [{"pickup": {"location": 0, "window": {"start": 0, "end": 1}, "windows": [{"start": 0, "end": 1}]}, "delivery": {"location": 0, "windows": []}}], "resources": [{"start": 0}]}"#
        do {
            _ = try KairosJSON.problem(from: Data(both.utf8))
            Issue.record("expected an error")
        } catch let error as KairosJSON.InvalidFile {
            #expect(error.issues.contains("requests[0].pickup: give window or windows, not both."))
            #expect(error.issues.contains("requests[0].delivery.windows: must not be empty."))
        }
        var reversed = problem
        reversed.requests[0].deliveryMoreWindows = [TimeWindow(start: 9, end: 3)]
        #expect(reversed.validate().contains("requests[0].deliveryMoreWindows[0]: start 9 is after end 3."))
    }

    @Test("re-planning: a frozen pickup keeps its delivery on the crew, a warm start is kept where it holds")
    func replanning() throws {
        var problem = Self.transport()
        problem.frozen = [PlanEvaluator.PlannedRoute(resource: 1, stops: [.init(kind: .pickup, task: 0)])]
        let solution = try Solver(parameters: Self.parameters(150)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        let crew = try #require(solution.routes.first { $0.resource == 1 })
        #expect(crew.steps.first.map { $0.kind == .pickup && $0.task == 0 } == true)
        #expect(crew.steps.contains { $0.kind == .delivery && $0.task == 0 })
        // Warm start from the answer without the freeze: nothing is lost and nothing gets dearer.
        problem.frozen = []
        let plan = solution.routes.map { route in
            PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: $0.kind, task: $0.task) })
        }
        let again = try Solver(parameters: Self.parameters(5, seed: 3)).solve(problem, warmStart: plan)
        #expect(SolutionChecker.check(again, against: problem).isEmpty)
        #expect(again.unassigned.isEmpty)
        #expect(again.cost.total <= solution.cost.total)
        // A warm start with a delivery before its pickup: the request is planned afresh.
        let upsideDown = [PlanEvaluator.PlannedRoute(resource: 0, stops: [.init(kind: .delivery, task: 2), .init(kind: .pickup, task: 2)])]
        let repaired = try Solver(parameters: Self.parameters(50)).solve(problem, warmStart: upsideDown)
        #expect(SolutionChecker.check(repaired, against: problem).isEmpty)
        #expect(repaired.unassigned.isEmpty)
    }

    @Test("an unserved request says why: ride time, capacity, or no room")
    func explained() throws {
        var problem = Self.transport()
        problem.requests[1].maxRideTime = 3  // the direct trip takes longer
        problem.requests[2].load = [1, 2]  // two wheelchairs, each crew has one place
        let solution = try Solver(parameters: Self.parameters(100)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        let ride = try #require(solution.unassigned.first { $0.kind == "request" && $0.task == 1 })
        #expect(ride.reason.code == "rideTime" && ride.feasibleAlone.isEmpty)
        let direct = problem.matrices[0].duration(problem.requests[1].pickup.location, problem.requests[1].delivery.location)
        #expect(ride.relaxations?.first == RoutingSolution.Relaxation(constraint: "rideTime", resource: 0, amount: direct - 3))
        let load = try #require(solution.unassigned.first { $0.kind == "request" && $0.task == 2 })
        #expect(load.reason.code == "capacity")
        #expect(load.relaxations?.first == RoutingSolution.Relaxation(constraint: "capacity", resource: 0, amount: 1, dimension: 1))
        // One crew for all eight, with a short shift: some are left for want of room.
        var crowded = Self.transport()
        crowded.resources = [crowded.resources[0]]
        crowded.resources[0].shift.end = 500
        let tight = try Solver(parameters: Self.parameters(100)).solve(crowded)
        #expect(SolutionChecker.check(tight, against: crowded).isEmpty)
        #expect(!tight.unassigned.isEmpty)
        #expect(tight.unassigned.allSatisfy { $0.kind == "request" && ["noRoom", "timeWindow", "shift"].contains($0.reason.code) })
    }

    @Test("random problems with double-ups, lateness, requests and breaks: every answer passes the checker, evaluate-only reproduces it (seeds 1–8)")
    func randomMixed() throws {
        for seed in UInt64(1)...8 {
            var problem = CoupledSearchTests.randomCoupled(seed: seed, visits: 10, carers: 4)
            var rng = EngineRandom(seed: seed &+ 1_000)
            let locations = problem.matrices[0].count
            problem.requests = (0..<5).map { _ in
                let start = rng.below(400)
                return Request(pickup: Stop(location: 1 + rng.below(locations - 1), window: TimeWindow(start: start, end: start + 300), service: 5),
                               delivery: Stop(location: 1 + rng.below(locations - 1), window: TimeWindow(start: start + 30, end: start + 500), service: 5),
                               maxRideTime: rng.below(2) == 0 ? 60 + rng.below(60) : nil, unassignedPenalty: 5_000)
            }
            for r in problem.resources.indices where r % 2 == 0 {
                problem.resources[r].breaks = [Break(window: TimeWindow(start: 200 + rng.below(100), end: 400 + rng.below(100)), duration: 30)]
            }
            #expect(problem.validate().isEmpty, "seed \(seed)")
            let solution = try Solver(parameters: Self.parameters(40, seed: seed)).solve(problem)
            let violations = SolutionChecker.check(solution, against: problem)
            #expect(violations.isEmpty, "seed \(seed): \(violations)")
            #expect(solution.routes.flatMap(\.steps).contains { $0.kind == .pickup }, "seed \(seed): no request served")
            let plan = solution.routes.map { route in
                PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: $0.kind, task: $0.task) },
                                           breaks: route.breaks.map { .init(index: $0.index, afterSteps: $0.afterSteps) })
            }
            let evaluation = try PlanEvaluator.evaluate(plan, against: problem)
            #expect(evaluation.isFeasible, "seed \(seed): \(evaluation.violations)")
            #expect(evaluation.solution.routes == solution.routes, "seed \(seed)")
            let unplanned = evaluation.solution.unassigned.map { "\($0.kind) \($0.task)" }, unserved = solution.unassigned.map { "\($0.kind) \($0.task)" }
            #expect(unplanned.sorted() == unserved.sorted(), "seed \(seed)")
        }
    }

    @Test("an optional request is served only where serving it costs less than its penalty")
    func optional() throws {
        // One crew with a break at 0 on a line; the request from 5 to 6 adds 120 of distance.
        let line = TravelMatrix(count: 7) { a, b in (duration: abs(a - b) * 10, distance: abs(a - b) * 10) }
        for (penalty, served) in [(100, false), (130, true)] {
            let problem = RoutingProblem(
                matrices: [line], dimensions: 0,
                requests: [Request(pickup: Stop(location: 5), delivery: Stop(location: 6), unassignedPenalty: penalty)],
                resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_000),
                                     breaks: [Break(window: TimeWindow(start: 900, end: 950), duration: 10)])])
            #expect(problem.isCoupled)
            let solution = try Solver(parameters: Self.parameters(20)).solve(problem)
            #expect(SolutionChecker.check(solution, against: problem).isEmpty)
            #expect(solution.routes.isEmpty == !served, "penalty \(penalty)")
            #expect(solution.cost.total == (served ? 120 : penalty), "penalty \(penalty)")
        }
    }

    @Test("a split shift is a break spanning the gap: nothing is served between the two parts")
    func splitShift() throws {
        // Works 0–400 and 700–1000: a break that must start at 400 and lasts 300.
        let problem = RoutingProblem(
            matrices: [CoupledSearchTests.line()], dimensions: 0,
            visits: [Visit(stop: Stop(location: 1, window: TimeWindow(start: 0, end: 300), service: 30)),
                     Visit(stop: Stop(location: 2, window: TimeWindow(start: 700, end: 900), service: 30)),
                     Visit(stop: Stop(location: 3, window: TimeWindow(start: 450, end: 600), service: 30), unassignedPenalty: 10_000)],
            requests: [Request(pickup: Stop(location: 4, window: TimeWindow(start: 750, end: 900), service: 5), delivery: Stop(location: 6, service: 5),
                               maxRideTime: 40)],
            resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_000),
                                 breaks: [Break(window: TimeWindow(start: 400, end: 400), duration: 300)])])
        let solution = try Solver(parameters: Self.parameters(30)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.unassigned.map(\.task) == [2])
        let route = try #require(solution.routes.first)
        #expect(route.breaks.map(\.start) == [400])
        #expect(route.steps.allSatisfy { $0.departure <= 400 || $0.start >= 700 })
        #expect(route.steps.count == 4 && route.steps.first?.task == 0)
    }

    @Test("evaluate-only: a hand plan with requests and a break gets its schedule, a reversed request its violation")
    func evaluated() throws {
        let problem = Self.transport()
        let solved = try Solver(parameters: Self.parameters(100)).solve(problem)
        let route = try #require(solved.routes.first)
        let plan = [PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: $0.kind, task: $0.task) })]
        let evaluation = try PlanEvaluator.evaluate(plan, against: problem)
        #expect(evaluation.isFeasible, "\(evaluation.violations)")
        #expect(evaluation.solution.routes == [route])
        let served = Set(route.steps.map(\.task))
        #expect(evaluation.solution.unassigned.map(\.task) == (0..<8).filter { !served.contains($0) })
        #expect(evaluation.solution.cost.unassigned == (8 - served.count) * 1_000_000_000)
        let reversed = [PlanEvaluator.PlannedRoute(resource: 0, stops: [.init(kind: .delivery, task: 0), .init(kind: .pickup, task: 0)])]
        let broken = try PlanEvaluator.evaluate(reversed, against: problem)
        #expect(broken.violations.contains { $0.rule == .precedence })
    }

    @Test("the few smallest kept as they come equal a full sort's first few", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func smallestFew(seed: UInt64) {
        announceSeed(seed)
        var rng = EngineRandom(seed: seed)
        for limit in [0, 1, 5, 32] {
            let offered = (0..<(rng.below(200))).map { k in (cost: rng.below(40), k: k) }
            var few = SmallestFew<(cost: Int, k: Int)>(limit: limit) { ($0.cost, $0.k) < ($1.cost, $1.k) }
            for element in offered { few.offer(element) }
            let expected = offered.sorted { ($0.cost, $0.k) < ($1.cost, $1.k) }.prefix(limit)
            #expect(few.items.map(\.k) == expected.map(\.k), "seed \(seed), limit \(limit)")
        }
    }

    @Test("the on-board load filter of request insertion agrees with the route's loads simulated", arguments: [11, 12, 13, 14] as [UInt64])
    func onBoardFilter(seed: UInt64) {
        announceSeed(seed)
        let p = CompiledProblem(EngineTestKit.randomProblem(seed: seed, visits: 6, requests: 8, resources: 1))
        var rng = EngineRandom(seed: seed)
        func peak(_ route: [Int]) -> Int {
            var load = route.reduce(0) { $0 + p.startLoad[$1] }, highest = load
            for v in route { load += p.loadDelta[v]; highest = max(highest, load) }
            return highest
        }
        var checked = 0, refused = 0
        for _ in 0..<200 {
            // A random route of some visits and requests (each pickup before its delivery).
            var route: [Int] = []
            for task in 0..<p.taskCount where rng.below(3) == 0 {
                let u = p.firstNode[task]
                route.insert(u, at: rng.below(route.count + 1))
                if p.isRequest[task] { route.insert(u + 1, at: route.firstIndex(of: u)! + 1 + rng.below(route.count - route.firstIndex(of: u)!)) }
            }
            guard peak(route) <= p.capacity[0] else { continue }
            guard let request = (0..<p.taskCount).filter({ p.isRequest[$0] && !route.contains(p.firstNode[$0]) }).randomElement(using: &rng)
            else { continue }
            let u = p.firstNode[request]
            var board: [Int] = []
            p.fillOnBoard(route, into: &board)
            for i in 0...route.count {
                for j in i...route.count {
                    let filter = (i...j).allSatisfy { p.fits(u, resource: 0, onBoard: board, at: $0) }
                    var inserted = route
                    inserted.insert(u + 1, at: j)
                    inserted.insert(u, at: i)
                    #expect(filter == (peak(inserted) <= p.capacity[0]), "seed \(seed): \(route) with \(u) at \(i), \(j)")
                    checked += 1
                    if !filter { refused += 1 }
                }
            }
        }
        #expect(checked > 1_000 && refused > 0, "seed \(seed): \(checked) places, \(refused) refused")
    }

    /// One request whose ride spans a break window that forces the break: picked up by 90, dropped
    /// off from 150, the break due between 100 and 140.
    static func forcedBreak(nobodyOnBoard: Bool) -> RoutingProblem {
        RoutingProblem(
            matrices: [CoupledSearchTests.line()], dimensions: 1,
            requests: [Request(pickup: Stop(location: 1, window: TimeWindow(start: 80, end: 90), service: 5),
                               delivery: Stop(location: 6, window: TimeWindow(start: 150, end: 400), service: 5), load: [1])],
            resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_000), capacity: [1],
                                 breaks: [Break(window: TimeWindow(start: 100, end: 140), duration: 30)], breaksWithNobodyOnBoard: nobodyOnBoard)])
    }

    @Test("a crew carrying people takes no break with a request on board, even one its window forces")
    func breakWithNobodyOnBoard() throws {
        let loose = Self.forcedBreak(nobodyOnBoard: false), strict = Self.forcedBreak(nobodyOnBoard: true)
        let carried = try Solver(parameters: CoupledSearchTests.parameters(20)).solve(loose)
        #expect(carried.unassigned.isEmpty && SolutionChecker.check(carried, against: loose).isEmpty)
        #expect(carried.routes.first?.breaks.first?.afterSteps == 1, "the forced break falls between pickup and drop-off")
        // The same plan breaks the rule where the crew carries people, and the checker says so.
        #expect(SolutionChecker.check(carried, against: strict).contains { $0.rule == .breaks })
        let refused = try Solver(parameters: CoupledSearchTests.parameters(20)).solve(strict)
        #expect(refused.unassigned.map(\.task) == [0])
        #expect(SolutionChecker.check(refused, against: strict).isEmpty)
    }

    @Test("with breaks only when nobody is on board, every plan passes the checker (random requests and breaks)", arguments: [1, 2, 3, 4] as [UInt64])
    func nobodyOnBoardRandom(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 4, requests: 10, resources: 3)
        var rng = EngineRandom(seed: seed &* 11)
        CoupledScheduleTests.giveBreaks(&problem, &rng)
        for r in problem.resources.indices { problem.resources[r].breaksWithNobodyOnBoard = true }
        let solution = try Solver(parameters: CoupledSearchTests.parameters(150, seed: seed)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty, "seed \(seed)")
        #expect(solution.routes.contains { !$0.breaks.isEmpty }, "seed \(seed): some route takes its break")
    }
}
