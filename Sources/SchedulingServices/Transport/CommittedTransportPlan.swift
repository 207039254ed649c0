import Foundation
import SchedulingDomain

/// A cluster's day's journey plan as a planner committed it (PT-03): the plan, its version (each
/// commit of the cluster's day raises it), the fingerprint of the journeys and shifts it was made from, and who
/// committed it from which job, when.
public struct CommittedTransportPlan: Codable, Sendable, Equatable {
    public var plan: TransportPlan
    public var version: Int
    /// ``TransportDayFingerprint`` of the day the plan was made from.
    public var basis: String
    public var jobID: SolveJob.ID
    public var committedAt: Date
    /// The committing user's id.
    public var committedBy: String
    /// Journeys given to third-party providers, each authorised by a transport manager.
    public var thirdParty: [ThirdPartyBooking]
    /// The cluster whose day it plans (a ``TransportCluster``'s code).
    public var clusterID: String

    /// Creates a record.
    public init(plan: TransportPlan, version: Int, basis: String, jobID: SolveJob.ID, committedAt: Date, committedBy: String, thirdParty: [ThirdPartyBooking] = [],
                clusterID: String = TransportCluster.mainID)
    {
        self.clusterID = clusterID
        self.thirdParty = thirdParty
        self.plan = plan
        self.version = version
        self.basis = basis
        self.jobID = jobID
        self.committedAt = committedAt
        self.committedBy = committedBy
    }
}
