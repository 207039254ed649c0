import Foundation
import SchedulingDomain
import Synchronization

/// Organisation records and settings read during one group's write transaction, kept for the rest
/// of it: the writes of a group (a burst of bookings) name the same trust, clinics, clinicians and
/// messaging settings over and over, and no one else can change them while the transaction holds
/// the write lock. The store's own writes to them clear it, and so does any write rolled back.
final class TransactionCache: Sendable {
    struct Entries {
        var organisation: Organisation??
        var specialties: [Specialty.ID: Specialty?] = [:]
        var locations: [ClinicLocation.ID: ClinicLocation?] = [:]
        var clinicians: [Clinician.ID: Clinician?] = [:]
        var settings: [String: String?] = [:]
    }

    private let entries = Mutex(Entries())

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

    /// Forgets everything (a write to these tables, or a write rolled back).
    func clear() { entries.withLock { $0 = Entries() } }
}
