import Foundation
import SchedulingDomain
@testable import SchedulingServices
import SchedulingTestSupport
import Testing

/// Bases on record (PT-02): a transport manager sets them, a shift names one by id and keeps its
/// name and place; bad bases and bad references are refused by field and store nothing.
@Suite("Transport bases")
struct TransportBaseTests {
    typealias T = TransportServiceTests

    static let ardwick = TransportBase(id: "ardwick", name: "Ardwick station", location: Coordinates(latitude: 53.4713, longitude: -2.2130))

    @Test("a manager sets the bases (audited); a planner may read but not set them; bad bases are named by field and nothing changes")
    func setBases() async throws {
        let office = try await T.Office()
        let (m, _) = try await office.harness.user("max.manager", role: .transportManager)
        let manager = Caller(principal: Principal(user: m))
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.setBases([Self.ardwick], by: office.planner) }
        let bad = await T.issues {
            _ = try await office.bookings.setBases([TransportBase(id: "", name: "Eccles", location: Coordinates(latitude: 95, longitude: 0)),
                                                    TransportBase(id: "x", name: "eccles", location: Self.ardwick.location)], by: manager)
        }
        #expect(Set(bad.map(\.path)) == ["[0].id", "[0].location.latitude", ""], "\(bad)")
        #expect(try await office.bookings.bases(by: office.planner).isEmpty)
        #expect(try await office.bookings.setBases([Self.ardwick], by: manager) == [Self.ardwick])
        #expect(try await office.bookings.bases(by: office.planner) == [Self.ardwick])
        #expect(try office.harness.count("audit_log", where: "action = 'transport.bases.set'") == 1)
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.bases(by: office.crew.a) }
    }

    @Test("a shift names its base by id and keeps its name and place; an unknown id, both or neither are refused by field")
    func shiftFromBase() async throws {
        let office = try await T.Office()
        let (m, _) = try await office.harness.user("max.manager", role: .transportManager)
        _ = try await office.bookings.setBases([Self.ardwick], by: Caller(principal: Principal(user: m)))
        func input(baseID: String?, base: Coordinates?) -> ShiftInput {
            ShiftInput(date: T.date, vehicleName: "Van 3", seats: 4, wheelchairSpaces: 1, crewSize: 1, base: base, start: "07:00", end: "17:00", baseID: baseID)
        }
        let unknown = await T.issues { _ = try await office.bookings.addShift(input(baseID: "eccles", base: nil), by: office.planner) }
        #expect(unknown.map(\.path) == ["baseID"] && unknown[0].message == "baseID: eccles is not a base on record (ardwick).", "\(unknown)")
        let both = await T.issues { _ = try await office.bookings.addShift(input(baseID: "ardwick", base: T.base), by: office.planner) }
        #expect(both.map(\.code) == ["shift.twoBases"])
        let neither = await T.issues { _ = try await office.bookings.addShift(input(baseID: nil, base: nil), by: office.planner) }
        #expect(neither.map(\.path) == ["baseID"] && neither[0].code == "field.required")
        #expect(try await office.bookings.shifts(on: LocalDate(iso: T.date)!, by: office.planner).isEmpty)
        let van = try await office.bookings.addShift(input(baseID: "ardwick", base: nil), by: office.planner)
        #expect(van.baseName == "Ardwick station" && van.base == Self.ardwick.location)
        let placed = try await office.bookings.addShift(input(baseID: nil, base: T.base), by: office.planner)
        #expect(placed.baseName == nil && placed.base == T.base)
        #expect(try await office.bookings.shifts(on: LocalDate(iso: T.date)!, by: office.planner).map { $0.baseName ?? "none" }.sorted() == ["Ardwick station", "none"])
    }
}
