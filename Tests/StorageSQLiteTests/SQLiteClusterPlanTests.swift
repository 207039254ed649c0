import Foundation
import GRDB
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import StorageSQLite

/// Committed journey plans are kept per day and cluster (migration `2026-12-05.06`).
@Suite("SQLite plans per cluster")
struct SQLiteClusterPlanTests {
    static let date = LocalDate(iso: "2026-12-08")!

    static func plan(_ cluster: String, version: Int = 1, job: String) -> CommittedTransportPlan {
        CommittedTransportPlan(plan: TransportPlan(date: date, runs: [], unplanned: []), version: version, basis: "b-\(cluster)", jobID: .init(job),
                               committedAt: Date(timeIntervalSince1970: 1_795_341_600), committedBy: "usr_1", clusterID: cluster)
    }

    @Test("a plan committed before clusters is the first cluster's after the migration")
    func migratesOldPlans() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "2026-12-05.05.shift-vehicles")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO transport_plans (date, version, plan, basis, job_id, committed_at, committed_by, third_party)
                VALUES ('2026-12-08', 3, '{}', 'basis', 'job_1', 0, 'usr_1', '[]')
                """)
        }
        try AppDatabase.migrator.migrate(queue)
        let row = try #require(try queue.read { db in try Row.fetchOne(db, sql: "SELECT cluster_id, version, job_id FROM transport_plans") })
        let (cluster, version, job): (String, Int, String) = (row["cluster_id"], row["version"], row["job_id"])
        #expect(cluster == "main" && version == 3 && job == "job_1")
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO transport_plans (date, cluster_id, version, plan, basis, job_id, committed_at, committed_by) VALUES ('2026-12-08', 'North Side', 1, '{}', 'b', 'j', 0, 'u')")
            }
        }
    }

    @Test("each cluster's day keeps its own versions; the day's plans come back by cluster")
    func perCluster() async throws {
        let harness = try TestHarness()
        let store = SQLiteStore(database: harness.database)
        #expect(try await store.write { s in try await s.transportPlans.save(Self.plan("main", job: "job_a"), replacing: nil) })
        #expect(try await store.write { s in try await s.transportPlans.save(Self.plan("renal", job: "job_b"), replacing: nil) })
        #expect(try await !store.write { s in try await s.transportPlans.save(Self.plan("renal", job: "job_c"), replacing: nil) }, "a second first commit")
        #expect(try await store.write { s in try await s.transportPlans.save(Self.plan("renal", version: 2, job: "job_d"), replacing: 1) })
        #expect(try await store.read { try await $0.transportPlans.committed(on: Self.date, cluster: "main") } == Self.plan("main", job: "job_a"))
        #expect(try await store.read { try await $0.transportPlans.committed(on: Self.date) }.map { "\($0.clusterID) \($0.version)" } == ["main 1", "renal 2"])
        #expect(try await store.read { try await $0.transportPlans.committed(on: Self.date.adding(days: 1)) }.isEmpty)
    }
}
