import Foundation
@testable import Planning
import RoutingEngine
import SchedulingDomain
import Testing

/// Third-party providers as priced options of the engine: the search weighs driving against a
/// provider's price, daily limits hold, and a provider is offered only what a direct trip can do.
@Suite("Transport third-party providers in the engine")
struct TransportOutsourcingTests {
    typealias T = TransportPlannerTests

    /// A walking patient living `north` degrees of latitude and `east` of longitude from the
    /// hospital, going to a clinic at `time`.
    static func far(_ k: Int, north: Double, east: Double = 0, time: String, mobility: MobilityCategory = .walking) -> TransportJourney {
        TransportJourney(id: .init("far_\(k)"), patientID: .init("pat_far_\(k)"), date: T.date, direction: .toAppointment, time: LocalTime(iso: time)!,
                         pickup: Coordinates(latitude: T.hospital.latitude + north, longitude: T.hospital.longitude + east),
                         destination: T.hospital, mobility: mobility)
    }

    static func taxis(_ pence: Int, limit: Int = 10) -> ThirdPartyProvider {
        ThirdPartyProvider(id: "taxis", name: "Northway Taxis", prices: [.walking: pence, .seated: pence], dailyLimit: limit)
    }

    @Test("a journey far out goes to a provider when reaching it costs the fleet more than the price, and says so; a dearer provider leaves it to the fleet")
    func pricedAgainstDriving() throws {
        // About 14.5 km by road from the hospital: some 29 km the van drives for it, £29 at £1 a km.
        let day = TransportDay(date: T.date, journeys: T.journeys(4) + [Self.far(0, north: 0.1, time: "11:00")], shifts: [T.shift(1)])
        let options = TransportPlanner.Options(timeLimit: nil, iterationLimit: 200)
        let cheap = try TransportPlanner().plan(day, options: options, outsourcing: .init(providers: [Self.taxis(1_000)], fleetPencePerKm: 100))
        #expect(cheap.engineViolations.isEmpty)
        #expect(cheap.thirdParty.map(\.journeyID.rawValue) == ["far_0"] && cheap.thirdParty.first?.pricePence == 1_000)
        let left = try #require(cheap.plan.unplanned.first { $0.journeyID == "far_0" })
        // Either the fleet's cheapest insertion costs more than the price, or the plan is arranged without it.
        #expect(left.explanation.hasPrefix("Cheaper by a third party: the fleet's cheapest way to carry it adds ") && left.explanation.contains("more than Northway Taxis's £10.00")
            || left.explanation.hasPrefix("Cheaper by a third party (Northway Taxis, £10.00) than arranging the fleet's plan around it."), "\(left.explanation)")
        #expect(cheap.plan.plannedCount == 4)
        let dear = try TransportPlanner().plan(day, options: options, outsourcing: .init(providers: [Self.taxis(6_000)], fleetPencePerKm: 100))
        #expect(dear.thirdParty.isEmpty && dear.plan.unplanned.isEmpty && dear.plan.plannedCount == 5)
        // Dearer driving tips it the other way again.
        let costly = try TransportPlanner().plan(day, options: options, outsourcing: .init(providers: [Self.taxis(6_000)], fleetPencePerKm: 400))
        #expect(costly.thirdParty.map(\.journeyID.rawValue) == ["far_0"])
    }

    @Test("a provider's daily limit holds: what it cannot take, the fleet carries after all")
    func dailyLimitRepaired() throws {
        let journeys = [Self.far(0, north: 0.1, time: "09:30"), Self.far(1, north: -0.1, time: "12:00"), Self.far(2, north: 0, east: 0.16, time: "15:00")]
        let day = TransportDay(date: T.date, journeys: journeys, shifts: [T.shift(1)])
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 200),
                                                  outsourcing: .init(providers: [Self.taxis(1_000, limit: 1)], fleetPencePerKm: 100))
        #expect(outcome.engineViolations.isEmpty)
        #expect(outcome.thirdParty.count == 1 && outcome.plan.plannedCount == 2 && outcome.plan.unplanned.count == 1, "\(outcome.plan.unplanned)")
        #expect(TransportPlanCheck.check(outcome.plan, day: day, travel: HaversineTravelEstimator()).isEmpty)
    }

    @Test("journeys the fleet cannot carry fill the provider to its limit; the rest say the providers are full and why the fleet cannot")
    func providersFull() throws {
        let journeys = (0..<3).map { Self.far($0, north: 0.02 * Double($0 + 1), time: ["09:00", "11:00", "14:00"][$0], mobility: .stretcher) }
        let day = TransportDay(date: T.date, journeys: journeys, shifts: [T.shift(1, capacity: VehicleSpace(seats: 2, stretchers: 1))])
        let pennine = ThirdPartyProvider(id: "pennine", name: "Pennine Private Ambulance", prices: [.stretcher: 14_500], dailyLimit: 2)
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 50), outsourcing: .init(providers: [pennine], fleetPencePerKm: 100))
        #expect(outcome.thirdParty.count == 2 && Set(outcome.thirdParty.map(\.providerID)) == ["pennine"])
        let full = outcome.plan.unplanned.filter { $0.code == "providersFull" }
        #expect(full.count == 1 && full[0].explanation.contains("a crew of two") && full[0].explanation.contains("daily limit"), "\(full.map(\.explanation))")
    }

    @Test("a provider is offered only the patients it can carry: their category, their escorts, a bariatric patient only if it says so")
    func carried() {
        var journeys = [Self.far(0, north: 0.02, time: "10:00"), Self.far(1, north: 0.03, time: "10:00"), Self.far(2, north: 0.04, time: "10:00"),
                        Self.far(3, north: 0.05, time: "10:00", mobility: .stretcher)]
        journeys[1].escorts = 2
        journeys[2].bariatric = true
        let problem = TransportPlanner().problem(for: TransportDay(date: T.date, journeys: journeys, shifts: [T.shift(1)]))
        let taxis = ThirdPartyProvider(id: "taxis", name: "Northway Taxis", prices: [.walking: 3_000], dailyLimit: 5, maxEscorts: 1)
        let offered = TransportOutsourcing(providers: [taxis], fleetPencePerKm: 100).offers(in: problem, requests: problem.routing.requests.indices)
        #expect(offered.keys.sorted() == [0])
        var able = taxis
        (able.maxEscorts, able.bariatric) = (nil, true)
        #expect(TransportOutsourcing(providers: [able], fleetPencePerKm: 100).offers(in: problem, requests: problem.routing.requests.indices).keys.sorted() == [0, 1, 2])
        #expect(ThirdPartyProvider(id: "x", name: "X", prices: [.walking: 1], dailyLimit: 1, maxEscorts: 4).validate().map(\.path) == ["maxEscorts"])
    }

    @Test("a provider is offered only what a direct trip can do: collected in the window, delivered in time, within the ride limit")
    func directTrip() {
        func request(pickup: (Int, Int), delivery: (Int, Int), ride: Int? = 3_600) -> Request {
            Request(pickup: Stop(location: 0, window: TimeWindow(start: pickup.0, end: pickup.1), service: 120),
                    delivery: Stop(location: 1, window: TimeWindow(start: delivery.0, end: delivery.1), service: 120), maxRideTime: ride)
        }
        let h = 3_600
        // As late as the window allows, so nobody waits on board.
        #expect(TransportOutsourcing.directPickup(request(pickup: (8 * h, 9 * h), delivery: (9 * h, 10 * h)), travel: 1_800) == 9 * h)
        #expect(TransportOutsourcing.directPickup(request(pickup: (8 * h, 10 * h), delivery: (9 * h, 9 * h + 1_800)), travel: 1_200) == 9 * h + 480)
        // Too far for the ride limit, or for the appointment.
        #expect(TransportOutsourcing.directPickup(request(pickup: (8 * h, 9 * h), delivery: (9 * h, 10 * h), ride: 1_500), travel: 1_800) == nil)
        #expect(TransportOutsourcing.directPickup(request(pickup: (8 * h, 9 * h), delivery: (7 * h, 8 * h + 1_200)), travel: 1_800) == nil)
        // An early delivery window forces a wait on board past the limit.
        #expect(TransportOutsourcing.directPickup(request(pickup: (8 * h, 8 * h + 600), delivery: (10 * h, 11 * h), ride: h), travel: 600) == nil)
        // A provider costs the engine the metres the fleet drives for its price.
        #expect(TransportOutsourcing(providers: [], fleetPencePerKm: 80).metres(forPence: 4_000) == 50_000)
    }
}
