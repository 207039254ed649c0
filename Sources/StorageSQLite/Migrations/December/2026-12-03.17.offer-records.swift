extension Migration {
    /// `2026-12-03.17.offer-records`: the dates offered to patients and what they said.
    static let offerRecords = Migration(name: "2026-12-03.17.offer-records", sql: """
        CREATE TABLE offer_records (
            id TEXT PRIMARY KEY NOT NULL,
            referral_id TEXT NOT NULL REFERENCES referrals(id),
            slot_ids TEXT NOT NULL,
            dates TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('phone', 'letter', 'online', 'in-person')),
            offered_on TEXT NOT NULL CHECK (offered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            offered_by TEXT NOT NULL,
            offered_at_ms INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'accepted', 'declined')),
            outcome_at_ms INTEGER,
            CHECK ((outcome = 'pending') = (outcome_at_ms IS NULL))
        );
        CREATE INDEX offer_records_referral ON offer_records(referral_id);
        """)
}
