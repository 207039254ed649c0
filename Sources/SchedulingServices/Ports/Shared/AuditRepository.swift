import Foundation
import SchedulingDomain

/// The append-only audit log and its head (last sequence and hash, to detect a deleted tail).
public protocol AuditRepository: Sendable {
    /// Appends an entry and moves the head to it.
    func append(_ entry: AuditEntry) async throws
    /// Entries with `sequence > after`, in order, at most `limit`.
    func entries(after: Int64, limit: Int) async throws -> [AuditEntry]
    /// Newest entries first, at most `limit`, optionally only for one entity.
    func recent(limit: Int, offset: Int, entityType: String?, entityID: String?) async throws -> [AuditEntry]
    /// The recorded head: sequence and hash of the last entry appended.
    func head() async throws -> (sequence: Int64, hash: String)?
}
