import Foundation
import SchedulingDomain

/// A solve job (architecture §12): a long computation started by `POST`, followed by `GET`
/// (status, progress, result) and stopped by `DELETE`. Run by ``SolveJobWorkers`` in the
/// background; stored, so a job survives the request that started it and a server restart.
public struct SolveJob: Codable, Sendable, Equatable, Identifiable {
    /// A job's identifier (`job_…`).
    public typealias ID = Identifier<SolveJob>

    /// Where a job is in its life.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for a worker.
        case queued
        /// A worker is running it.
        case running
        /// Finished with a result.
        case succeeded
        /// Stopped by an error (see ``SolveJob/error``).
        case failed
        /// Cancelled: before it started (no result), or while running (the result so far, if any).
        case cancelled

        /// Whether the job will not change again.
        public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }
    }

    public var id: ID
    /// What it computes: a registered ``SolveJobKind`` name (`routing`, `transport-plan`…).
    public var kind: String
    public var status: Status
    /// Who started it (an actor id: user id or `system:…`).
    public var createdBy: String
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Share of the work done, 0…1.
    public var progress: Double
    /// What the job is doing now, in a few words (never patient details).
    public var note: String
    /// Cancellation was asked for while it ran.
    public var cancelRequested: Bool
    /// The job's input, as its kind reads it (JSON text).
    public var input: String
    /// The kind's options (JSON text).
    public var options: String
    /// The result (JSON text), once there is one.
    public var result: String?
    /// Why it failed, in words (no patient details).
    public var error: String?

    /// A new queued job.
    public init(id: ID, kind: String, createdBy: String, createdAt: Date, input: String, options: String) {
        self.id = id
        self.kind = kind
        status = .queued
        self.createdBy = createdBy
        self.createdAt = createdAt
        progress = 0
        note = "waiting for a worker"
        cancelRequested = false
        self.input = input
        self.options = options
    }
}
