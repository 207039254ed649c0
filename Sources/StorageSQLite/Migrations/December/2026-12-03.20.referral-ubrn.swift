extension Migration {
    /// `2026-12-03.20.referral-ubrn`: the e-Referral Service's booking reference on a referral,
    /// unique where present.
    static let referralUBRN = Migration(name: "2026-12-03.20.referral-ubrn", sql: """
        ALTER TABLE referrals ADD COLUMN ubrn TEXT CHECK (ubrn IS NULL OR (length(ubrn) = 12 AND ubrn NOT GLOB '*[^0-9]*'));
        CREATE UNIQUE INDEX referrals_ubrn ON referrals(ubrn) WHERE ubrn IS NOT NULL;
        """)
}
