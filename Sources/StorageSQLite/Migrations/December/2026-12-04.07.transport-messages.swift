extension Migration {
    /// `2026-12-04.07.transport-messages`: the outbox takes `transport-pickup` messages (a re-plan
    /// moved a patient's pickup by more than 15 minutes, PT-04). SQLite cannot change a CHECK,
    /// so the table is rebuilt with the same columns, rules and indexes and the wider kind list.
    /// Journeys record whether they are extra-contractual (ECJ, charged at the contract's ECJ
    /// price), urgent or bariatric, the patient's NEPTS eligibility, and special-needs notes for the
    /// crew; vehicle shifts whether vehicle and crew take bariatric patients.
    static let transportMessages = Migration(name: "2026-12-04.07.transport-messages", sql: """
        CREATE TABLE outbox_messages_rebuilt (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (kind = 'confirmation' OR kind = 'reminder' OR kind = 'cancellation' OR kind = 'change'
                OR kind = 'dna-rebook' OR kind = 'discharge' OR kind = 'removal' OR kind = 'transport-pickup'),
            channel TEXT NOT NULL CHECK (channel = 'letter' OR channel = 'sms' OR channel = 'email' OR channel = 'phone'),
            recipient TEXT NOT NULL CHECK (recipient IN ('patient', 'referrer')),
            patient_id TEXT NOT NULL REFERENCES patients(id),
            referral_id TEXT REFERENCES referrals(id),
            appointment_id TEXT REFERENCES appointments(id),
            due_at_ms INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status = 'queued' OR status = 'sent' OR status = 'failed' OR status = 'cancelled'),
            attempts INTEGER NOT NULL CHECK (attempts >= 0),
            last_error TEXT,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            sent_at_ms INTEGER,
            CHECK ((status = 'sent') = (sent_at_ms IS NOT NULL))
        );
        INSERT INTO outbox_messages_rebuilt (id, kind, channel, recipient, patient_id, referral_id, appointment_id, due_at_ms, status, attempts,
            last_error, subject, body, created_at_ms, sent_at_ms)
            SELECT id, kind, channel, recipient, patient_id, referral_id, appointment_id, due_at_ms, status, attempts,
            last_error, subject, body, created_at_ms, sent_at_ms FROM outbox_messages;
        DROP TABLE outbox_messages;
        ALTER TABLE outbox_messages_rebuilt RENAME TO outbox_messages;
        CREATE INDEX outbox_due ON outbox_messages(status, due_at_ms);
        CREATE INDEX outbox_appointment ON outbox_messages(appointment_id);
        ALTER TABLE transport_journeys ADD COLUMN ecj INTEGER NOT NULL DEFAULT 0 CHECK (ecj IN (0, 1));
        ALTER TABLE transport_journeys ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
        ALTER TABLE transport_journeys ADD COLUMN bariatric INTEGER NOT NULL DEFAULT 0 CHECK (bariatric IN (0, 1));
        ALTER TABLE vehicle_shifts ADD COLUMN bariatric INTEGER NOT NULL DEFAULT 0 CHECK (bariatric IN (0, 1));
        ALTER TABLE transport_journeys ADD COLUMN eligibility TEXT CHECK (eligibility IS NULL OR eligibility = 'medical-need' OR eligibility = 'mobility-need'
            OR eligibility = 'frequent-treatment' OR eligibility = 'safety-or-wellbeing' OR eligibility = 'local-discretion');
        ALTER TABLE transport_journeys ADD COLUMN notes TEXT CHECK (notes IS NULL OR length(notes) BETWEEN 1 AND 500);
        """)
}
