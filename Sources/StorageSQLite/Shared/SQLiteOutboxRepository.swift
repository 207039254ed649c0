import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteOutboxRepository: OutboxRepository {
    let access: DatabaseAccess

    static func message(from row: Row) throws -> OutboxMessage {
        let id: String = row["id"]
        guard let kind = OutboxMessage.Kind(rawValue: row["kind"]), let channel = OutboxMessage.Channel(rawValue: row["channel"]),
              let recipient = OutboxMessage.Recipient(rawValue: row["recipient"]), let status = OutboxMessage.Status(rawValue: row["status"])
        else { throw StoreError.failure("outbox message \(id): unreadable row") }
        var m = OutboxMessage(
            id: .init(id), kind: kind, channel: channel, recipient: recipient, patientID: (row["patient_id"] as String?).map { .init($0) },
            referralID: (row["referral_id"] as String?).map { .init($0) }, appointmentID: (row["appointment_id"] as String?).map { .init($0) },
            dueAt: Date(storedMilliseconds: row["due_at_ms"]), subject: row["subject"], body: row["body"],
            createdAt: Date(storedMilliseconds: row["created_at_ms"]))
        m.siteID = (row["site_id"] as String?).map { .init($0) }
        m.address = row["address"]
        m.status = status
        m.attempts = row["attempts"]
        m.lastError = row["last_error"]
        m.sentAt = (row["sent_at_ms"] as Int64?).map(Date.init(storedMilliseconds:))
        return m
    }

    /// In one statement: the messages a booking queues cost one trip through SQLite, not one each.
    func insert(_ messages: [OutboxMessage]) async throws {
        guard !messages.isEmpty else { return }
        try await access.run { db in
            var values: [(any DatabaseValueConvertible)?] = []
            values.reserveCapacity(messages.count * Self.valuesPerRow)
            for m in messages {
                values += [m.id.rawValue, m.kind.rawValue, m.channel.rawValue, m.recipient.rawValue, m.patientID?.rawValue, m.siteID?.rawValue, m.referralID?.rawValue,
                              m.appointmentID?.rawValue, m.dueAt.storedMilliseconds, m.status.rawValue, m.attempts, m.lastError, m.subject, m.body,
                              m.createdAt.storedMilliseconds, m.sentAt?.storedMilliseconds, m.address]
            }
            // One statement text per number of rows (a handful), so each is prepared once.
            for start in stride(from: 0, to: messages.count, by: Self.rowsPerInsert) {
                let rows = min(Self.rowsPerInsert, messages.count - start)
                let marks = Array(repeating: "(" + Array(repeating: "?", count: Self.valuesPerRow).joined(separator: ", ") + ")", count: rows).joined(separator: ", ")
                try db.execute(
                    cached: """
                        INSERT INTO outbox_messages (id, kind, channel, recipient, patient_id, site_id, referral_id, appointment_id, due_at_ms, status, attempts,
                            last_error, subject, body, created_at_ms, sent_at_ms, address) VALUES \(marks)
                        """,
                    arguments: StatementArguments(values[(start * Self.valuesPerRow)..<((start + rows) * Self.valuesPerRow)]))
            }
        }
    }

    /// At most this many rows an insert statement (``valuesPerRow`` values each, far below SQLite's limit).
    static let rowsPerInsert = 16
    static let valuesPerRow = 17

    func update(_ m: OutboxMessage) async throws {
        try await access.run { db in
            try db.execute(cached: "UPDATE outbox_messages SET status = ?, attempts = ?, last_error = ?, sent_at_ms = ?, subject = ?, body = ? WHERE id = ?",
                           arguments: [m.status.rawValue, m.attempts, m.lastError, m.sentAt?.storedMilliseconds, m.subject, m.body, m.id.rawValue])
        }
    }

    func find(id: OutboxMessage.ID) async throws -> OutboxMessage? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM outbox_messages WHERE id = ?", arguments: [id.rawValue]).map(Self.message(from:))
        }
    }

    func due(by now: Date, limit: Int) async throws -> [OutboxMessage] {
        try await access.run { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT * FROM outbox_messages WHERE status = 'queued' AND channel <> 'phone' AND due_at_ms <= ?
                    ORDER BY due_at_ms, id LIMIT ?
                    """,
                arguments: [now.storedMilliseconds, limit]
            ).map(Self.message(from:))
        }
    }

    func messages(_ f: OutboxFilter, limit: Int, offset: Int) async throws -> [OutboxMessage] {
        try await access.run { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT * FROM outbox_messages
                    WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR channel = ?2) AND (?3 IS NULL OR kind = ?3)
                      AND (?4 IS NULL OR patient_id = ?4) AND (?5 IS NULL OR appointment_id = ?5)
                    ORDER BY created_at_ms DESC, id DESC LIMIT ?6 OFFSET ?7
                    """,
                arguments: [f.status?.rawValue, f.channel?.rawValue, f.kind?.rawValue, f.patientID?.rawValue, f.appointmentID?.rawValue, limit, offset]
            ).map(Self.message(from:))
        }
    }

    func counts() async throws -> [OutboxCount] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT status, channel, COUNT(*) AS n FROM outbox_messages GROUP BY status, channel ORDER BY status, channel")
                .compactMap { row in
                    guard let status = OutboxMessage.Status(rawValue: row["status"]), let channel = OutboxMessage.Channel(rawValue: row["channel"])
                    else { return nil }
                    return OutboxCount(status: status, channel: channel, count: row["n"])
                }
        }
    }

    func notified(_ appointmentIDs: [Appointment.ID]) async throws -> Set<Appointment.ID> {
        guard !appointmentIDs.isEmpty else { return [] }
        let found: [String] = try await access.run { db in
            var found: [String] = []
            // In chunks, to stay below SQLite's bound-parameter limit.
            for start in stride(from: 0, to: appointmentIDs.count, by: 500) {
                let chunk = appointmentIDs[start..<min(appointmentIDs.count, start + 500)].map(\.rawValue)
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                found += try String.fetchAll(
                    db, sql: """
                        SELECT DISTINCT appointment_id FROM outbox_messages
                        WHERE status = 'sent' AND kind IN ('confirmation', 'change') AND appointment_id IN (\(marks))
                        """,
                    arguments: StatementArguments(chunk))
            }
            return found
        }
        return Set(found.map { Appointment.ID($0) })
    }
}
