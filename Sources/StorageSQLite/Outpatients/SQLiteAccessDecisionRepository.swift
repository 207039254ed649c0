import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteAccessDecisionRepository: AccessDecisionRepository {
    let access: DatabaseAccess

    static func decision(from row: Row) throws -> AccessDecision {
        let id: String = row["id"]
        guard let proposal = AccessDecision.Action(rawValue: row["proposal"]) else { throw StoreError.failure("access decision \(id): unreadable row") }
        var resolution: AccessDecision.Resolution?
        if let raw: String = row["resolved_action"] {
            guard let action = AccessDecision.Action(rawValue: raw), let by: String = row["resolved_by"], let at: Int64 = row["resolved_at_ms"],
                  let overridden: Bool = row["overridden"]
            else { throw StoreError.failure("access decision \(id): unreadable resolution") }
            resolution = .init(action: action, overridden: overridden, note: row["note"], by: by, at: Date(storedMilliseconds: at))
        }
        return AccessDecision(id: .init(id), referralID: .init(row["referral_id"] as String), appointmentID: .init(row["appointment_id"] as String),
                              dnaCount: row["dna_count"], proposal: proposal, clockNullified: row["clock_nullified"],
                              createdAt: Date(storedMilliseconds: row["created_at_ms"]), resolution: resolution)
    }

    func insert(_ d: AccessDecision) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO access_decisions (id, referral_id, appointment_id, dna_count, proposal, clock_nullified, created_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [d.id.rawValue, d.referralID.rawValue, d.appointmentID.rawValue, d.dnaCount, d.proposal.rawValue, d.clockNullified,
                            d.createdAt.storedMilliseconds])
        }
        if d.resolution != nil { try await update(d) }
    }

    func update(_ d: AccessDecision) async throws {
        try await access.run { db in
            try db.execute(
                cached: "UPDATE access_decisions SET resolved_action = ?, overridden = ?, note = ?, resolved_by = ?, resolved_at_ms = ? WHERE id = ?",
                arguments: [d.resolution?.action.rawValue, d.resolution?.overridden, d.resolution?.note, d.resolution?.by,
                            d.resolution?.at.storedMilliseconds, d.id.rawValue])
        }
    }

    func find(id: AccessDecision.ID) async throws -> AccessDecision? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM access_decisions WHERE id = ?", arguments: [id.rawValue]).map(Self.decision(from:))
        }
    }

    func pending() async throws -> [AccessDecision] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM access_decisions WHERE resolved_action IS NULL ORDER BY created_at_ms, id")
                .map(Self.decision(from:))
        }
    }

    func decisions(referralID: Referral.ID) async throws -> [AccessDecision] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM access_decisions WHERE referral_id = ? ORDER BY created_at_ms, id", arguments: [referralID.rawValue])
                .map(Self.decision(from:))
        }
    }
}
