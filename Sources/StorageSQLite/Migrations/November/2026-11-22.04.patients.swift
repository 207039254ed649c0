extension Migration {
    /// `2026-11-22.04.patients`.
    static let patients = Migration(name: "2026-11-22.04.patients", sql: """
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
        """)
}
