extension Migration {
    /// `2026-12-05.08.push-subscriptions`: crew members' browsers that take run-sheet alerts
    /// (Web Push): the push service's endpoint and the browser's keys, and what the crew member
    /// was last told (the fingerprint of their run sheets for a day). A user's removal takes
    /// their subscriptions with it.
    static let pushSubscriptions = Migration(name: "2026-12-05.08.push-subscriptions", sql: """
        CREATE TABLE push_subscriptions (
            id TEXT PRIMARY KEY NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            endpoint TEXT NOT NULL UNIQUE CHECK (length(endpoint) BETWEEN 10 AND 2000 AND (endpoint LIKE 'https://%' OR endpoint LIKE 'http://%')),
            receiver_key TEXT NOT NULL CHECK (length(receiver_key) = 87),
            auth_secret TEXT NOT NULL CHECK (length(auth_secret) = 22),
            created_at INTEGER NOT NULL,
            last_stamp TEXT,
            stamp_date TEXT CHECK (stamp_date IS NULL OR length(stamp_date) = 10),
            last_sent_at INTEGER
        );
        CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, created_at);
        """)
}
