extension Migration {
    /// `2026-11-22.01.accounts`.
    static let accounts = Migration(name: "2026-11-22.01.accounts", sql: """
        CREATE TABLE users (
            id TEXT PRIMARY KEY NOT NULL,
            username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
            display_name TEXT NOT NULL CHECK (length(display_name) > 0),
            role TEXT NOT NULL CHECK (role IN ('admin', 'booking-coordinator', 'team-leader', 'clinician',
                'transport-planner', 'transport-manager', 'crew', 'scheduler', 'care-manager', 'carer')),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            password_hash TEXT NOT NULL,
            password_change_required INTEGER NOT NULL CHECK (password_change_required IN (0, 1)),
            created_at_ms INTEGER NOT NULL
        );
        CREATE TABLE web_sessions (
            token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            expires_at_ms INTEGER NOT NULL CHECK (expires_at_ms > created_at_ms)
        );
        CREATE INDEX web_sessions_user ON web_sessions(user_id);
        CREATE INDEX web_sessions_expiry ON web_sessions(expires_at_ms);
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            created_at_ms INTEGER NOT NULL,
            revoked_at_ms INTEGER
        );
        CREATE INDEX api_tokens_user ON api_tokens(user_id);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        """)
}
