extension Migration {
    /// `2026-11-23.08.appointment-lifecycle`.
    static let appointmentLifecycle = Migration(name: "2026-11-23.08.appointment-lifecycle", sql: """
        CREATE TABLE appointments_new (
            id TEXT PRIMARY KEY NOT NULL,
            referral_id TEXT NOT NULL REFERENCES referrals(id),
            patient_id TEXT NOT NULL REFERENCES patients(id),
            slot_id TEXT NOT NULL REFERENCES slots(id),
            status TEXT NOT NULL CHECK (status IN ('booked', 'attended', 'dna', 'cancelled-by-patient', 'cancelled-by-hospital')),
            channel TEXT NOT NULL CHECK (channel IN ('phone', 'letter', 'online', 'in-person', 'auto-allocation')),
            booked_by TEXT NOT NULL,
            booked_at_ms INTEGER NOT NULL,
            interpreter_language TEXT CHECK (interpreter_language IS NULL OR length(interpreter_language) BETWEEN 1 AND 60),
            needs_transport INTEGER NOT NULL CHECK (needs_transport IN (0, 1)),
            replaces_id TEXT REFERENCES appointments_new(id),
            cancel_reason TEXT CHECK (cancel_reason IS NULL OR cancel_reason IN ('patient-request', 'patient-unwell',
                'no-longer-required', 'clinician-unavailable', 'clinic-cancelled', 'industrial-action', 'rescheduled', 'administrative')),
            cancelled_at_ms INTEGER,
            cancelled_by TEXT,
            outcome_recorded_at_ms INTEGER,
            CHECK ((status LIKE 'cancelled-%') = (cancel_reason IS NOT NULL AND cancelled_at_ms IS NOT NULL AND cancelled_by IS NOT NULL)),
            CHECK ((status IN ('attended', 'dna')) = (outcome_recorded_at_ms IS NOT NULL))
        );
        INSERT INTO appointments_new (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms,
            interpreter_language, needs_transport, cancel_reason, cancelled_at_ms, cancelled_by, outcome_recorded_at_ms)
            SELECT id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms, interpreter_language, needs_transport,
                CASE WHEN status LIKE 'cancelled-%' THEN 'administrative' END,
                CASE WHEN status LIKE 'cancelled-%' THEN booked_at_ms END,
                CASE WHEN status LIKE 'cancelled-%' THEN booked_by END,
                CASE WHEN status IN ('attended', 'dna') THEN booked_at_ms END
            FROM appointments;
        DROP TABLE appointments;
        ALTER TABLE appointments_new RENAME TO appointments;
        -- A slot is never double-booked: at most one appointment holds it.
        CREATE UNIQUE INDEX appointments_slot_held ON appointments(slot_id) WHERE status IN ('booked', 'attended', 'dna');
        CREATE INDEX appointments_referral ON appointments(referral_id);
        CREATE INDEX appointments_patient ON appointments(patient_id);

        CREATE TABLE access_decisions (
            id TEXT PRIMARY KEY NOT NULL,
            referral_id TEXT NOT NULL REFERENCES referrals(id),
            appointment_id TEXT NOT NULL UNIQUE REFERENCES appointments(id),
            dna_count INTEGER NOT NULL CHECK (dna_count >= 1),
            proposal TEXT NOT NULL CHECK (proposal IN ('rebook', 'discharge', 'clinical-review')),
            clock_nullified INTEGER NOT NULL CHECK (clock_nullified IN (0, 1)),
            created_at_ms INTEGER NOT NULL,
            resolved_action TEXT CHECK (resolved_action IS NULL OR resolved_action IN ('rebook', 'discharge')),
            overridden INTEGER CHECK (overridden IS NULL OR overridden IN (0, 1)),
            note TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 1000),
            resolved_by TEXT,
            resolved_at_ms INTEGER,
            CHECK ((resolved_action IS NULL) = (resolved_by IS NULL)),
            CHECK ((resolved_action IS NULL) = (resolved_at_ms IS NULL)),
            CHECK ((resolved_action IS NULL) = (overridden IS NULL)),
            CHECK (overridden IS NOT 1 OR note IS NOT NULL)
        );
        CREATE INDEX access_decisions_pending ON access_decisions(resolved_action, created_at_ms);

        -- What the transport service reads (OP-11): one request per appointment needing transport.
        CREATE TABLE journey_requests (
            id TEXT PRIMARY KEY NOT NULL,
            appointment_id TEXT NOT NULL UNIQUE REFERENCES appointments(id),
            patient_id TEXT NOT NULL REFERENCES patients(id),
            location_id TEXT NOT NULL REFERENCES clinic_locations(id),
            date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            arrive_by_minute INTEGER NOT NULL CHECK (arrive_by_minute BETWEEN 0 AND 1439),
            return_after_minute INTEGER NOT NULL CHECK (return_after_minute BETWEEN arrive_by_minute AND 1439),
            status TEXT NOT NULL CHECK (status IN ('requested', 'cancelled')),
            created_at_ms INTEGER NOT NULL,
            cancelled_at_ms INTEGER,
            CHECK ((status = 'cancelled') = (cancelled_at_ms IS NOT NULL))
        );
        CREATE INDEX journey_requests_date ON journey_requests(date, status);
        """)
}
