extension Migration {
    /// `2026-12-03.19.external-booking-role`: the external booking system's role (an e-RS API
    /// client). SQLite cannot change a CHECK, so the users table is rebuilt with the longer list;
    /// the migrator runs this with foreign keys off, so sessions and tokens keep their users.
    static let externalBookingRole = Migration(name: "2026-12-03.19.external-booking-role", sql: """
        CREATE TABLE users_new (
            id TEXT PRIMARY KEY NOT NULL,
            username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
            display_name TEXT NOT NULL CHECK (length(display_name) > 0),
            role TEXT NOT NULL CHECK (role IN ('admin', 'booking-coordinator', 'team-leader', 'clinician',
                'transport-planner', 'transport-manager', 'crew', 'scheduler', 'care-manager', 'carer', 'external-booking')),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            password_hash TEXT NOT NULL,
            password_change_required INTEGER NOT NULL CHECK (password_change_required IN (0, 1)),
            created_at_ms INTEGER NOT NULL
        );
        INSERT INTO users_new (id, username, display_name, role, active, password_hash, password_change_required, created_at_ms)
            SELECT id, username, display_name, role, active, password_hash, password_change_required, created_at_ms FROM users;
        DROP TABLE users;
        ALTER TABLE users_new RENAME TO users;
        """)
}
