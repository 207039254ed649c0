import Foundation
import GRDB
import Testing
@testable import StorageSQLite

/// What a booking costs the one writer: the statements it runs build no temporary B-trees, the
/// indexes it moves are the ones it needs, and the migrations that made it so keep every row and
/// every rule.
@Suite("Write cost of the booking path")
struct WriteCostTests {
    /// The statements a booking, a cancellation and a sent message run against the hot tables.
    static let hotStatements = [
        """
        INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, interpreter_language,
            needs_transport, replaces_id, cancel_reason, cancelled_at_ms, cancelled_by, outcome_recorded_at_ms, reference, short_notice_agreed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        "UPDATE appointments SET status = ?, cancel_reason = ?, cancelled_at_ms = ?, cancelled_by = ?, outcome_recorded_at_ms = ? WHERE id = ?",
        """
        INSERT INTO outbox_messages (id, kind, channel, recipient, patient_id, referral_id, appointment_id, due_at_ms, status, attempts,
            last_error, subject, body, created_at_ms, sent_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        "UPDATE outbox_messages SET status = ?, attempts = ?, last_error = ?, subject = ?, body = ?, sent_at_ms = ? WHERE id = ?",
        "UPDATE slots SET status = ? WHERE id = ?",
        """
        UPDATE referrals SET patient_id = ?, specialty_id = ?, referrer = ?, priority = ?, received = ?, consultant_led = ?,
            clock_start = ?, clock_status = ?, clock_ended_on = ?, clock_stop_reason = ?, clock_restarts = ?, status = ?,
            removal_reason = ?, removal_date = ?, available_weekdays = ?, available_from = ?, ubrn = ? WHERE id = ?
        """,
        """
        INSERT INTO audit_log (sequence, at_ms, actor_id, actor_role, action, entity_type, entity_id, reason, detail, request_id,
            previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
    ]

    @Test("the statements of a booking build no temporary B-tree (a constant IN list of three or more values in a CHECK would)")
    func noEphemeralTables() throws {
        let database = try AppDatabase.inMemory()
        try database.writer.read { db in
            for sql in Self.hotStatements {
                let arguments = StatementArguments(Array(repeating: DatabaseValue.null, count: sql.filter { $0 == "?" }.count))
                let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + sql, arguments: arguments).map { $0["opcode"] as String }
                #expect(opcodes.contains("Halt"), "EXPLAIN lists the program: \(sql)")
                #expect(!opcodes.contains("OpenEphemeral"), "builds a temporary B-tree: \(sql)")
            }
        }
    }

    @Test("booking a slot moves no slot index, and the searches still use their indexes")
    func indexesAndPlans() throws {
        let database = try AppDatabase.inMemory()
        try database.writer.read { db in
            let slotIndexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'slots' AND sql IS NOT NULL")
            #expect(slotIndexes.allSatisfy { !(($0["sql"] as String?) ?? "").contains("status") }, "an index on the slot's status moves at every booking")
            let auditUnique = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pragma_index_list('audit_log') WHERE \"unique\" = 1")
            #expect(auditUnique == 0, "a unique index on a hash puts every entry on a random page")
            func plan(_ sql: String) throws -> String {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
            }
            #expect(try plan("SELECT * FROM appointments WHERE (status = 'booked' OR status = 'attended' OR status = 'dna') AND slot_id IN ('a', 'b')")
                .contains("appointments_slot_held"))
            #expect(try plan("SELECT * FROM slots WHERE date BETWEEN '2026-12-01' AND '2026-12-31' AND specialty_id = 's' AND status = 'free'")
                .contains("slots_specialty_date"))
        }
    }

    @Test("the write-cost migrations keep every row and every rule")
    func migrationsKeepRowsAndRules() throws {
        let queue = try DatabaseQueue()
        let migrator = AppDatabase.migrator
        try migrator.migrate(queue, upTo: "2026-12-03.21.patient-details")
        let hash = { (c: Character) in String(repeating: c, count: 64) }
        try queue.write { db in
            try db.execute(sql: AppDatabaseTests.oneOfEachParent)
            try db.execute(sql: """
                INSERT INTO referrals (id, patient_id, specialty_id, referrer, priority, received, consultant_led, clock_start, clock_status, status,
                    available_weekdays, ubrn)
                    VALUES ('ref_1', 'pat_1', 'spc_1', 'A81001', 'p2', '2026-10-01', 1, '2026-10-01', 'running', 'open', '1,3', '000000000042');
                INSERT INTO slots (id, clinician_id, specialty_id, location_id, date, start_minute, minutes, type, published, status)
                    VALUES ('slot_1', 'cln_1', 'spc_1', 'loc_1', '2026-12-01', 540, 20, 'new', 1, 'booked'),
                           ('slot_2', 'cln_1', 'spc_1', 'loc_1', '2026-12-01', 560, 20, 'urgent', 1, 'free');
                INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport, reference,
                    short_notice_agreed)
                    VALUES ('apt_1', 'ref_1', 'pat_1', 'slot_1', 'booked', 'online', 'usr_1', 1000, 1, 'AAAA-BBBB', 1);
                INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport,
                    replaces_id, cancel_reason, cancelled_at_ms, cancelled_by, reference)
                    VALUES ('apt_0', 'ref_1', 'pat_1', 'slot_2', 'cancelled-by-patient', 'phone', 'usr_1', 500, 0, 'apt_1', 'rescheduled', 900,
                        'usr_1', 'CCCC-DDDD');
                INSERT INTO outbox_messages (id, kind, channel, recipient, patient_id, referral_id, appointment_id, due_at_ms, status, attempts,
                    subject, body, created_at_ms, sent_at_ms)
                    VALUES ('msg_1', 'confirmation', 'sms', 'patient', 'pat_1', 'ref_1', 'apt_1', 1000, 'sent', 1, 's', 'b', 1000, 1100);
                INSERT INTO audit_log (sequence, at_ms, actor_id, action, entity_type, entity_id, previous_hash, hash)
                    VALUES (1, 1000, 'usr_1', 'appointment.book', 'appointment', 'apt_1', '\(hash("0"))', '\(hash("a"))'),
                           (2, 1001, 'usr_1', 'appointment.book', 'appointment', 'apt_0', '\(hash("a"))', '\(hash("b"))');
                """)
        }
        let before = try queue.read { db in try Self.dump(db) }
        try migrator.migrate(queue)
        try queue.write { db in
            #expect(try Self.dump(db) == before)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            // The rules are the rules they were.
            let refused = [
                "INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport) VALUES ('apt_2', 'ref_1', 'pat_1', 'slot_2', 'held', 'phone', 'u', 1, 0)",
                "INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport) VALUES ('apt_2', 'ref_1', 'pat_1', 'slot_2', 'booked', 'fax', 'u', 1, 0)",
                "INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport) VALUES ('apt_2', 'ref_1', 'pat_1', 'slot_1', 'booked', 'phone', 'u', 1, 0)",
                "INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport) VALUES ('apt_2', 'ref_9', 'pat_1', 'slot_2', 'booked', 'phone', 'u', 1, 0)",
                "UPDATE appointments SET cancel_reason = 'bored' WHERE id = 'apt_0'",
                "UPDATE outbox_messages SET kind = 'gossip' WHERE id = 'msg_1'",
                // A message to a site names the site and no patient; one to a patient names the patient.
                "UPDATE outbox_messages SET recipient = 'site' WHERE id = 'msg_1'",
                "UPDATE outbox_messages SET patient_id = NULL WHERE id = 'msg_1'",
                "UPDATE outbox_messages SET recipient = 'site', patient_id = NULL WHERE id = 'msg_1'",
                "UPDATE outbox_messages SET channel = 'pigeon' WHERE id = 'msg_1'",
                "UPDATE outbox_messages SET status = 'lost' WHERE id = 'msg_1'",
                "UPDATE slots SET status = 'held' WHERE id = 'slot_2'",
                "UPDATE slots SET type = 'walk-in' WHERE id = 'slot_2'",
                "UPDATE referrals SET priority = 'p9' WHERE id = 'ref_1'",
                "UPDATE referrals SET clock_status = 'paused' WHERE id = 'ref_1'",
                "UPDATE referrals SET status = 'lost' WHERE id = 'ref_1'",
                "UPDATE audit_log SET detail = 'x' WHERE sequence = 1",
                "DELETE FROM audit_log WHERE sequence = 1",
            ]
            for sql in refused {
                #expect(throws: DatabaseError.self, "accepted: \(sql)") { try db.execute(sql: sql) }
            }
            // And what they allowed they allow: a second booking of the free slot, every status in turn.
            try db.execute(sql: "INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, needs_transport) VALUES ('apt_2', 'ref_1', 'pat_1', 'slot_2', 'booked', 'auto-allocation', 'u', 1, 0)")
            for status in ["free", "cancelled", "booked"] { try db.execute(sql: "UPDATE slots SET status = ? WHERE id = 'slot_2'", arguments: [status]) }
            for kind in ["reminder", "cancellation", "change", "dna-rebook", "discharge", "removal"] {
                try db.execute(sql: "UPDATE outbox_messages SET kind = ? WHERE id = 'msg_1'", arguments: [kind])
            }
        }
    }

    /// Every row of the rebuilt tables, in a fixed order, as text.
    static func dump(_ db: Database) throws -> [String] {
        try ["appointments", "outbox_messages", "slots", "referrals", "audit_log"].flatMap { table in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1").map { row in
                // NULLs left out: a column added since (NULL in the old rows) leaves the row as it was.
                table + ": " + row.columnNames.sorted().filter { !(row[$0] as DatabaseValue).isNull }.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
            }
        }
    }
}
