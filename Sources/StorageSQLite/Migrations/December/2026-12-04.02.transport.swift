extension Migration {
    /// `2026-12-04.02.transport`: patient transport journeys and vehicle shifts. The schema holds
    /// the domain's rules too: categories and statuses from their lists, escorts 0–3, space 0–20
    /// per dimension, a crew of one or two, a shift that ends after it starts, a break all or nothing.
    static let transport = Migration(name: "2026-12-04.02.transport", sql: """
        CREATE TABLE transport_journeys (
            id TEXT PRIMARY KEY NOT NULL,
            patient_id TEXT NOT NULL REFERENCES patients(id),
            appointment_id TEXT REFERENCES appointments(id),
            date TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('to-appointment', 'home')),
            time_minute INTEGER NOT NULL CHECK (time_minute BETWEEN 0 AND 1439),
            pickup_latitude REAL NOT NULL CHECK (pickup_latitude BETWEEN -90 AND 90),
            pickup_longitude REAL NOT NULL CHECK (pickup_longitude BETWEEN -180 AND 180),
            destination_latitude REAL NOT NULL CHECK (destination_latitude BETWEEN -90 AND 90),
            destination_longitude REAL NOT NULL CHECK (destination_longitude BETWEEN -180 AND 180),
            mobility TEXT NOT NULL CHECK (mobility IN ('walking', 'seated', 'wheelchair', 'stretcher')),
            escorts INTEGER NOT NULL CHECK (escorts BETWEEN 0 AND 3),
            status TEXT NOT NULL CHECK (status IN ('booked', 'confirmed', 'planned', 'dispatched', 'picked-up', 'delivered', 'cancelled', 'aborted'))
        );
        CREATE INDEX transport_journeys_day ON transport_journeys(date, time_minute);
        CREATE INDEX transport_journeys_appointment ON transport_journeys(appointment_id) WHERE appointment_id IS NOT NULL;
        CREATE TABLE vehicle_shifts (
            id TEXT PRIMARY KEY NOT NULL,
            date TEXT NOT NULL,
            vehicle_name TEXT NOT NULL CHECK (length(vehicle_name) BETWEEN 1 AND 80),
            seats INTEGER NOT NULL CHECK (seats BETWEEN 0 AND 20),
            wheelchair_spaces INTEGER NOT NULL CHECK (wheelchair_spaces BETWEEN 0 AND 20),
            stretchers INTEGER NOT NULL CHECK (stretchers BETWEEN 0 AND 20),
            crew_size INTEGER NOT NULL CHECK (crew_size IN (1, 2)),
            base_latitude REAL NOT NULL CHECK (base_latitude BETWEEN -90 AND 90),
            base_longitude REAL NOT NULL CHECK (base_longitude BETWEEN -180 AND 180),
            start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
            end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1439 AND end_minute > start_minute),
            break_earliest_minute INTEGER,
            break_latest_minute INTEGER,
            break_minutes INTEGER,
            CHECK ((break_earliest_minute IS NULL) = (break_latest_minute IS NULL) AND (break_latest_minute IS NULL) = (break_minutes IS NULL)),
            CHECK (break_latest_minute IS NULL OR break_latest_minute >= break_earliest_minute)
        );
        CREATE INDEX vehicle_shifts_day ON vehicle_shifts(date, start_minute);
        """)
}
