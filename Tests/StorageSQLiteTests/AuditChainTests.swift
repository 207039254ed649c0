import Foundation
import GRDB
import Synchronization
import Testing
import SchedulingServices
import SchedulingTestSupport
import StorageSQLite

@Suite("Audit chain in SQLite")
struct AuditChainTests {
    /// A harness with `count` audit entries.
    func harnessWithEntries(_ count: Int) async throws -> TestHarness {
        let harness = try TestHarness()
        for i in 0..<count {
            try await harness.services.shared.environment.store.write { session in
                try await AuditTrail.record(
                    .init(action: "test.event", entityType: "thing", entityID: "id-\(i)"),
                    by: TestHarness.system, at: harness.clock.now(), in: session)
            }
            harness.clock.advance(by: 1)
        }
        return harness
    }

    /// Plays an attacker with write access to the file: drops the append-only triggers first.
    func tamper(_ harness: TestHarness, _ sql: String) throws {
        try harness.database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
            try db.execute(sql: sql)
        }
    }

    func verify(_ harness: TestHarness) async throws -> AuditVerification {
        try await harness.services.shared.audit.verify(by: TestHarness.system)
    }

    @Test("concurrent audited writes in groups, some rolled back after appending, leave an intact chain whose stored head is its last entry")
    func groupedAppends() async throws {
        let file = TemporaryDatabase()
        let store = SQLiteStore(database: try AppDatabase.open(path: file.path))
        struct Refused: Error {}
        let caller = TestHarness.system
        // The first write holds the gate until every other write has set off, so that they
        // queue behind it and commit in groups even on a busy test machine.
        final class Started: Sendable { let count = Mutex(0) }
        let started = Started()
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<300 {
                group.addTask {
                    do {
                        started.count.withLock { $0 += 1 }
                        try await store.write { session in
                            if i == 0 {
                                while started.count.withLock({ $0 }) < 300 { try await Task.sleep(for: .milliseconds(1)) }
                                try await Task.sleep(for: .milliseconds(20))
                            }
                            try await AuditTrail.record(.init(action: "test.event", entityType: "thing", entityID: "id-\(i)"),
                                                        by: caller, at: Date(timeIntervalSince1970: 1_800_000_000), in: session)
                            if i % 5 == 2 { throw Refused() }  // after its entry was appended
                        }
                        return true
                    } catch is Refused { return false }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(store.commits < 300)
        let kept = outcomes.filter { $0 }.count
        #expect(kept == 240)
        let reopened = SQLiteStore(database: try AppDatabase.open(path: file.path))
        let verification = try await reopened.read { try await AuditTrail.verify(in: $0) }
        #expect(verification.isIntact && verification.entriesChecked == kept)
        let head = try #require(try await reopened.read { try await $0.audit.head() })
        let last = try #require(try await reopened.read { try await $0.audit.entries(after: Int64(kept - 1), limit: 10) }.last)
        #expect(head.sequence == Int64(kept) && head.sequence == last.sequence && head.hash == last.hash)
    }

    @Test("an untouched chain verifies")
    func intact() async throws {
        let harness = try await harnessWithEntries(5)
        let result = try await verify(harness)
        #expect(result.isIntact)
        #expect(result.entriesChecked == 5)
    }

    @Test("the log is append-only: UPDATE and DELETE are refused by the schema")
    func appendOnly() async throws {
        let harness = try await harnessWithEntries(2)
        try await harness.database.writer.write { db in
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE audit_log SET action = 'x' WHERE sequence = 1") }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "DELETE FROM audit_log WHERE sequence = 1") }
        }
        #expect(try await verify(harness).isIntact)
    }

    @Test("a modified entry is named")
    func modified() async throws {
        let harness = try await harnessWithEntries(5)
        try tamper(harness, "UPDATE audit_log SET entity_id = 'someone-else' WHERE sequence = 3")
        let broken = try #require(try await verify(harness).firstBroken)
        #expect(broken.sequence == 3)
        #expect(broken.problem == .modified)
    }

    @Test("a modified entry with a recomputed hash is caught by the next link")
    func modifiedAndRehashed() async throws {
        let harness = try await harnessWithEntries(5)
        try tamper(harness, "UPDATE audit_log SET hash = '\(String(repeating: "a", count: 64))' WHERE sequence = 2")
        let broken = try #require(try await verify(harness).firstBroken)
        #expect(broken.sequence == 2)
    }

    @Test("a deleted entry in the middle is named")
    func deletedMiddle() async throws {
        let harness = try await harnessWithEntries(5)
        try tamper(harness, "DELETE FROM audit_log WHERE sequence = 2")
        let broken = try #require(try await verify(harness).firstBroken)
        #expect(broken.sequence == 2)
        #expect(broken.problem == .missing)
    }

    @Test("deleting the newest entries is caught by the head record")
    func deletedTail() async throws {
        let harness = try await harnessWithEntries(5)
        try tamper(harness, "DELETE FROM audit_log WHERE sequence >= 4")
        let broken = try #require(try await verify(harness).firstBroken)
        #expect(broken.sequence == 4)
        #expect(broken.problem == .missing)
    }

    @Test("verification pages through long chains")
    func longChain() async throws {
        let harness = try await harnessWithEntries(30)
        let result = try await harness.services.shared.environment.store.read { try await AuditTrail.verify(in: $0, pageSize: 7) }
        #expect(result.isIntact && result.entriesChecked == 30)
    }
}
