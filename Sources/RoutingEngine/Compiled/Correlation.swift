/// Neighbours in space and time (Vidal et al. 2013, the correlation measure of HGS for time
/// windows): going from `u` to `v` costs the distance plus a fifth of the least waiting and all of
/// the least lateness that order forces, both turned into metres at the instance's mean speed; the
/// nearer of the two orders counts. On a day of hundreds of requests, stops near in space alone
/// are mostly at other hours (and at a hospital every stop is at distance 0): they name routes
/// that pass by at the wrong time.
enum Correlation {
    /// How many neighbours each node keeps.
    static let kept = 256

    /// Each node's `kept` (or every other) nodes, most correlated first, ties by index.
    static func neighbours(
        location: [Int], early: [Int], late: [Int], service: [Int], distances: [Int], durations: [Int], locationCount n: Int
    ) -> [[Int32]] {
        let nodes = location.count
        guard nodes > 1 else { return Array(repeating: [], count: nodes) }
        // Metres per second over a sample of pairs (0 when no time passes: space alone counts).
        var metres = 0, seconds = 0
        let step = max(1, nodes * nodes / 20_000)
        for k in stride(from: 0, to: nodes * nodes, by: step) where k / nodes != k % nodes {
            let index = location[k / nodes] * n + location[k % nodes]
            metres += distances[index]
            seconds += durations[index]
        }
        let speed = seconds > 0 ? Double(metres) / Double(seconds) : 0
        // Windows clamped so that open ones cannot overflow.
        let horizon = 1 << 40
        let early = early.map { max(-horizon, min($0, horizon)) }, late = late.map { max(-horizon, min($0, horizon)) }
        @inline(__always) func measure(_ u: Int, _ v: Int) -> Double {
            let index = location[u] * n + location[v]
            let travel = durations[index]
            let waiting = max(early[v] - travel - service[u] - late[u], 0)
            let lateness = max(early[u] + service[u] + travel - late[v], 0)
            return Double(distances[index]) + speed * (0.2 * Double(waiting) + Double(lateness))
        }
        let keep = min(kept, nodes - 1)
        // One integer key per pair, measure above and index below, as for the spatial neighbours.
        let indexBits = max(1, Int.bitWidth - (nodes - 1).leadingZeroBitCount)
        let farthest = Double(Int.max >> indexBits)
        var keys = [Int](repeating: 0, count: nodes - 1)
        var result: [[Int32]] = []
        result.reserveCapacity(nodes)
        for u in 0..<nodes {
            var k = 0
            for v in 0..<nodes where v != u {
                keys[k] = Int(min(min(measure(u, v), measure(v, u)).rounded(), farthest)) << indexBits | v
                k += 1
            }
            select(keep, of: &keys)
            keys[..<keep].sort()
            result.append(keys[..<keep].map { Int32($0 & (1 << indexBits - 1)) })
        }
        return result
    }

    /// Moves the `count` smallest keys to the front, in no order (Hoare's selection with the
    /// middle key as pivot; the keys are distinct).
    static func select(_ count: Int, of keys: inout [Int]) {
        var low = 0, high = keys.count - 1
        while low < high {
            let pivot = keys[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while keys[i] < pivot { i += 1 }
                while keys[j] > pivot { j -= 1 }
                if i <= j {
                    keys.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now keys[low...j] <= pivot <= keys[i...high], and anything between equals the pivot.
            if count - 1 <= j { high = j } else if count - 1 >= i { low = i } else { return }
        }
    }
}
