import Foundation
import SchedulingDomain
@testable import SchedulingServices
import SchedulingTestSupport
import Testing

/// The fleet on record (PT-02): managers keep vehicles and their periods off the road; a shift
/// names its vehicle and copies what it carries; the planned day loses a vehicle's time off the
/// road, and the board says so.
@Suite("Transport fleet")
struct TransportFleetTests {
    typealias T = TransportServiceTests

    static let van = TransportVehicle(id: "wv-21", name: "Wheelchair van 21", capacity: VehicleSpace(seats: 4, wheelchairSpaces: 2), convertibleWheelchairSpaces: 1,
                                      baseID: "ardwick")

    static func at(_ date: String, _ time: String) -> LocalDateTime { LocalDateTime(date: LocalDate(iso: date)!, time: LocalTime(iso: time)!) }

    static func manager(_ office: T.Office) async throws -> Caller {
        let (m, _) = try await office.harness.user("max.manager", role: .transportManager)
        let caller = Caller(principal: Principal(user: m))
        _ = try await office.bookings.setBases([TransportBaseTests.ardwick], by: caller)
        return caller
    }

    @Test("a manager keeps the fleet (audited); bad vehicles are named by field and store nothing; a planner reads; crew refused")
    func keepFleet() async throws {
        let office = try await T.Office()
        let manager = try await Self.manager(office)
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.saveVehicle(Self.van, by: office.planner) }
        var bad = Self.van
        (bad.id, bad.baseID) = ("WV 21", "eccles")
        #expect(Set(await T.issues { _ = try await office.bookings.saveVehicle(bad, by: manager) }.map(\.path)) == ["id", "baseID"])
        #expect(try await office.bookings.saveVehicle(Self.van, by: manager).map(\.id) == ["wv-21"])
        var twin = Self.van
        twin.id = "wv-22"
        #expect(await T.issues { _ = try await office.bookings.saveVehicle(twin, by: manager) }.map(\.code) == ["vehicle.duplicateName"])
        let bent = await T.issues {
            _ = try await office.bookings.takeOffRoad(vehicleID: "wv-21", .init(from: Self.at(T.date, "12:00"), to: Self.at(T.date, "11:00"), reason: ""), by: manager)
        }
        #expect(Set(bent.map(\.path)) == ["to", "reason"] && bent.contains { $0.message.hasPrefix("to 2026-12-08T11:00 must be after") }, "\(bent)")
        #expect(try await office.bookings.vehicles(by: office.planner)[0].offRoad.isEmpty)
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.vehicles(by: office.crew.a) }
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.removeVehicle(id: "wv-99", by: manager) }
        #expect(try await office.bookings.removeVehicle(id: "wv-21", by: manager).isEmpty)
        #expect(try office.harness.count("audit_log", where: "action LIKE 'transport.vehicles.%'") == 2)
    }

    @Test("a shift names its vehicle: call sign, space, folding seats and base are the vehicle's; what the vehicle decides, an unknown vehicle, or hours off the road are refused by field")
    func shiftOnVehicle() async throws {
        let office = try await T.Office()
        let manager = try await Self.manager(office)
        _ = try await office.bookings.saveVehicle(Self.van, by: manager)
        _ = try await office.bookings.takeOffRoad(vehicleID: "wv-21", .init(from: Self.at(T.date, "12:00"), to: Self.at(T.date, "14:00"), reason: "Tail-lift repair"), by: manager)
        func input(_ vehicle: String?, start: String = "07:00", end: String = "11:30") -> ShiftInput {
            ShiftInput(date: T.date, crewSize: 1, start: start, end: end, vehicleID: vehicle)
        }
        var twice = input("wv-21")
        (twice.seats, twice.vehicleName, twice.bariatric) = (6, "Van", true)
        #expect(Set(await T.issues { _ = try await office.bookings.addShift(twice, by: office.planner) }.map(\.path)) == ["seats", "vehicleName", "bariatric"])
        #expect(await T.issues { _ = try await office.bookings.addShift(input("wv-99"), by: office.planner) }.map(\.path) == ["vehicleID"])
        let off = await T.issues { _ = try await office.bookings.addShift(input("wv-21", end: "13:00"), by: office.planner) }
        #expect(off.map(\.code) == ["shift.offRoad"] && off[0].message.contains("Wheelchair van 21 is off the road from 2026-12-08 12:00 to 2026-12-08 14:00 (Tail-lift repair)"))
        #expect(try office.harness.count("vehicle_shifts") == 0)
        let shift = try await office.bookings.addShift(input("wv-21"), by: office.planner)
        #expect(shift.vehicleID == "wv-21" && shift.vehicleName == "Wheelchair van 21" && shift.capacity == Self.van.capacity
            && shift.convertibleWheelchairSpaces == 1 && shift.baseName == "Ardwick station" && shift.base == TransportBaseTests.ardwick.location)
        #expect(try await office.bookings.shifts(on: LocalDate(iso: T.date)!, by: office.planner) == [shift])
    }

    @Test("a period recorded after a shift cuts it when the day is planned; the board says which; the answer names the shifts cut; back on the road restores it")
    func cutShift() async throws {
        let office = try await T.Office()
        let manager = try await Self.manager(office)
        _ = try await office.bookings.saveVehicle(Self.van, by: manager)
        let shift = try await office.bookings.addShift(ShiftInput(date: T.date, crewSize: 1, start: "07:00", end: "17:00", vehicleID: "wv-21"), by: office.planner)
        let other = try await office.shift("Car 4")
        let (_, cut) = try await office.bookings.takeOffRoad(vehicleID: "wv-21", .init(from: Self.at(T.date, "12:00"), to: Self.at(T.date, "14:00"), reason: "Service"),
                                                             by: manager)
        #expect(cut.map(\.id) == [shift.id])
        let date = LocalDate(iso: T.date)!
        let board = try await office.plans.board(on: date, by: office.planner)
        #expect(board.day.shifts.first { $0.id == shift.id }.map { "\($0.start)-\($0.end)" } == "07:00-12:00")
        #expect(board.day.shifts.contains { $0.id == other.id } && board.offRoad.map(\.shift.id) == [shift.id] && board.offRoad[0].left?.end == LocalTime(iso: "12:00"))
        // A morning in for a valet leaves the afternoon after the repair; one more over the afternoon leaves nothing.
        _ = try await office.bookings.takeOffRoad(vehicleID: "wv-21", .init(from: Self.at(T.date, "06:00"), to: Self.at(T.date, "12:00"), reason: "Valet"), by: manager)
        #expect(try await office.plans.board(on: date, by: office.planner).day.shifts.first { $0.id == shift.id }.map { "\($0.start)-\($0.end)" } == "14:00-17:00")
        _ = try await office.bookings.takeOffRoad(vehicleID: "wv-21", .init(from: Self.at(T.date, "13:00"), to: Self.at(T.date, "18:00"), reason: "MOT"), by: manager)
        let out = try await office.plans.board(on: date, by: office.planner)
        #expect(out.day.shifts.map(\.id) == [other.id] && out.offRoad.map(\.left) == [nil])
        _ = try await office.bookings.endOffRoad(vehicleID: "wv-21", index: 2, by: manager)
        _ = try await office.bookings.endOffRoad(vehicleID: "wv-21", index: 1, by: manager)
        _ = try await office.bookings.endOffRoad(vehicleID: "wv-21", index: 0, by: manager)
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.endOffRoad(vehicleID: "wv-21", index: 0, by: manager) }
        let back = try await office.plans.board(on: date, by: office.planner)
        #expect(back.offRoad.isEmpty && back.day.shifts.first { $0.id == shift.id }?.end == LocalTime(iso: "17:00"))
    }

    @Test("a manager records crew training (audited); a shift whose named crew is all on record carries by it; the booking check and the board agree")
    func crewTraining() async throws {
        let office = try await T.Office()
        let manager = try await Self.manager(office)
        let ambulance = try await office.shift("Ambulance 8", crewSize: 2, stretchers: 1, crew: [office.crew.a, office.crew.b])
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.setCrewSkills(userID: UserAccount.ID(office.crew.a.principal.actorID), [.stretcher], by: office.planner) }
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.setCrewSkills(userID: "usr_nobody", [.stretcher], by: manager) }
        let crewIDs = [office.crew.a, office.crew.b].map { UserAccount.ID($0.principal.actorID) }
        _ = try await office.bookings.setCrewSkills(userID: crewIDs[0], [.stretcher], by: manager)
        let date = LocalDate(iso: T.date)!
        // One of two on record: the shift keeps what it says.
        #expect(try await office.plans.board(on: date, by: office.planner).day.shifts.first { $0.id == ambulance.id }?.stretcherTrained == true)
        _ = try await office.bookings.setCrewSkills(userID: crewIDs[1], [], by: manager)
        #expect(try await office.plans.board(on: date, by: office.planner).day.shifts.first { $0.id == ambulance.id }?.stretcherTrained == false)
        let refused = await T.issues { _ = try await office.book("10:30", direction: "to-appointment", mobility: "stretcher") }
        #expect(refused.map(\.path) == ["mobility"] && refused[0].message.contains("a crew of two trained for stretchers"), "\(refused)")
        _ = try await office.bookings.setCrewSkills(userID: crewIDs[1], [.stretcher, .bariatric], by: manager)
        #expect(try await office.plans.board(on: date, by: office.planner).day.shifts.first { $0.id == ambulance.id }?.stretcherTrained == true)
        let crew = try await office.bookings.crew(by: office.planner)
        #expect(crew.count == 2 && crew.allSatisfy { $0.skills?.contains(.stretcher) == true })
        #expect(try office.harness.count("audit_log", where: "action = 'transport.crew.skills'") == 3)
    }

    @Test("a bariatric shift refuses a crew member whose training on record is not for bariatric patients, naming them; one not on record is taken as the shift says")
    func bariatricCrewNamed() async throws {
        let office = try await T.Office()
        let manager = try await Self.manager(office)
        let crewIDs = [office.crew.a, office.crew.b].map { UserAccount.ID($0.principal.actorID) }
        _ = try await office.bookings.setCrewSkills(userID: crewIDs[0], [.stretcher], by: manager)
        var input = ShiftInput(date: T.date, vehicleName: "Ambulance 9", seats: 2, stretchers: 1, crewSize: 2, base: T.base, start: "07:00", end: "17:00",
                               crewUserIDs: crewIDs.map(\.rawValue))
        input.bariatric = true
        let refused = await T.issues { _ = try await office.bookings.addShift(input, by: office.planner) }
        #expect(refused.map(\.path) == ["crewUserIDs[0]"] && refused[0].message.contains("is not trained for bariatric patients"), "\(refused)")
        #expect(try office.harness.count("vehicle_shifts") == 0)
        input.bariatric = false
        #expect(try await office.bookings.addShift(input, by: office.planner).crewSize == 2, "not bariatric: their training does not matter")
        _ = try await office.bookings.setCrewSkills(userID: crewIDs[0], [.stretcher, .bariatric], by: manager)
        input.bariatric = true
        #expect(try await office.bookings.addShift(input, by: office.planner).bariatric)
    }

    @Test("a shift splits around its vehicle's repair (audited): the shift ends when the repair starts, a second on the same vehicle with the same crew carries on; a vehicle takes one shift at a time")
    func splitAroundRepair() async throws {
        let office = try await T.Office()
        let manager = try await Self.manager(office)
        _ = try await office.bookings.saveVehicle(Self.van, by: manager)
        func input(_ start: String, _ end: String) -> ShiftInput {
            ShiftInput(date: T.date, crewSize: 1, start: start, end: end, breakEarliest: "11:00", breakLatest: "13:00", breakMinutes: 30,
                       crewUserIDs: [office.crew.a.principal.actorID], vehicleID: "wv-21")
        }
        let shift = try await office.bookings.addShift(input("07:00", "17:00"), by: office.planner)
        let busy = await T.issues { _ = try await office.bookings.addShift(input("16:00", "20:00"), by: office.planner) }
        #expect(busy.map(\.code) == ["shift.vehicleBusy"] && busy[0].message.hasPrefix("Wheelchair van 21 already has a shift from 07:00 to 17:00"), "\(busy)")
        #expect(await T.conflict { _ = try await office.bookings.splitShift(id: shift.id, by: office.planner) } == "shift.noPeriodWithin")
        _ = try await office.bookings.takeOffRoad(vehicleID: "wv-21", .init(from: Self.at(T.date, "12:00"), to: Self.at(T.date, "14:00"), reason: "Tail-lift repair"), by: manager)
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.splitShift(id: shift.id, by: office.crew.a) }
        let (before, after) = try await office.bookings.splitShift(id: shift.id, by: office.planner)
        #expect("\(before.start)-\(before.end) \(after.start)-\(after.end)" == "07:00-12:00 14:00-17:00" && before.restBreak?.latest == LocalTime(iso: "12:00"))
        let date = LocalDate(iso: T.date)!
        let stored = try await office.harness.services.shared.environment.store.read { s in
            (try await s.vehicleShifts.shifts(on: date), try await s.vehicleShifts.crew(of: after.id))
        }
        #expect(stored.0 == [before, after] && stored.1 == [UserAccount.ID(office.crew.a.principal.actorID)])
        #expect(try await office.harness.services.transport.runSheets.mine(on: date, by: office.crew.a).map(\.shift.id) == [before.id, after.id])
        let board = try await office.plans.board(on: date, by: office.planner)
        #expect(board.offRoad.isEmpty && board.day.shifts.map { "\($0.start)-\($0.end)" } == ["07:00-12:00", "14:00-17:00"])
        #expect(try office.harness.count("audit_log", where: "action = 'transport.shift.split'") == 1)
        await #expect(throws: ServiceError.notFound(entity: "Vehicle shift", id: "shf_none")) { _ = try await office.bookings.splitShift(id: "shf_none", by: office.planner) }
    }
}
