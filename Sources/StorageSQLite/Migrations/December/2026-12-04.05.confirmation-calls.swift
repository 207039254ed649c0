extension Migration {
    /// `2026-12-04.05.confirmation-calls`: the day-before confirmation call (PT-06): how many times
    /// the transport office called the patient about a journey, and what the last call gave.
    static let confirmationCalls = Migration(name: "2026-12-04.05.confirmation-calls", sql: """
        ALTER TABLE transport_journeys ADD COLUMN call_attempts INTEGER NOT NULL DEFAULT 0 CHECK (call_attempts >= 0);
        ALTER TABLE transport_journeys ADD COLUMN last_call TEXT CHECK (last_call IN ('confirmed', 'declined', 'no-answer'));
        """)
}
