import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteSolveJobRepository: SolveJobRepository {
    let access: DatabaseAccess

    static func job(from row: Row) throws -> SolveJob {
        let id: String = row["id"]
        guard let status = SolveJob.Status(rawValue: row["status"]) else { throw StoreError.failure("solve job \(id): unreadable row") }
        var job = SolveJob(id: .init(id), kind: row["kind"], createdBy: row["created_by"], createdAt: Date(storedMilliseconds: row["created_at_ms"]),
                           input: row["input"], options: row["options"])
        job.status = status
        job.startedAt = (row["started_at_ms"] as Int64?).map(Date.init(storedMilliseconds:))
        job.finishedAt = (row["finished_at_ms"] as Int64?).map(Date.init(storedMilliseconds:))
        job.progress = row["progress"]
        job.note = row["note"]
        job.cancelRequested = row["cancel_requested"]
        job.result = row["result"]
        job.error = row["error"]
        return job
    }

    func insert(_ job: SolveJob) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO solve_jobs (id, kind, status, created_by, created_at_ms, started_at_ms, finished_at_ms, progress, note, cancel_requested,
                        input, options, result, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [job.id.rawValue, job.kind, job.status.rawValue, job.createdBy, job.createdAt.storedMilliseconds,
                            job.startedAt?.storedMilliseconds, job.finishedAt?.storedMilliseconds, job.progress, job.note, job.cancelRequested,
                            job.input, job.options, job.result, job.error])
        }
    }

    func find(id: SolveJob.ID) async throws -> SolveJob? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM solve_jobs WHERE id = ?", arguments: [id.rawValue]).map(Self.job(from:))
        }
    }

    func update(_ job: SolveJob) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    UPDATE solve_jobs SET status = ?, started_at_ms = ?, finished_at_ms = ?, progress = ?, note = ?, cancel_requested = ?,
                        result = ?, error = ? WHERE id = ?
                    """,
                arguments: [job.status.rawValue, job.startedAt?.storedMilliseconds, job.finishedAt?.storedMilliseconds, job.progress, job.note,
                            job.cancelRequested, job.result, job.error, job.id.rawValue])
        }
    }

    func recordProgress(id: SolveJob.ID, progress: Double, note: String) async throws -> Bool {
        try await access.run { db in
            try db.execute(cached: "UPDATE solve_jobs SET progress = ?, note = ? WHERE id = ? AND status = 'running'",
                           arguments: [min(1, max(0, progress)), note, id.rawValue])
            return try Bool.fetchOne(db, cached: "SELECT cancel_requested FROM solve_jobs WHERE id = ?", arguments: [id.rawValue]) ?? false
        }
    }

    func claimNext(kinds: [String], at startedAt: Date) async throws -> SolveJob? {
        guard !kinds.isEmpty else { return nil }
        return try await access.run { db in
            let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM solve_jobs WHERE status = 'queued' AND kind IN (\(marks)) ORDER BY created_at_ms, id LIMIT 1",
                arguments: StatementArguments(kinds))
            else { return nil }
            var job = try Self.job(from: row)
            job.status = .running
            job.startedAt = startedAt
            job.note = "started"
            try db.execute(cached: "UPDATE solve_jobs SET status = 'running', started_at_ms = ?, note = ? WHERE id = ? AND status = 'queued'",
                           arguments: [startedAt.storedMilliseconds, job.note, job.id.rawValue])
            return db.changesCount == 1 ? job : nil
        }
    }

    func recent(createdBy: String?, limit: Int, offset: Int) async throws -> [SolveJob] {
        try await access.run { db in
            if let createdBy {
                return try Row.fetchAll(db, cached: "SELECT * FROM solve_jobs WHERE created_by = ? ORDER BY created_at_ms DESC, id DESC LIMIT ? OFFSET ?",
                                        arguments: [createdBy, limit, offset]).map(Self.job(from:))
            }
            return try Row.fetchAll(db, cached: "SELECT * FROM solve_jobs ORDER BY created_at_ms DESC, id DESC LIMIT ? OFFSET ?", arguments: [limit, offset])
                .map(Self.job(from:))
        }
    }

    func requeueRunning() async throws -> Int {
        try await access.run { db in
            try db.execute(cached: """
                UPDATE solve_jobs SET status = 'queued', started_at_ms = NULL, progress = 0, note = 'interrupted by a restart; waiting to run again'
                WHERE status = 'running'
                """)
            return db.changesCount
        }
    }
}
