import Foundation
import SchedulingDomain
import SchedulingServices
import Synchronization

/// Organisation records, settings and closure days read during one group's write transaction, kept for the rest
/// of it: the writes of a group (a burst of bookings) name the same trust, clinics, clinicians and
/// messaging settings over and over, and no one else can change them while the transaction holds
/// the write lock. The store's own writes to them clear it, and so does any write rolled back.
/// It also keeps the audit chain's head, which each write of the group moves as it appends: the
/// stored head (`audit_head`) is written once, before the group commits, not at every entry.
final class TransactionCache: Sendable {
    struct Entries {
        var organisation: Organisation??
        var specialties: [Specialty.ID: Specialty?] = [:]
        var locations: [ClinicLocation.ID: ClinicLocation?] = [:]
        var clinicians: [Clinician.ID: Clinician?] = [:]
        var settings: [String: String?] = [:]
        /// Closure days by ISO date.
        var closures: [String: ClinicClosure?] = [:]
    }

    /// The audit chain's head as the group's writes left it, and whether the stored head lags
    /// behind it.
    struct AuditState: Sendable {
        var head: AuditHead??
        var unstored = false
    }

    /// The audit chain's last sequence and hash.
    struct AuditHead: Sendable {
        var sequence: Int64
        var hash: String
    }

    private let entries = Mutex(Entries())
    private let audit = Mutex(AuditState())

    /// The value in `cache`, or `load`'s (then cached); `load`'s alone without a cache.
    static func value<Key: Hashable & Sendable, Value: Sendable>(
        _ cache: TransactionCache?, _ path: any WritableKeyPath<Entries, [Key: Value?]> & Sendable, _ key: Key, load: () throws -> Value?
    ) rethrows -> Value? {
        guard let cache else { return try load() }
        if let known = cache.entries.withLock({ entries -> Value?? in entries[keyPath: path][key] }) { return known }
        let loaded = try load()
        cache.entries.withLock { $0[keyPath: path][key] = .some(loaded) }
        return loaded
    }

    /// The organisation in `cache`, or `load`'s.
    static func organisation(_ cache: TransactionCache?, load: () throws -> Organisation?) rethrows -> Organisation? {
        guard let cache else { return try load() }
        if let known = cache.entries.withLock({ $0.organisation }) { return known }
        let loaded = try load()
        cache.entries.withLock { $0.organisation = .some(loaded) }
        return loaded
    }

    /// The audit head in `cache`, or `load`'s.
    static func auditHead(_ cache: TransactionCache?, load: () throws -> AuditHead?) rethrows -> AuditHead? {
        guard let cache else { return try load() }
        if let known = cache.audit.withLock({ $0.head }) { return known }
        let loaded = try load()
        cache.audit.withLock { $0.head = .some(loaded) }
        return loaded
    }

    /// Records the head an append moved the chain to, to be stored before the group commits.
    func appended(_ head: AuditHead) { audit.withLock { $0 = AuditState(head: .some(head), unstored: true) } }

    /// The audit state now, to go back to if the next write rolls back.
    var auditState: AuditState { audit.withLock { $0 } }

    /// The head to store before the group commits, if its writes moved it.
    var unstoredAuditHead: AuditHead? { audit.withLock { $0.unstored ? ($0.head ?? nil) : nil } }

    /// After a write rolled back: the records forgotten, and the audit head back where it was
    /// before the write.
    func rollBack(auditTo state: AuditState) {
        clear()
        audit.withLock { $0 = state }
    }

    /// Forgets the records (a write to their tables); the audit head stays.
    func clear() { entries.withLock { $0 = Entries() } }
}
