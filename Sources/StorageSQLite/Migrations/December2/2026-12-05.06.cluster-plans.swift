extension Migration {
    /// `2026-12-05.06.cluster-plans`: a committed journey plan is a cluster's day's (PT-02, PT-03:
    /// each operations centre plans its own contracts on its own fleet), so the key is the day and
    /// the cluster's code. Plans committed before are the first cluster's (`main`).
    static let clusterPlans = Migration(name: "2026-12-05.06.cluster-plans", sql: """
        CREATE TABLE transport_cluster_plans (
            date TEXT NOT NULL,
            cluster_id TEXT NOT NULL
                CHECK (length(cluster_id) BETWEEN 1 AND 40 AND cluster_id NOT GLOB '*[^a-z0-9-]*' AND substr(cluster_id, 1, 1) <> '-'),
            version INTEGER NOT NULL CHECK (version >= 1),
            plan TEXT NOT NULL,
            basis TEXT NOT NULL,
            job_id TEXT NOT NULL,
            committed_at INTEGER NOT NULL,
            committed_by TEXT NOT NULL,
            third_party TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (date, cluster_id)
        );
        INSERT INTO transport_cluster_plans (date, cluster_id, version, plan, basis, job_id, committed_at, committed_by, third_party)
            SELECT date, 'main', version, plan, basis, job_id, committed_at, committed_by, third_party FROM transport_plans;
        DROP TABLE transport_plans;
        ALTER TABLE transport_cluster_plans RENAME TO transport_plans;
        """)
}
