extension Migration {
    /// `2026-12-03.23.check-lists`: the tables every booking writes (appointments, slots, the
    /// outbox, referrals) check their coded columns with `=` … `OR` instead of `IN (…)`.
    ///
    /// SQLite evaluates a constant `IN` list of more than two values by building a temporary
    /// B-tree of the values, afresh for each statement that checks it: for a one-row insert that
    /// was most of the insert's cost (four such lists on an appointment, three on a message).
    /// The rules are the same; only their form changes, which in SQLite means rebuilding each
    /// table (copied in full, indexes recreated). The appointments' partial unique index on the
    /// slot is recreated with the same condition in the same form, and the query that searches
    /// it spells the condition the same way so that SQLite still uses it.
    static let checkLists = Migration(name: "2026-12-03.23.check-lists", sql: """
        CREATE TABLE appointments_rebuilt (
            id TEXT PRIMARY KEY NOT NULL,
            referral_id TEXT NOT NULL REFERENCES referrals(id),
            patient_id TEXT NOT NULL REFERENCES patients(id),
            slot_id TEXT NOT NULL REFERENCES slots(id),
            status TEXT NOT NULL CHECK (status = 'booked' OR status = 'attended' OR status = 'dna'
                OR status = 'cancelled-by-patient' OR status = 'cancelled-by-hospital'),
            channel TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'letter' OR channel = 'online' OR channel = 'in-person'
                OR channel = 'auto-allocation'),
            booked_by TEXT NOT NULL,
            booked_at_ms INTEGER NOT NULL,
            interpreter_language TEXT CHECK (interpreter_language IS NULL OR length(interpreter_language) BETWEEN 1 AND 60),
            needs_transport INTEGER NOT NULL CHECK (needs_transport IN (0, 1)),
            replaces_id TEXT REFERENCES appointments(id),
            cancel_reason TEXT CHECK (cancel_reason IS NULL OR cancel_reason = 'patient-request' OR cancel_reason = 'patient-unwell'
                OR cancel_reason = 'no-longer-required' OR cancel_reason = 'clinician-unavailable' OR cancel_reason = 'clinic-cancelled'
                OR cancel_reason = 'industrial-action' OR cancel_reason = 'rescheduled' OR cancel_reason = 'administrative'),
            cancelled_at_ms INTEGER,
            cancelled_by TEXT,
            outcome_recorded_at_ms INTEGER,
            reference TEXT,
            short_notice_agreed INTEGER CHECK (short_notice_agreed IN (0, 1)),
            CHECK ((status LIKE 'cancelled-%') = (cancel_reason IS NOT NULL AND cancelled_at_ms IS NOT NULL AND cancelled_by IS NOT NULL)),
            CHECK ((status IN ('attended', 'dna')) = (outcome_recorded_at_ms IS NOT NULL))
        );
        INSERT INTO appointments_rebuilt (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, interpreter_language,
            needs_transport, replaces_id, cancel_reason, cancelled_at_ms, cancelled_by, outcome_recorded_at_ms, reference, short_notice_agreed)
            SELECT id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, interpreter_language,
            needs_transport, replaces_id, cancel_reason, cancelled_at_ms, cancelled_by, outcome_recorded_at_ms, reference, short_notice_agreed
            FROM appointments;
        DROP TABLE appointments;
        ALTER TABLE appointments_rebuilt RENAME TO appointments;
        CREATE UNIQUE INDEX appointments_slot_held ON appointments(slot_id) WHERE status = 'booked' OR status = 'attended' OR status = 'dna';
        CREATE INDEX appointments_referral ON appointments(referral_id);
        CREATE INDEX appointments_patient ON appointments(patient_id);
        CREATE UNIQUE INDEX appointments_reference ON appointments(reference);

        CREATE TABLE outbox_messages_rebuilt (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (kind = 'confirmation' OR kind = 'reminder' OR kind = 'cancellation' OR kind = 'change'
                OR kind = 'dna-rebook' OR kind = 'discharge' OR kind = 'removal'),
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
        CREATE INDEX outbox_patient ON outbox_messages(patient_id, created_at_ms);

        CREATE TABLE slots_rebuilt (
            id TEXT PRIMARY KEY NOT NULL,
            template_id TEXT REFERENCES clinic_templates(id),
            clinician_id TEXT NOT NULL REFERENCES clinicians(id),
            specialty_id TEXT NOT NULL REFERENCES specialties(id),
            location_id TEXT NOT NULL REFERENCES clinic_locations(id),
            date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
            minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
            type TEXT NOT NULL CHECK (type = 'new' OR type = 'follow-up' OR type = 'urgent' OR type = 'cancer-2ww' OR type = 'procedure'),
            published INTEGER NOT NULL CHECK (published IN (0, 1)),
            status TEXT NOT NULL CHECK (status = 'free' OR status = 'booked' OR status = 'cancelled')
        );
        INSERT INTO slots_rebuilt (id, template_id, clinician_id, specialty_id, location_id, date, start_minute, minutes, type, published, status)
            SELECT id, template_id, clinician_id, specialty_id, location_id, date, start_minute, minutes, type, published, status FROM slots;
        DROP TABLE slots;
        ALTER TABLE slots_rebuilt RENAME TO slots;
        CREATE UNIQUE INDEX slots_clinician_start ON slots(clinician_id, date, start_minute);
        CREATE INDEX slots_specialty_date ON slots(specialty_id, date);

        CREATE TABLE referrals_rebuilt (
            id TEXT PRIMARY KEY NOT NULL,
            patient_id TEXT NOT NULL REFERENCES patients(id),
            specialty_id TEXT NOT NULL REFERENCES specialties(id),
            referrer TEXT NOT NULL CHECK (length(referrer) BETWEEN 1 AND 100),
            priority TEXT NOT NULL CHECK (priority = 'p1a' OR priority = 'p1b' OR priority = 'cancer-2ww' OR priority = 'urgent'
                OR priority = 'p2' OR priority = 'p3' OR priority = 'routine' OR priority = 'p4'),
            received TEXT NOT NULL CHECK (received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            consultant_led INTEGER NOT NULL CHECK (consultant_led IN (0, 1)),
            clock_start TEXT NOT NULL CHECK (clock_start >= received),
            clock_status TEXT NOT NULL CHECK (clock_status = 'running' OR clock_status = 'stopped' OR clock_status = 'nullified'),
            clock_ended_on TEXT CHECK (clock_ended_on IS NULL OR clock_ended_on >= clock_start),
            clock_stop_reason TEXT,
            clock_restarts INTEGER NOT NULL DEFAULT 0 CHECK (clock_restarts >= 0),
            status TEXT NOT NULL CHECK (status = 'open' OR status = 'completed' OR status = 'removed'),
            removal_reason TEXT,
            removal_date TEXT,
            available_weekdays TEXT NOT NULL DEFAULT '' CHECK (available_weekdays NOT GLOB '*[^1-7,]*'),
            available_from TEXT CHECK (available_from IS NULL OR available_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            ubrn TEXT CHECK (ubrn IS NULL OR (length(ubrn) = 12 AND ubrn NOT GLOB '*[^0-9]*')),
            CHECK ((clock_status = 'running') = (clock_ended_on IS NULL)),
            CHECK ((clock_status = 'stopped') = (clock_stop_reason IS NOT NULL)),
            CHECK ((status = 'removed') = (removal_reason IS NOT NULL AND removal_date IS NOT NULL)),
            CHECK (status = 'open' OR clock_status <> 'running')
        );
        INSERT INTO referrals_rebuilt (id, patient_id, specialty_id, referrer, priority, received, consultant_led, clock_start, clock_status,
            clock_ended_on, clock_stop_reason, clock_restarts, status, removal_reason, removal_date, available_weekdays, available_from, ubrn)
            SELECT id, patient_id, specialty_id, referrer, priority, received, consultant_led, clock_start, clock_status,
            clock_ended_on, clock_stop_reason, clock_restarts, status, removal_reason, removal_date, available_weekdays, available_from, ubrn
            FROM referrals;
        DROP TABLE referrals;
        ALTER TABLE referrals_rebuilt RENAME TO referrals;
        CREATE INDEX referrals_open ON referrals(status, specialty_id);
        CREATE INDEX referrals_patient ON referrals(patient_id);
        CREATE UNIQUE INDEX referrals_ubrn ON referrals(ubrn) WHERE ubrn IS NOT NULL;
        """)
}
