extension Migration {
    /// `2026-12-05.09.shift-overtime`: a vehicle shift records the minutes its crew may work on
    /// past its end when the plan needs them, paid as overtime (PT-03); back by midnight.
    static let shiftOvertime = Migration(name: "2026-12-05.09.shift-overtime", sql: """
        ALTER TABLE vehicle_shifts ADD COLUMN overtime_minutes INTEGER NOT NULL DEFAULT 0
            CHECK (overtime_minutes BETWEEN 0 AND 240 AND end_minute + overtime_minutes < 1440);
        """)
}
