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
        stops.withUnsafeBufferPointer { stops in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * stops.count + 3) { scratch in
                relax(problem: p, resource: r, stops: stops, scratch: scratch)
            }
        }
    }

    /// Whether `stops` with request `u`'s pickup inserted before position `i` and its delivery
    /// `v` before position `j` (`j >= i`, positions of `stops`) keeps every rule of the exact
    /// check; built on the stack, without allocating.
    static func feasible(problem p: CompiledProblem, resource r: Int, stops: [Int], inserting u: Int, at i: Int, and v: Int, at j: Int) -> Bool {
        let n = stops.count + 2
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * n + 3) { buffer in
            var k = 0
            for (position, stop) in stops.enumerated() {
                if position == i { buffer[k] = u; k += 1 }
                if position == j { buffer[k] = v; k += 1 }
                buffer[k] = stop
                k += 1
            }
            if i == stops.count { buffer[k] = u; k += 1 }
            if j == stops.count { buffer[k] = v; k += 1 }
            let sequence = UnsafeBufferPointer(rebasing: buffer[0..<n])
            let scratch = UnsafeMutableBufferPointer(rebasing: buffer[n...])
            return relax(problem: p, resource: r, stops: sequence, scratch: scratch)
        }
    }

    /// Earliest feasible service starts (index 0 is the departure from the start, the last entry the
    /// arrival at the end), or `nil` if none exists.
    static func schedule(problem p: CompiledProblem, resource r: Int, stops: [Int]) -> [Int]? {
        var lower = [Int](repeating: 0, count: stops.count + 2)
        let feasible = stops.withUnsafeBufferPointer { stops in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * stops.count + 3) { scratch in
                let ok = relax(problem: p, resource: r, stops: stops, scratch: scratch)
                for k in lower.indices { lower[k] = scratch[k] }
                return ok
            }
        }
        return feasible ? lower : nil
    }

    /// The relaxation over `stops`, in `scratch` (at least 3n + 3 places): the first n + 2 hold
    /// the lower bounds (the schedule when it returns true), the next n each pickup's delivery
    /// position when its request has a ride limit (or -1), the last n + 1 the travel into each
    /// stop and into the end. Legs are read once, from the packed matrix the insertion pricing has
    /// just read (the route's legs are then in cache; the separate duration matrix is not).
    private static func relax(problem p: CompiledProblem, resource r: Int, stops: UnsafeBufferPointer<Int>,
                              scratch: UnsafeMutableBufferPointer<Int>) -> Bool
    {
        // Variables: 0 = departure, 1...n = stops, n + 1 = arrival at the end.
        let n = stops.count, count = n + 2
        let legs = p.legs[p.profile[r]], L = p.locationCount
        let shiftStart = p.shiftStart[r], shiftEnd = p.shiftEnd[r]
        let maxDuration = p.maxDuration[r] < Int.max / 8 ? p.maxDuration[r] : nil
        // Each ride limit: the pickup at k (variable k + 1) pairs with the delivery at deliveryOf(k),
        // which comes after it.
        let deliveryAt = UnsafeMutableBufferPointer(rebasing: scratch[count..<(count + n)])
        var rides = 0
        for k in 0..<n {
            deliveryAt[k] = -1
            let u = stops[k]
            guard p.partner[u] > u && p.maxRide[p.taskOfNode[u]] != Int.max else { continue }
            let v = p.partner[u]
            for kd in (k + 1)..<n where stops[kd] == v {
                deliveryAt[k] = kd
                rides += 1
                break
            }
        }
        let travel = UnsafeMutableBufferPointer(rebasing: scratch[(count + n)..<(count + 2 * n + 1)])
        var location = p.startLocation[r]
        for v in 0...n {
            let next = v < n ? p.location[stops[v]] : p.endLocation[r]
            travel[v] = Int(legs[location * L + next].travel)
            location = next
        }
        let lower = scratch
        lower[0] = shiftStart
        for k in 0..<n { lower[k + 1] = p.early[stops[k]] }
        lower[n + 1] = shiftStart
        // Each pass is one or more rounds of the relaxation; more passes than variables mean a
        // cycle that pushes every bound up for ever (no schedule).
        for _ in 0...count {
            // Travel: each start at least the previous start, its service and the leg.
            var service = 0
            for v in 1...(n + 1) {
                lower[v] = max(lower[v], lower[v - 1] + service + travel[v - 1])
                service = v <= n ? p.service[stops[v - 1]] : 0
            }
            // Windows and the shift end only bound from above: past one, no schedule exists.
            for k in 0..<n where lower[k + 1] > p.late[stops[k]] { return false }
            if lower[0] > shiftEnd || lower[n + 1] > shiftEnd { return false }
            var changed = false
            if rides > 0 {
                for k in 0..<n where deliveryAt[k] >= 0 {
                    let u = stops[k], limit = p.maxRide[p.taskOfNode[u]] + p.service[u]
                    if lower[deliveryAt[k] + 1] - limit > lower[k + 1] {
                        lower[k + 1] = lower[deliveryAt[k] + 1] - limit
                        changed = true
                    }
                }
            }
            if let maxDuration, lower[n + 1] - maxDuration > lower[0] {
                lower[0] = lower[n + 1] - maxDuration
                changed = true
            }
            if !changed { return true }
        }
        return false
    }
}

extension CompiledProblem {
    /// +1 for a pickup node, -1 for a delivery node, 0 for a visit.
    func loadDeltaSign(_ u: Int) -> Int {
        partner[u] < 0 ? 0 : (partner[u] > u ? 1 : -1)
    }
}
