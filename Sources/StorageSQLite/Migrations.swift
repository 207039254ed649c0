/// A named schema change. Names never change once merged.
public struct Migration: Sendable {
    /// Stable name, recorded in `grdb_migrations`.
    public let name: String
    /// The SQL to run, once.
    public let sql: String
}

/// The append-only timeline of schema changes. Add new migrations at the end; never edit or
/// reorder one that has been merged.
public enum Migrations {
    /// Every migration, oldest first.
    public static let all: [Migration] = [
        Migration(name: "2026-11-22.01.accounts", sql: """
            CREATE TABLE users (
                id TEXT PRIMARY KEY NOT NULL,
                username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
                display_name TEXT NOT NULL CHECK (length(display_name) > 0),
                role TEXT NOT NULL CHECK (role IN ('admin', 'booking-coordinator', 'team-leader', 'clinician',
                    'transport-planner', 'transport-manager', 'crew', 'scheduler', 'care-manager', 'carer')),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                password_hash TEXT NOT NULL,
                password_change_required INTEGER NOT NULL CHECK (password_change_required IN (0, 1)),
                created_at_ms INTEGER NOT NULL
            );
            CREATE TABLE web_sessions (
                token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at_ms INTEGER NOT NULL,
                expires_at_ms INTEGER NOT NULL CHECK (expires_at_ms > created_at_ms)
            );
            CREATE INDEX web_sessions_user ON web_sessions(user_id);
            CREATE INDEX web_sessions_expiry ON web_sessions(expires_at_ms);
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY NOT NULL,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL CHECK (length(name) > 0),
                token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                created_at_ms INTEGER NOT NULL,
                revoked_at_ms INTEGER
            );
            CREATE INDEX api_tokens_user ON api_tokens(user_id);
            CREATE TABLE settings (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            """),
        Migration(name: "2026-11-22.02.audit", sql: """
            CREATE TABLE audit_log (
                sequence INTEGER PRIMARY KEY NOT NULL CHECK (sequence > 0),
                at_ms INTEGER NOT NULL,
                actor_id TEXT NOT NULL,
                actor_role TEXT,
                action TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id TEXT,
                reason TEXT,
                detail TEXT,
                request_id TEXT,
                previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
                hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
            );
            CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
            CREATE TABLE audit_head (
                id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                sequence INTEGER NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """),
        Migration(name: "2026-11-22.03.organisation", sql: """
            CREATE TABLE organisation (
                id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                code TEXT NOT NULL,
                name TEXT NOT NULL
            );
            CREATE TABLE specialties (
                id TEXT PRIMARY KEY NOT NULL,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL
            );
            CREATE TABLE clinic_locations (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL UNIQUE,
                address_lines TEXT NOT NULL,
                town TEXT NOT NULL,
                postcode TEXT NOT NULL,
                latitude REAL,
                longitude REAL,
                CHECK ((latitude IS NULL) = (longitude IS NULL))
            );
            CREATE TABLE clinicians (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                grade TEXT NOT NULL,
                specialty_id TEXT NOT NULL REFERENCES specialties(id)
            );
            CREATE INDEX clinicians_specialty ON clinicians(specialty_id);
            """),
        Migration(name: "2026-11-22.04.patients", sql: """
            CREATE TABLE patients (
                id TEXT PRIMARY KEY NOT NULL,
                nhs_number TEXT NOT NULL UNIQUE CHECK (length(nhs_number) = 10),
                given_name TEXT NOT NULL,
                family_name TEXT NOT NULL,
                birth_date TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
                address_lines TEXT NOT NULL,
                town TEXT NOT NULL,
                postcode TEXT NOT NULL,
                latitude REAL,
                longitude REAL,
                phone TEXT,
                email TEXT,
                CHECK ((latitude IS NULL) = (longitude IS NULL))
            );
            CREATE INDEX patients_family_name ON patients(family_name);
            """),
        Migration(name: "2026-11-22.05.referrals", sql: """
            CREATE TABLE referrals (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                specialty_id TEXT NOT NULL REFERENCES specialties(id),
                referrer TEXT NOT NULL CHECK (length(referrer) BETWEEN 1 AND 100),
                priority TEXT NOT NULL CHECK (priority IN ('p1a', 'p1b', 'cancer-2ww', 'urgent', 'p2', 'p3', 'routine', 'p4')),
                received TEXT NOT NULL CHECK (received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                consultant_led INTEGER NOT NULL CHECK (consultant_led IN (0, 1)),
                clock_start TEXT NOT NULL CHECK (clock_start >= received),
                clock_status TEXT NOT NULL CHECK (clock_status IN ('running', 'stopped', 'nullified')),
                clock_ended_on TEXT CHECK (clock_ended_on IS NULL OR clock_ended_on >= clock_start),
                clock_stop_reason TEXT,
                clock_restarts INTEGER NOT NULL DEFAULT 0 CHECK (clock_restarts >= 0),
                status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'removed')),
                removal_reason TEXT,
                removal_date TEXT,
                CHECK ((clock_status = 'running') = (clock_ended_on IS NULL)),
                CHECK ((clock_status = 'stopped') = (clock_stop_reason IS NOT NULL)),
                CHECK ((status = 'removed') = (removal_reason IS NOT NULL AND removal_date IS NOT NULL)),
                CHECK (status = 'open' OR clock_status <> 'running')
            );
            CREATE INDEX referrals_open ON referrals(status, specialty_id);
            CREATE INDEX referrals_patient ON referrals(patient_id);
            """),
        Migration(name: "2026-11-22.06.clinics", sql: """
            CREATE TABLE clinic_templates (
                id TEXT PRIMARY KEY NOT NULL,
                clinician_id TEXT NOT NULL REFERENCES clinicians(id),
                specialty_id TEXT NOT NULL REFERENCES specialties(id),
                location_id TEXT NOT NULL REFERENCES clinic_locations(id),
                weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
                start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
                slots TEXT NOT NULL,
                every_weeks INTEGER NOT NULL CHECK (every_weeks BETWEEN 1 AND 8),
                effective_from TEXT NOT NULL,
                effective_to TEXT CHECK (effective_to IS NULL OR effective_to >= effective_from)
            );
            CREATE TABLE slots (
                id TEXT PRIMARY KEY NOT NULL,
                template_id TEXT REFERENCES clinic_templates(id),
                clinician_id TEXT NOT NULL REFERENCES clinicians(id),
                specialty_id TEXT NOT NULL REFERENCES specialties(id),
                location_id TEXT NOT NULL REFERENCES clinic_locations(id),
                date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
                minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
                type TEXT NOT NULL CHECK (type IN ('new', 'follow-up', 'urgent', 'cancer-2ww', 'procedure')),
                published INTEGER NOT NULL CHECK (published IN (0, 1)),
                status TEXT NOT NULL CHECK (status IN ('free', 'booked', 'cancelled'))
            );
            CREATE UNIQUE INDEX slots_clinician_start ON slots(clinician_id, date, start_minute);
            CREATE INDEX slots_search ON slots(specialty_id, status, date);
            """),
        Migration(name: "2026-11-22.07.appointments", sql: """
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
            """),
        Migration(name: "2026-11-23.08.appointment-lifecycle", sql: """
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
            """),
        Migration(name: "2026-11-23.09.outbox", sql: """
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
            """),
        Migration(name: "2026-11-23.10.referral-availability", sql: """
            ALTER TABLE referrals ADD COLUMN available_weekdays TEXT NOT NULL DEFAULT '' CHECK (available_weekdays NOT GLOB '*[^1-7,]*');
            ALTER TABLE referrals ADD COLUMN available_from TEXT CHECK (available_from IS NULL OR available_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
            """),
    ]
}
