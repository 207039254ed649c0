extension Migration {
    /// `2026-12-03.18.pathway-notes`: notes written on pathways, never changed.
    static let pathwayNotes = Migration(name: "2026-12-03.18.pathway-notes", sql: """
        CREATE TABLE pathway_notes (
            id TEXT PRIMARY KEY NOT NULL,
            referral_id TEXT NOT NULL REFERENCES referrals(id),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
            author_id TEXT NOT NULL,
            author_name TEXT NOT NULL,
            written_at_ms INTEGER NOT NULL
        );
        CREATE INDEX pathway_notes_referral ON pathway_notes(referral_id, written_at_ms);
        """)
}
