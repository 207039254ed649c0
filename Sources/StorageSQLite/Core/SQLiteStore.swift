import Foundation
import GRDB
import SchedulingServices
import Synchronization

/// The `Store` port over an ``AppDatabase``.
///
/// Writes are durable when acknowledged (`synchronous=FULL`) and committed in groups: a write
/// takes the ``WriteGate``, runs inside the open transaction under a savepoint of its own (rolled
/// back alone if it throws), and then, if other writes are waiting at the gate, hands the open
/// transaction on to the next one instead of committing; the last of the group commits once (one
/// fsync for the group) and every write of the group is acknowledged only after that commit has
/// succeeded — if it fails, they all fail and nothing of them is stored. A group holds at most
/// ``maximumGroup`` writes. Reads on a file database use WAL snapshot readers and never wait for
/// writers; an in-memory database (tests) commits each write on its own.
public struct SQLiteStore: Store {
    /// The database.
    public let database: AppDatabase
    private let gate = WriteGate()
    private let group = CommitGroup()
    /// The most writes committed together.
    public static let maximumGroup = 64

    /// Commits made so far (fewer than writes when writes were grouped).
    public var commits: Int { group.commits }

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
        // Holding the gate: open the group's transaction if it is not open yet.
        do {
            if !group.isOpen {
                try writer.syncAccess { db in try db.execute(cached: "BEGIN IMMEDIATE TRANSACTION") }
                group.open()
            }
        } catch {
            gate.release()
            throw SQLiteErrors.map(error)
        }
        // This write, under its own savepoint.
        var outcome: Result<T, any Error>
        do {
            let changesBefore = try writer.syncAccess { db in
                try db.execute(cached: "SAVEPOINT kairos_write")
                return db.totalChangesCount
            }
            let result = try await body(SQLiteSession(access: .init(writer: writer, writing: true)))
            let changed = try writer.syncAccess { db in
                try db.execute(cached: "RELEASE SAVEPOINT kairos_write")
                return db.totalChangesCount != changesBefore
            }
            if changed { group.markChanged() }
            outcome = .success(result)
        } catch {
            // Synchronous on purpose: a cancelled task must still roll back its own part.
            try? writer.syncAccess { db in
                if db.isInsideTransaction {
                    try db.execute(cached: "ROLLBACK TO SAVEPOINT kairos_write")
                    try db.execute(cached: "RELEASE SAVEPOINT kairos_write")
                }
            }
            outcome = .failure(SQLiteErrors.map(error))
            // SQLite may have ended the whole transaction itself (a full disk, an I/O error):
            // then the group is lost, and every write of it fails.
            let stillOpen = (try? writer.syncAccess { db in db.isInsideTransaction }) ?? false
            if !stillOpen {
                let waiting = group.close()
                gate.release()
                let lost = SQLiteErrors.map(error)
                for member in waiting { member.resume(throwing: lost) }
                throw lost
            }
        }
        // Hand the open transaction on to a waiting write, or commit the group now.
        let members = group.count + 1
        if database.hasSnapshotReaders, gate.hasWaiters, members < Self.maximumGroup {
            switch outcome {
            case .failure(let error):
                // A write that failed changed nothing: it answers at once; the group goes on.
                group.add(nil)
                gate.release()
                throw error
            case .success(let value):
                // Acknowledged only once the group's commit has succeeded.
                try await withCheckedThrowingContinuation { (waiting: CheckedContinuation<Void, any Error>) in
                    group.add(waiting)
                    gate.release()
                }
                return value
            }
        }
        let committed: Result<Void, any Error>
        do {
            let changed = group.changed
            try writer.syncAccess { db in
                // The version moves only when a write of the group that succeeded changed something.
                if changed { try db.execute(cached: "UPDATE store_version SET version = version + 1 WHERE id = 1") }
                try db.execute(cached: "COMMIT TRANSACTION")
            }
            committed = .success(())
        } catch {
            try? writer.syncAccess { db in if db.isInsideTransaction { try db.execute(cached: "ROLLBACK TRANSACTION") } }
            committed = .failure(SQLiteErrors.map(error))
        }
        let waiting = group.close(committed: true)
        gate.release()
        for member in waiting { member.resume(with: committed) }
        try committed.get()
        return try outcome.get()
    }
}

/// The writes of one group commit: whether its transaction is open, whether a write of it that
/// succeeded changed something (so that the store's version moves only for real changes), and
/// the writes waiting for its commit. Touched only by the holder of the write gate, but read and written from whichever
/// thread holds it, hence the lock.
final class CommitGroup: Sendable {
    private struct State {
        var isOpen = false
        var changed = false
        var count = 0
        var waiting: [CheckedContinuation<Void, any Error>] = []
        var commits = 0
    }

    private let state = Mutex(State())

    var isOpen: Bool { state.withLock { $0.isOpen } }
    var count: Int { state.withLock { $0.count } }
    var changed: Bool { state.withLock { $0.changed } }

    func open() {
        state.withLock { $0 = State(isOpen: true, changed: false, count: 0, waiting: [], commits: $0.commits) }
    }

    func markChanged() { state.withLock { $0.changed = true } }

    /// Counts a write of the group; a successful one waits for the commit.
    func add(_ waiting: CheckedContinuation<Void, any Error>?) {
        state.withLock { s in
            s.count += 1
            if let waiting { s.waiting.append(waiting) }
        }
    }

    /// Commits made so far.
    var commits: Int { state.withLock { $0.commits } }

    /// Ends the group (`committed` when it ended by a commit); the writes waiting for its outcome.
    func close(committed: Bool = false) -> [CheckedContinuation<Void, any Error>] {
        state.withLock { s in
            let waiting = s.waiting
            s = State(commits: s.commits + (committed ? 1 : 0))
            return waiting
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
