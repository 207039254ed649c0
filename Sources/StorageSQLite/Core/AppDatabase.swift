import Foundation
import GRDB
import SchedulingDomain

/// The one owner of a Kairos SQLite database: opens it, configures it and migrates it.
public final class AppDatabase: Sendable {
    /// The GRDB writer: a `DatabasePool` (WAL) for files, a `DatabaseQueue` in memory.
    public let writer: any DatabaseWriter
    /// Whether reads run on separate snapshot connections (pool) or share the writer (queue).
    let hasSnapshotReaders: Bool

    private init(writer: any DatabaseWriter, hasSnapshotReaders: Bool) throws {
        self.writer = writer
        self.hasSnapshotReaders = hasSnapshotReaders
        try AppDatabase.migrator.migrate(writer)
    }

    /// Opens (creating if needed) and migrates the database file at `path`, in WAL mode.
    public static func open(path: String) throws -> AppDatabase {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let pool = try DatabasePool(path: path, configuration: configuration())
        // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after
        // `prepareDatabase`: set FULL again on the one connection that commits.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return try AppDatabase(writer: pool, hasSnapshotReaders: true)
    }

    /// A private in-memory database, migrated (for fast tests).
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(writer: try DatabaseQueue(configuration: configuration()), hasSnapshotReaders: false)
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // SQLiteStore opens a transaction, then runs several accesses in it under its own write gate.
        config.allowsUnsafeTransactions = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // An acknowledged write is on disk: FULL syncs the WAL at every commit (NORMAL could
            // lose the last commits on a power cut). Group commit keeps the throughput.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Checkpoint the WAL into the database every 3,000 pages (12 MB) rather than SQLite's
            // 1,000: a checkpoint runs inside the committing write, and the pages a busy day
            // rewrites over and over (slots, indexes, the outbox) are copied once, not each time.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 3000")
            // Every write runs under a savepoint, whose statement journal SQLite would otherwise
            // create, write and delete as a temporary file each time (an open, a write, an unlink
            // and a close inside the one-at-a-time write). Temporary tables and indexes too stay in memory.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Read the database's pages through a memory map (up to 1 GB) instead of a read
            // system call and a copy for each page a statement visits, and keep 16 MB of pages
            // each connection decoded (SQLite's default is 2 MB, a fraction of one busy table's indexes).
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        return config
    }

    /// The migrator holding every migration of ``Migrations/all`` in order.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Migrations.all {
            migrator.registerMigration(migration.name) { db in
                // Functions migrations may call: an appointment's short reference from its id.
                db.add(function: DatabaseFunction("kairos_appointment_reference", argumentCount: 1, pure: true) { values in
                    String.fromDatabaseValue(values[0]).map { Appointment.reference(for: .init($0)) }
                })
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    /// Names of the migrations applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try AppDatabase.migrator.appliedMigrations(db) }
    }

    /// The journal mode SQLite reports (`wal` for files).
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Whether SQLite enforces foreign keys on this connection.
    public func foreignKeysEnabled() throws -> Bool {
        try writer.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false }
    }
}
