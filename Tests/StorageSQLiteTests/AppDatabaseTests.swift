import Foundation
import GRDB
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Synchronization
@testable import StorageSQLite

@Suite("AppDatabase and migrations")
struct AppDatabaseTests {
    /// A specialty, a clinician, a clinic location and a patient, as the first migrations define
    /// them: the parents that migration tests hang referrals, slots and appointments on.
    static let oneOfEachParent = """
        INSERT INTO specialties (id, code, name) VALUES ('spc_1', '320', 'Cardiology');
        INSERT INTO clinicians (id, name, grade, specialty_id) VALUES ('cln_1', 'Dr One', 'Consultant', 'spc_1');
        INSERT INTO clinic_locations (id, name, address_lines, town, postcode) VALUES ('loc_1', 'A', '["1 Road"]', 'Leeds', 'LS1 3EX');
        INSERT INTO patients (id, nhs_number, given_name, family_name, birth_date, sex, address_lines, town, postcode)
            VALUES ('pat_1', '9990000018', 'A', 'B', '1970-01-01', 'female', '["1 Road"]', 'Leeds', 'LS1 3EX');
        """

    @Test("a fresh database file gets every migration, WAL mode and foreign keys")
    func freshDatabase() throws {
        let file = TemporaryDatabase()
        let database = try AppDatabase.open(path: file.path)
        #expect(try database.appliedMigrations() == Migrations.all.map(\.name))
        #expect(try database.journalMode() == "wal")
        #expect(try database.foreignKeysEnabled())
        // Savepoints' statement journals stay in memory (2 = MEMORY), not a temporary file a write.
        #expect(try database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") } == 2)
        let tables = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == ["access_decisions", "api_tokens", "appointments", "audit_head", "audit_log", "clinic_closures", "clinic_locations", "clinic_templates", "clinicians",
                           "journey_requests", "offer_records", "organisation", "outbox_messages", "pathway_notes", "patients", "push_subscriptions", "referrals", "settings", "slots", "solve_jobs", "specialties", "store_version",
                           "transport_authorisations", "transport_journeys", "transport_plans", "users", "vehicle_shift_crew", "vehicle_shifts", "web_sessions"])
    }

    @Test("the appointment-lifecycle migration keeps existing appointments and the one-holder-per-slot index")
    func appointmentLifecycleMigration() throws {
        let queue = try DatabaseQueue()
        let migrator = AppDatabase.migrator
        try migrator.migrate(queue, upTo: "2026-11-22.07.appointments")
        try queue.write { db in
            try db.execute(sql: AppDatabaseTests.oneOfEachParent)
            try db.execute(sql: """
                INSERT INTO referrals (id, patient_id, specialty_id, referrer, priority, received, consultant_led, clock_start, clock_status, status)
                    VALUES ('ref_1', 'pat_1', 'spc_1', 'A81001', 'routine', '2026-10-01', 1, '2026-10-01', 'running', 'open');
                INSERT INTO slots (id, clinician_id, specialty_id, location_id, date, start_minute, minutes, type, published, status)
                    VALUES ('slot_1', 'cln_1', 'spc_1', 'loc_1', '2026-12-01', 540, 20, 'new', 1, 'booked'),
                           ('slot_2', 'cln_1', 'spc_1', 'loc_1', '2026-12-01', 560, 20, 'new', 1, 'free');
                INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport)
                    VALUES ('apt_1', 'ref_1', 'pat_1', 'slot_1', 'booked', 'phone', 'usr_1', 1000, 0),
                           ('apt_0', 'ref_1', 'pat_1', 'slot_2', 'cancelled-by-patient', 'phone', 'usr_1', 500, 1);
                """)
        }
        try migrator.migrate(queue)
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, status, cancel_reason, cancelled_at_ms FROM appointments ORDER BY id")
            #expect(rows.map { $0["id"] as String } == ["apt_0", "apt_1"])
            #expect(rows[0]["cancel_reason"] as String? == "administrative" && rows[0]["cancelled_at_ms"] as Int64? == 500)
            #expect(rows[1]["cancel_reason"] as String? == nil)
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport)
                    VALUES ('apt_2', 'ref_1', 'pat_1', 'slot_1', 'booked', 'phone', 'usr_1', 2000, 0)
                    """)
            }
        }
    }

    @Test("the external-booking-role migration rebuilds users, keeping every user, session and token, and accepts the new role")
    func externalBookingRoleMigration() throws {
        let queue = try DatabaseQueue()
        let migrator = AppDatabase.migrator
        try migrator.migrate(queue, upTo: "2026-12-03.18.pathway-notes")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO users (id, username, display_name, role, active, password_hash, password_change_required, created_at_ms)
                    VALUES ('usr_1', 'booker', 'Bola Booker', 'booking-coordinator', 1, 'hash', 0, 1000);
                INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at_ms, expires_at_ms)
                    VALUES ('\(String(repeating: "a", count: 64))', 'usr_1', 'csrf', 1000, 2000);
                INSERT INTO api_tokens (id, user_id, name, token_hash, created_at_ms) VALUES ('tok_1', 'usr_1', 'script', '\(String(repeating: "b", count: 64))', 1000);
                """)
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO users (id, username, display_name, role, password_hash, password_change_required, created_at_ms) VALUES ('usr_2', 'ers', 'e-RS', 'external-booking', 'h', 0, 1)")
            }
        }
        try migrator.migrate(queue)
        try queue.write { db in
            #expect(try String.fetchOne(db, sql: "SELECT username FROM users WHERE id = 'usr_1'") == "booker")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM web_sessions") == 1 && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM api_tokens") == 1)
            try db.execute(sql: "INSERT INTO users (id, username, display_name, role, password_hash, password_change_required, created_at_ms) VALUES ('usr_2', 'ers', 'e-RS', 'external-booking', 'h', 0, 1)")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // Deleting a user still removes its sessions and tokens.
            try db.execute(sql: "DELETE FROM users WHERE id = 'usr_1'")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM web_sessions") == 0 && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM api_tokens") == 0)
        }
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
            try await harness.services.shared.environment.store.write { session in
                try await session.settings.set("x", for: "first")
                try await session.organisation.setOrganisation(Organisation(code: "X", name: "X"))
                throw Boom()
            }
        }
        #expect(try harness.count("settings") == 0)
        #expect(try harness.count("organisation") == 0)
        // The store is usable afterwards.
        try await harness.services.shared.environment.store.write { try await $0.settings.set("y", for: "second") }
        #expect(try harness.count("settings") == 1)
    }

    @Test("uniqueness violations are reported as StoreError with the constraint's name")
    func uniqueViolation() async throws {
        let harness = try TestHarness()
        let store = harness.services.shared.environment.store
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
        let store = harness.services.shared.environment.store
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

    @Test("concurrent writes commit in groups: each is acknowledged once its group is on disk; one that fails is rolled back alone")
    func groupCommit() async throws {
        let file = TemporaryDatabase()
        let store = SQLiteStore(database: try AppDatabase.open(path: file.path))
        struct Refused: Error {}
        // The first write holds the gate until every other write has set off for it, so that
        // they queue behind it even when the test machine runs other tests at the same time.
        final class Started: Sendable { let count = Mutex(0) }
        let started = Started()
        let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<200 {
                group.addTask {
                    do {
                        started.count.withLock { $0 += 1 }
                        try await store.write { session in
                            if i == 0 {
                                while started.count.withLock({ $0 }) < 200 { try await Task.sleep(for: .milliseconds(1)) }
                                try await Task.sleep(for: .milliseconds(20))
                            }
                            try await session.settings.set("v\(i)", for: "key-\(i)")
                            if i % 7 == 3 { throw Refused() }
                        }
                        return (i, true)
                    } catch is Refused { return (i, false) }
                }
            }
            return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        // Every acknowledged write is stored, every refused one is not, after reopening the file.
        let reopened = SQLiteStore(database: try AppDatabase.open(path: file.path))
        for (i, stored) in outcomes {
            let value = try await reopened.read { try await $0.settings.value(for: "key-\(i)") }
            #expect((value != nil) == stored, "write \(i)")
        }
        let refused = (0..<200).filter { $0 % 7 == 3 }.count
        let acknowledged = outcomes.values.filter { $0 }.count
        #expect(acknowledged == 200 - refused)
        #expect(store.commits < 200, "200 concurrent writes took \(store.commits) commits")
        print("group commit: 200 concurrent writes in \(store.commits) commits")
        // On the writer connection, which commits (a reader's setting says nothing about commits).
        let mode = try await store.database.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(mode == 2, "the writer commits with synchronous FULL")
    }

    @Test("repositories round-trip their records")
    func roundTrip() async throws {
        let harness = try TestHarness()
        let store = harness.services.shared.environment.store
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
            #expect(try await store.read { try await $0.patients.contact(id: patient.id) } == PatientContact(phone: patient.phone, email: patient.email))
        }
    }
    @Test("organisation records and settings read in a write are kept for its group, and forgotten on a change or a rollback")
    func transactionCache() async throws {
        let file = TemporaryDatabase()
        let store = SQLiteStore(database: try AppDatabase.open(path: file.path))
        struct Refused: Error {}
        try await store.write { session in
            #expect(try await session.organisation.specialty(id: "spc_x") == nil)
            try await session.organisation.insert(Specialty(id: "spc_x", code: "999", name: "Example"))
            #expect(try await session.organisation.specialty(id: "spc_x")?.name == "Example", "the insert clears what was kept")
            #expect(try await session.settings.value(for: "k") == nil)
            try await session.settings.set("v1", for: "k")
            #expect(try await session.settings.value(for: "k") == "v1")
        }
        do {
            try await store.write { session in
                try await session.organisation.insert(Clinician(id: "cln_x", name: "Dr X", grade: "Consultant", specialtyID: "spc_x"))
                let found = try await session.organisation.clinician(id: "cln_x")
                #expect(found != nil)
                throw Refused()
            }
            Issue.record("expected the write to be refused")
        } catch is Refused {}
        let after = try await store.write { session in try await session.organisation.clinician(id: "cln_x") }
        #expect(after == nil, "rolled back, and not kept")
    }
}
