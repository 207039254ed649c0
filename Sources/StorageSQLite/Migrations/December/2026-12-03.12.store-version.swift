extension Migration {
    /// `2026-12-03.12.store-version`: a counter every committed write advances, so that readers
    /// can tell whether what they computed before is still current (the read caches).
    static let storeVersion = Migration(name: "2026-12-03.12.store-version", sql: """
        CREATE TABLE store_version (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            version INTEGER NOT NULL CHECK (version >= 0)
        );
        INSERT INTO store_version (id, version) VALUES (1, 0);
        """)
}
