@_exported import SeededTesting
import Foundation
import GRDB
import Logging
import SchedulingDomain
import SchedulingServices
import ServiceLifecycle
import StorageSQLite
import SchedulingWeb
import Synchronization
import Testing

/// A clock that stands still until moved.
public final class FixedClock: Clock, Sendable {
    private let instant: Mutex<Date>

    /// A clock showing `date` (default 2026-11-22 10:00 UTC).
    public init(_ date: Date = Date(timeIntervalSince1970: 1_795_341_600)) { instant = Mutex(date) }

    public func now() -> Date { instant.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Ids `prefix_000001`, `prefix_000002`, … in call order.
public final class SequentialIDGenerator: IDGenerator, Sendable {
    private let counter = Mutex(0)

    /// Starts at 1.
    public init() {}

    public func make(prefix: String) -> String {
        let next = counter.withLock { value -> Int in
            value += 1
            return value
        }
        return String(format: "%@_%06d", prefix, next)
    }
}

/// A temporary database file, removed with its WAL files when the value is released.
public final class TemporaryDatabase: Sendable {
    /// The file path.
    public let path: String

    /// A fresh path in a fresh temporary folder.
    public init() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("kairos.sqlite").path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}

/// Services over a real SQLite store, with a fixed clock and cheap bcrypt, for tests.
public struct TestHarness: Sendable {
    /// The services.
    public let services: KairosServices
    /// The database behind them.
    public let database: AppDatabase
    /// The clock they read.
    public let clock: FixedClock
    /// Keeps a file database alive for the harness's lifetime.
    public let file: TemporaryDatabase?

    /// A harness on a temporary database file (WAL, as in production) or in memory.
    public init(inMemory: Bool = false, clock: FixedClock = FixedClock(), jobKinds: [SolveJobKind]? = nil) throws {
        let file = inMemory ? nil : TemporaryDatabase()
        let database = try file.map { try AppDatabase.open(path: $0.path) } ?? AppDatabase.inMemory()
        self.file = file
        self.database = database
        self.clock = clock
        services = KairosServices(environment: ServiceEnvironment(
            store: SQLiteStore(database: database), clock: clock, ids: SequentialIDGenerator(),
            passwordHasher: BcryptPasswordHasher(cost: 4)), jobKinds: jobKinds)
    }

    /// The system principal, for setting up data.
    public static let system = Caller(principal: .system("test"), requestID: "test")

    /// Creates a user with a known password and returns them with an API token.
    @discardableResult
    public func user(_ username: String, role: Role, password: String = "correct horse battery") async throws -> (user: UserAccount, token: String) {
        let created = try await services.shared.accounts.createUser(
            username: username, displayName: "Test \(username)", role: role, password: password,
            passwordChangeRequired: false, by: TestHarness.system)
        let token = try await services.shared.accounts.issueToken(for: username, name: "test", by: TestHarness.system)
        return (created.user, token.secret)
    }

    /// A valid patient input with a given NHS number (test range).
    public static func patientInput(nhsNumber: String = "9990000018") -> PatientInput {
        PatientInput(
            nhsNumber: nhsNumber, givenName: "Test", familyName: "Patient", birthDate: "1970-05-17", sex: "female",
            address: .init(lines: ["1 Test Street"], town: "Manchester", postcode: "m13 9wl", latitude: 53.46, longitude: -2.23),
            phone: "07700 900123", email: nil)
    }

    /// Counts rows of a table (for "nothing changed" checks).
    public func count(_ table: String, where condition: String = "1") throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)") ?? 0 }
    }
}

/// Runs a lifecycle `service` (a worker, a dispatcher) in a service group until `done` holds
/// (checked every 10 ms, for at most 60 s), then shuts the group down gracefully and waits for
/// it; a service that has not stopped 60 s after the shutdown is an issue (and is cancelled).
public func runService(_ service: some Service, until done: @escaping @Sendable () async throws -> Bool) async throws {
    let group = ServiceGroup(services: [service], gracefulShutdownSignals: [], logger: Logger(label: "test"))
    let stopped = StoppedFlag()
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            try await group.run()
            stopped.set()
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !done() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for the service")
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        await group.triggerGracefulShutdown()
        let shutdownDeadline = ContinuousClock.now + .seconds(60)
        while !stopped.isSet {
            guard ContinuousClock.now < shutdownDeadline else {
                Issue.record("the service did not stop within 60 s of a graceful shutdown")
                tasks.cancelAll()
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        try await tasks.waitForAll()
    }
}

/// Set once by the task that runs a service group.
private final class StoppedFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
