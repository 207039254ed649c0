import Testing
import SchedulingDomain
import SeededTesting

@Suite("BacklogProjection")
struct BacklogProjectionTests {
    let monday = LocalDate(iso: "2026-11-23")!

    @Test("capacity sees the longest waits first; the backlog clears in the week nobody is left over 18 weeks")
    func clears() {
        let list = Array(repeating: (days: 140, urgent: false), count: 10) + Array(repeating: (days: 7, urgent: false), count: 10)
        let p = BacklogProjection(daysWaited: list, from: monday, .init(capacityPerWeek: 4, extraPerWeek: 1, referralsPerWeek: 0, urgentShare: 0, weeks: 4))
        #expect(p.startWaiting == 20 && p.startOver18Weeks == 10)
        #expect(p.series.map(\.over18Weeks) == [5, 0, 0, 0])
        #expect(p.series.map(\.waiting) == [15, 10, 5, 0])
        #expect(p.series.map(\.seen) == [5, 5, 5, 5])
        #expect(p.weeksToClear == 2 && p.weeksTo92Percent == 2)
        #expect(p.series[1].starting == LocalDate(iso: "2026-11-30"))
        #expect(abs(p.series[0].withinStandard - 10.0 / 15.0) < 1e-9)
    }

    @Test("urgent patients are seen before any routine wait; without capacity everyone ages into breach")
    func urgentFirstAndAgeing() {
        let p = BacklogProjection(daysWaited: [(0, true), (200, false)], from: monday,
                                  .init(capacityPerWeek: 1, extraPerWeek: 0, referralsPerWeek: 0, urgentShare: 0, weeks: 1))
        #expect(p.series[0].waiting == 1 && p.series[0].over18Weeks == 1 && p.weeksToClear == nil)
        // 126 days is not a breach (the RTT clock's rule); a week later it is.
        let ageing = BacklogProjection(daysWaited: [(126, false)], from: monday,
                                       .init(capacityPerWeek: 0, extraPerWeek: 0, referralsPerWeek: 0, urgentShare: 0, weeks: 1))
        #expect(ageing.startOver18Weeks == 0 && ageing.series[0].over18Weeks == 1 && ageing.weeksTo92Percent == 0)
    }

    @Test("referrals join every week, split by the urgent share without losing any to rounding")
    func inflow() {
        let p = BacklogProjection(daysWaited: [], from: monday, .init(capacityPerWeek: 0, extraPerWeek: 0, referralsPerWeek: 3, urgentShare: 0.5, weeks: 4))
        #expect(p.series.map(\.waiting) == [3, 6, 9, 12])
        #expect(p.weeksToClear == 0)
        // With capacity for 2 a week, each week sees last week's urgent arrivals (1, 2, 1, … of the 3) before routine ones.
        let q = BacklogProjection(daysWaited: [], from: monday, .init(capacityPerWeek: 2, extraPerWeek: 0, referralsPerWeek: 3, urgentShare: 0.5, weeks: 4))
        #expect(q.series.map(\.seen) == [0, 2, 2, 2] && q.series.map(\.waiting) == [3, 4, 5, 6])
    }

    @Test("assumptions out of range are named")
    func validation() {
        let bad = BacklogProjection.Assumptions(capacityPerWeek: -1, extraPerWeek: 0, referralsPerWeek: 0, urgentShare: 2, weeks: 0)
        #expect(bad.validate().map(\.path) == ["capacityPerWeek", "urgentShare", "weeks"])
    }

    @Test("the shape counts whole weeks waited, the last bucket holding the longest waits")
    func shape() {
        let shape = WaitingListShape(weeksWaited: [0, 0, 3, 18, 19, 60, 99], cap: 52)
        #expect(shape.counts.count == 53 && shape.counts[0] == 2 && shape.counts[3] == 1 && shape.counts[52] == 2)
        #expect(shape.over18Weeks == 4)
    }

    @Test("the patient-level simulation with fixed arrivals and no DNAs gives exactly the projection", arguments: [UInt64(1), 7, 42, 2026, 90_210])
    func simulationMatchesProjection(seed: UInt64) {
        var rng = SeededGenerator(seed: announceSeed(seed))
        let list = (0..<Int.random(in: 50...400, using: &rng)).map { _ in (days: Int.random(in: 0...300, using: &rng), urgent: Int.random(in: 0..<10, using: &rng) == 0) }
        let assumptions = BacklogProjection.Assumptions(capacityPerWeek: Int.random(in: 0...40, using: &rng), extraPerWeek: Int.random(in: 0...10, using: &rng),
                                                        referralsPerWeek: Int.random(in: 0...40, using: &rng), urgentShare: Double.random(in: 0...0.3, using: &rng),
                                                        weeks: Int.random(in: 1...52, using: &rng))
        let projection = BacklogProjection(daysWaited: list, from: monday, assumptions)
        let simulated = BacklogSimulation.run(daysWaited: list, assumptions, dnaRate: 0, randomArrivals: false, seed: seed)
        #expect(simulated.map(\.waiting) == projection.series.map(\.waiting))
        #expect(simulated.map(\.over18Weeks) == projection.series.map(\.over18Weeks))
    }

    @Test("with random arrivals the simulations average out near the projection; DNAs slow the list's fall")
    func simulationAverage() {
        let list = (0..<600).map { (days: ($0 * 37) % 280, urgent: $0 % 12 == 0) }
        let assumptions = BacklogProjection.Assumptions(capacityPerWeek: 60, extraPerWeek: 0, referralsPerWeek: 50, urgentShare: 0.1, weeks: 26)
        let projection = BacklogProjection(daysWaited: list, from: monday, assumptions)
        let mean = BacklogSimulation.mean(daysWaited: list, assumptions, dnaRate: 0, runs: 40, seed: 11)
        for (p, s) in zip(projection.series, mean) { #expect(abs(p.waiting - s.waiting) <= max(10, p.waiting / 20), "week \(p.week)") }
        let withDNAs = BacklogSimulation.mean(daysWaited: list, assumptions, dnaRate: 0.1, runs: 40, seed: 11)
        #expect(withDNAs.last!.waiting > mean.last!.waiting)
    }
}

/// A small seedable generator for the tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
