import Foundation
import GRDB
import SchedulingServices

struct SQLiteAuditRepository: AuditRepository {
    let access: DatabaseAccess

    static func entry(from row: Row) -> AuditEntry {
        AuditEntry(
            sequence: row["sequence"], at: Date(storedMilliseconds: row["at_ms"]), actorID: row["actor_id"],
            actorRole: row["actor_role"], action: row["action"], entityType: row["entity_type"], entityID: row["entity_id"],
            reason: row["reason"], detail: row["detail"], requestID: row["request_id"],
            previousHash: row["previous_hash"], hash: row["hash"])
    }

    /// Inside a group's write transaction the stored head is written once, before the group
    /// commits (``storeHeadSQL``), not at every entry.
    func append(_ entry: AuditEntry) async throws {
        try await access.run { [cache = access.cache] db in
            try db.execute(
                cached: """
                    INSERT INTO audit_log (sequence, at_ms, actor_id, actor_role, action, entity_type, entity_id, reason,
                        detail, request_id, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [entry.sequence, entry.at.storedMilliseconds, entry.actorID, entry.actorRole, entry.action,
                            entry.entityType, entry.entityID, entry.reason, entry.detail, entry.requestID,
                            entry.previousHash, entry.hash])
            if let cache {
                cache.appended(.init(sequence: entry.sequence, hash: entry.hash))
            } else {
                try db.execute(cached: Self.storeHeadSQL, arguments: [entry.sequence, entry.hash])
            }
        }
    }

    /// Moves the stored head (arguments: sequence, hash).
    static let storeHeadSQL = """
        INSERT INTO audit_head (id, sequence, hash) VALUES (1, ?, ?)
        ON CONFLICT(id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
        """

    func entries(after: Int64, limit: Int) async throws -> [AuditEntry] {
        try await access.run { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?", arguments: [after, limit]
            ).map(Self.entry(from:))
        }
    }

    func recent(limit: Int, offset: Int, entityType: String?, entityID: String?) async throws -> [AuditEntry] {
        try await access.run { db in
            var sql = "SELECT * FROM audit_log"
            var arguments: StatementArguments = []
            var conditions: [String] = []
            if let entityType {
                conditions.append("entity_type = ?")
                arguments += [entityType]
            }
            if let entityID {
                conditions.append("entity_id = ?")
                arguments += [entityID]
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY sequence DESC LIMIT ? OFFSET ?"
            arguments += [limit, offset]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.entry(from:))
        }
    }

    func head() async throws -> (sequence: Int64, hash: String)? {
        try await access.run { [cache = access.cache] db in
            try TransactionCache.auditHead(cache) {
                try Row.fetchOne(db, cached: "SELECT sequence, hash FROM audit_head WHERE id = 1").map { row in
                    TransactionCache.AuditHead(sequence: row[0], hash: row[1])
                }
            }.map { (sequence: $0.sequence, hash: $0.hash) }
        }
    }
}
