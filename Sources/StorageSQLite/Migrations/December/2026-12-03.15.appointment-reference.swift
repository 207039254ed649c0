extension Migration {
    /// `2026-12-03.15.appointment-reference`: the short reference patients quote ("KX4Q-7Q2M"),
    /// stored so that an appointment is found by it; existing appointments get theirs from their id.
    static let appointmentReference = Migration(name: "2026-12-03.15.appointment-reference", sql: """
        ALTER TABLE appointments ADD COLUMN reference TEXT;
        UPDATE appointments SET reference = kairos_appointment_reference(id);
        CREATE UNIQUE INDEX appointments_reference ON appointments(reference);
        """)
}
