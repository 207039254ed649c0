extension Migration {
    /// `2026-12-04.06.third-party`: journeys a committed plan gives to third-party providers
    /// (PT-05), and the transport manager's authorisation of each proposed one, per plan job.
    static let thirdParty = Migration(name: "2026-12-04.06.third-party", sql: """
        ALTER TABLE transport_plans ADD COLUMN third_party TEXT NOT NULL DEFAULT '[]';
        CREATE TABLE transport_authorisations (
            job_id TEXT NOT NULL,
            journey_id TEXT NOT NULL REFERENCES transport_journeys(id),
            provider TEXT NOT NULL,
            price_pence INTEGER NOT NULL CHECK (price_pence >= 0),
            authorised_by TEXT NOT NULL,
            authorised_at INTEGER NOT NULL,
            PRIMARY KEY (job_id, journey_id)
        );
        """)
}
