import Foundation
import Testing
@testable import RoutingEngine

@Suite("Coupled search: groups and lateness")
struct CoupledSearchTests {
    /// A line of locations 0…6 ten units apart; carers start and end at 0.
    static func line(_ count: Int = 7) -> TravelMatrix {
        TravelMatrix(count: count) { a, b in (duration: abs(a - b) * 10, distance: abs(a - b) * 10) }
    }

    static func parameters(_ iterations: Int = 200, seed: UInt64 = 7) -> SolverParameters {
        SolverParameters(timeLimit: nil, iterationLimit: iterations, seed: seed)
    }

    /// Two carers; a double-up at 3 (simultaneous) and single visits around it.
    static func doubleUp(minGap: Int = 0, maxGap: Int = 0) -> RoutingProblem {
        RoutingProblem(
            matrices: [line()], dimensions: 0,
            visits: [Visit(stop: Stop(location: 3, window: TimeWindow(start: 50, end: 400), service: 20)),
                     Visit(stop: Stop(location: 3, window: TimeWindow(start: 50, end: 400), service: 20)),
                     Visit(stop: Stop(location: 1, window: .always, service: 5)),
                     Visit(stop: Stop(location: 6, window: .always, service: 5)),
                     Visit(stop: Stop(location: 5, window: TimeWindow(start: 0, end: 60), service: 5))],
            resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_000)),
                        Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_000))],
            groups: [VisitGroup(visits: [0, 1], minGap: minGap, maxGap: maxGap)])
    }

    func place(_ solution: RoutingSolution, _ visit: Int) -> (resource: Int, step: RoutingSolution.Step)? {
        for route in solution.routes {
            if let step = route.steps.first(where: { $0.kind == .visit && $0.task == visit }) { return (route.resource, step) }
        }
        return nil
    }

    @Test("a double-up is served by two carers starting together")
    func simultaneous() throws {
        let problem = Self.doubleUp()
        #expect(problem.isCoupled)
        let solution = try Solver(parameters: Self.parameters()).solve(problem)
        #expect(solution.unassigned.isEmpty)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        let a = try #require(place(solution, 0)), b = try #require(place(solution, 1))
        #expect(a.resource != b.resource)
        #expect(a.step.start == b.step.start)
    }

    @Test("a gap group starts its second member within the gap")
    func gap() throws {
        let problem = Self.doubleUp(minGap: 30, maxGap: 45)
        let solution = try Solver(parameters: Self.parameters()).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        let a = try #require(place(solution, 0)), b = try #require(place(solution, 1))
        #expect(a.resource != b.resource)
        #expect((30...45).contains(b.step.start - a.step.start))
    }

    @Test("lateness after lateAfter is priced, reported and checked")
    func lateness() throws {
        var problem = Self.doubleUp()
        // Visit 4 at 5 cannot start before 50; a soft deadline of 20 makes it 30 late at best.
        problem.visits[4].stop.window = .always
        problem.visits[4].lateAfter = 20
        problem.objective = Objective(latenessCost: 3, maxLatenessCost: 2)
        let solution = try Solver(parameters: Self.parameters()).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        let late = try #require(place(solution, 4)).step.start - 20
        #expect(late >= 30)
        #expect(solution.cost.lateness == 3 * late)
        #expect(solution.cost.maxLateness == 2 * late)
        #expect(solution.cost.total == solution.cost.fixed + solution.cost.distance + solution.cost.duration
            + solution.cost.unassigned + solution.cost.lateness + solution.cost.maxLateness)
    }

    @Test("the checker rejects a group served partly, by one resource, or outside its gap, and misreported lateness")
    func checkerRejects() throws {
        let problem = Self.doubleUp(minGap: 30, maxGap: 45)
        let good = try Solver(parameters: Self.parameters()).solve(problem)
        func rules(_ s: RoutingSolution, _ p: RoutingProblem = problem) -> Set<String> { Set(SolutionChecker.check(s, against: p).map(\.rule.rawValue)) }
        #expect(rules(good).isEmpty)

        var partly = good
        for r in partly.routes.indices { partly.routes[r].steps.removeAll { $0.kind == .visit && $0.task == 1 } }
        partly.unassigned.append(.init(kind: "visit", task: 1, reason: .noRoom(resources: []), feasibleAlone: []))
        #expect(rules(partly).contains("group"))

        var shifted = good
        for r in shifted.routes.indices {
            for k in shifted.routes[r].steps.indices where shifted.routes[r].steps[k].task == 1 && shifted.routes[r].steps[k].kind == .visit {
                shifted.routes[r].steps[k].start += 100
                shifted.routes[r].steps[k].departure += 100
            }
        }
        #expect(rules(shifted).contains("group"))

        var sameResource = problem
        sameResource.groups[0].minGap = 20
        sameResource.groups[0].maxGap = 1_000
        let plan = [PlanEvaluator.PlannedRoute(resource: 0, stops: [.init(kind: .visit, task: 0), .init(kind: .visit, task: 1)])]
        let evaluation = try PlanEvaluator.evaluate(plan, against: sameResource)
        #expect(Set(evaluation.violations.map(\.rule.rawValue)).contains("group"))

        var latePriced = problem
        latePriced.visits[2].lateAfter = 0
        #expect(rules(good, latePriced).contains("cost"))
    }

    @Test("carers waiting for each other in a circle is not a schedule")
    func waitingCycle() throws {
        // Carer 0 does A then B's partner; carer 1 does B then A's partner: each waits for the other.
        var problem = Self.doubleUp()
        problem.visits.append(Visit(stop: Stop(location: 5, window: .always, service: 10)))
        problem.visits.append(Visit(stop: Stop(location: 5, window: .always, service: 10)))
        problem.groups.append(VisitGroup(visits: [5, 6]))
        let model = CoupledModel(CompiledProblem(problem))
        var plan = CoupledPlan(model: model)
        plan.routes[0] = [0, 5]
        plan.routes[1] = [6, 1]
        for (r, route) in plan.routes.enumerated() { for v in route { plan.routeOf[v] = r } }
        plan.unassigned = (0..<model.taskCount).filter { t in model.members[t].contains { plan.routeOf[$0] < 0 } }
        #expect(model.propagate(&plan) == false)
        // Evaluate-only falls back to per-route times and names the broken groups.
        let planned = plan.routes.enumerated().map { r, stops in
            PlanEvaluator.PlannedRoute(resource: r, stops: stops.map { .init(kind: .visit, task: $0) })
        }
        let evaluation = try PlanEvaluator.evaluate(planned, against: problem)
        #expect(Set(evaluation.violations.map(\.rule.rawValue)).contains("group"))
    }

    @Test("the same seed gives the same plan")
    func deterministic() throws {
        let problem = Self.randomCoupled(seed: 11)
        let a = try Solver(parameters: Self.parameters(150, seed: 5)).solve(problem)
        let b = try Solver(parameters: Self.parameters(150, seed: 5)).solve(problem)
        #expect(a == b)
    }

    /// Random carers' day: skills, windows, soft deadlines and some double-ups, some with gaps.
    static func randomCoupled(seed: UInt64, visits: Int = 14, carers: Int = 4) -> RoutingProblem {
        var rng = EngineRandom(seed: seed)
        let count = 1 + visits
        let xs = (0..<count).map { _ in rng.below(60) }, ys = (0..<count).map { _ in rng.below(60) }
        let matrix = TravelMatrix(count: count) { a, b in
            let d = Int((Double((xs[a] - xs[b]) * (xs[a] - xs[b]) + (ys[a] - ys[b]) * (ys[a] - ys[b]))).squareRoot().rounded(.up))
            return (duration: d, distance: d)
        }
        var vs: [Visit] = [], groups: [VisitGroup] = []
        var location = 1
        while vs.count < visits {
            let start = rng.below(300)
            let window = TimeWindow(start: start, end: start + 200 + rng.below(300))
            let skill: UInt64 = rng.below(3) == 0 ? 1 : 0
            let visit = Visit(stop: Stop(location: location, window: window, service: 10 + rng.below(20)), requiredSkills: skill,
                              lateAfter: rng.below(2) == 0 ? start + rng.below(60) : nil)
            if vs.count + 2 <= visits && rng.below(3) == 0 {
                let gap = rng.below(2) == 0 ? 0 : rng.below(30)
                groups.append(VisitGroup(visits: [vs.count, vs.count + 1], minGap: gap, maxGap: gap + rng.below(20)))
                vs.append(visit)
                var partner = visit
                partner.requiredSkills = 0
                vs.append(partner)
            } else {
                vs.append(visit)
            }
            location += 1
        }
        let resources = (0..<carers).map { i in
            Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 2_000), skills: i % 2 == 0 ? 1 : 0,
                     fixedCost: 50, costPerDistance: 1, costPerDuration: i % 2)
        }
        return RoutingProblem(matrices: [matrix], dimensions: 0, visits: vs, resources: resources, groups: groups,
                              objective: Objective(latenessCost: 2, maxLatenessCost: 5))
    }

    @Test("random coupled problems: every answer passes the checker and evaluate-only reproduces its cost")
    func randomInstances() throws {
        for seed in UInt64(1)...8 {
            let problem = Self.randomCoupled(seed: seed)
            let solution = try Solver(parameters: Self.parameters(40, seed: seed)).solve(problem)
            let violations = SolutionChecker.check(solution, against: problem)
            #expect(violations.isEmpty, "seed \(seed): \(violations)")
            let plan = solution.routes.map { route in
                PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: .visit, task: $0.task) })
            }
            let evaluation = try PlanEvaluator.evaluate(plan, against: problem)
            #expect(evaluation.isFeasible, "seed \(seed): \(evaluation.violations)")
            let unplannedPenalty = solution.unassigned.reduce(0) { $0 + problem.visits[$1.task].unassignedPenalty }
            #expect(evaluation.solution.cost.total == solution.cost.total - solution.cost.unassigned + unplannedPenalty, "seed \(seed)")
            #expect(evaluation.solution.routes.map { $0.steps.map(\.start) } == solution.routes.map { $0.steps.map(\.start) }, "seed \(seed)")
        }
    }

    @Test("a warm start keeps what still holds, drops a group it cannot keep whole, and never gets worse")
    func warmStart() throws {
        let problem = Self.randomCoupled(seed: 4)
        let first = try Solver(parameters: Self.parameters(60, seed: 2)).solve(problem)
        let plan = first.routes.map { route in
            PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: .visit, task: $0.task) })
        }
        let again = try Solver(parameters: Self.parameters(5, seed: 9)).solve(problem, warmStart: plan)
        #expect(SolutionChecker.check(again, against: problem).isEmpty)
        #expect(again.cost.total <= first.cost.total)
        // Both members of a double-up planned on one carer: the group is reinserted on two.
        let broken = Self.doubleUp(minGap: 20, maxGap: 1_000)  // one carer could do both in turn, but must not
        let onOne = [PlanEvaluator.PlannedRoute(resource: 0, stops: [0, 1, 2].map { .init(kind: .visit, task: $0) })]
        let repaired = try Solver(parameters: Self.parameters(10)).solve(broken, warmStart: onOne)
        #expect(SolutionChecker.check(repaired, against: broken).isEmpty)
        #expect(repaired.unassigned.isEmpty)
    }

    @Test("group validation names each rule")
    func validation() {
        var problem = Self.doubleUp()
        problem.groups = [VisitGroup(visits: [0]), VisitGroup(visits: [1, 2], minGap: 5, maxGap: 1), VisitGroup(visits: [2, 9])]
        let issues = problem.validate()
        #expect(issues.contains("groups[0].visits: a group needs at least two visits."))
        #expect(issues.contains("groups[1]: minGap 5 is greater than maxGap 1."))
        #expect(issues.contains("groups[2].visits[0]: visit 2 is already in groups[1]."))
        #expect(issues.contains("groups[2].visits[1]: 9 is not a visit index."))
    }

    @Test("a group no two distinct resources can serve is explained as 'group'")
    func explainedGroup() throws {
        var problem = Self.doubleUp()
        problem.visits[0].requiredSkills = 1
        problem.visits[1].requiredSkills = 1
        problem.resources[0].skills = 1
        let solution = try Solver(parameters: Self.parameters(20)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.unassigned.map(\.task) == [0, 1])
        #expect(solution.unassigned.allSatisfy { $0.reason.code == "group" && $0.feasibleAlone == [0] })
    }
}

@Suite("Breaks, several windows, overtime")
struct ResourceRulesTests {
    /// One carer, visits at 1…4 with long services, a lunch break window 100–140 of 30.
    static func lunch() -> RoutingProblem {
        RoutingProblem(
            matrices: [CoupledSearchTests.line()], dimensions: 0,
            visits: (1...4).map { Visit(stop: Stop(location: $0, window: .always, service: 40)) },
            resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 1_000),
                                 breaks: [Break(window: TimeWindow(start: 100, end: 140), duration: 30)])])
    }

    @Test("a route running into a break window takes the break inside it, between stops")
    func breakTaken() throws {
        let problem = Self.lunch()
        #expect(problem.isCoupled)
        let solution = try Solver(parameters: CoupledSearchTests.parameters(50)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        let route = try #require(solution.routes.first)
        let taken = try #require(route.breaks.first)
        #expect((100...140).contains(taken.start) && taken.end == taken.start + 30)
        // No service overlaps the break.
        for step in route.steps { #expect(step.departure <= taken.start || step.start >= taken.end) }
        #expect(route.duration >= 4 * 40 + 30 + 80)
    }

    @Test("the checker rejects a missing break, one outside its window, and one overlapping work")
    func breakRejected() throws {
        let problem = Self.lunch()
        let good = try Solver(parameters: CoupledSearchTests.parameters(50)).solve(problem)
        func rules(_ s: RoutingSolution) -> Set<String> { Set(SolutionChecker.check(s, against: problem).map(\.rule.rawValue)) }
        var missing = good
        missing.routes[0].breaks = []
        #expect(rules(missing).contains("break"))
        var outside = good
        outside.routes[0].breaks[0].start = 200
        outside.routes[0].breaks[0].end = 230
        #expect(rules(outside).contains("break"))
        var overlapping = good
        overlapping.routes[0].breaks[0].afterSteps = 0
        #expect(!rules(overlapping).isEmpty)
    }

    @Test("a visit with several windows starts in one of them (Kairos JSON windows)")
    func severalWindows() throws {
        let json = #"""
        {"matrices": [{"durations": [[0, 50], [50, 0]]}],
         "visits": [{"location": 1, "service": 10, "windows": [{"start": 0, "end": 20}, {"start": 90, "end": 120}]}],
         "resources": [{"start": 0}]}
        """#
        let problem = try KairosJSON.problem(from: Data(json.utf8))
        #expect(problem.visits[0].moreWindows == [TimeWindow(start: 90, end: 120)])
        let solution = try Solver(parameters: CoupledSearchTests.parameters(20)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.routes.first?.steps.first?.start == 90)
        var outside = solution
        outside.routes[0].steps[0].start = 60
        outside.routes[0].steps[0].departure = 70
        #expect(SolutionChecker.check(outside, against: problem).contains { $0.rule == .timeWindow })
        let both = #"{"matrices": [{"durations": [[0]]}], "visits": [{"location": 0, "window": {"start": 0, "end": 1}, "windows": [{"start": 0, "end": 1}]}], "resources": [{"start": 0}]}"#
        #expect(throws: KairosJSON.InvalidFile.self) { try KairosJSON.problem(from: Data(both.utf8)) }
    }

    @Test("overtime beyond overtimeAfter is priced in both searches")
    func overtime() throws {
        for coupled in [false, true] {
            var problem = Self.lunch()
            problem.resources[0].breaks = []
            problem.resources[0].overtimeAfter = 100
            problem.resources[0].costPerOvertime = 7
            if coupled { problem.visits[0].lateAfter = 10_000 }
            #expect(problem.isCoupled == coupled)
            let solution = try Solver(parameters: CoupledSearchTests.parameters(30)).solve(problem)
            #expect(SolutionChecker.check(solution, against: problem).isEmpty)
            let route = try #require(solution.routes.first)
            #expect(solution.cost.overtime == 7 * (route.duration - 100), "coupled \(coupled)")
            #expect(solution.cost.total == solution.cost.fixed + solution.cost.distance + solution.cost.duration + solution.cost.overtime
                + solution.cost.unassigned + solution.cost.lateness + solution.cost.maxLateness)
        }
    }

    @Test("overtime after a time of day (overtimeFrom) is priced in both searches, however late the route leaves")
    func overtimeFromClock() throws {
        for coupled in [false, true] {
            var problem = Self.lunch()
            problem.resources[0].breaks = []
            for k in problem.visits.indices { problem.visits[k].stop.window = TimeWindow(start: 300, end: 1_000) }
            problem.resources[0].overtimeFrom = 400
            problem.resources[0].overtimeAfter = 300  // the route is shorter than this: its end decides
            problem.resources[0].costPerOvertime = 7
            if coupled { problem.visits[0].lateAfter = 10_000 }
            #expect(problem.isCoupled == coupled)
            let solution = try Solver(parameters: CoupledSearchTests.parameters(30)).solve(problem)
            #expect(SolutionChecker.check(solution, against: problem).isEmpty)
            let route = try #require(solution.routes.first)
            #expect(route.start > 200 && route.duration < 300 && route.end > 400, "leaves late, ends past the contracted end: \(route.start)–\(route.end)")
            #expect(solution.cost.overtime == 7 * (route.end - 400), "coupled \(coupled)")
            #expect(route.cost == solution.cost.distance + solution.cost.overtime, "coupled \(coupled)")
        }
        var wrong = Self.lunch()
        wrong.resources[0].shift = TimeWindow(start: 100, end: 1_000)
        wrong.resources[0].overtimeFrom = 50
        #expect(wrong.validate().contains { $0.hasPrefix("resources[0].overtimeFrom") })
    }
}

@Suite("Mankowska home health care files")
struct HHCInstanceTests {
    @Test("a file becomes visits, groups and nurses with qualifications")
    func reads() throws {
        let instance = try HHCInstance.read(path: EngineTestKit.fixture("InstanzCPLEX_HCSRP_10_1.txt"))
        #expect(instance.nodeCount == 12 && instance.nurses == 3 && instance.services == 6)
        // Ten patients: seven single services and three double services.
        #expect(instance.problem.visits.count == 13)
        #expect(instance.problem.groups.count == 3)
        #expect(instance.problem.groups.map { instance.visitNode[$0.visits[0]] } == [8, 9, 10])
        // Node 9: services 0 and 3, gap 51–102.
        let node9 = instance.problem.groups[1]
        #expect(node9.visits.map { instance.visitService[$0] } == [0, 3])
        #expect(node9.minGap == 51 * BenchmarkInstance.scale && node9.maxGap == 102 * BenchmarkInstance.scale)
        #expect(instance.problem.resources[1].skills == 0b110000)
        #expect(instance.problem.validate().isEmpty)
    }

    @Test("solved within 2% of the published best objective, every rule kept")
    func solves() throws {
        let instance = try HHCInstance.read(path: EngineTestKit.fixture("InstanzCPLEX_HCSRP_10_1.txt"))
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 400, seed: 1)).solve(instance.problem)
        #expect(SolutionChecker.check(solution, against: instance.problem).isEmpty)
        let evaluation = instance.evaluate(solution)
        #expect(evaluation.issues.isEmpty, "\(evaluation.issues)")
        #expect(solution.unassigned.isEmpty)
        #expect(evaluation.objective <= 218.2 * 1.02, "objective \(evaluation.objective)")
    }

    @Test("the file-unit evaluation catches a double service done by one nurse")
    func evaluationRejects() throws {
        let instance = try HHCInstance.read(path: EngineTestKit.fixture("InstanzCPLEX_HCSRP_10_1.txt"))
        var solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 50, seed: 1)).solve(instance.problem)
        // Move every stop onto nurse 0.
        let steps = solution.routes.flatMap(\.steps)
        solution.routes = [RoutingSolution.Route(resource: 0, start: 0, end: 0, steps: steps, distance: 0, duration: 0, cost: 0)]
        let issues = instance.evaluate(solution).issues
        #expect(issues.contains { $0.contains("both services by nurse 0") })
        #expect(issues.contains { $0.contains("not qualified") })
    }

    @Test("a malformed file is refused naming the block")
    func malformed() throws {
        let text = try String(contentsOfFile: EngineTestKit.fixture("InstanzCPLEX_HCSRP_10_1.txt"), encoding: .utf8)
            .replacingOccurrences(of: "mind\n14 24", with: "mind\n14")
        #expect(throws: BenchmarkFormatError.self) { try HHCInstance.parse(text, name: "x", file: "x.txt") }
        do { _ = try HHCInstance.parse(text, name: "x", file: "x.txt") } catch let error as BenchmarkFormatError {
            #expect(error.message == "block 'mind' has 11 numbers, expected 12")
        }
    }
}
