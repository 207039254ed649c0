import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteClinicClosureRepository: ClinicClosureRepository {
    let access: DatabaseAccess

    func insert(_ closure: ClinicClosure) async throws {
        try await access.run { db in
            try db.execute(cached: "INSERT INTO clinic_closures (date, name, created_by, created_at_ms) VALUES (?, ?, ?, ?)",
                           arguments: [closure.date.iso, closure.name, closure.createdBy, closure.createdAt.storedMilliseconds])
        }
        access.cache?.clear()
    }

    func delete(date: LocalDate) async throws -> Bool {
        try await access.run { db in
            try db.execute(cached: "DELETE FROM clinic_closures WHERE date = ?", arguments: [date.iso])
            access.cache?.clear()
            return db.changesCount > 0
        }
    }

    static func closure(from row: Row) -> ClinicClosure? {
        guard let date = LocalDate(iso: row["date"]) else { return nil }
        return ClinicClosure(date: date, name: row["name"], createdBy: row["created_by"], createdAt: Date(storedMilliseconds: row["created_at_ms"]))
    }

    func all() async throws -> [ClinicClosure] {
        try await access.run { db in try Row.fetchAll(db, cached: "SELECT * FROM clinic_closures ORDER BY date").compactMap(Self.closure(from:)) }
    }

    /// Within a group's write transaction, kept for the rest of it (every booking asks about its day).
    func find(date: LocalDate) async throws -> ClinicClosure? {
        try await access.run { [cache = access.cache] db in
            try TransactionCache.value(cache, \.closures, date.iso) {
                try db.fetchOne(cached: "SELECT * FROM clinic_closures WHERE date = ?", arguments: [date.iso], Self.closure(from:)) ?? nil
            }
        }
    }
}
