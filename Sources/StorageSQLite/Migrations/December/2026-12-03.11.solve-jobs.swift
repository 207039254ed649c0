extension Migration {
    /// `2026-12-03.11.solve-jobs`.
    static let solveJobs = Migration(name: "2026-12-03.11.solve-jobs", sql: """
        CREATE TABLE solve_jobs (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
            created_by TEXT NOT NULL CHECK (length(created_by) > 0),
            created_at_ms INTEGER NOT NULL,
            started_at_ms INTEGER,
            finished_at_ms INTEGER,
            progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
            note TEXT NOT NULL DEFAULT '',
            cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
            input TEXT NOT NULL,
            options TEXT NOT NULL DEFAULT '{}',
            result TEXT,
            error TEXT,
            CHECK ((status = 'queued') = (started_at_ms IS NULL) OR status = 'cancelled'),
            CHECK ((status IN ('succeeded', 'failed', 'cancelled')) = (finished_at_ms IS NOT NULL)),
            CHECK (status <> 'succeeded' OR result IS NOT NULL)
        );
        CREATE INDEX solve_jobs_queue ON solve_jobs(status, created_at_ms);
        CREATE INDEX solve_jobs_creator ON solve_jobs(created_by, created_at_ms);
        """)
}
