/// Exact schedule feasibility of one route as a simple temporal network: service-start variables
/// with time windows, travel precedences, the shift, the maximum route duration and every
/// request's maximum ride time as difference constraints. The earliest schedule is the least
/// fixed point of the lower bounds (the Bellman–Ford relaxation from the origin, done in passes
/// that follow the route: travel forwards, then each ride limit pulls its pickup later, then the
/// route duration pulls the departure later); the route is feasible when that point exists and
/// keeps every upper bound (window ends, the shift end). Used only where segments cannot decide
/// (ride times).
enum RideTime {
    static func feasible(problem p: CompiledProblem, resource r: Int, stops: [Int]) -> Bool {
        schedule(problem: p, resource: r, stops: stops) != nil
    }

    /// Earliest feasible service starts (index 0 is the departure from the start, the last entry the
    /// arrival at the end), or `nil` if none exists.
    static func schedule(problem p: CompiledProblem, resource r: Int, stops: [Int]) -> [Int]? {
        // Variables: 0 = departure, 1...n = stops, n + 1 = arrival at the end.
        let n = stops.count, count = n + 2
        let travel = p.durations[p.profile[r]], L = p.locationCount
        let shiftStart = p.shiftStart[r], shiftEnd = p.shiftEnd[r]
        let maxDuration = p.maxDuration[r] < Int.max / 8 ? p.maxDuration[r] : nil
        // Each ride limit as (pickup variable, delivery variable, limit + the pickup's service).
        var rides: [(pickup: Int, delivery: Int, limit: Int)] = []
        for (k, u) in stops.enumerated() where p.partner[u] >= 0 && p.loadDeltaSign(u) > 0 {
            let task = p.taskOfNode[u]
            guard p.maxRide[task] != Int.max, let kd = stops.firstIndex(of: p.partner[u]) else { continue }
            rides.append((k + 1, kd + 1, p.maxRide[task] + p.service[u]))
        }
        var lower = [Int](repeating: 0, count: count)
        lower[0] = shiftStart
        for k in 0..<n { lower[k + 1] = p.early[stops[k]] }
        lower[n + 1] = shiftStart
        // Each pass is one or more rounds of the relaxation; more passes than variables mean a
        // cycle that pushes every bound up for ever (no schedule).
        for _ in 0...count {
            // Travel: each start at least the previous start, its service and the leg.
            var location = p.startLocation[r], service = 0
            for v in 1...(n + 1) {
                let next = v <= n ? p.location[stops[v - 1]] : p.endLocation[r]
                lower[v] = max(lower[v], lower[v - 1] + service + travel[location * L + next])
                location = next
                service = v <= n ? p.service[stops[v - 1]] : 0
            }
            // Windows and the shift end only bound from above: past one, no schedule exists.
            for k in 0..<n where lower[k + 1] > p.late[stops[k]] { return nil }
            if lower[0] > shiftEnd || lower[n + 1] > shiftEnd { return nil }
            var changed = false
            for ride in rides where lower[ride.delivery] - ride.limit > lower[ride.pickup] {
                lower[ride.pickup] = lower[ride.delivery] - ride.limit
                changed = true
            }
            if let maxDuration, lower[n + 1] - maxDuration > lower[0] {
                lower[0] = lower[n + 1] - maxDuration
                changed = true
            }
            if !changed { return lower }
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
