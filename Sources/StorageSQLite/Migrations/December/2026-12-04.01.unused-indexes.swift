extension Migration {
    /// `2026-12-04.01.unused-indexes`: two indexes that every booking wrote and no query read.
    ///
    /// - `appointments_patient`: a patient's appointments are found through their referrals
    ///   (`referrals_patient`, then `appointments_referral`); nothing searches appointments by
    ///   patient, and patients are never deleted, so the foreign key never probes it either.
    /// - `outbox_patient`: the message list's patient filter is optional (`?4 IS NULL OR
    ///   patient_id = ?4`), a form SQLite cannot answer from an index, so it never used it.
    /// Patient ids are random, so each booking's entries landed on random pages of both indexes.
    static let unusedIndexes = Migration(name: "2026-12-04.01.unused-indexes", sql: """
        DROP INDEX appointments_patient;
        DROP INDEX outbox_patient;
        """)
}
