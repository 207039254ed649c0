import Foundation
import SchedulingDomain

/// Stores solve jobs. Claiming is atomic: of several workers asking at once, each job goes to one.
public protocol SolveJobRepository: Sendable {
    /// Adds a queued job.
    func insert(_ job: SolveJob) async throws
    /// The job with this id.
    func find(id: SolveJob.ID) async throws -> SolveJob?
    /// Stores a job's status, times, progress, note, cancellation request, result and error.
    func update(_ job: SolveJob) async throws
    /// Stores a running job's progress and note only; answers whether cancellation was asked for.
    func recordProgress(id: SolveJob.ID, progress: Double, note: String) async throws -> Bool
    /// The oldest queued job of one of `kinds`, now marked running with `startedAt`; `nil` if none.
    func claimNext(kinds: [String], at startedAt: Date) async throws -> SolveJob?
    /// Jobs started by `createdBy` (every job when `nil`), newest first, at most `limit`.
    func recent(createdBy: String?, limit: Int, offset: Int) async throws -> [SolveJob]
    /// Puts every running job back in the queue (after a restart, their worker is gone); how many.
    func requeueRunning() async throws -> Int
}
