extension Migration {
    /// `2026-11-22.02.audit`.
    static let audit = Migration(name: "2026-11-22.02.audit", sql: """
        CREATE TABLE audit_log (
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
            hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
        );
        CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            sequence INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """)
}
