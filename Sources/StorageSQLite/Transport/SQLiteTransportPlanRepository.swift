import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteTransportPlanRepository: TransportPlanRepository {
    let access: DatabaseAccess

    func committed(on date: LocalDate, cluster: String) async throws -> CommittedTransportPlan? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM transport_plans WHERE date = ? AND cluster_id = ?", arguments: [date.iso, cluster]).map(Self.plan)
        }
    }

    func committed(on date: LocalDate) async throws -> [CommittedTransportPlan] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM transport_plans WHERE date = ? ORDER BY cluster_id", arguments: [date.iso]).map(Self.plan)
        }
    }

    private static func plan(_ row: Row) throws -> CommittedTransportPlan {
        let text: String = row["plan"], date: String = row["date"], cluster: String = row["cluster_id"]
        let plan: TransportPlan
        do { plan = try JSONDecoder().decode(TransportPlan.self, from: Data(text.utf8)) } catch {
            throw StoreError.failure("transport plan \(date) \(cluster): unreadable plan")
        }
        let third: String = row["third_party"]
        let thirdParty = (try? JSONDecoder().decode([ThirdPartyBooking].self, from: Data(third.utf8))) ?? []
        return CommittedTransportPlan(plan: plan, version: row["version"], basis: row["basis"], jobID: .init(row["job_id"] as String),
                                      committedAt: Date(storedMilliseconds: row["committed_at"]), committedBy: row["committed_by"], thirdParty: thirdParty,
                                      clusterID: cluster)
    }

    func save(_ p: CommittedTransportPlan, replacing previous: Int?) async throws -> Bool {
        let text = String(decoding: try JSONEncoder().encode(p.plan), as: UTF8.self)
        let third = String(decoding: try JSONEncoder().encode(p.thirdParty), as: UTF8.self)
        return try await access.run { db in
            if let previous {
                try db.execute(
                    cached: """
                        UPDATE transport_plans SET version = ?, plan = ?, basis = ?, job_id = ?, committed_at = ?, committed_by = ?, third_party = ?
                        WHERE date = ? AND cluster_id = ? AND version = ?
                        """,
                    arguments: [p.version, text, p.basis, p.jobID.rawValue, p.committedAt.storedMilliseconds, p.committedBy, third, p.plan.date.iso, p.clusterID, previous])
            } else {
                try db.execute(
                    cached: """
                        INSERT INTO transport_plans (date, cluster_id, version, plan, basis, job_id, committed_at, committed_by, third_party)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (date, cluster_id) DO NOTHING
                        """,
                    arguments: [p.plan.date.iso, p.clusterID, p.version, text, p.basis, p.jobID.rawValue, p.committedAt.storedMilliseconds, p.committedBy, third])
            }
            return db.changesCount == 1
        }
    }
}
