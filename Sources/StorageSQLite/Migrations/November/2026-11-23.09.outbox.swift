extension Migration {
    /// `2026-11-23.09.outbox`.
    static let outbox = Migration(name: "2026-11-23.09.outbox", sql: """
        CREATE TABLE outbox_messages (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation', 'change', 'dna-rebook', 'discharge', 'removal')),
            channel TEXT NOT NULL CHECK (channel IN ('letter', 'sms', 'email', 'phone')),
            recipient TEXT NOT NULL CHECK (recipient IN ('patient', 'referrer')),
            patient_id TEXT NOT NULL REFERENCES patients(id),
            referral_id TEXT REFERENCES referrals(id),
            appointment_id TEXT REFERENCES appointments(id),
            due_at_ms INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
            attempts INTEGER NOT NULL CHECK (attempts >= 0),
            last_error TEXT,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            sent_at_ms INTEGER,
            CHECK ((status = 'sent') = (sent_at_ms IS NOT NULL))
        );
        CREATE INDEX outbox_due ON outbox_messages(status, due_at_ms);
        CREATE INDEX outbox_appointment ON outbox_messages(appointment_id);
        CREATE INDEX outbox_patient ON outbox_messages(patient_id, created_at_ms);
        """)
}
