import Testing
import SeededTesting
@testable import RoutingEngine

@Suite("TravelMatrix")
struct TravelMatrixTests {
    @Test("row-major lookups, zero diagonal")
    func lookups() {
        let m = TravelMatrix(count: 3) { from, to in (duration: from * 10 + to, distance: (from * 10 + to) * 100) }
        #expect(m.duration(0, 0) == 0 && m.duration(1, 1) == 0)
        #expect(m.duration(1, 2) == 12 && m.duration(2, 1) == 21)
        #expect(m.distance(2, 0) == 2_000)
        #expect(m.durations.count == 9)
    }

    @Test("the triangle check finds a shortcut")
    func triangle() {
        let metric = TravelMatrix(count: 3) { from, to in (duration: abs(from - to) * 5, distance: 0) }
        #expect(metric.firstTriangleViolation() == nil)
        let shortcut = TravelMatrix(count: 3) { from, to in (duration: (from, to) == (0, 2) ? 100 : 1, distance: 0) }
        let violation = shortcut.firstTriangleViolation()
        #expect(violation?.from == 0 && violation?.via == 1 && violation?.to == 2)
    }
}

@Suite("Correlated neighbours (space and time)")
struct CorrelationTests {
    @Test("a stop at the same place ten hours later is farther than one a kilometre away at the same hour")
    func timeCounts() {
        // Locations 0 and 1 a kilometre and two minutes apart.
        let distances = [0, 1_000, 1_000, 0], durations = [0, 120, 120, 0]
        // Node 0 at 08:00–08:10; node 1 at the same place 18:00–18:10; node 2 a kilometre away at 08:00–08:10.
        let near = Correlation.neighbours(location: [0, 0, 1], early: [28_800, 64_800, 28_800], late: [29_400, 65_400, 29_400],
                                          service: [60, 60, 60], distances: distances, durations: durations, locationCount: 2)
        #expect(near[0] == [2, 1])
        #expect(near[2] == [0, 1])
        // Without time (no travel time anywhere) space alone orders them.
        let spaceOnly = Correlation.neighbours(location: [0, 0, 1], early: [28_800, 64_800, 28_800], late: [29_400, 65_400, 29_400],
                                               service: [0, 0, 0], distances: distances, durations: [0, 0, 0, 0], locationCount: 2)
        #expect(spaceOnly[0] == [1, 2])
    }

    @Test("each node keeps the nearest few hundred, nearest first, ties by index")
    func truncatedAndSorted() {
        let nodes = 400
        var rng = EngineRandom(seed: 20_261_204)
        announceSeed(20_261_204)
        let xs = (0..<nodes).map { _ in rng.below(50) }
        let distances = (0..<(nodes * nodes)).map { abs(xs[$0 / nodes] - xs[$0 % nodes]) }
        let near = Correlation.neighbours(location: Array(0..<nodes), early: Array(repeating: 0, count: nodes),
                                          late: Array(repeating: 1_000, count: nodes), service: Array(repeating: 0, count: nodes),
                                          distances: distances, durations: distances, locationCount: nodes)
        for u in [0, 17, 399] {
            let expected = (0..<nodes).filter { $0 != u }.sorted { (abs(xs[u] - xs[$0]), $0) < (abs(xs[u] - xs[$1]), $1) }
            #expect(near[u].map(Int.init) == Array(expected.prefix(Correlation.kept)), "node \(u)")
        }
    }

    @Test("selection moves the smallest keys to the front")
    func selection() {
        var rng = EngineRandom(seed: 20_261_205)
        announceSeed(20_261_205)
        for round in 0..<500 {
            let size = 1 + rng.below(300)
            var keys = Array(0..<(size * 3)).shuffled(using: &rng).prefix(size).map { $0 }
            let count = 1 + rng.below(size)
            let smallest = Set(keys.sorted().prefix(count))
            Correlation.select(count, of: &keys)
            #expect(Set(keys.prefix(count)) == smallest, "round \(round), \(count) of \(size)")
        }
    }
}
