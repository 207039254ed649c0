extension Migration {
    /// `2026-12-03.22.lighter-writes`: two indexes that every booking paid for without need.
    ///
    /// - The audit log's hashes are no longer a unique index: each is a SHA-256 of its entry and
    ///   the previous hash, so they land on a random page of the index, which was a quarter of
    ///   the pages a group of bookings wrote. The chain is checked by recomputing it in sequence
    ///   order (`kairos audit verify`), which never looks a hash up.
    /// - Slots are searched by specialty and date (`slots_specialty_date`), no longer by status
    ///   as well: booking a slot changes its status, which moved its entry in the old index.
    ///   The status is checked on the rows the index finds.
    static let lighterWrites = Migration(name: "2026-12-03.22.lighter-writes", sql: """
        DROP INDEX slots_search;
        CREATE INDEX slots_specialty_date ON slots(specialty_id, date);
        CREATE TABLE audit_log_rebuilt (
            sequence INTEGER PRIMARY KEY NOT NULL CHECK (sequence > 0),
            at_ms INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            actor_role TEXT,
            action TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id TEXT,
            reason TEXT,
            detail TEXT,
            request_id TEXT,
            previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64)
        );
        INSERT INTO audit_log_rebuilt (sequence, at_ms, actor_id, actor_role, action, entity_type, entity_id, reason, detail, request_id,
            previous_hash, hash)
            SELECT sequence, at_ms, actor_id, actor_role, action, entity_type, entity_id, reason, detail, request_id, previous_hash, hash
            FROM audit_log;
        DROP TRIGGER audit_log_no_update;
        DROP TRIGGER audit_log_no_delete;
        DROP TABLE audit_log;
        ALTER TABLE audit_log_rebuilt RENAME TO audit_log;
        CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """)
}
