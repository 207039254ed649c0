extension Migration {
    /// `2026-11-22.05.referrals`.
    static let referrals = Migration(name: "2026-11-22.05.referrals", sql: """
        CREATE TABLE referrals (
            id TEXT PRIMARY KEY NOT NULL,
            patient_id TEXT NOT NULL REFERENCES patients(id),
            specialty_id TEXT NOT NULL REFERENCES specialties(id),
            referrer TEXT NOT NULL CHECK (length(referrer) BETWEEN 1 AND 100),
            priority TEXT NOT NULL CHECK (priority IN ('p1a', 'p1b', 'cancer-2ww', 'urgent', 'p2', 'p3', 'routine', 'p4')),
            received TEXT NOT NULL CHECK (received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            consultant_led INTEGER NOT NULL CHECK (consultant_led IN (0, 1)),
            clock_start TEXT NOT NULL CHECK (clock_start >= received),
            clock_status TEXT NOT NULL CHECK (clock_status IN ('running', 'stopped', 'nullified')),
            clock_ended_on TEXT CHECK (clock_ended_on IS NULL OR clock_ended_on >= clock_start),
            clock_stop_reason TEXT,
            clock_restarts INTEGER NOT NULL DEFAULT 0 CHECK (clock_restarts >= 0),
            status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'removed')),
            removal_reason TEXT,
            removal_date TEXT,
            CHECK ((clock_status = 'running') = (clock_ended_on IS NULL)),
            CHECK ((clock_status = 'stopped') = (clock_stop_reason IS NOT NULL)),
            CHECK ((status = 'removed') = (removal_reason IS NOT NULL AND removal_date IS NOT NULL)),
            CHECK (status = 'open' OR clock_status <> 'running')
        );
        CREATE INDEX referrals_open ON referrals(status, specialty_id);
        CREATE INDEX referrals_patient ON referrals(patient_id);
        """)
}
