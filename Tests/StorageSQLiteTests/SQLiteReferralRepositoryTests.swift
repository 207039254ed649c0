import Foundation
import GRDB
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import StorageSQLite

@Suite("SQLiteReferralRepository")
struct SQLiteReferralRepositoryTests {
    let day = LocalDate(year: 2026, month: 5, day: 4)!

    func store() async throws -> (SQLiteStore, TestHarness) {
        let harness = try TestHarness()
        let store = SQLiteStore(database: harness.database)
        let patient = try TestHarness.patientInput().validated(id: "pat_1", today: LocalDate(year: 2026, month: 11, day: 22)!)
        try await store.write { session in
            try await session.patients.insert(patient)
            try await session.organisation.insert(Specialty(id: "spc_1", code: "320", name: "Cardiology"))
        }
        return (store, harness)
    }

    @Test("every state round-trips: running, nullified and restarted, completed, removed")
    func roundTrip() async throws {
        let (store, harness) = try await store()  // the harness keeps the database file alive
        var running = Referral(id: "ref_a", patientID: "pat_1", specialtyID: "spc_1", referrer: "A81001", priority: .urgent, received: day)
        var restarted = Referral(id: "ref_b", patientID: "pat_1", specialtyID: "spc_1", referrer: "A81001", priority: .routine, received: day,
                                 consultantLed: false)
        try restarted.clock.nullify(on: day.adding(days: 20))
        try restarted.clock.restart(on: day.adding(days: 25))
        var completed = Referral(id: "ref_c", patientID: "pat_1", specialtyID: "spc_1", referrer: "A81001", priority: .p2, received: day)
        try completed.complete(on: day.adding(days: 50), reason: .firstDefinitiveTreatment)
        var removed = Referral(id: "ref_d", patientID: "pat_1", specialtyID: "spc_1", referrer: "A81001", priority: .cancerTwoWeekWait, received: day)
        try removed.clock.nullify(on: day.adding(days: 10))
        try removed.remove(reason: .dischargedAfterDNA, on: day.adding(days: 30))
        let all = [running, restarted, completed, removed]
        try await store.write { session in for r in all { try await session.referrals.insert(r) } }
        let read = try await store.read { session in try await session.referrals.referrals(patientID: "pat_1") }
        #expect(read == all)
        #expect(try await store.read { try await $0.referrals.open(specialtyID: "spc_1") }.map(\.id) == ["ref_a", "ref_b"])
        #expect(try await store.read { try await $0.referrals.open(specialtyID: nil) }.count == 2)
        #expect(try await store.read { try await $0.referrals.count() } == 4)
        running.priority = .cancerTwoWeekWait
        try running.remove(reason: .duplicate, on: day.adding(days: 3))
        let updated = running
        try await store.write { try await $0.referrals.update(updated) }
        #expect(try await store.read { try await $0.referrals.find(id: "ref_a") } == updated)
        #expect(try harness.count("referrals") == 4)
    }

    @Test("the schema refuses unknown patients and contradictory states on its own")
    func integrity() async throws {
        let (store, harness) = try await store()
        let stranger = Referral(id: "ref_x", patientID: "pat_nobody", specialtyID: "spc_1", referrer: "A81001", priority: .routine, received: day)
        await #expect(throws: StoreError.foreignKeyViolation) { try await store.write { try await $0.referrals.insert(stranger) } }
        try await store.write { session in
            try await session.referrals.insert(Referral(id: "ref_y", patientID: "pat_1", specialtyID: "spc_1", referrer: "A81001", priority: .routine,
                                                        received: day))
        }
        let contradictions = [
            "UPDATE referrals SET status = 'removed' WHERE id = 'ref_y'",  // removed without a reason
            "UPDATE referrals SET clock_status = 'stopped' WHERE id = 'ref_y'",  // stopped without an end or reason
            "UPDATE referrals SET priority = 'soon' WHERE id = 'ref_y'",
            "UPDATE referrals SET clock_start = '2026-01-01' WHERE id = 'ref_y'",  // before received
        ]
        for sql in contradictions {
            #expect(throws: DatabaseError.self, "\(sql)") { try harness.database.writer.write { try $0.execute(sql: sql) } }
        }
    }
}
