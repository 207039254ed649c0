extension Migration {
    /// `2026-12-04.04.journey-progress`: what the crew recorded on the day (PT-07): when they
    /// arrived at the pickup, picked the patient up and delivered them, and the incident note of
    /// an aborted journey (never logged).
    static let journeyProgress = Migration(name: "2026-12-04.04.journey-progress", sql: """
        ALTER TABLE transport_journeys ADD COLUMN arrived_minute INTEGER CHECK (arrived_minute BETWEEN 0 AND 1439);
        ALTER TABLE transport_journeys ADD COLUMN picked_up_minute INTEGER CHECK (picked_up_minute BETWEEN 0 AND 1439);
        ALTER TABLE transport_journeys ADD COLUMN delivered_minute INTEGER CHECK (delivered_minute BETWEEN 0 AND 1439);
        ALTER TABLE transport_journeys ADD COLUMN incident TEXT CHECK (incident IS NULL OR length(incident) BETWEEN 1 AND 500);
        """)
}
