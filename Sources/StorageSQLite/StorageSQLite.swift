/// # StorageSQLite
///
/// The embedded store: SQLite through GRDB, in WAL mode with foreign keys on. ``AppDatabase``
/// owns the database and its append-only list of named migrations; ``SQLiteStore`` implements the
/// `Store` port of SchedulingServices with one write transaction per use case. Integrity lives in
/// the schema (NOT NULL, FOREIGN KEY, UNIQUE, CHECK, and triggers that make the audit log
/// append-only). Database errors are mapped to `StoreError` here and nowhere else.
public enum StorageSQLiteModule {}
