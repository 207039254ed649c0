import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteOrganisationRepository: OrganisationRepository {
    let access: DatabaseAccess

    func organisation() async throws -> Organisation? {
        let cache = access.cache
        return try await access.run { db in
            try TransactionCache.organisation(cache) {
                try Row.fetchOne(db, cached: "SELECT code, name FROM organisation WHERE id = 1").map {
                    Organisation(code: $0["code"], name: $0["name"])
                }
            }
        }
    }

    func setOrganisation(_ organisation: Organisation) async throws {
        access.cache?.clear()
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO organisation (id, code, name) VALUES (1, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name
                    """,
                arguments: [organisation.code, organisation.name])
        }
    }

    func insert(_ specialty: Specialty) async throws {
        access.cache?.clear()
        try await access.run { db in
            try db.execute(
                cached: "INSERT INTO specialties (id, code, name) VALUES (?, ?, ?)",
                arguments: [specialty.id.rawValue, specialty.code, specialty.name])
        }
    }

    func insert(_ location: ClinicLocation) async throws {
        access.cache?.clear()
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO clinic_locations (id, name, address_lines, town, postcode, latitude, longitude)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [location.id.rawValue, location.name] + AddressColumns.arguments(location.address))
        }
    }

    func insert(_ clinician: Clinician) async throws {
        access.cache?.clear()
        try await access.run { db in
            try db.execute(
                cached: "INSERT INTO clinicians (id, name, grade, specialty_id) VALUES (?, ?, ?, ?)",
                arguments: [clinician.id.rawValue, clinician.name, clinician.grade, clinician.specialtyID.rawValue])
        }
    }

    func specialties() async throws -> [Specialty] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM specialties ORDER BY code").map {
                Specialty(id: .init($0["id"] as String), code: $0["code"], name: $0["name"])
            }
        }
    }

    func locations() async throws -> [ClinicLocation] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM clinic_locations ORDER BY name").map {
                ClinicLocation(id: .init($0["id"] as String), name: $0["name"], address: AddressColumns.address(from: $0))
            }
        }
    }

    func specialty(id: Specialty.ID) async throws -> Specialty? {
        let cache = access.cache
        return try await access.run { db in
            try TransactionCache.value(cache, \.specialties, id) {
                try Row.fetchOne(db, cached: "SELECT * FROM specialties WHERE id = ?", arguments: [id.rawValue]).map {
                    Specialty(id: .init($0["id"] as String), code: $0["code"], name: $0["name"])
                }
            }
        }
    }

    func location(id: ClinicLocation.ID) async throws -> ClinicLocation? {
        let cache = access.cache
        return try await access.run { db in
            try TransactionCache.value(cache, \.locations, id) {
                try Row.fetchOne(db, cached: "SELECT * FROM clinic_locations WHERE id = ?", arguments: [id.rawValue]).map {
                    ClinicLocation(id: .init($0["id"] as String), name: $0["name"], address: AddressColumns.address(from: $0))
                }
            }
        }
    }

    func clinician(id: Clinician.ID) async throws -> Clinician? {
        let cache = access.cache
        return try await access.run { db in
            try TransactionCache.value(cache, \.clinicians, id) {
                try Row.fetchOne(db, cached: "SELECT * FROM clinicians WHERE id = ?", arguments: [id.rawValue]).map {
                    Clinician(id: .init($0["id"] as String), name: $0["name"], grade: $0["grade"], specialtyID: .init($0["specialty_id"] as String))
                }
            }
        }
    }

    func clinicians() async throws -> [Clinician] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM clinicians ORDER BY name, id").map {
                Clinician(
                    id: .init($0["id"] as String), name: $0["name"], grade: $0["grade"],
                    specialtyID: .init($0["specialty_id"] as String))
            }
        }
    }
}

struct SQLiteSettingsRepository: SettingsRepository {
    let access: DatabaseAccess

    func value(for key: String) async throws -> String? {
        let cache = access.cache
        return try await access.run { db in
            try TransactionCache.value(cache, \.settings, key) { try String.fetchOne(db, cached: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
        }
    }

    func set(_ value: String, for key: String) async throws {
        access.cache?.clear()
        try await access.run { db in
            try db.execute(
                cached: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, value])
        }
    }

    func remove(_ key: String) async throws {
        access.cache?.clear()
        try await access.run { db in try db.execute(cached: "DELETE FROM settings WHERE key = ?", arguments: [key]) }
    }
}
