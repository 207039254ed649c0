import Foundation
import SchedulingDomain
import Synchronization

/// A kind of solve job: its name, the roles that may start and follow it, how its input is
/// checked when it is submitted, and how it runs on a worker.
public struct SolveJobKind: Sendable {
    /// Stable name (`routing`, `transport-plan`…).
    public var name: String
    /// Roles that may start, read and cancel jobs of this kind.
    public var roles: Set<Role>
    /// Checks input and options when the job is submitted; throws ``ServiceError/invalid(_:)``
    /// naming each field, so that a job that cannot run is refused before it is stored.
    public var validate: @Sendable (_ input: String, _ options: String) throws -> Void
    /// Runs the job and returns its result (JSON text). Called on a worker, never on a request.
    /// Long computations should look at ``SolveJobContext/isCancelled`` (or register
    /// ``SolveJobContext/onCancel(_:)``) and report progress.
    public var run: @Sendable (SolveJobContext) async throws -> String

    /// Creates a kind.
    public init(name: String, roles: Set<Role>, validate: @escaping @Sendable (String, String) throws -> Void,
                run: @escaping @Sendable (SolveJobContext) async throws -> String)
    {
        self.name = name
        self.roles = roles
        self.validate = validate
        self.run = run
    }
}

/// What a running job sees: its job, a way to report progress, and whether it was asked to stop.
/// Shared between the job (on its own thread) and its worker (which stores the progress and passes
/// on cancellation).
public final class SolveJobContext: Sendable {
    /// The job as it was claimed.
    public let job: SolveJob
    private struct State {
        var progress = 0.0
        var note = "started"
        var cancelled = false
        var onCancel: [@Sendable () -> Void] = []
    }
    private let state = Mutex(State())

    /// A context for `job`.
    public init(job: SolveJob) { self.job = job }

    /// Reports how far the job is (0…1) and what it does now (no patient details).
    public func report(progress: Double, note: String) {
        state.withLock {
            $0.progress = min(1, max(0, progress))
            $0.note = note
        }
    }

    /// The last progress reported.
    public var latest: (progress: Double, note: String) { state.withLock { ($0.progress, $0.note) } }

    /// Whether the job was asked to stop (cancelled, or the server is shutting down).
    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Runs `action` when the job is asked to stop (at once if it already was).
    public func onCancel(_ action: @escaping @Sendable () -> Void) {
        let now = state.withLock { s -> Bool in
            if s.cancelled { return true }
            s.onCancel.append(action)
            return false
        }
        if now { action() }
    }

    /// Asks the job to stop.
    func cancel() {
        let actions = state.withLock { s -> [@Sendable () -> Void] in
            guard !s.cancelled else { return [] }
            s.cancelled = true
            return s.onCancel
        }
        for action in actions { action() }
    }
}

/// Runs CPU-heavy synchronous work on a thread of its own, so that it never occupies one of the
/// few threads Swift concurrency runs every request on.
public enum DedicatedThread {
    /// Runs `work` on a new thread and returns its result.
    public static func run<T: Sendable>(name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.name = name
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
