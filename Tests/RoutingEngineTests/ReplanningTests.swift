import Foundation
import SeededTesting
import Testing
@testable import RoutingEngine

/// Pins, exclusions, preferred resources, frozen prefixes and the stability cost, in both searches.
@Suite("Re-planning and preferences")
struct ReplanningTests {
    static let quick = SolverParameters(timeLimit: nil, iterationLimit: 300, seed: 4)

    static func planOf(_ solution: RoutingSolution) -> [PlanEvaluator.PlannedRoute] {
        solution.routes.map { route in
            PlanEvaluator.PlannedRoute(resource: route.resource, stops: route.steps.map { .init(kind: $0.kind, task: $0.task) })
        }
    }

    static func rules(_ solution: RoutingSolution, _ problem: RoutingProblem) -> Set<String> {
        Set(SolutionChecker.check(solution, against: problem).map(\.rule.rawValue))
    }

    /// Two identical carers at one office and four visits on a line (the coupled search with a break).
    static func carers(coupled: Bool) -> RoutingProblem {
        let matrix = TravelMatrix(count: 5) { a, b in (duration: abs(a - b) * 60, distance: abs(a - b) * 100) }
        let visits = (1...4).map { Visit(stop: Stop(location: $0, window: TimeWindow(start: 0, end: 20_000), service: 600)) }
        let breaks = coupled ? [Break(window: TimeWindow(start: 10_000, end: 12_000), duration: 600)] : []
        let resources = (0..<2).map { _ in
            Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 30_000), breaks: breaks)
        }
        return RoutingProblem(matrices: [matrix], dimensions: 0, visits: visits, resources: resources)
    }

    @Test("pinned and excluded resources are kept; the checker names a moved pin", arguments: [11, 12, 13] as [UInt64])
    func pins(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 14, requests: 3, resources: 3)
        problem.visits[0].pinnedResource = 2
        problem.visits[1].excludedResources = [0, 1]
        problem.requests[0].pinnedResource = 1
        let solution = try Solver(parameters: Self.quick).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty, "seed \(seed)")
        for route in solution.routes {
            for step in route.steps {
                if step.kind == .visit && step.task == 0 { #expect(route.resource == 2) }
                if step.kind == .visit && step.task == 1 { #expect(route.resource == 2) }
                if step.kind != .visit && step.task == 0 { #expect(route.resource == 1) }
            }
        }
        // Move the pinned visit by hand to another resource: the checker says `pinned`.
        var moved = problem
        moved.visits[0].pinnedResource = nil
        let free = try Solver(parameters: Self.quick).solve(moved)
        if let route = free.routes.first(where: { $0.steps.contains { $0.kind == .visit && $0.task == 0 } }) {
            var pinnedElsewhere = problem
            pinnedElsewhere.visits[0].pinnedResource = (route.resource + 1) % problem.resources.count
            #expect(Self.rules(free, pinnedElsewhere).contains("pinned"))
            var excluded = problem
            excluded.visits[0].pinnedResource = nil
            excluded.visits[0].excludedResources = [route.resource]
            #expect(Self.rules(free, excluded).contains("skills"))
        }
    }

    @Test("a preferred carer is chosen when preference is priced, and the term is reported", arguments: [false, true])
    func preferred(coupled: Bool) throws {
        var problem = Self.carers(coupled: coupled)
        problem.objective.nonPreferredCost = 10_000
        for v in problem.visits.indices { problem.visits[v].preferredResources = [1] }
        let solution = try Solver(parameters: Self.quick).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.routes.map(\.resource) == [1])
        #expect(solution.cost.preference == 0)
        // Preferring resource 0 for visit 3 only: serving it with 1 costs the weight once.
        problem.visits[3].preferredResources = [0]
        problem.objective.nonPreferredCost = 1
        let mixed = try Solver(parameters: Self.quick).solve(problem)
        #expect(SolutionChecker.check(mixed, against: problem).isEmpty)
        #expect(mixed.cost.total == mixed.cost.sumOfTerms)
        #expect(mixed.cost.preference <= 4)
    }

    @Test("frozen prefixes stay first in order; the rest is re-planned around them", arguments: [21, 22, 23, 24] as [UInt64])
    func frozen(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 16, requests: 4, resources: 3)
        let morning = try Solver(parameters: Self.quick).solve(problem)
        let plan = Self.planOf(morning)
        // Freeze the first three stops of every route (a pickup may be frozen without its delivery).
        problem.frozen = plan.map { .init(resource: $0.resource, stops: Array($0.stops.prefix(3))) }
        let replanned = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 300, seed: seed)).solve(problem, warmStart: plan)
        #expect(SolutionChecker.check(replanned, against: problem).isEmpty, "seed \(seed)")
        for prefix in problem.frozen {
            let route = try #require(replanned.routes.first { $0.resource == prefix.resource })
            #expect(Array(Self.planOf(RoutingSolution(routes: [route], unassigned: [], cost: .init(), iterations: 0))[0].stops.prefix(prefix.stops.count)) == prefix.stops)
        }
        // A hand-made answer that moves a frozen stop is named by the checker.
        if let route = morning.routes.first(where: { $0.steps.count >= 2 }) {
            var swapped = morning
            let k = swapped.routes.firstIndex(of: route)!
            swapped.routes[k].steps.swapAt(0, 1)
            var frozenProblem = problem
            frozenProblem.frozen = [.init(resource: route.resource, stops: Array(Self.planOf(morning)[k].stops.prefix(2)))]
            #expect(Self.rules(swapped, frozenProblem).contains("frozen"))
        }
    }

    @Test("frozen stops in the coupled search: kept first, a double-up frozen whole")
    func frozenCoupled() throws {
        var problem = Self.carers(coupled: true)
        problem.groups = [VisitGroup(visits: [2, 3])]
        problem.visits[3].stop.location = 2
        problem.frozen = [.init(resource: 0, stops: [.init(kind: .visit, task: 2)]), .init(resource: 1, stops: [.init(kind: .visit, task: 3)])]
        let solution = try Solver(parameters: Self.quick).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.routes.first { $0.resource == 0 }?.steps.first?.task == 2)
        #expect(solution.routes.first { $0.resource == 1 }?.steps.first?.task == 3)
        #expect(solution.unassigned.isEmpty)
        // Only one member frozen: refused by name.
        problem.frozen = [.init(resource: 0, stops: [.init(kind: .visit, task: 2)])]
        #expect(problem.validate().contains { $0.contains("groups[0] is partly frozen") })
    }

    @Test("frozen prefixes that break a rule alone, or are malformed, are refused by name")
    func frozenInvalid() {
        var problem = SolutionCheckerTests.lineProblem()
        problem.frozen = [.init(resource: 0, stops: [.init(kind: .delivery, task: 0), .init(kind: .visit, task: 9)])]
        let issues = problem.validate()
        #expect(issues.contains { $0.hasPrefix("frozen[0].stops[0]: the delivery of request 0 is frozen without its pickup") })
        #expect(issues.contains { $0.hasPrefix("frozen[0].stops[1].task: visit 9 does not exist") })
        problem.frozen = [.init(resource: 0, stops: [.init(kind: .visit, task: 0)])]
        problem.visits[0].stop.window = TimeWindow(start: 0, end: 1)  // cannot be reached in time
        #expect {
            try Solver(parameters: Self.quick).solve(problem)
        } throws: { error in
            (error as? Solver.InvalidProblem)?.issues.first?.hasPrefix("frozen: the frozen stops of resource 0") == true
        }
        problem.visits[0].pinnedResource = 0
        problem.visits[0].excludedResources = [0]
        #expect(problem.validate().contains("visits[0].pinnedResource: resource 0 is also excluded."))
    }

    @Test("the stability cost keeps tasks on their reference resources", arguments: [31, 32, 33] as [UInt64])
    func stability(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 18, requests: 3, resources: 4)
        let before = try Solver(parameters: Self.quick).solve(problem)
        problem.reference = Self.planOf(before)
        // The afternoon changes: resource 0's shift now ends early.
        problem.resources[0].shift.end = 500
        func moved(_ s: RoutingSolution) -> Int {
            var was: [String: Int] = [:]
            for route in before.routes { for step in route.steps { was["\(step.kind == .visit ? "v" : "r")\(step.task)"] = route.resource } }
            var count = 0
            for route in s.routes { for step in route.steps where step.kind != .delivery {
                if let r = was["\(step.kind == .visit ? "v" : "r")\(step.task)"], r != route.resource { count += 1 }
            } }
            return count
        }
        let free = try Solver(parameters: Self.quick).solve(problem)
        problem.objective.reassignmentCost = 500
        let stable = try Solver(parameters: Self.quick).solve(problem)
        #expect(SolutionChecker.check(stable, against: problem).isEmpty, "seed \(seed)")
        #expect(stable.cost.reassignment == 500 * moved(stable))
        #expect(stable.unassigned.count <= free.unassigned.count || moved(stable) <= moved(free))
        #expect(moved(stable) <= moved(free), "seed \(seed)")
    }

    @Test("random re-planning instances: every answer passes the checker and evaluate-only reproduces its cost", arguments: [41, 42, 43, 44] as [UInt64])
    func property(seed: UInt64) throws {
        announceSeed(seed)
        for coupled in [false, true] {
            var problem = EngineTestKit.randomProblem(seed: seed, visits: 14, requests: coupled ? 0 : 3, resources: 3)
            if coupled { problem.visits[0].lateAfter = 100 }
            EngineTestKit.addPreferences(&problem, seed: seed)
            let first = try Solver(parameters: Self.quick).solve(problem)
            problem.frozen = Self.planOf(first).map { .init(resource: $0.resource, stops: Array($0.stops.prefix(1))) }
            problem.frozen.removeAll { $0.stops.contains { $0.kind == .pickup } }  // a lone pickup: covered above
            let solution = try Solver(parameters: Self.quick).solve(problem, warmStart: Self.planOf(first))
            let violations = SolutionChecker.check(solution, against: problem)
            #expect(violations.isEmpty, "seed \(seed) coupled \(coupled): \(violations)")
            #expect(solution.cost.total == solution.cost.sumOfTerms)
            #expect(solution.cost.total == solution.routes.reduce(0) { $0 + $1.cost } + solution.cost.unassigned + solution.cost.lateness + solution.cost.maxLateness)
            let evaluation = try PlanEvaluator.evaluate(Self.planOf(solution), against: problem)
            #expect(evaluation.isFeasible, "seed \(seed) coupled \(coupled): \(evaluation.violations)")
            #expect(evaluation.solution.cost.total == solution.cost.total, "seed \(seed) coupled \(coupled) \(evaluation.solution.cost) \(solution.cost) \(evaluation.solution.routes.map(\.duration)) \(solution.routes.map(\.duration))")
        }
    }

    @Test("Kairos JSON reads pins, exclusions, preferences, frozen prefixes and the reference plan")
    func json() throws {
        let text = #"""
        {"matrices": [{"durations": [[0, 10, 20], [10, 0, 10], [20, 10, 0]]}],
         "visits": [{"location": 1, "pinnedResource": 0}, {"location": 2, "excludedResources": [0], "preferredResources": [1]}],
         "resources": [{"start": 0}, {"start": 0}],
         "objective": {"nonPreferredCost": 7, "reassignmentCost": 3},
         "frozen": [{"resource": 0, "stops": [{"kind": "visit", "task": 0}]}],
         "reference": [{"resource": 1, "stops": [{"kind": "visit", "task": 1}]}]}
        """#
        let problem = try KairosJSON.problem(from: Data(text.utf8))
        #expect(problem.visits[0].pinnedResource == 0)
        #expect(problem.visits[1].excludedResources == [0] && problem.visits[1].preferredResources == [1])
        #expect(problem.objective.nonPreferredCost == 7 && problem.objective.reassignmentCost == 3)
        #expect(problem.frozen.first?.stops.first?.task == 0)
        let solution = try Solver(parameters: Self.quick).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.routes.first { $0.resource == 1 }?.steps.map(\.task) == [1])
        let bad = #"{"matrices": [{"durations": [[0]]}], "visits": [{"location": 0, "pinnedResource": 4}], "resources": [{"start": 0}]}"#
        #expect {
            try KairosJSON.problem(from: Data(bad.utf8))
        } throws: { error in
            (error as? KairosJSON.InvalidFile)?.issues == ["visits[0].pinnedResource: 4 is not a resource index."]
        }
    }
}
