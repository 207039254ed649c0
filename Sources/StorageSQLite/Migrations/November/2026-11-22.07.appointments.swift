extension Migration {
    /// `2026-11-22.07.appointments`.
    static let appointments = Migration(name: "2026-11-22.07.appointments", sql: """
        CREATE TABLE appointments (
            id TEXT PRIMARY KEY NOT NULL,
            referral_id TEXT NOT NULL REFERENCES referrals(id),
            patient_id TEXT NOT NULL REFERENCES patients(id),
            slot_id TEXT NOT NULL REFERENCES slots(id),
            status TEXT NOT NULL CHECK (status IN ('booked', 'attended', 'dna', 'cancelled-by-patient', 'cancelled-by-hospital')),
            channel TEXT NOT NULL CHECK (channel IN ('phone', 'letter', 'online', 'in-person', 'auto-allocation')),
            booked_by TEXT NOT NULL,
            booked_at_ms INTEGER NOT NULL,
            interpreter_language TEXT CHECK (interpreter_language IS NULL OR length(interpreter_language) BETWEEN 1 AND 60),
            needs_transport INTEGER NOT NULL CHECK (needs_transport IN (0, 1))
        );
        -- A slot is never double-booked: at most one appointment holds it.
        CREATE UNIQUE INDEX appointments_slot_held ON appointments(slot_id) WHERE status IN ('booked', 'attended', 'dna');
        CREATE INDEX appointments_referral ON appointments(referral_id);
        """)
}
