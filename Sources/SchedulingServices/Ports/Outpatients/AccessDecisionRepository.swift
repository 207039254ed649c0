import Foundation
import SchedulingDomain

/// Stores the access policy's decisions.
public protocol AccessDecisionRepository: Sendable {
    /// Adds a decision.
    func insert(_ decision: AccessDecision) async throws
    /// Stores a decision's resolution.
    func update(_ decision: AccessDecision) async throws
    /// The decision with this id.
    func find(id: AccessDecision.ID) async throws -> AccessDecision?
    /// Decisions still awaiting a clinician, oldest first.
    func pending() async throws -> [AccessDecision]
    /// A referral's decisions, oldest first.
    func decisions(referralID: Referral.ID) async throws -> [AccessDecision]
}
