extension Migration {
    /// `2026-12-05.07.site-addresses`: a message to a site carries the address it is delivered to
    /// (a clinic list to the site's email address on record, PT-07); NULL where the gateway
    /// addresses it by the site.
    static let siteAddresses = Migration(name: "2026-12-05.07.site-addresses", sql: """
        ALTER TABLE outbox_messages ADD COLUMN address TEXT CHECK (address IS NULL OR (recipient = 'site' AND length(address) BETWEEN 3 AND 254));
        """)
}
