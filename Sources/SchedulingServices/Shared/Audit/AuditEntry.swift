import Foundation
import SchedulingDomain

/// One entry of the append-only audit log.
public struct AuditEntry: Hashable, Codable, Sendable {
    /// Position in the chain, from 1, without gaps.
    public var sequence: Int64
    /// When, to the millisecond.
    public var at: Date
    /// Who: a user id or `system:…`.
    public var actorID: String
    /// The actor's role at the time, if a user.
    public var actorRole: String?
    /// What: `patient.read`, `user.create`, …
    public var action: String
    /// Kind of thing acted on: `patient`, `user`, `token`, …
    public var entityType: String
    /// Which one (an id, never a name).
    public var entityID: String?
    /// Why, as stated by the caller.
    public var reason: String?
    /// Extra facts (ids and codes only).
    public var detail: String?
    /// The request that did it.
    public var requestID: String?
    /// Hash of the previous entry (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 over this entry's fields and `previousHash`.
    public var hash: String

    /// Creates an entry.
    public init(
        sequence: Int64, at: Date, actorID: String, actorRole: String?, action: String, entityType: String,
        entityID: String?, reason: String?, detail: String?, requestID: String?, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actorID = actorID
        self.actorRole = actorRole
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.reason = reason
        self.detail = detail
        self.requestID = requestID
        self.previousHash = previousHash
        self.hash = hash
    }
}
