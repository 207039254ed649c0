extension Migration {
    /// `2026-12-05.01.convertible-seats`: a vehicle shift records how many further wheelchair
    /// spaces its vehicle can make by folding seats (two seats each; PT-02).
    static let convertibleSeats = Migration(name: "2026-12-05.01.convertible-seats", sql: """
        ALTER TABLE vehicle_shifts ADD COLUMN convertible_wheelchair_spaces INTEGER NOT NULL DEFAULT 0
            CHECK (convertible_wheelchair_spaces BETWEEN 0 AND 10 AND 2 * convertible_wheelchair_spaces <= seats);
        """)
}
