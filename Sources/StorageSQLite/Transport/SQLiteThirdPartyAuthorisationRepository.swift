import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteThirdPartyAuthorisationRepository: ThirdPartyAuthorisationRepository {
    let access: DatabaseAccess

    func insert(_ a: ThirdPartyAuthorisation) async throws -> Bool {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO transport_authorisations (job_id, journey_id, provider, price_pence, authorised_by, authorised_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (job_id, journey_id) DO NOTHING
                    """,
                arguments: [a.jobID.rawValue, a.journeyID.rawValue, a.providerID, a.pricePence, a.authorisedBy, a.authorisedAt.storedMilliseconds])
            return db.changesCount == 1
        }
    }

    func authorisations(jobID: SolveJob.ID) async throws -> [ThirdPartyAuthorisation] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM transport_authorisations WHERE job_id = ? ORDER BY journey_id", arguments: [jobID.rawValue]).map { row in
                ThirdPartyAuthorisation(jobID: .init(row["job_id"] as String), journeyID: .init(row["journey_id"] as String), providerID: row["provider"],
                                        pricePence: row["price_pence"], authorisedBy: row["authorised_by"],
                                        authorisedAt: Date(storedMilliseconds: row["authorised_at"]))
            }
        }
    }
}
