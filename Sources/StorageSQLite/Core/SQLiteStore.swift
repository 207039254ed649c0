import Foundation
import GRDB
import SchedulingServices

/// The `Store` port over an ``AppDatabase``.
///
/// A write runs `BEGIN IMMEDIATE`, the use case's repository calls, then `COMMIT` — or `ROLLBACK`
/// if anything throws — with a ``WriteGate`` keeping other writes out until it ends. Reads on a
/// file database use WAL snapshot readers and never wait for writers.
public struct SQLiteStore: Store {
    /// The database.
    public let database: AppDatabase
    private let gate = WriteGate()

    /// Wraps an opened database.
    public init(database: AppDatabase) { self.database = database }

    public func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
        let session = SQLiteSession(access: .init(writer: database.writer, writing: !database.hasSnapshotReaders))
        if database.hasSnapshotReaders { return try await body(session) }
        await gate.acquire()
        do {
            let result = try await body(session)
            gate.release()
            return result
        } catch {
            gate.release()
            throw error
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
        await gate.acquire()
        let writer = database.writer
        let changesBefore: Int
        do {
            changesBefore = try writer.syncAccess { db in
                try db.execute(cached: "BEGIN IMMEDIATE TRANSACTION")
                return db.totalChangesCount
            }
        } catch {
            gate.release()
            throw SQLiteErrors.map(error)
        }
        do {
            let result = try await body(SQLiteSession(access: .init(writer: writer, writing: true)))
            try writer.syncAccess { db in
                // The version moves only when the transaction changed something.
                if db.totalChangesCount != changesBefore { try db.execute(cached: "UPDATE store_version SET version = version + 1 WHERE id = 1") }
                try db.execute(cached: "COMMIT TRANSACTION")
            }
            gate.release()
            return result
        } catch {
            // Synchronous on purpose: a cancelled task must still roll back.
            try? writer.syncAccess { db in
                if db.isInsideTransaction { try db.execute(cached: "ROLLBACK TRANSACTION") }
            }
            gate.release()
            throw SQLiteErrors.map(error)
        }
    }
}

/// Runs statements on the right connection and maps database errors to `StoreError`.
struct DatabaseAccess: Sendable {
    let writer: any DatabaseWriter
    /// True inside a write transaction (statements go to the writer connection and see its changes).
    let writing: Bool

    func run<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            if writing { return try writer.syncAccess(work) }
            return try writer.syncRead(work)
        } catch {
            throw SQLiteErrors.map(error)
        }
    }
}

/// Maps SQLite errors to store-independent errors; leaves other errors untouched.
enum SQLiteErrors {
    static func map(_ error: any Error) -> any Error {
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            // "UNIQUE constraint failed: users.username"
            let message = dbError.message ?? ""
            let constraint = message.components(separatedBy: ": ").last ?? message
            return StoreError.uniqueViolation(constraint: constraint)
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return StoreError.foreignKeyViolation
        default:
            return StoreError.failure("SQLite error \(dbError.extendedResultCode.rawValue): \(dbError.message ?? "")")
        }
    }
}

/// The repositories bound to one access mode.
struct SQLiteSession: StoreSession {
    let access: DatabaseAccess
    var users: any UserRepository { SQLiteUserRepository(access: access) }
    var credentials: any CredentialRepository { SQLiteCredentialRepository(access: access) }
    var audit: any AuditRepository { SQLiteAuditRepository(access: access) }
    var patients: any PatientRepository { SQLitePatientRepository(access: access) }
    var referrals: any ReferralRepository { SQLiteReferralRepository(access: access) }
    var clinics: any ClinicRepository { SQLiteClinicRepository(access: access) }
    var appointments: any AppointmentRepository { SQLiteAppointmentRepository(access: access) }
    var accessDecisions: any AccessDecisionRepository { SQLiteAccessDecisionRepository(access: access) }
    var journeyRequests: any JourneyRequestRepository { SQLiteJourneyRequestRepository(access: access) }
    var outbox: any OutboxRepository { SQLiteOutboxRepository(access: access) }
    var organisation: any OrganisationRepository { SQLiteOrganisationRepository(access: access) }
    var settings: any SettingsRepository { SQLiteSettingsRepository(access: access) }
    var solveJobs: any SolveJobRepository { SQLiteSolveJobRepository(access: access) }

    func version() async throws -> Int64 {
        try await access.run { db in try Int64.fetchOne(db, cached: "SELECT version FROM store_version WHERE id = 1") ?? 0 }
    }
}

extension Date {
    /// Milliseconds since 1970, as stored.
    var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    /// From stored milliseconds.
    init(storedMilliseconds ms: Int64) { self.init(timeIntervalSince1970: Double(ms) / 1000) }
}

extension DatabaseWriter {
    /// Runs `work` on the writer connection, outside any implicit transaction, synchronously.
    ///
    /// Synchronous on purpose: statements of an open transaction must not be cancelled half-way,
    /// and each is short.
    func syncAccess<T>(_ work: (Database) throws -> T) throws -> T {
        try writeWithoutTransaction(work)
    }

    /// Runs `work` in a read transaction on a reader connection, synchronously: a hop to a
    /// reader queue and back costs more than the few-microsecond queries of a request.
    func syncRead<T>(_ work: (Database) throws -> T) throws -> T {
        try read(work)
    }
}
