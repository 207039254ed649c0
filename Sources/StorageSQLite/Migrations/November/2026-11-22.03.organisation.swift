extension Migration {
    /// `2026-11-22.03.organisation`.
    static let organisation = Migration(name: "2026-11-22.03.organisation", sql: """
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
        """)
}
