extension Migration {
    /// `2026-12-04.03.transport-plans`: committed journey plans (one per day, with a version that
    /// every commit raises, so that two commits of one day cannot both land) and the crew members
    /// of each vehicle shift (a crew member reads only the run sheets of their own shifts).
    static let transportPlans = Migration(name: "2026-12-04.03.transport-plans", sql: """
        CREATE TABLE transport_plans (
            date TEXT PRIMARY KEY NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            plan TEXT NOT NULL,
            basis TEXT NOT NULL,
            job_id TEXT NOT NULL,
            committed_at INTEGER NOT NULL,
            committed_by TEXT NOT NULL
        );
        CREATE TABLE vehicle_shift_crew (
            shift_id TEXT NOT NULL REFERENCES vehicle_shifts(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(id),
            PRIMARY KEY (shift_id, user_id)
        );
        CREATE INDEX vehicle_shift_crew_user ON vehicle_shift_crew(user_id);
        """)
}
