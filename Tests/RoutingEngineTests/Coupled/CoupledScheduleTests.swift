import SeededTesting
import Testing
@testable import RoutingEngine

/// The coupled scheduler's shortcut: after a move that changed only some routes (no group tying
/// routes together), rescheduling just those routes gives exactly what scheduling the whole plan
/// again gives.
@Suite("Coupled schedule")
struct CoupledScheduleTests {
    /// Routes, starts, breaks and cost, everything the search reads after scheduling (an empty
    /// route's departure, end and breaks mean nothing and are left out).
    static func snapshot(_ plan: CoupledPlan) -> [[Int]] {
        let served = plan.routes.flatMap { $0 }.sorted()
        let used = plan.routes.indices.filter { !plan.routes[$0].isEmpty }
        return [served.map { plan.start[$0] }, served.map { plan.arrival[$0] }, used.map { plan.departure[$0] }, used.map { plan.end[$0] },
                used.flatMap { plan.breakStart[$0] }, used.flatMap { plan.breakAfter[$0] }, plan.breakNotBefore.flatMap { $0 }, [plan.cost.total, plan.cost.distance, plan.cost.duration, plan.cost.lateness, plan.cost.overtime]]
    }

    /// A 20-minute break for every resource, its window opening between 200 and 300 and closing
    /// between 400 and 500.
    static func giveBreaks(_ problem: inout RoutingProblem, _ rng: inout EngineRandom) {
        for r in problem.resources.indices {
            problem.resources[r].breaks = [Break(window: TimeWindow(start: 200 + rng.below(100), end: 400 + rng.below(100)), duration: 20)]
        }
    }

    @Test("rescheduling only the changed routes equals a full reschedule (requests, breaks, lateness; random moves)", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func incrementalEqualsFull(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 14, requests: 4, resources: 3)
        var rng = EngineRandom(seed: seed &* 7)
        CoupledScheduleTests.giveBreaks(&problem, &rng)
        problem.objective.latenessCost = 3
        for v in problem.visits.indices where v % 3 == 0 { problem.visits[v].lateAfter = problem.visits[v].stop.window.start + 30 }
        let compiled = CompiledProblem(problem)
        let model = CoupledModel(compiled)
        #expect(model.groupTasks.isEmpty)
        var search = CoupledSearch(model: model, parameters: SolverParameters(timeLimit: nil, iterationLimit: 30, seed: seed), cancellation: nil,
                                   progress: nil)
        var plan = search.run()
        #expect(model.schedule(&plan))
        var compared = 0, feasibleMoves = 0
        for _ in 0..<200 {
            // Move one visit to a random place on a random route.
            let served = (0..<compiled.visitCount).filter { plan.routeOf[$0] >= 0 }
            guard let u = served.isEmpty ? nil : served[rng.below(served.count)] else { break }
            let from = plan.routeOf[u], to = rng.below(compiled.resourceCount)
            guard compiled.allowed[u * compiled.resourceCount + to] else { continue }
            var moved = plan
            moved.routes[from].removeAll { $0 == u }
            moved.routes[to].insert(u, at: rng.below(moved.routes[to].count + 1))
            moved.routeOf[u] = to
            var incremental = moved, full = moved
            let quick = model.schedule(&incremental, changed: from == to ? [from] : [from, to])
            let whole = model.schedule(&full)
            #expect(quick == whole, "seed \(seed): visit \(u) \(from) → \(to): feasible \(quick) incrementally, \(whole) in full")
            compared += 1
            guard quick && whole else { continue }
            feasibleMoves += 1
            #expect(Self.snapshot(incremental) == Self.snapshot(full), "seed \(seed): visit \(u) \(from) → \(to)")
            plan = full
        }
        #expect(compared > 50 && feasibleMoves > 5, "seed \(seed): \(compared) moves compared, \(feasibleMoves) feasible")
    }
}

/// Stopping a schedule as soon as it can no longer end feasible (``CoupledModel/isHopeless(_:_:)``)
/// never changes its outcome: on random routes with breaks, ride limits and tight windows (most
/// of them infeasible), scheduling with and without the early stop agrees on feasibility and,
/// where feasible, on every time and the cost.
@Suite("Coupled schedule: early stop")
struct CoupledEarlyStopTests {
    @Test("the early stop agrees with the plain fixed point (random routes, breaks, ride limits)", arguments: Array(1...12) as [UInt64])
    func earlyStopAgrees(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 10, requests: 8, resources: 3, tight: seed % 2 == 0)
        var rng = EngineRandom(seed: seed &* 11)
        for r in problem.resources.indices {
            problem.resources[r].breaks = [Break(window: TimeWindow(start: 150 + rng.below(150), end: 350 + rng.below(150)), duration: 15 + rng.below(30))]
            problem.resources[r].shift = TimeWindow(start: 0, end: 700 + rng.below(400))
        }
        for q in problem.requests.indices { problem.requests[q].maxRideTime = 40 + rng.below(120) }
        let compiled = CompiledProblem(problem)
        let early = CoupledModel(compiled)
        var plain = early
        plain.stopsHopelessEarly = false
        var feasible = 0, infeasible = 0, hopeless = 0
        for _ in 0..<400 {
            // Every node on a random route in a random order, each request's pickup before its delivery.
            var plan = CoupledPlan(model: early)
            var order = Array(0..<compiled.nodeCount).filter { v in compiled.partner[v] < 0 || compiled.partner[v] > v }
            for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
            for v in order.prefix(3 + rng.below(rng.below(2) == 0 ? 6 : order.count - 2)) {
                let r = rng.below(compiled.resourceCount)
                guard compiled.allowed[compiled.taskOfNode[v] * compiled.resourceCount + r] else { continue }
                plan.routes[r].insert(v, at: rng.below(plan.routes[r].count + 1))
                plan.routeOf[v] = r
                if compiled.partner[v] > v {
                    let w = compiled.partner[v], i = plan.routes[r].firstIndex(of: v)!
                    plan.routes[r].insert(w, at: i + 1 + rng.below(plan.routes[r].count - i))
                    plan.routeOf[w] = r
                }
            }
            plan.unassigned = (0..<early.taskCount).filter { t in early.members[t].contains { plan.routeOf[$0] < 0 } }
            var a = plan, b = plan
            let all = Array(0..<compiled.resourceCount)
            let quick = early.schedule(&a, changed: all), slow = plain.schedule(&b, changed: all)
            #expect(quick == slow, "seed \(seed): routes \(plan.routes): feasible \(quick) with the early stop, \(slow) without")
            var c = plan, d = plan
            #expect(early.schedule(&c) == plain.schedule(&d), "seed \(seed): routes \(plan.routes), whole plan")
            if quick && slow {
                feasible += 1
                #expect(CoupledScheduleTests.snapshot(a) == CoupledScheduleTests.snapshot(b), "seed \(seed): routes \(plan.routes)")
            } else {
                infeasible += 1
                // Plans the early stop cuts short: too late beyond the break margin at the end.
                if (0..<compiled.resourceCount).contains(where: { early.isHopeless($0, b) }) { hopeless += 1 }
            }
        }
        #expect(feasible >= 5 && hopeless > 20, "seed \(seed): \(feasible) feasible and \(infeasible) infeasible plans compared, \(hopeless) stopped early")
    }
}

/// A trial placement (``CoupledSearch/exact(_:_:)``) leaves the plan exactly as it found it: the
/// times it keeps and puts back are those rescheduling the routes again would give.
@Suite("Coupled schedule: trial placements")
struct CoupledTrialTests {
    @Test("pricing a placement leaves every time and the cost as they were (random placements, breaks, requests)", arguments: [1, 2, 3, 4] as [UInt64])
    func trialLeavesPlan(seed: UInt64) throws {
        announceSeed(seed)
        var problem = EngineTestKit.randomProblem(seed: seed, visits: 12, requests: 6, resources: 3)
        var rng = EngineRandom(seed: seed &* 13)
        CoupledScheduleTests.giveBreaks(&problem, &rng)
        for q in problem.requests.indices where q % 2 == 0 { problem.requests[q].maxRideTime = 60 + rng.below(100) }
        let compiled = CompiledProblem(problem)
        let model = CoupledModel(compiled)
        var search = CoupledSearch(model: model, parameters: SolverParameters(timeLimit: nil, iterationLimit: 20, seed: seed), cancellation: nil,
                                   progress: nil)
        var copy = search
        var plan = copy.run()
        // Take a few tasks out, then price placements of their nodes at random places.
        let served = (0..<model.taskCount).filter { t in model.members[t].allSatisfy { plan.routeOf[$0] >= 0 } && !model.locked[t] }
        let out = Array(served.prefix(4))
        _ = search.remove(tasks: out, from: &plan)
        var rescheduled = plan
        #expect(model.schedule(&rescheduled, changed: Array(0..<compiled.resourceCount)))
        #expect(CoupledScheduleTests.snapshot(rescheduled) == CoupledScheduleTests.snapshot(plan), "seed \(seed): the plan as scheduled")
        var priced = 0
        for _ in 0..<200 {
            let t = out[rng.below(out.count)]
            let r = rng.below(compiled.resourceCount)
            guard compiled.allowed[model.compiledTask[t] * compiled.resourceCount + r] else { continue }
            var placements: [(v: Int, slot: CoupledSlot)] = []
            var position = rng.below(plan.routes[r].count + 1)
            for v in model.members[t] {
                placements.append((v, CoupledSlot(route: r, position: position, ready: 0, delta: 0)))
                position += 1 + rng.below(2) * (plan.routes[r].count + placements.count - position > 0 ? 1 : 0)
                position = min(position, plan.routes[r].count + placements.count)
            }
            let before = CoupledScheduleTests.snapshot(plan), cost = plan.cost
            if search.exact(placements, &plan) != nil { priced += 1 }
            #expect(CoupledScheduleTests.snapshot(plan) == before && plan.cost == cost, "seed \(seed): task \(t) on route \(r)")
        }
        #expect(priced > 5, "seed \(seed): \(priced) feasible trial placements")
    }
}

/// The compiled problem knows which profiles are symmetric (the coupled search then reads a
/// leg into a node from that node's own row).
@Suite("Compiled problem: symmetric profiles")
struct SymmetricProfileTests {
    @Test("a Euclidean matrix is symmetric; one leg longer one way, or a distance that differs, is not")
    func symmetricProfiles() {
        var problem = EngineTestKit.randomProblem(seed: 3)
        #expect(CompiledProblem(problem).symmetric == [true])
        let n = problem.matrices[0].count
        var longer = problem
        longer.matrices[0] = TravelMatrix(count: n) { a, b in
            (duration: problem.matrices[0].duration(a, b) + (a == 1 && b == 2 ? 1 : 0), distance: problem.matrices[0].distance(a, b))
        }
        #expect(CompiledProblem(longer).symmetric == [false])
        problem.matrices[0] = TravelMatrix(count: n) { a, b in
            (duration: problem.matrices[0].duration(a, b), distance: problem.matrices[0].distance(a, b) + (a == 3 && b == 1 ? 2 : 0))
        }
        #expect(CompiledProblem(problem).symmetric == [false])
    }
}
