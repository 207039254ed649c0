/// Exact schedule feasibility of one route as a simple temporal network: service-start variables
/// with time windows, travel precedences, the shift, the maximum route duration and every
/// request's maximum ride time as difference constraints, checked for a negative cycle with
/// Bellman–Ford. O(n²) for n stops; used only where segments cannot decide (ride times).
enum RideTime {
    static func feasible(problem p: CompiledProblem, resource r: Int, stops: [Int]) -> Bool {
        schedule(problem: p, resource: r, stops: stops) != nil
    }

    /// Earliest feasible service starts (index 0 is the departure from the start, the last entry the
    /// arrival at the end), or `nil` if none exists.
    static func schedule(problem p: CompiledProblem, resource r: Int, stops: [Int]) -> [Int]? {
        // Variables: 0 = origin (time zero), 1 = departure, 2...n+1 = stops, n+2 = arrival at end.
        let n = stops.count, count = n + 3
        let travel = p.durations[p.profile[r]], L = p.locationCount
        var edges: [(from: Int, to: Int, weight: Int)] = []  // x_to - x_from <= weight
        edges.reserveCapacity(4 * n + 8)
        func atMost(_ to: Int, minus from: Int, _ w: Int) { edges.append((from, to, w)) }
        func location(_ v: Int) -> Int {
            v == 1 ? p.startLocation[r] : (v == n + 2 ? p.endLocation[r] : p.location[stops[v - 2]])
        }
        func service(_ v: Int) -> Int { (v >= 2 && v <= n + 1) ? p.service[stops[v - 2]] : 0 }
        // Windows.
        atMost(1, minus: 0, p.shiftEnd[r]); atMost(0, minus: 1, -p.shiftStart[r])
        atMost(n + 2, minus: 0, p.shiftEnd[r]); atMost(0, minus: n + 2, -p.shiftStart[r])
        for (k, u) in stops.enumerated() {
            atMost(k + 2, minus: 0, p.late[u])
            atMost(0, minus: k + 2, -p.early[u])
        }
        // Travel: x_{v+1} >= x_v + s_v + t  ⇔  x_v - x_{v+1} <= -(s_v + t).
        for v in 1..<(n + 2) {
            atMost(v, minus: v + 1, -(service(v) + travel[location(v) * L + location(v + 1)]))
        }
        // Route duration.
        if p.maxDuration[r] < Int.max / 8 { atMost(n + 2, minus: 1, p.maxDuration[r]) }
        // Ride times: x_d - (x_p + s_p) <= maxRide.
        for (k, u) in stops.enumerated() where p.partner[u] >= 0 && p.loadDeltaSign(u) > 0 {
            let task = p.taskOfNode[u]
            guard p.maxRide[task] != Int.max, let kd = stops.firstIndex(of: p.partner[u]) else { continue }
            atMost(kd + 2, minus: k + 2, p.maxRide[task] + p.service[u])
        }
        // Every constraint x_to - x_from <= w is a lower bound x_from >= x_to - w. Propagating lower
        // bounds from x_0 = 0 to a fixed point gives the earliest schedule; no fixed point within
        // `count` rounds means a positive cycle (no schedule).
        var lower = Array(repeating: Int.min / 4, count: count)
        lower[0] = 0
        for _ in 0..<count {
            var changed = false
            for e in edges where lower[e.to] > Int.min / 4 {
                let candidate = lower[e.to] - e.weight
                if candidate > lower[e.from] {
                    lower[e.from] = candidate
                    changed = true
                }
            }
            if !changed {
                // A fixed point satisfies every constraint; it is a schedule only if the origin
                // stayed at zero (an upper bound pushing it up is a broken window).
                return lower[0] == 0 ? Array(lower[1...]) : nil
            }
        }
        return nil
    }
}

extension CompiledProblem {
    /// +1 for a pickup node, -1 for a delivery node, 0 for a visit.
    func loadDeltaSign(_ u: Int) -> Int {
        partner[u] < 0 ? 0 : (partner[u] > u ? 1 : -1)
    }
}
