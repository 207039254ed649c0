import Foundation
import NIOPosix
import SchedulingServices
import Synchronization

/// A lane of threads that runs request handlers or blocking work off Swift's cooperative threads
/// (which are as many as the cores, and which a second of bcrypt or of an allocation preview
/// would otherwise stall for every request). A `TaskExecutor` over an `NIOThreadPool`: async
/// code given this lane as its executor preference runs on the lane's threads. Admission
/// control: at most `threads + queue` pieces of work are admitted at once; beyond that the lane
/// refuses with ``ServiceError/busy(_:retryAfter:)`` (HTTP 503 with `Retry-After`), so that
/// work queues instead of starving everything else, and a flood is turned away early.
public final class ExecutionLane: TaskExecutor, Sendable {
    /// The lane's name (`requests`, `heavy`, `hashing`), for messages.
    public let name: String
    /// Threads that run the lane's work.
    public let threads: Int
    /// Pieces of work that may wait beyond those running.
    public let queue: Int
    private let pool: NIOThreadPool
    private let admitted = Atomic<Int>(0)

    /// A lane of `threads` threads admitting `queue` more pieces of work to wait.
    public init(name: String, threads: Int, queue: Int) {
        self.name = name
        self.threads = max(1, threads)
        self.queue = max(0, queue)
        pool = NIOThreadPool(numberOfThreads: self.threads)
        pool.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { _ in job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Pieces of work admitted now (running or waiting).
    public var load: Int { admitted.load(ordering: .relaxed) }

    /// Runs `body` on this lane if there is room, else refuses at once.
    public func admit<T>(_ body: () async throws -> T) async throws -> T {
        let now = admitted.add(1, ordering: .relaxed).newValue
        defer { admitted.subtract(1, ordering: .relaxed) }
        guard now <= threads + queue else {
            throw ServiceError.busy("The server is busy (\(name)); try again in a few seconds.", retryAfter: 2)
        }
        return try await withTaskExecutorPreference(self) { try await body() }
    }

    /// Runs synchronous, blocking or CPU-heavy `work` on one of the lane's threads.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await admit { try work() }
    }

    /// Stops the threads once their work is done.
    public func shutdown() async throws { try await pool.shutdownGracefully() }
}

/// The lanes a server runs on: ordinary requests, heavy requests (allocation previews, reports,
/// the tracking list, imports), and password hashing. Meta routes (`/health`, `/metrics`) stay on
/// the cooperative threads, so they answer while every lane is busy.
public struct ExecutionLanes: Sendable {
    /// How many threads and waiting places each lane has.
    public struct Sizes: Sendable, Equatable {
        public var requestThreads: Int
        public var heavyThreads: Int
        public var heavyQueue: Int
        public var hashThreads: Int
        public var hashQueue: Int

        /// Sizes for a machine with `cores` cores: requests on as many threads as cores (at least
        /// two), heavy work and hashing on half of them (at least one each).
        public static func forCores(_ cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Sizes {
            Sizes(requestThreads: max(2, cores), heavyThreads: max(1, cores / 2), heavyQueue: 256, hashThreads: max(1, cores / 2), hashQueue: 64)
        }

        /// Creates sizes.
        public init(requestThreads: Int, heavyThreads: Int, heavyQueue: Int, hashThreads: Int, hashQueue: Int) {
            self.requestThreads = requestThreads
            self.heavyThreads = heavyThreads
            self.heavyQueue = heavyQueue
            self.hashThreads = hashThreads
            self.hashQueue = hashQueue
        }
    }

    /// Ordinary API, page and FHIR requests.
    public let requests: ExecutionLane
    /// Heavy requests, one lane so that they queue behind each other.
    public let heavy: ExecutionLane
    /// bcrypt.
    public let hashing: ExecutionLane

    /// Lanes of these sizes.
    public init(_ sizes: Sizes = .forCores()) {
        requests = ExecutionLane(name: "requests", threads: sizes.requestThreads, queue: 4096)
        heavy = ExecutionLane(name: "heavy", threads: sizes.heavyThreads, queue: sizes.heavyQueue)
        hashing = ExecutionLane(name: "hashing", threads: sizes.hashThreads, queue: sizes.hashQueue)
    }

    /// Lanes shared by everything in a process that does not configure its own (tests, CLI
    /// commands): sized for the cores, with room for everything to wait (a server configures
    /// its own, with the admission limits that matter under load).
    public static let shared: ExecutionLanes = {
        var sizes = Sizes.forCores()
        sizes.heavyQueue = 100_000
        sizes.hashQueue = 100_000
        return ExecutionLanes(sizes)
    }()

    /// Stops every lane's threads.
    public func shutdown() async throws {
        try await requests.shutdown()
        try await heavy.shutdown()
        try await hashing.shutdown()
    }
}
