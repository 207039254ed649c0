import Foundation
import SchedulingDomain

/// Stores transport managers' authorisations of third-party bookings (PT-05).
public protocol ThirdPartyAuthorisationRepository: Sendable {
    /// Adds an authorisation; false (storing nothing) if that job's journey is already authorised.
    func insert(_ authorisation: ThirdPartyAuthorisation) async throws -> Bool
    /// A plan job's authorisations.
    func authorisations(jobID: SolveJob.ID) async throws -> [ThirdPartyAuthorisation]
}
