import Testing
import RoutingEngine

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
