import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteVehicleShiftRepository: VehicleShiftRepository {
    let access: DatabaseAccess

    static func shift(from row: Row) throws -> VehicleShift {
        let id: String = row["id"]
        guard let date = LocalDate(iso: row["date"]), let start = LocalTime(minuteOfDay: row["start_minute"]),
              let end = LocalTime(minuteOfDay: row["end_minute"])
        else { throw StoreError.failure("vehicle shift \(id): unreadable row") }
        var rest: VehicleShift.RestBreak?
        if let earliest = (row["break_earliest_minute"] as Int?).flatMap(LocalTime.init(minuteOfDay:)),
           let latest = (row["break_latest_minute"] as Int?).flatMap(LocalTime.init(minuteOfDay:)), let minutes = row["break_minutes"] as Int?
        {
            rest = VehicleShift.RestBreak(earliest: earliest, latest: latest, minutes: minutes)
        }
        var shift = VehicleShift(
            id: .init(id), date: date, vehicleName: row["vehicle_name"],
            capacity: VehicleSpace(seats: row["seats"], wheelchairSpaces: row["wheelchair_spaces"], stretchers: row["stretchers"]),
            crewSize: row["crew_size"], base: Coordinates(latitude: row["base_latitude"], longitude: row["base_longitude"]),
            start: start, end: end, restBreak: rest)
        shift.bariatric = row["bariatric"]
        shift.convertibleWheelchairSpaces = row["convertible_wheelchair_spaces"]
        shift.baseName = row["base_name"]
        shift.vehicleID = row["vehicle_id"]
        shift.overtimeMinutes = row["overtime_minutes"]
        return shift
    }

    func insert(_ s: VehicleShift) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO vehicle_shifts (id, date, vehicle_name, seats, wheelchair_spaces, stretchers, crew_size, base_latitude, base_longitude,
                        start_minute, end_minute, break_earliest_minute, break_latest_minute, break_minutes, bariatric,
                        convertible_wheelchair_spaces, base_name, vehicle_id, overtime_minutes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [s.id.rawValue, s.date.iso, s.vehicleName, s.capacity.seats, s.capacity.wheelchairSpaces, s.capacity.stretchers, s.crewSize,
                            s.base.latitude, s.base.longitude, s.start.minuteOfDay, s.end.minuteOfDay, s.restBreak?.earliest.minuteOfDay,
                            s.restBreak?.latest.minuteOfDay, s.restBreak?.minutes, s.bariatric, s.convertibleWheelchairSpaces, s.baseName, s.vehicleID,
                            s.overtimeMinutes])
        }
    }

    func updateHours(_ s: VehicleShift) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    UPDATE vehicle_shifts SET start_minute = ?, end_minute = ?, break_earliest_minute = ?, break_latest_minute = ?, break_minutes = ?,
                        overtime_minutes = ?
                    WHERE id = ?
                    """,
                arguments: [s.start.minuteOfDay, s.end.minuteOfDay, s.restBreak?.earliest.minuteOfDay, s.restBreak?.latest.minuteOfDay, s.restBreak?.minutes,
                            s.overtimeMinutes, s.id.rawValue])
        }
    }

    func shifts(on date: LocalDate) async throws -> [VehicleShift] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM vehicle_shifts WHERE date = ? ORDER BY start_minute, id", arguments: [date.iso])
                .map(Self.shift(from:))
        }
    }

    func find(id: VehicleShift.ID) async throws -> VehicleShift? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM vehicle_shifts WHERE id = ?", arguments: [id.rawValue]).map(Self.shift(from:))
        }
    }

    func setCrew(_ members: [UserAccount.ID], of shift: VehicleShift.ID) async throws {
        try await access.run { db in
            try db.execute(cached: "DELETE FROM vehicle_shift_crew WHERE shift_id = ?", arguments: [shift.rawValue])
            for member in Set(members) {
                try db.execute(cached: "INSERT INTO vehicle_shift_crew (shift_id, user_id) VALUES (?, ?)", arguments: [shift.rawValue, member.rawValue])
            }
        }
    }

    func crew(of shift: VehicleShift.ID) async throws -> [UserAccount.ID] {
        try await access.run { db in
            try String.fetchAll(db, cached: "SELECT user_id FROM vehicle_shift_crew WHERE shift_id = ? ORDER BY user_id", arguments: [shift.rawValue])
                .map { UserAccount.ID($0) }
        }
    }

    func crews(on date: LocalDate) async throws -> [VehicleShift.ID: [UserAccount.ID]] {
        try await access.run { db in
            var crews: [VehicleShift.ID: [UserAccount.ID]] = [:]
            for row in try Row.fetchAll(db, cached: """
                SELECT c.shift_id, c.user_id FROM vehicle_shift_crew c JOIN vehicle_shifts s ON s.id = c.shift_id WHERE s.date = ? ORDER BY c.shift_id, c.user_id
                """, arguments: [date.iso])
            {
                crews[VehicleShift.ID(row["shift_id"] as String), default: []].append(UserAccount.ID(row["user_id"] as String))
            }
            return crews
        }
    }

    func shifts(crewMember: UserAccount.ID, on date: LocalDate) async throws -> [VehicleShift] {
        try await access.run { db in
            try Row.fetchAll(
                db, cached: """
                    SELECT s.* FROM vehicle_shifts s JOIN vehicle_shift_crew c ON c.shift_id = s.id
                    WHERE c.user_id = ? AND s.date = ? ORDER BY s.start_minute, s.id
                    """, arguments: [crewMember.rawValue, date.iso]).map(Self.shift(from:))
        }
    }
}
