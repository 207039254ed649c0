import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteTransportPlanRepository: TransportPlanRepository {
    let access: DatabaseAccess

    func committed(on date: LocalDate) async throws -> CommittedTransportPlan? {
        try await access.run { db in
            guard let row = try Row.fetchOne(db, cached: "SELECT * FROM transport_plans WHERE date = ?", arguments: [date.iso]) else { return nil }
            let text: String = row["plan"]
            let plan: TransportPlan
            do { plan = try JSONDecoder().decode(TransportPlan.self, from: Data(text.utf8)) } catch {
                throw StoreError.failure("transport plan \(date.iso): unreadable plan")
            }
            let third: String = row["third_party"]
            let thirdParty = (try? JSONDecoder().decode([ThirdPartyBooking].self, from: Data(third.utf8))) ?? []
            return CommittedTransportPlan(plan: plan, version: row["version"], basis: row["basis"], jobID: .init(row["job_id"] as String),
                                          committedAt: Date(storedMilliseconds: row["committed_at"]), committedBy: row["committed_by"], thirdParty: thirdParty)
        }
    }

    func save(_ p: CommittedTransportPlan, replacing previous: Int?) async throws -> Bool {
        let text = String(decoding: try JSONEncoder().encode(p.plan), as: UTF8.self)
        let third = String(decoding: try JSONEncoder().encode(p.thirdParty), as: UTF8.self)
        return try await access.run { db in
            if let previous {
                try db.execute(
                    cached: """
                        UPDATE transport_plans SET version = ?, plan = ?, basis = ?, job_id = ?, committed_at = ?, committed_by = ?, third_party = ?
                        WHERE date = ? AND version = ?
                        """,
                    arguments: [p.version, text, p.basis, p.jobID.rawValue, p.committedAt.storedMilliseconds, p.committedBy, third, p.plan.date.iso, previous])
            } else {
                try db.execute(
                    cached: """
                        INSERT INTO transport_plans (date, version, plan, basis, job_id, committed_at, committed_by, third_party) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (date) DO NOTHING
                        """,
                    arguments: [p.plan.date.iso, p.version, text, p.basis, p.jobID.rawValue, p.committedAt.storedMilliseconds, p.committedBy, third])
            }
            return db.changesCount == 1
        }
    }
}
