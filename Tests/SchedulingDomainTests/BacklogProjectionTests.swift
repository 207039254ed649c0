import Testing
import SchedulingDomain

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
}
