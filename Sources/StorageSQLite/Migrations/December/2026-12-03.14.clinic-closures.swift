extension Migration {
    /// `2026-12-03.14.clinic-closures`: the days the trust closes its outpatient clinics, besides
    /// bank holidays (which are data in the code, not rows).
    static let clinicClosures = Migration(name: "2026-12-03.14.clinic-closures", sql: """
        CREATE TABLE clinic_closures (
            date TEXT PRIMARY KEY NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            created_by TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL
        );
        """)
}
