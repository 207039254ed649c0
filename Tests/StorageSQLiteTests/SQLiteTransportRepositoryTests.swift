import Foundation
import GRDB
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import StorageSQLite

@Suite("SQLite transport repositories")
struct SQLiteTransportRepositoryTests {
    static let date = LocalDate(iso: "2026-12-08")!
    static let home = Coordinates(latitude: 53.4450, longitude: -2.1950)
    static let hospital = Coordinates(latitude: 53.4627, longitude: -2.2251)

    static func journey(_ id: String, at time: String, _ direction: TransportJourney.Direction = .toAppointment) -> TransportJourney {
        TransportJourney(id: .init(id), patientID: "pat_1", date: date, direction: direction, time: LocalTime(iso: time)!, pickup: home,
                         destination: hospital, mobility: .wheelchair, escorts: 1)
    }

    @Test("journeys and shifts round-trip, come back by day in time order, and take their changes")
    func roundTrip() async throws {
        let harness = try TestHarness()
        let store = SQLiteStore(database: harness.database)
        let patient = try TestHarness.patientInput().validated(id: "pat_1", today: Self.date)
        var late = Self.journey("jny_b", at: "14:00", .home)
        late.contractID = "renal-dialysis"
        let early = Self.journey("jny_a", at: "09:30")
        var other = Self.journey("jny_c", at: "08:00")
        other.date = Self.date.adding(days: 1)
        let shift = VehicleShift(id: "shf_1", date: Self.date, vehicleName: "Ambulance 12", capacity: VehicleSpace(seats: 2, wheelchairSpaces: 1, stretchers: 1),
                                 crewSize: 2, base: Self.hospital, start: LocalTime(iso: "07:00")!, end: LocalTime(iso: "17:00")!,
                                 restBreak: .init(earliest: LocalTime(iso: "11:00")!, latest: LocalTime(iso: "13:00")!, minutes: 30))
        var plain = shift
        plain.id = "shf_0"
        plain.convertibleWheelchairSpaces = 1
        plain.vehicleID = "wheelchair-van-2"
        plain.restBreak = nil
        plain.start = LocalTime(iso: "06:30")!
        plain.overtimeMinutes = 90
        try await store.write { [other, plain, late] s in
            try await s.patients.insert(patient)
            for j in [late, early, other] { try await s.transportJourneys.insert(j) }
            try await s.vehicleShifts.insert(shift)
            try await s.vehicleShifts.insert(plain)
        }
        #expect(try await store.read { try await $0.transportJourneys.journeys(on: Self.date) } == [early, late])
        #expect(try await store.read { try await $0.vehicleShifts.shifts(on: Self.date) } == [plain, shift])
        var cancelled = early
        cancelled.status = .cancelled
        cancelled.escorts = 0
        try await store.write { [cancelled] s in try await s.transportJourneys.update(cancelled) }
        #expect(try await store.read { try await $0.transportJourneys.find(id: "jny_a") } == cancelled)
        #expect(try await store.read { try await $0.transportJourneys.find(id: "jny_none") } == nil)
        #expect(try await store.read { try await $0.transportJourneys.count(contractID: "renal-dialysis") } == 1)
        #expect(try await store.read { try await $0.transportJourneys.count(contractID: "main") } == 0)
    }

    @Test("the schema refuses a contract code the domain refuses")
    func contractCodes() async throws {
        let harness = try TestHarness()
        let store = SQLiteStore(database: harness.database)
        let patient = try TestHarness.patientInput().validated(id: "pat_1", today: Self.date)
        try await store.write { s in try await s.patients.insert(patient) }
        for (k, code) in ["Renal", "-renal", "renal dialysis", "", String(repeating: "a", count: 41)].enumerated() {
            var coded = Self.journey("jny_\(k)", at: "10:00")
            coded.contractID = code
            let journey = coded
            await #expect(throws: (any Error).self, "\(code)") { try await store.write { s in try await s.transportJourneys.insert(journey) } }
        }
        #expect(try await store.read { try await $0.transportJourneys.journeys(on: Self.date) }.isEmpty)
    }

    @Test("the schema refuses what the domain refuses: a crew of three, a shift ending before it starts, half a break, an unknown patient")
    func schemaRules() async throws {
        let harness = try TestHarness()
        let store = SQLiteStore(database: harness.database)
        let insert = """
            INSERT INTO vehicle_shifts (id, date, vehicle_name, seats, wheelchair_spaces, stretchers, crew_size, base_latitude, base_longitude,
                start_minute, end_minute, break_earliest_minute, break_latest_minute, break_minutes)
            """
        for values in ["('s1', '2026-12-08', 'Van', 4, 2, 0, 3, 53.4, -2.2, 420, 1020, NULL, NULL, NULL)",
                       "('s2', '2026-12-08', 'Van', 4, 2, 0, 1, 53.4, -2.2, 1020, 420, NULL, NULL, NULL)",
                       "('s3', '2026-12-08', 'Van', 4, 2, 0, 1, 53.4, -2.2, 420, 1020, 660, NULL, 30)"] {
            await #expect(throws: (any Error).self, "\(values)") {
                try await harness.database.writer.write { try $0.execute(sql: insert + " VALUES " + values) }
            }
        }
        // A vehicle code the domain refuses; one it allows.
        let withVehicle = insert.replacingOccurrences(of: "break_minutes)", with: "break_minutes, vehicle_id)")
        await #expect(throws: (any Error).self) {
            try await harness.database.writer.write {
                try $0.execute(sql: withVehicle + " VALUES ('s4', '2026-12-08', 'Van', 4, 2, 0, 1, 53.4, -2.2, 420, 1020, NULL, NULL, NULL, 'Van 4')")
            }
        }
        try await harness.database.writer.write {
            try $0.execute(sql: withVehicle + " VALUES ('s5', '2026-12-08', 'Van', 4, 2, 0, 1, 53.4, -2.2, 420, 1020, NULL, NULL, NULL, 'van-4')")
        }
        // Overtime beyond four hours, or past midnight.
        let withOvertime = insert.replacingOccurrences(of: "break_minutes)", with: "break_minutes, overtime_minutes)")
        for values in ["('s6', '2026-12-08', 'Van', 4, 2, 0, 1, 53.4, -2.2, 420, 1020, NULL, NULL, NULL, 241)",
                       "('s7', '2026-12-08', 'Van', 4, 2, 0, 1, 53.4, -2.2, 420, 1380, NULL, NULL, NULL, 60)"] {
            await #expect(throws: (any Error).self, "\(values)") {
                try await harness.database.writer.write { try $0.execute(sql: withOvertime + " VALUES " + values) }
            }
        }
        // No such patient: the foreign key refuses the journey, and nothing is stored.
        await #expect(throws: (any Error).self) {
            try await store.write { s in try await s.transportJourneys.insert(Self.journey("jny_x", at: "10:00")) }
        }
        #expect(try await store.read { try await $0.transportJourneys.journeys(on: Self.date) }.isEmpty)
    }
}
