import Foundation
import SchedulingDomain
@testable import SchedulingServices
import SchedulingTestSupport
import Testing

/// A cluster's contracts (PT-02, PT-08): managers keep them (the lead first), a booking names
/// its contract or takes the one serving its hospital, plans hold each journey to its own
/// contract's standards, and reports give each contract's share.
@Suite("Transport contracts of a cluster")
struct TransportContractServiceTests {
    typealias T = TransportServiceTests

    static let renal = TransportContract(id: "renal", name: "Renal dialysis", commissioner: "NHS Greater Manchester ICB", locationIDs: ["loc_mri"],
                                         standards: ServiceStandards(earliestArrivalMinutes: 20), pricePerJourneyPence: 3_200, ecjPricePence: 6_400)

    static func manager(_ office: T.Office) async throws -> Caller {
        let (m, _) = try await office.harness.user("max.manager", role: .transportManager)
        return Caller(principal: Principal(user: m))
    }

    static func addHospital(_ office: T.Office) async throws {
        try await office.harness.services.shared.environment.store.write { s in
            try await s.organisation.insert(ClinicLocation(id: "loc_mri", name: "Manchester Royal Infirmary",
                                                           address: Address(lines: ["Oxford Road"], town: "Manchester", postcode: "M13 9WL", coordinates: T.hospital)))
        }
    }

    @Test("a manager adds, changes and removes contracts (audited); the lead stays first; bad ones are named by field and store nothing; a planner may only read")
    func keepContracts() async throws {
        let office = try await T.Office()
        try await Self.addHospital(office)
        let manager = try await Self.manager(office)
        let bookings = office.bookings
        #expect(try await bookings.contracts(by: office.planner).map(\.id) == ["main"])
        await #expect(throws: ServiceError.self) { _ = try await bookings.saveContract(Self.renal, by: office.planner) }
        var bad = Self.renal
        (bad.id, bad.locationIDs) = ("Renal Unit", ["loc_nowhere"])
        let issues = await T.issues { _ = try await bookings.saveContract(bad, by: manager) }
        #expect(Set(issues.map(\.path)) == ["id", "locationIDs"] && issues.contains { $0.message == "locationIDs: no clinic location has the id loc_nowhere." }, "\(issues)")
        #expect(try await bookings.contracts(by: office.planner).count == 1)
        #expect(try await bookings.saveContract(Self.renal, by: manager).map(\.id) == ["main", "renal"])
        // The lead changed through its own route keeps its place; another contract's code is refused for it.
        var lead = try await bookings.contract(by: office.planner)
        lead.name = "Acute outpatients"
        #expect(try await bookings.setContract(lead, by: manager).name == "Acute outpatients")
        lead.id = "renal"
        #expect(await T.issues { _ = try await bookings.setContract(lead, by: manager) }.map(\.code) == ["contract.duplicate"])
        #expect(try await bookings.contracts(by: office.planner).map(\.name) == ["Acute outpatients", "Renal dialysis"])
        #expect(await T.conflict { _ = try await bookings.removeContract(id: "main", by: manager) } == "contract.lead")
        await #expect(throws: ServiceError.self) { _ = try await bookings.removeContract(id: "school", by: manager) }
        // A contract a journey names stays.
        _ = try await office.shift("Van 1")
        var input = JourneyInput(patientID: office.patient.rawValue, date: T.date, direction: "to-appointment", time: "10:30", destination: T.hospital,
                                 mobility: "walking", contract: "renal")
        let booked = try await bookings.book(input, by: office.planner)
        #expect(booked.map(\.contractID) == ["renal"])
        #expect(await T.conflict { _ = try await bookings.removeContract(id: "renal", by: manager) } == "contract.inUse")
        _ = try await bookings.saveContract(TransportContract(id: "school", name: "School runs"), by: manager)
        #expect(try await bookings.removeContract(id: "school", by: manager).map(\.id) == ["main", "renal"])
        #expect(try office.harness.count("audit_log", where: "action LIKE 'transport.contract%'") == 4)
        // The lead's own code means the lead: the journey names no contract.
        input.contract = "main"
        #expect(try await bookings.book(input, by: office.planner).map(\.contractID) == [nil])
        input.contract = "school"
        let unknown = await T.issues { _ = try await bookings.book(input, by: office.planner) }
        #expect(unknown.map(\.path) == ["contract"] && unknown[0].message == "contract school is not a contract on record; the contracts are main, renal.")
    }

    @Test("a journey from an outpatient booking, or a CSV row, at a hospital a contract serves is under that contract")
    func contractByHospital() async throws {
        let f = try await OutpatientFixture(clinicAt: T.hospital)
        let (m, _) = try await f.harness.user("max.manager", role: .transportManager)
        var renal = Self.renal
        renal.locationIDs = ["loc_1"]
        _ = try await f.harness.services.transport.bookings.saveContract(renal, by: Caller(principal: Principal(user: m)))
        let appointment = try await f.book(0, f.slot("2026-11-24"), transport: true)
        let made = try await f.harness.services.shared.environment.store.read { try await $0.transportJourneys.journeys(appointmentID: appointment.id) }
        #expect(made.count == 2 && made.allSatisfy { $0.contractID == "renal" })

        let office = try await T.Office()
        try await Self.addHospital(office)
        _ = try await office.bookings.saveContract(Self.renal, by: try await Self.manager(office))
        let csv = "nhs_number,date,direction,time,site,mobility,contract\r\n"
            + "9990000018,\(T.date),to-appointment,10:30,Manchester Royal Infirmary,walking,\r\n"
            + "9990000018,\(T.date),home,15:00,loc_mri,walking,main\r\n"
        _ = try await office.bookings.importCSV(csv, by: office.planner)
        let stored = try await office.bookings.journeys(on: LocalDate(iso: T.date)!, by: office.planner)
        #expect(stored.map(\.contractID) == ["renal", nil])
        let wrong = await T.issues { _ = try await office.bookings.importCSV(csv.replacingOccurrences(of: ",main\r\n", with: ",dental\r\n"), by: office.planner) }
        #expect(wrong.map(\.path) == ["rows[2].contract"], "\(wrong)")
    }

    @Test("the stored day holds each journey to its contract's standards, a contract's change makes a plan stale, and reports split by contract")
    func dayAndReports() async throws {
        let office = try await T.Office()
        try await Self.addHospital(office)
        let manager = try await Self.manager(office)
        _ = try await office.bookings.saveContract(Self.renal, by: manager)
        _ = try await office.shift("Van 1")
        let renal = try await office.bookings.book(JourneyInput(patientID: office.patient.rawValue, date: T.date, direction: "to-appointment", time: "10:30",
                                                                destination: T.hospital, mobility: "walking", contract: "renal"), by: office.planner)[0]
        _ = try await office.book("12:00", direction: "to-appointment", mobility: "walking")
        let date = LocalDate(iso: T.date)!
        let (day, _) = try await office.harness.services.shared.environment.store.read { try await TransportPlanService.day(on: date, cluster: "main", in: $0) }
        #expect(day.contracts.map(\.id) == ["main", "renal"] && day.standards(for: renal).earliestArrivalMinutes == 20 && day.validate().isEmpty)
        let before = TransportPlanService.fingerprint(day)
        var changed = Self.renal
        changed.standards.earliestArrivalMinutes = 30
        _ = try await office.bookings.saveContract(changed, by: manager)
        let (after, _) = try await office.harness.services.shared.environment.store.read { try await TransportPlanService.day(on: date, cluster: "main", in: $0) }
        #expect(TransportPlanService.fingerprint(after) != before, "a plan made under the old standards no longer answers the day")
        let (contracts, days) = try await office.harness.services.transport.reports.reports(from: date, to: date, by: office.planner)
        #expect(contracts.map(\.id) == ["main", "renal"] && days[0].contracts.map(\.journeys) == [1, 1])
    }
}
