extension Migration {
    /// `2026-11-23.10.referral-availability`.
    static let referralAvailability = Migration(name: "2026-11-23.10.referral-availability", sql: """
        ALTER TABLE referrals ADD COLUMN available_weekdays TEXT NOT NULL DEFAULT '' CHECK (available_weekdays NOT GLOB '*[^1-7,]*');
        ALTER TABLE referrals ADD COLUMN available_from TEXT CHECK (available_from IS NULL OR available_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
        """)
}
