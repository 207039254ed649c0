extension Migration {
    /// `2026-12-05.03.site-messages`: the outbox takes messages to a hospital site — a day's
    /// clinic list (PT-07) — which name a site and no patient. SQLite cannot relax a NOT NULL or
    /// change a CHECK, so the table is rebuilt with the same columns, rules and indexes, a
    /// nullable patient, the site, and the wider recipient and kind lists.
    static let siteMessages = Migration(name: "2026-12-05.03.site-messages", sql: """
        CREATE TABLE outbox_messages_rebuilt (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (kind = 'confirmation' OR kind = 'reminder' OR kind = 'cancellation' OR kind = 'change'
                OR kind = 'dna-rebook' OR kind = 'discharge' OR kind = 'removal' OR kind = 'transport-pickup' OR kind = 'clinic-list'),
            channel TEXT NOT NULL CHECK (channel = 'letter' OR channel = 'sms' OR channel = 'email' OR channel = 'phone'),
            recipient TEXT NOT NULL CHECK (recipient = 'patient' OR recipient = 'referrer' OR recipient = 'site'),
            patient_id TEXT REFERENCES patients(id),
            site_id TEXT REFERENCES clinic_locations(id),
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
            CHECK ((status = 'sent') = (sent_at_ms IS NOT NULL)),
            CHECK ((recipient = 'site') = (patient_id IS NULL)),
            CHECK ((recipient = 'site') = (site_id IS NOT NULL))
        );
        INSERT INTO outbox_messages_rebuilt (id, kind, channel, recipient, patient_id, site_id, referral_id, appointment_id, due_at_ms, status, attempts,
            last_error, subject, body, created_at_ms, sent_at_ms)
            SELECT id, kind, channel, recipient, patient_id, NULL, referral_id, appointment_id, due_at_ms, status, attempts,
            last_error, subject, body, created_at_ms, sent_at_ms FROM outbox_messages;
        DROP TABLE outbox_messages;
        ALTER TABLE outbox_messages_rebuilt RENAME TO outbox_messages;
        CREATE INDEX outbox_due ON outbox_messages(status, due_at_ms);
        CREATE INDEX outbox_appointment ON outbox_messages(appointment_id);
        """)
}
