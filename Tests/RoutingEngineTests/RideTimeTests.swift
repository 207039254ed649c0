import Testing
@testable import RoutingEngine

/// The exact ride-time check against the textbook one: Bellman–Ford over every constraint of the
/// simple temporal network, from a fixed origin.
@Suite("Ride-time schedule against the full network")
struct RideTimeNetworkTests {
    /// The reference: every constraint an edge, relaxed in rounds from the origin.
    static func reference(_ p: CompiledProblem, _ r: Int, _ stops: [Int]) -> [Int]? {
        let n = stops.count, count = n + 3
        let travel = p.durations[p.profile[r]], L = p.locationCount
        var edges: [(from: Int, to: Int, weight: Int)] = []
        func atMost(_ to: Int, minus from: Int, _ w: Int) { edges.append((from, to, w)) }
        func location(_ v: Int) -> Int { v == 1 ? p.startLocation[r] : (v == n + 2 ? p.endLocation[r] : p.location[stops[v - 2]]) }
        func service(_ v: Int) -> Int { (v >= 2 && v <= n + 1) ? p.service[stops[v - 2]] : 0 }
        atMost(1, minus: 0, p.shiftEnd[r]); atMost(0, minus: 1, -p.shiftStart[r])
        atMost(n + 2, minus: 0, p.shiftEnd[r]); atMost(0, minus: n + 2, -p.shiftStart[r])
        for (k, u) in stops.enumerated() {
            atMost(k + 2, minus: 0, p.late[u])
            atMost(0, minus: k + 2, -p.early[u])
        }
        for v in 1..<(n + 2) { atMost(v, minus: v + 1, -(service(v) + travel[location(v) * L + location(v + 1)])) }
        if p.maxDuration[r] < Int.max / 8 { atMost(n + 2, minus: 1, p.maxDuration[r]) }
        for (k, u) in stops.enumerated() where p.partner[u] >= 0 && p.loadDeltaSign(u) > 0 {
            let task = p.taskOfNode[u]
            guard p.maxRide[task] != Int.max, let kd = stops.firstIndex(of: p.partner[u]) else { continue }
            atMost(kd + 2, minus: k + 2, p.maxRide[task] + p.service[u])
        }
        var lower = Array(repeating: Int.min / 4, count: count)
        lower[0] = 0
        for _ in 0..<count {
            var changed = false
            for e in edges where lower[e.to] > Int.min / 4 && lower[e.to] - e.weight > lower[e.from] {
                lower[e.from] = lower[e.to] - e.weight
                changed = true
            }
            if !changed { return lower[0] == 0 ? Array(lower[1...]) : nil }
        }
        return nil
    }

    @Test("the pass-wise schedule equals the full network's on random routes of generated days (seeds 1–400)")
    func matchesNetwork() {
        var feasible = 0, infeasible = 0
        for seed in UInt64(1)...400 {
            var problem = GeneratedDARP.problem(.init(requests: 8, vehicles: 1, seed: seed))
            var rng = EngineRandom(seed: seed &* 7919)
            // Tighter ride limits and a route-duration limit now and then, so that every rule binds somewhere.
            for q in problem.requests.indices where rng.below(2) == 0 { problem.requests[q].maxRideTime = 600 + rng.below(3000) }
            if rng.below(3) == 0 { problem.resources[0].maxDuration = 3 * 3600 + rng.below(5 * 3600) }
            problem.resources[0].capacity = [100, 100, 100]
            let compiled = CompiledProblem(problem)
            var route = CoupledRequestTests.randomRoute(compiled, &rng)
            route = Array(route.prefix(4 + rng.below(route.count - 3)))
            // Keep only whole requests.
            route = route.filter { route.contains(compiled.partner[$0]) }
            // Half the routes in time order (mostly feasible), half at random (mostly not).
            if seed % 2 == 0 { route.sort { (compiled.early[$0], $0) < (compiled.early[$1], $1) } }
            let fast = RideTime.schedule(problem: compiled, resource: 0, stops: route)
            let slow = Self.reference(compiled, 0, route)
            #expect(fast == slow, "seed \(seed)")
            if fast == nil { infeasible += 1 } else { feasible += 1 }
        }
        print("ride-time schedule: feasible \(feasible), infeasible \(infeasible)")
        #expect(feasible > 40 && infeasible > 40, "feasible \(feasible), infeasible \(infeasible)")
    }
}
