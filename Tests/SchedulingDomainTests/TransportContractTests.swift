import Foundation
import SchedulingDomain
import Testing

/// A cluster's contracts (PT-02, PT-08): codes, a journey held to its own contract's standards,
/// and each contract's share of the day's report at its own prices.
@Suite("Transport contracts")
struct TransportContractTests {
    typealias F = TransportFixtures

    static let renal = TransportContract(id: "renal", name: "Renal dialysis", standards: ServiceStandards(earliestArrivalMinutes: 15, collectWithinMinutes: 30),
                                         pricePerJourneyPence: 3_000, ecjPricePence: 6_000)

    @Test("codes: lower-case letters, digits and hyphens, 1 to 40, not starting with a hyphen", arguments: [
        ("renal-dialysis", true), ("a", true), ("2026-acute", true), ("", false), ("-acute", false), ("Acute", false), ("acute care", false),
        ("é", false), (String(repeating: "a", count: 40), true), (String(repeating: "a", count: 41), false),
    ])
    func codes(_ text: String, _ valid: Bool) {
        #expect(TransportContract.isCode(text) == valid, "\(text)")
        var contract = TransportContract(id: text)
        contract.name = "X"
        #expect(contract.validate().contains { $0.path == "id" } == !valid)
    }

    @Test("each rule is named by field; a contract stored before codes reads as the lead with no hospitals")
    func validation() throws {
        let bad = TransportContract(id: "x", name: " ", commissioner: "NHS\u{0}", locationIDs: [.init("loc_1"), .init("loc_1")], pricePerJourneyPence: -1)
        #expect(Set(bad.validate().map(\.path)) == ["name", "commissioner", "locationIDs", "pricePerJourneyPence"], "\(bad.validate())")
        let old = #"{"name":"Old","standards":{"earliestArrivalMinutes":60,"collectWithinMinutes":60,"maxOnVehicleMinutes":60,"overrides":[]},"pricePerJourneyPence":4500,"ecjPricePence":9000}"#
        let read = try JSONDecoder().decode(TransportContract.self, from: Data(old.utf8))
        #expect(read.id == TransportContract.leadID && read.locationIDs.isEmpty && read.commissioner == nil && read.name == "Old")
        #expect(try JSONDecoder().decode(TransportContract.self, from: JSONEncoder().encode(Self.renal)) == Self.renal)
    }

    @Test("a journey is held to its own contract's standards; one naming no contract to the lead's; an unknown contract is reported by the day")
    func standardsPerJourney() {
        var renal = F.journey("r", at: "10:00")
        renal.contractID = "renal"
        let plain = F.journey("p", at: "10:00")
        let day = TransportDay(date: F.date, contracts: [TransportContract(), Self.renal], journeys: [renal, plain], shifts: [F.shift()])
        #expect(day.standards(for: renal).earliestArrivalMinutes == 15 && day.standards(for: plain).earliestArrivalMinutes == 60)
        // Arrive at most 15 minutes early under renal: the drop-off window opens at 09:45.
        #expect(day.standards(for: renal).windows(for: renal).dropOff.lowerBound == LocalTime(iso: "09:45")!.minuteOfDay * 60)
        #expect(day.validate().isEmpty)
        var stray = renal
        stray.id = "s"
        stray.contractID = "school-runs"
        let wrong = TransportDay(date: F.date, contracts: [TransportContract(), Self.renal], journeys: [stray], shifts: [])
        #expect(wrong.validate().map(\.path) == ["journeys[0].contract"])
        stray.contractID = "Bad Code"
        #expect(stray.validate().map(\.path) == ["contract"])
    }

    @Test("the day's report gives each contract its journeys, record and money at its own prices; the whole is their sum")
    func reportPerContract() {
        var renal = F.journey("jny_r", at: "10:00")
        renal.contractID = "renal"
        try! renal.record(.pickedUp, at: LocalTime(iso: "09:20")!, note: nil)
        try! renal.record(.delivered, at: LocalTime(iso: "09:40")!, note: nil)  // 20 min before: too early under renal (15)
        var renalECJ = F.journey("jny_e", at: "11:00")
        renalECJ.contractID = "renal"
        renalECJ.ecj = true
        let plain = F.journey("jny_p", at: "12:00")
        let taxi = F.journey("jny_t", at: "13:00")
        let day = TransportDay(date: F.date, contracts: [TransportContract(), Self.renal], journeys: [renal, renalECJ, plain, taxi], shifts: [F.shift()])
        let plan = TransportPlan(date: F.date, runs: [.init(shiftID: "shf_1", departure: 30_000, back: 50_000, stops: [
            .init(journeyID: "jny_e", kind: .pickup, arrival: 36_000, start: 36_000), .init(journeyID: "jny_e", kind: .dropOff, arrival: 37_800, start: 37_800),
            .init(journeyID: "jny_p", kind: .pickup, arrival: 40_000, start: 40_000), .init(journeyID: "jny_p", kind: .dropOff, arrival: 41_800, start: 41_800),
        ], metres: 10_000)], unplanned: [])
        let report = TransportDayReport.of(day, plan: plan, version: 1, thirdParty: [("jny_t", 2_500)], contracts: day.contracts)
        #expect(report.contracts.map(\.contractID) == ["main", "renal"])
        let main = report.contracts[0], r = report.contracts[1]
        #expect(main.journeys == 2 && r.journeys == 2)
        #expect(r.money.incomePence == 3_000 && r.money.ecjIncomePence == 6_000 && r.money.thirdPartyJourneys == 0)
        #expect(main.money.incomePence == 2 * 4_500 && main.money.thirdPartyJourneys == 1 && main.money.thirdPartySpendPence == 2_500)
        #expect(r.actuals.delivered == 1 && r.actuals.arrivalsTooEarly == 1 && main.actuals.delivered == 0)
        #expect(report.money.incomePence == main.money.incomePence + r.money.incomePence
            && report.money.ecjIncomePence == 6_000 && report.money.thirdPartySpendPence == 2_500)
        #expect(report.actuals.arrivalsTooEarly == 1)
    }
}
