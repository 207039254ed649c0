extension Migration {
    /// `2026-12-05.04.journey-contracts`: a journey names the contract it is carried under (PT-02:
    /// a cluster's contracts share its fleet); NULL is the cluster's lead contract. Codes as the
    /// domain allows them.
    static let journeyContracts = Migration(name: "2026-12-05.04.journey-contracts", sql: """
        ALTER TABLE transport_journeys ADD COLUMN contract_id TEXT
            CHECK (contract_id IS NULL OR (length(contract_id) BETWEEN 1 AND 40 AND contract_id NOT GLOB '*[^a-z0-9-]*' AND substr(contract_id, 1, 1) <> '-'));
        CREATE INDEX transport_journeys_by_contract ON transport_journeys (contract_id) WHERE contract_id IS NOT NULL;
        """)
}
