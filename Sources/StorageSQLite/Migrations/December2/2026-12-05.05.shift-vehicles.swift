extension Migration {
    /// `2026-12-05.05.shift-vehicles`: a vehicle shift names the fleet's vehicle it is worked on
    /// (PT-02: vehicles on record with their periods off the road); NULL for a shift described in
    /// full. Codes as the domain allows them.
    static let shiftVehicles = Migration(name: "2026-12-05.05.shift-vehicles", sql: """
        ALTER TABLE vehicle_shifts ADD COLUMN vehicle_id TEXT
            CHECK (vehicle_id IS NULL OR (length(vehicle_id) BETWEEN 1 AND 40 AND vehicle_id NOT GLOB '*[^a-z0-9-]*' AND substr(vehicle_id, 1, 1) <> '-'));
        """)
}
