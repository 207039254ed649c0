import Foundation
import SchedulingDomain

/// A transport manager's authorisation of a third-party booking a plan job proposes.
public struct ThirdPartyAuthorisation: Codable, Sendable, Equatable {
    public var jobID: SolveJob.ID
    public var journeyID: TransportJourney.ID
    public var providerID: String
    public var pricePence: Int
    public var authorisedBy: String
    public var authorisedAt: Date

    /// Creates a record.
    public init(jobID: SolveJob.ID, journeyID: TransportJourney.ID, providerID: String, pricePence: Int, authorisedBy: String, authorisedAt: Date) {
        self.jobID = jobID
        self.journeyID = journeyID
        self.providerID = providerID
        self.pricePence = pricePence
        self.authorisedBy = authorisedBy
        self.authorisedAt = authorisedAt
    }
}
