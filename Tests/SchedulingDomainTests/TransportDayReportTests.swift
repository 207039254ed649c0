import Foundation
import Testing
import SchedulingDomain

/// The day's report (PT-07, PT-08): recorded times against the contract, income at the contract's
/// and the ECJ price, third-party spend, and each journey planned against actual.
@Suite("Transport day report")
struct TransportDayReportTests {
    typealias F = TransportFixtures

    static func at(_ text: String) -> LocalTime { LocalTime(iso: text)! }
    static func seconds(_ text: String) -> Int { at(text).minuteOfDay * 60 }

    /// Four journeys: one delivered on time (planned too), one ECJ delivered 10 minutes late after
    /// 70 minutes on board, one home collected 25 minutes after ready, one aborted, one cancelled,
    /// one taken by a third party.
    static func day() -> (TransportDay, TransportPlan) {
        var onTime = F.journey("a", at: "10:00")
        try! onTime.record(.pickedUp, at: at("09:10"), note: nil)
        try! onTime.record(.delivered, at: at("09:40"), note: nil)
        var late = F.journey("b", at: "11:00")
        late.ecj = true
        try! late.record(.pickedUp, at: at("09:58"), note: nil)
        try! late.record(.delivered, at: at("11:10"), note: nil)
        var home = F.journey("c", .home, at: "12:00")
        try! home.record(.pickedUp, at: at("12:25"), note: nil)
        var aborted = F.journey("d", at: "13:00")
        try! aborted.record(.aborted, at: at("12:00"), note: "Not at home")
        var cancelled = F.journey("e", at: "14:00")
        cancelled.status = .cancelled
        let thirdParty = F.journey("f", at: "15:00")
        let plan = TransportPlan(date: F.date, runs: [.init(shiftID: "shf_1", departure: seconds("08:45"), back: seconds("13:30"), stops: [
            .init(journeyID: "jny_a", kind: .pickup, arrival: seconds("09:05"), start: seconds("09:05")),
            .init(journeyID: "jny_a", kind: .dropOff, arrival: seconds("09:35"), start: seconds("09:35")),
        ], metres: 20_000)], unplanned: [])
        let journeys = [onTime, late, home, aborted, cancelled, thirdParty].map { j -> TransportJourney in
            var j = j
            j.id = .init("jny_" + j.id.rawValue)
            return j
        }
        return (TransportDay(date: F.date, standards: ServiceStandards(), journeys: journeys, shifts: [F.shift()]), plan)
    }

    @Test("recorded arrivals, rides and waits are judged by the contract's standards")
    func actuals() {
        let (day, plan) = Self.day()
        let report = TransportDayReport.of(day, plan: plan, version: 3, thirdParty: [("jny_f", 4_000)], price: 4_500, ecjPrice: 9_000)
        let a = report.actuals
        #expect(a.delivered == 2 && a.aborted == 1 && a.cancelled == 1)
        #expect(a.arrivals == 2 && a.arrivalsOnTime == 1 && a.arrivalsTooEarly == 0)
        // 09:10 → 09:40 less 2 minutes' boarding: 28 minutes; 09:58 → 11:10: 70 minutes, over the hour.
        #expect(a.rides == 2 && a.ridesWithinLimit == 1 && a.meanMinutesOnBoard == 49)
        #expect(a.collections == 1 && a.meanCollectionWaitMinutes == 25 && a.longestCollectionWaitMinutes == 25)
        #expect(report.planVersion == 3 && report.planned?.planned == 1)
    }

    @Test("income counts journeys delivered, or planned while not over, at the contract's price and ECJs at theirs; third parties at what they charge")
    func money() {
        let (day, plan) = Self.day()
        let m = TransportDayReport.of(day, plan: plan, version: 1, thirdParty: [("jny_f", 4_000)], price: 4_500, ecjPrice: 9_000).money
        // a (delivered) and f (third party, not yet over) at the contract's price; b (delivered) as an ECJ.
        // c is picked up but neither delivered nor planned; d aborted and e cancelled earn nothing.
        #expect(m.contractJourneys == 2 && m.incomePence == 9_000 && m.ecjJourneys == 1 && m.ecjIncomePence == 9_000)
        #expect(m.thirdPartyJourneys == 1 && m.thirdPartySpendPence == 4_000)
    }

    @Test("each journey's line: planned against recorded pickup, delivery and time on board")
    func lines() throws {
        let (day, plan) = Self.day()
        let report = TransportDayReport.of(day, plan: plan, version: 1, thirdParty: [], price: 0, ecjPrice: 0)
        let a = try #require(report.lines.first { $0.journeyID == "jny_a" })
        #expect(a.plannedPickup == Self.seconds("09:05") && a.actualPickup == Self.seconds("09:10"))
        #expect(a.plannedDelivery == Self.seconds("09:35") && a.actualDelivery == Self.seconds("09:40"))
        #expect(a.plannedMinutesOnBoard == 28 && a.actualMinutesOnBoard == 28)
        let home = try #require(report.lines.first { $0.journeyID == "jny_c" })
        #expect(home.plannedPickup == nil && home.actualPickup == Self.seconds("12:25") && home.actualDelivery == nil)
        #expect(report.lines.count == 6)
    }

    @Test("the plan's indicators still count journeys delivered on the day")
    func kpisAfterTheDay() {
        let (day, plan) = Self.day()
        let kpis = TransportKPIs.of(plan, day: day)
        #expect(kpis.planned == 1 && kpis.arrivals == 1 && kpis.arrivalsOnTime == 1 && kpis.journeys == 5)
    }
}
