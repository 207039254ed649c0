extension Migration {
    /// `2026-12-05.02.transport-bases`: a vehicle shift made from a base on record keeps the
    /// base's name beside its place, so crews and planners read "Ardwick station" (PT-02).
    static let transportBases = Migration(name: "2026-12-05.02.transport-bases", sql: """
        ALTER TABLE vehicle_shifts ADD COLUMN base_name TEXT CHECK (base_name IS NULL OR length(base_name) BETWEEN 1 AND 80);
        """)
}
