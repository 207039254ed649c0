import Foundation
import GRDB
import SchedulingServices
import Synchronization

/// The `Store` port over an ``AppDatabase``.
///
/// Writes are durable when acknowledged (`synchronous=FULL`) and committed in groups. A write
/// joins the queue of ``PendingWrites`` and waits for its answer; a drain task on the
/// ``WriterThread`` (started when the queue stops being empty, gone when it is empty again) opens
/// a transaction, runs each queued write's body in turn under a savepoint of its own (rolled
/// back alone if it throws, and answered at once), takes in the writes that arrived meanwhile,
/// then commits once (one fsync for the group) and only then acknowledges every write of the
/// group — if the commit fails, they all fail and nothing of them is stored. Running the bodies
/// back to back on one thread, with no hand-over between tasks or threads, keeps the
/// one-at-a-time part of a write as short as the statements themselves. A group holds at most
/// ``maximumGroup`` writes. Reads on a file database use WAL snapshot readers and never wait for
/// writers; an in-memory database (tests) commits each write on its own, and its reads wait for
/// the ``WriteGate`` that the drain task holds.
public struct SQLiteStore: Store {
    /// The database.
    public let database: AppDatabase
    private let gate = WriteGate()
    private let pending = PendingWrites()
    /// The most writes committed together.
    public static let maximumGroup = 64

    /// Commits made so far (fewer than writes when writes were grouped).
    public var commits: Int { pending.commits.load(ordering: .relaxed) }

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
        // The body runs before this function returns (the write waits for its outcome), so it
        // may be handed to the drainer without escaping.
        try await withoutActuallyEscaping(body) { body in
            let result = ResultBox<T>()
            let write = PendingWrite { session in
                do {
                    result.value = try await body(session)
                    return nil
                } catch {
                    return error
                }
            }
            if pending.push(write) { startDraining() }
            try await write.outcome()
            return result.value!
        }
    }

    /// Starts a task on the ``WriterThread`` that runs queued writes in groups until the queue
    /// is empty (one write a transaction on an in-memory database).
    private func startDraining() {
        let store = self
        let limit = database.hasSnapshotReaders ? Self.maximumGroup : 1
        Task(executorPreference: WriterThread.shared) {
            await store.gate.acquire()
            while true {
                let group = store.pending.take(upTo: limit)
                if group.isEmpty { break }
                let unrun = await store.commitGroup(group, limit: limit)
                if !unrun.isEmpty { store.pending.putBack(unrun) }
            }
            store.gate.release()
        }
    }

    /// Runs `group` in one transaction and commits it; answers each write. Returns the writes it
    /// did not run because SQLite ended the transaction under an earlier one (a full disk).
    private func commitGroup(_ group: [PendingWrite], limit: Int) async -> [PendingWrite] {
        let writer = database.writer
        do {
            try writer.syncAccess { db in try db.execute(cached: "BEGIN IMMEDIATE TRANSACTION") }
        } catch {
            let mapped = SQLiteErrors.map(error)
            for write in group { write.finish(.failure(mapped)) }
            return []
        }
        var succeeded: [PendingWrite] = []
        var changed = false
        let cache = TransactionCache()
        var group = group
        var index = -1
        while true {
            index += 1
            if index == group.count {
                // Writes that arrived while this group ran join it rather than wait for the next
                // commit: the fsync is shared by more of them.
                guard group.count < limit else { break }
                let more = pending.take(upTo: limit - group.count, keepDraining: true)
                if more.isEmpty { break }
                group += more
            }
            let write = group[index]
            let auditBefore = cache.auditState
            var changesBefore = -1  // unknown until the savepoint is open
            do {
                changesBefore = try writer.syncAccess { db in
                    try db.execute(cached: "SAVEPOINT kairos_write")
                    return db.totalChangesCount
                }
                if let error = await write.run(SQLiteSession(access: .init(writer: writer, writing: true, cache: cache))) { throw error }
                let changedNow = try writer.syncAccess { db in
                    try db.execute(cached: "RELEASE SAVEPOINT kairos_write")
                    return db.totalChangesCount != changesBefore
                }
                changed = changed || changedNow
                succeeded.append(write)
            } catch {
                // What the group read stays known unless the write changed a row before it failed
                // (most failures are refusals: a slot just taken, a record gone).
                let changedRows = (try? writer.syncAccess { db in db.totalChangesCount }) != changesBefore
                if changedRows { cache.rollBack(auditTo: auditBefore) }
                try? writer.syncAccess { db in
                    if db.isInsideTransaction {
                        try db.execute(cached: "ROLLBACK TO SAVEPOINT kairos_write")
                        try db.execute(cached: "RELEASE SAVEPOINT kairos_write")
                    }
                }
                let mapped = SQLiteErrors.map(error)
                // A write that failed changed nothing: it is answered at once.
                write.finish(.failure(mapped))
                // SQLite may have ended the whole transaction itself (a full disk, an I/O error):
                // then every write run in it fails, and the rest go in a new transaction.
                let stillOpen = (try? writer.syncAccess { db in db.isInsideTransaction }) ?? false
                if !stillOpen {
                    for member in succeeded { member.finish(.failure(mapped)) }
                    return Array(group[(index + 1)...])
                }
            }
        }
        let committed: Result<Void, any Error>
        do {
            try writer.syncAccess { db in
                // The version moves only when a write of the group that succeeded changed something.
                if changed { try db.execute(cached: "UPDATE store_version SET version = version + 1 WHERE id = 1") }
                if let head = cache.unstoredAuditHead { try db.execute(cached: SQLiteAuditRepository.storeHeadSQL, arguments: [head.sequence, head.hash]) }
                try db.execute(cached: "COMMIT TRANSACTION")
            }
            committed = .success(())
            pending.commits.add(1, ordering: .relaxed)
        } catch {
            try? writer.syncAccess { db in if db.isInsideTransaction { try db.execute(cached: "ROLLBACK TRANSACTION") } }
            committed = .failure(SQLiteErrors.map(error))
        }
        for member in succeeded { member.finish(committed) }
        return []
    }
}

/// A write's result, set by whichever task runs its body.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// One queued write: its body and its outcome, which the drainer sets and the writer awaits
/// (either may come first).
final class PendingWrite: Sendable {
    typealias Body = @Sendable (any StoreSession) async -> (any Error)?
    /// The body, until it runs or the write is answered: it must not outlive the write, as it
    /// only pretends to escape.
    private let body: Mutex<Body?>
    private enum State {
        case waiting(CheckedContinuation<Void, any Error>?)
        case done(Result<Void, any Error>)
    }
    private let state = Mutex(State.waiting(nil))

    init(_ body: @escaping Body) { self.body = Mutex(body) }

    /// Runs the body (once); the error it threw, if any.
    func run(_ session: any StoreSession) async -> (any Error)? {
        guard let body = body.withLock({ body -> Body? in
            defer { body = nil }
            return body
        }) else { return CancellationError() }
        return await body(session)
    }

    /// Answers the write.
    func finish(_ outcome: Result<Void, any Error>) {
        body.withLock { $0 = nil }
        let waiting = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            let continuation: CheckedContinuation<Void, any Error>?
            if case .waiting(let waiting) = state { continuation = waiting } else { continuation = nil }
            state = .done(outcome)
            return continuation
        }
        waiting?.resume(with: outcome)
    }

    /// Waits for the answer.
    func outcome() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ready = state.withLock { state -> Result<Void, any Error>? in
                if case .done(let outcome) = state { return outcome }
                state = .waiting(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

/// The queue of writes waiting to run, and whether someone is draining it.
final class PendingWrites: Sendable {
    private struct State {
        var queue: [PendingWrite] = []
        var head = 0
        var draining = false
    }
    private let state = Mutex(State())
    /// Commits made so far.
    let commits = Atomic<Int>(0)

    /// Queues a write; true if the caller must drain the queue (no one is).
    func push(_ write: PendingWrite) -> Bool {
        state.withLock { state in
            state.queue.append(write)
            if state.draining { return false }
            state.draining = true
            return true
        }
    }

    /// Up to `limit` writes from the front; none when empty, and then no one draining any more
    /// unless `keepDraining` (the drainer is still in the middle of a group).
    func take(upTo limit: Int, keepDraining: Bool = false) -> [PendingWrite] {
        state.withLock { state in
            let available = state.queue.count - state.head
            guard available > 0 else {
                state.queue.removeAll(keepingCapacity: true)
                state.head = 0
                if !keepDraining { state.draining = false }
                return []
            }
            let taken = Array(state.queue[state.head..<(state.head + min(limit, available))])
            state.head += taken.count
            if state.head > 256 {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            return taken
        }
    }

    /// Puts writes back at the front of the queue.
    func putBack(_ writes: [PendingWrite]) {
        state.withLock { state in
            state.queue.replaceSubrange(state.head..<state.head, with: writes)
        }
    }
}

/// Runs statements on the right connection and maps database errors to `StoreError`.
struct DatabaseAccess: Sendable {
    let writer: any DatabaseWriter
    /// True inside a write transaction (statements go to the writer connection and see its changes).
    let writing: Bool
    /// Within a group's write transaction, what it has read of the organisation and the settings.
    var cache: TransactionCache? = nil

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
    var transportJourneys: any TransportJourneyRepository { SQLiteTransportJourneyRepository(access: access) }
    var vehicleShifts: any VehicleShiftRepository { SQLiteVehicleShiftRepository(access: access) }
    var transportPlans: any TransportPlanRepository { SQLiteTransportPlanRepository(access: access) }
    var thirdPartyAuthorisations: any ThirdPartyAuthorisationRepository { SQLiteThirdPartyAuthorisationRepository(access: access) }
    var closures: any ClinicClosureRepository { SQLiteClinicClosureRepository(access: access) }
    var offerRecords: any OfferRecordRepository { SQLiteOfferRecordRepository(access: access) }
    var pathwayNotes: any PathwayNoteRepository { SQLitePathwayNoteRepository(access: access) }
    var outbox: any OutboxRepository { SQLiteOutboxRepository(access: access) }
    var organisation: any OrganisationRepository { SQLiteOrganisationRepository(access: access) }
    var settings: any SettingsRepository { SQLiteSettingsRepository(access: access) }
    var solveJobs: any SolveJobRepository { SQLiteSolveJobRepository(access: access) }
    var pushSubscriptions: any PushSubscriptionRepository { SQLitePushSubscriptionRepository(access: access) }

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
