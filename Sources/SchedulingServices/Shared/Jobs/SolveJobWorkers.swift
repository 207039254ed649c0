import Foundation
import Logging
import SchedulingDomain
import ServiceLifecycle
import Synchronization

/// Runs queued solve jobs in the background: a lifecycle `Service` the application runs beside
/// the HTTP server. Each of its workers claims the oldest queued job of a known kind, runs it,
/// stores its progress every `tick` and passes on a cancellation request, then stores the result.
/// On a graceful shutdown, running jobs are asked to stop and go back in the queue; jobs a
/// previous process left running are queued again at start.
public struct SolveJobWorkers: Service {
    private let env: ServiceEnvironment
    private let kinds: [String: SolveJobKind]
    /// How many jobs run at once.
    public let workers: Int
    private let poll: Duration
    private let tick: Duration
    private let metrics: (any JobMetrics)?
    private let logger = Logger(label: "kairos.jobs")

    /// Workers for the job kinds of `jobs`; they look for queued work every `poll`.
    public init(_ environment: ServiceEnvironment, jobs: SolveJobService, workers: Int = 1, poll: Duration = .milliseconds(500),
                tick: Duration = .seconds(1), metrics: (any JobMetrics)? = nil)
    {
        env = environment
        kinds = jobs.kinds
        self.workers = max(1, workers)
        self.poll = poll
        self.tick = tick
        self.metrics = metrics
    }

    public func run() async throws {
        let requeued = try await env.store.write { try await $0.solveJobs.requeueRunning() }
        if requeued > 0 { logger.notice("jobs queued again after a restart", metadata: ["jobs": "\(requeued)"]) }
        await withTaskGroup(of: Void.self) { group in
            for k in 0..<workers { group.addTask { await worker(k) } }
        }
    }

    /// One worker's loop, until the application shuts down.
    private func worker(_ k: Int) async {
        let names = kinds.keys.sorted()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let now = env.clock.now()
                if let job = try await env.store.write({ try await $0.solveJobs.claimNext(kinds: names, at: now) }) {
                    await execute(job)
                    continue
                }
            } catch {
                logger.error("could not claim a job", metadata: ["worker": "\(k)", "error_type": "\(type(of: error))"])
            }
            try? await cancelWhenGracefulShutdown { [poll] in try await Task.sleep(for: poll) }
        }
    }

    /// Runs one claimed job to its end and stores the outcome.
    func execute(_ job: SolveJob) async {
        let context = SolveJobContext(job: job)
        let started = ContinuousClock.now
        metrics?.jobStarted(kind: job.kind)
        let shutdown = ShutdownFlag()
        let outcome: Result<String, any Error> = await withGracefulShutdownHandler {
            await withTaskGroup(of: Result<String, any Error>?.self) { group in
                group.addTask {
                    guard let kind = kinds[job.kind] else { return .failure(ServiceError.notFound(entity: "Job kind", id: job.kind)) }
                    do { return .success(try await kind.run(context)) } catch { return .failure(error) }
                }
                group.addTask {
                    await follow(job.id, context)
                    return nil
                }
                var outcome: Result<String, any Error> = .failure(CancellationError())
                for await value in group {
                    guard let value else { continue }
                    outcome = value
                    group.cancelAll()
                }
                return outcome
            }
        } onGracefulShutdown: {
            shutdown.set()
            context.cancel()
        }
        let interrupted = shutdown.isSet
        do {
            let finished = try await store(outcome, of: job.id, context: context, interrupted: interrupted)
            metrics?.jobFinished(kind: job.kind, outcome: finished.rawValue, duration: ContinuousClock.now - started)
            logger.info("job finished", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "status": "\(finished.rawValue)"])
        } catch {
            logger.error("could not store a job's outcome", metadata: ["job": "\(job.id)", "error_type": "\(type(of: error))"])
        }
    }

    /// Every `tick` while the job runs: stores its progress and passes on a cancellation request.
    private func follow(_ id: SolveJob.ID, _ context: SolveJobContext) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: tick) } catch { return }
            let latest = context.latest
            do {
                if try await env.store.write({ try await $0.solveJobs.recordProgress(id: id, progress: latest.progress, note: latest.note) }) {
                    context.cancel()
                }
            } catch {
                logger.warning("could not store a job's progress", metadata: ["job": "\(id)", "error_type": "\(type(of: error))"])
            }
        }
    }

    /// Stores the job's end: its result, its error in words, or back in the queue after a shutdown.
    private func store(_ outcome: Result<String, any Error>, of id: SolveJob.ID, context: SolveJobContext, interrupted: Bool) async throws -> SolveJob.Status {
        let now = env.clock.now()
        return try await env.store.write { session in
            guard var job = try await session.solveJobs.find(id: id) else { return .failed }
            if interrupted && !job.cancelRequested {
                job.status = .queued
                job.startedAt = nil
                job.progress = 0
                job.note = "interrupted by a server shutdown; waiting to run again"
            } else {
                job.finishedAt = now
                switch outcome {
                case .success(let result):
                    job.result = result
                    job.status = job.cancelRequested ? .cancelled : .succeeded
                    job.progress = job.cancelRequested ? context.latest.progress : 1
                    job.note = job.cancelRequested ? "cancelled; the result so far is kept" : "done"
                case .failure(let error):
                    job.status = job.cancelRequested ? .cancelled : .failed
                    job.error = Self.describe(error)
                    job.note = job.cancelRequested ? "cancelled" : "failed"
                }
            }
            try await session.solveJobs.update(job)
            return job.status
        }
    }

    /// An error in words for the job's record: a use case's own message, else only its type
    /// (store and system errors may carry data that is not for users).
    static func describe(_ error: any Error) -> String {
        if let error = error as? ServiceError { return error.description }
        if let error = error as? SolveJobFailure { return error.message }
        return "the job stopped with an internal error (\(type(of: error))); quote the job id to support."
    }
}

/// A job's own failure, with a message for the user (no patient details).
public struct SolveJobFailure: Error, Sendable {
    /// What went wrong.
    public var message: String
    /// Creates a failure.
    public init(_ message: String) { self.message = message }
}

/// Set once, read from any thread.
private final class ShutdownFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
