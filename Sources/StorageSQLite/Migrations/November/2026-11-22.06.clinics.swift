extension Migration {
    /// `2026-11-22.06.clinics`.
    static let clinics = Migration(name: "2026-11-22.06.clinics", sql: """
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
        """)
}
