extension Migration {
    /// `2026-12-03.16.short-notice`: whether the patient agreed to an appointment at less than
    /// three weeks' notice (the reasonable-offer rule), recorded on the appointment.
    static let shortNotice = Migration(name: "2026-12-03.16.short-notice", sql: """
        ALTER TABLE appointments ADD COLUMN short_notice_agreed INTEGER CHECK (short_notice_agreed IN (0, 1));
        """)
}
