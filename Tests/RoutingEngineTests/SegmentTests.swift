import SeededTesting
import Testing
@testable import RoutingEngine

@Suite("Time-warp and load segments")
struct SegmentTests {
    /// Brute force: minimal duration and time warp of a fixed sequence with the best start time.
    static func bruteForce(_ stops: [(early: Int, late: Int, service: Int)], travel: [Int]) -> (duration: Int, warp: Int) {
        var best: (Int, Int)?
        for start in 0...600 {
            var time = start, warp = 0
            for (k, s) in stops.enumerated() {
                if k > 0 { time += travel[k - 1] }
                if k == 0 { time = start }
                if time < s.early { time = s.early }
                if time > s.late { warp += time - s.late; time = s.late }
                time += s.service
            }
            let duration = time - start + (start > stops[0].late ? 0 : 0)
            if start < stops[0].early || start > stops[0].late { continue }
            let candidate = (warp, duration)
            if best == nil || candidate < best! { best = candidate }
        }
        return (best!.1, best!.0)
    }

    @Test("concatenation gives the same warp and duration as simulating every start time")
    func mergeMatchesSimulation() {
        var rng = EngineRandom(seed: 20_261_122)
        announceSeed(20_261_122)
        for round in 0..<300 {
            let count = 2 + rng.below(5)
            let stops = (0..<count).map { _ -> (early: Int, late: Int, service: Int) in
                let e = rng.below(300)
                return (e, e + rng.below(120), rng.below(30))
            }
            let travel = (0..<(count - 1)).map { _ in rng.below(80) }
            var segment = TimeSegment(location: 0, early: stops[0].early, late: stops[0].late, service: stops[0].service)
            for k in 1..<count {
                let next = TimeSegment(location: k, early: stops[k].early, late: stops[k].late, service: stops[k].service)
                segment = TimeSegment.merge(segment, next, travel: travel[k - 1], metres: travel[k - 1])
            }
            let expected = Self.bruteForce(stops, travel: travel)
            #expect(segment.timeWarp == expected.warp, "round \(round)")
            if expected.warp == 0 { #expect(segment.duration == expected.duration, "round \(round)") }
            #expect(segment.distance == travel.reduce(0, +))
        }
    }

    @Test("load segments give the route's peak load for mixed pickups and deliveries")
    func loads() {
        // Start with deliveries 3 + 2 on board; pick up 4, drop 3, pick up 1, drop 2.
        let steps = [LoadSegment(fromStart: 0, delta: 4, peak: 4), LoadSegment(fromStart: 3, delta: -3, peak: 0),
                     LoadSegment(fromStart: 0, delta: 1, peak: 1), LoadSegment(fromStart: 2, delta: -2, peak: 0)]
        let whole = steps.dropFirst().reduce(steps[0], LoadSegment.merge)
        // On board: 5 → 9 → 6 → 7 → 5: the peak is 9.
        #expect(whole.maxLoad == 9)
        #expect(whole.delta == 0)
        // Associativity: any bracketing gives the same summary.
        let left = LoadSegment.merge(LoadSegment.merge(steps[0], steps[1]), LoadSegment.merge(steps[2], steps[3]))
        #expect(left == whole)
    }
}
