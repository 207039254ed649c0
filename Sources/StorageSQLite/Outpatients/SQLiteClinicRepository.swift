import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteClinicRepository: ClinicRepository {
    let access: DatabaseAccess

    static func template(from row: Row) throws -> ClinicTemplate {
        let id: String = row["id"]
        guard let from = LocalDate(iso: row["effective_from"]), let start = LocalTime(minuteOfDay: row["start_minute"]),
              let specs = try? JSONDecoder().decode([ClinicTemplate.SlotSpec].self, from: Data((row["slots"] as String).utf8))
        else { throw StoreError.failure("clinic template \(id): unreadable row") }
        return ClinicTemplate(
            id: .init(id), clinicianID: .init(row["clinician_id"] as String), specialtyID: .init(row["specialty_id"] as String),
            locationID: .init(row["location_id"] as String), weekday: row["weekday"], start: start, slots: specs, everyWeeks: row["every_weeks"],
            effectiveFrom: from, effectiveTo: (row["effective_to"] as String?).flatMap(LocalDate.init(iso:)))
    }

    static func slot(from row: Row) throws -> Slot {
        let id: String = row["id"]
        guard let date = LocalDate(iso: row["date"]), let start = LocalTime(minuteOfDay: row["start_minute"]),
              let type = SlotType(rawValue: row["type"]), let status = Slot.Status(rawValue: row["status"])
        else { throw StoreError.failure("slot \(id): unreadable row") }
        return Slot(id: .init(id), templateID: (row["template_id"] as String?).map { .init($0) }, clinicianID: .init(row["clinician_id"] as String),
                    specialtyID: .init(row["specialty_id"] as String), locationID: .init(row["location_id"] as String), date: date, start: start,
                    minutes: row["minutes"], type: type, published: row["published"], status: status)
    }

    func insert(_ template: ClinicTemplate) async throws {
        let specs = String(decoding: try JSONEncoder().encode(template.slots), as: UTF8.self)
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO clinic_templates (id, clinician_id, specialty_id, location_id, weekday, start_minute, slots, every_weeks,
                        effective_from, effective_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [template.id.rawValue, template.clinicianID.rawValue, template.specialtyID.rawValue, template.locationID.rawValue,
                            template.weekday, template.start.minuteOfDay, specs, template.everyWeeks, template.effectiveFrom.iso,
                            template.effectiveTo?.iso])
        }
    }

    func templates() async throws -> [ClinicTemplate] {
        try await access.run { db in try Row.fetchAll(db, cached: "SELECT * FROM clinic_templates ORDER BY id").map(Self.template(from:)) }
    }

    func template(id: ClinicTemplate.ID) async throws -> ClinicTemplate? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM clinic_templates WHERE id = ?", arguments: [id.rawValue]).map(Self.template(from:))
        }
    }

    func update(_ template: ClinicTemplate) async throws {
        let specs = String(decoding: try JSONEncoder().encode(template.slots), as: UTF8.self)
        try await access.run { db in
            try db.execute(cached: "UPDATE clinic_templates SET slots = ?, effective_to = ? WHERE id = ?",
                           arguments: [specs, template.effectiveTo?.iso, template.id.rawValue])
        }
    }

    func insertNew(_ slots: [Slot]) async throws -> Int {
        try await access.run { db in
            var added = 0
            let statement = try db.makeStatement(sql: """
                INSERT INTO slots (id, template_id, clinician_id, specialty_id, location_id, date, start_minute, minutes, type, published, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                """)
            for s in slots {
                try statement.execute(arguments: [s.id.rawValue, s.templateID?.rawValue, s.clinicianID.rawValue, s.specialtyID.rawValue,
                                                  s.locationID.rawValue, s.date.iso, s.start.minuteOfDay, s.minutes, s.type.rawValue, s.published,
                                                  s.status.rawValue])
                added += db.changesCount
            }
            return added
        }
    }

    func slot(id: Slot.ID) async throws -> Slot? {
        try await access.run { db in try db.fetchOne(cached: "SELECT * FROM slots WHERE id = ?", arguments: [id.rawValue], Self.slot(from:)) }
    }

    func setStatus(_ status: Slot.Status, slotID: Slot.ID) async throws {
        try await access.run { db in
            try db.execute(cached: "UPDATE slots SET status = ? WHERE id = ?", arguments: [status.rawValue, slotID.rawValue])
            if db.changesCount == 0 { throw StoreError.failure("slot \(slotID) does not exist") }
        }
    }

    func slots(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?, status: Slot.Status?) async throws -> [Slot] {
        try await access.run { db in
            var sql = "SELECT * FROM slots WHERE date BETWEEN ? AND ?"
            var arguments: StatementArguments = [first.iso, last.iso]
            if let specialtyID { sql += " AND specialty_id = ?"; arguments += [specialtyID.rawValue] }
            if let status { sql += " AND status = ?"; arguments += [status.rawValue] }
            sql += " ORDER BY date, start_minute, clinician_id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.slot(from:))
        }
    }
}
