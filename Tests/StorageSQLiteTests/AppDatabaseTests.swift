import Foundation
import GRDB
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import StorageSQLite

@Suite("AppDatabase and migrations")
struct AppDatabaseTests {
    @Test("a fresh database file gets every migration, WAL mode and foreign keys")
    func freshDatabase() throws {
        let file = TemporaryDatabase()
        let database = try AppDatabase.open(path: file.path)
        #expect(try database.appliedMigrations() == Migrations.all.map(\.name))
        #expect(try database.journalMode() == "wal")
        #expect(try database.foreignKeysEnabled())
        let tables = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == ["api_tokens", "appointments", "audit_head", "audit_log", "clinic_locations", "clinic_templates", "clinicians", "organisation",
                           "patients", "referrals", "settings", "slots", "specialties", "users", "web_sessions"])
    }

    @Test("opening again applies nothing new and keeps the data")
    func reopen() async throws {
        let file = TemporaryDatabase()
        do {
            let store = SQLiteStore(database: try AppDatabase.open(path: file.path))
            try await store.write { try await $0.settings.set("1", for: "k") }
        }
        let again = try AppDatabase.open(path: file.path)
        #expect(try again.appliedMigrations().count == Migrations.all.count)
        #expect(try await SQLiteStore(database: again).read { try await $0.settings.value(for: "k") } == "1")
    }

    @Test("migration names are unique and never empty")
    func migrationNames() {
        let names = Migrations.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { !$0.isEmpty })
    }

    @Test("the schema enforces NOT NULL, CHECK and FOREIGN KEY on its own")
    func schemaIntegrity() throws {
        let database = try AppDatabase.inMemory()
        try database.writer.write { db in
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO users (id, username, display_name, role, password_hash, password_change_required, created_at_ms) VALUES ('u', 'abc', 'A', 'wizard', 'h', 0, 0)")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO clinicians (id, name, grade, specialty_id) VALUES ('c', 'n', 'g', 'missing')")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO patients (id, nhs_number, given_name, family_name, birth_date, sex, address_lines, town, postcode) VALUES ('p', '999', 'a', 'b', '1970-01-01', 'female', '[]', 't', 'p')")
            }
        }
    }
}

@Suite("SQLiteStore transactions")
struct SQLiteStoreTests {
    @Test("a write that throws leaves nothing behind")
    func rollback() async throws {
        let harness = try TestHarness()
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await harness.services.environment.store.write { session in
                try await session.settings.set("x", for: "first")
                try await session.organisation.setOrganisation(Organisation(code: "X", name: "X"))
                throw Boom()
            }
        }
        #expect(try harness.count("settings") == 0)
        #expect(try harness.count("organisation") == 0)
        // The store is usable afterwards.
        try await harness.services.environment.store.write { try await $0.settings.set("y", for: "second") }
        #expect(try harness.count("settings") == 1)
    }

    @Test("uniqueness violations are reported as StoreError with the constraint's name")
    func uniqueViolation() async throws {
        let harness = try TestHarness()
        let store = harness.services.environment.store
        try await store.write { try await $0.organisation.insert(Specialty(id: "s1", code: "101", name: "Urology")) }
        await #expect(throws: StoreError.uniqueViolation(constraint: "specialties.code")) {
            try await store.write { try await $0.organisation.insert(Specialty(id: "s2", code: "101", name: "Again")) }
        }
        await #expect(throws: StoreError.foreignKeyViolation) {
            try await store.write { try await $0.organisation.insert(Clinician(id: "c", name: "n", grade: "g", specialtyID: "nope")) }
        }
    }

    @Test("concurrent writers are serialised and all commit", arguments: [false, true])
    func concurrentWrites(inMemory: Bool) async throws {
        let harness = try TestHarness(inMemory: inMemory)
        let store = harness.services.environment.store
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<50 {
                group.addTask {
                    try await store.write { session in
                        let current = Int(try await session.settings.value(for: "counter") ?? "0")!
                        try await session.settings.set(String(current + 1), for: "counter")
                        try await session.settings.set("v", for: "key-\(i)")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.read { try await $0.settings.value(for: "counter") } == "50")
        #expect(try harness.count("settings") == 51)
    }

    @Test("repositories round-trip their records")
    func roundTrip() async throws {
        let harness = try TestHarness()
        let store = harness.services.environment.store
        let demo = DemoOrganisation(seed: 7, patientCount: 3)
        try await store.write { session in
            try await session.organisation.setOrganisation(demo.organisation)
            for s in demo.specialties { try await session.organisation.insert(s) }
            for l in demo.locations { try await session.organisation.insert(l) }
            for c in demo.clinicians { try await session.organisation.insert(c) }
            for p in demo.patients { try await session.patients.insert(p) }
        }
        let organisation = try await store.read { try await $0.organisation.organisation() }
        let specialties = try await store.read { try await $0.organisation.specialties() }
        let locations = try await store.read { try await $0.organisation.locations() }
        let clinicians = try await store.read { try await $0.organisation.clinicians() }
        #expect(organisation == demo.organisation)
        #expect(specialties == demo.specialties.sorted { $0.code < $1.code })
        #expect(Set(locations) == Set(demo.locations))
        #expect(Set(clinicians) == Set(demo.clinicians))
        for patient in demo.patients {
            let byID = try await store.read { try await $0.patients.find(id: patient.id) }
            let byNHS = try await store.read { try await $0.patients.find(nhsNumber: patient.nhsNumber) }
            #expect(byID == patient)
            #expect(byNHS == patient)
        }
    }
}
