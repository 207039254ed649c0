import Foundation
import SchedulingDomain

/// Starting, following and cancelling solve jobs (architecture §12): `POST` starts one and
/// answers its id, `GET` gives its status, progress and result, `DELETE` cancels it. Each kind
/// names the roles that may use it; a job is seen by those roles.
public struct SolveJobService: Sendable {
    private let env: ServiceEnvironment
    /// The kinds, by name.
    public let kinds: [String: SolveJobKind]

    /// Creates the service with its kinds.
    public init(_ environment: ServiceEnvironment, kinds: [SolveJobKind]) {
        env = environment
        self.kinds = Dictionary(kinds.map { ($0.name, $0) }) { first, _ in first }
    }

    /// The largest input a job takes (characters).
    public static let maximumInput = 8_000_000

    /// Checks and queues a job of `kind`; a worker picks it up.
    public func start(kind name: String, input: String, options: String = "{}", by caller: Caller) async throws -> SolveJob {
        guard let kind = kinds[name] else { throw ServiceError.notFound(entity: "Job kind", id: name) }
        try caller.require(anyOf: kind.roles, to: "start \(name) jobs")
        if input.utf8.count > Self.maximumInput {
            throw ServiceError.invalid([.init(path: "", code: "input.size", message: "the input may be at most \(Self.maximumInput / 1_000_000) MB.")])
        }
        try kind.validate(input, options)
        let now = env.clock.now()
        let job = SolveJob(id: .init(env.ids.make(prefix: "job")), kind: name, createdBy: caller.principal.actorID, createdAt: now, input: input,
                           options: options)
        try await env.store.write { session in
            try await session.solveJobs.insert(job)
            try await AuditTrail.record(.init(action: "job.start", entityType: "job", entityID: job.id.rawValue, detail: "kind=\(name)"),
                                        by: caller, at: now, in: session)
        }
        return job
    }

    /// The job, for a role its kind allows (404 for others, as if it did not exist).
    public func job(id: SolveJob.ID, by caller: Caller) async throws -> SolveJob {
        let job = try await env.store.read { try await $0.solveJobs.find(id: id) }
        guard let job, let kind = kinds[job.kind], caller.principal.holds(anyOf: kind.roles) else {
            throw ServiceError.notFound(entity: "Job", id: id.rawValue)
        }
        return job
    }

    /// The caller's jobs (every job for admins and the system), newest first.
    public func recent(limit: Int = 50, offset: Int = 0, by caller: Caller) async throws -> [SolveJob] {
        guard (1...500).contains(limit) else {
            throw ServiceError.invalid([.init(path: "limit", code: "limit.range", message: "limit must be between 1 and 500.")])
        }
        let everyone = caller.principal.role == nil || caller.principal.role == .admin
        let jobs = try await env.store.read { try await $0.solveJobs.recent(createdBy: everyone ? nil : caller.principal.actorID, limit: limit, offset: max(0, offset)) }
        return jobs.filter { job in kinds[job.kind].map { caller.principal.holds(anyOf: $0.roles) } ?? false }
    }

    /// Cancels a job: a queued one at once, a running one as soon as its worker sees the request
    /// (within a second; it keeps the result so far). A finished job is a conflict.
    public func cancel(id: SolveJob.ID, by caller: Caller) async throws -> SolveJob {
        _ = try await job(id: id, by: caller)
        let env = env
        return try await env.store.write { session in
            guard var job = try await session.solveJobs.find(id: id) else { throw ServiceError.notFound(entity: "Job", id: id.rawValue) }
            guard !job.status.isFinal else {
                throw ServiceError.conflict(code: "job.finished", message: "Job \(id.rawValue) has already finished (\(job.status.rawValue)).")
            }
            let now = env.clock.now()
            if job.status == .queued {
                job.status = .cancelled
                job.finishedAt = now
                job.note = "cancelled before it started"
            }
            job.cancelRequested = true
            try await session.solveJobs.update(job)
            try await AuditTrail.record(.init(action: "job.cancel", entityType: "job", entityID: id.rawValue, detail: "kind=\(job.kind)"),
                                        by: caller, at: now, in: session)
            return job
        }
    }
}
