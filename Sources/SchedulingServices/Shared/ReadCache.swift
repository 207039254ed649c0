import Foundation
import Synchronization

/// Remembers expensive reads (the open waiting list, the tracking list, reports, allocation
/// previews) for as long as the store's version has not moved: any committed write, by this
/// server or another process, makes every entry stale. Keys name what was computed and from
/// what (the filter, today's date). Holds at most `capacity` entries, the least recently used
/// leaving first.
public final class ReadCache: Sendable {
    private struct Entry {
        var version: Int64
        var value: any Sendable
        var used: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    /// The most entries kept.
    public let capacity: Int
    private let state = Mutex(State())

    /// An empty cache.
    public init(capacity: Int = 64) { self.capacity = max(1, capacity) }

    /// The value for `key` if it was computed at `version`; else computes it, keeps it and returns it.
    public func value<T: Sendable>(_ key: String, version: Int64, compute: () async throws -> T) async rethrows -> T {
        let found = state.withLock { s -> T? in
            s.clock += 1
            guard var entry = s.entries[key], entry.version == version, let value = entry.value as? T else {
                s.misses += 1
                return nil
            }
            entry.used = s.clock
            s.entries[key] = entry
            s.hits += 1
            return value
        }
        if let found { return found }
        let value = try await compute()
        state.withLock { s in
            s.clock += 1
            s.entries[key] = Entry(version: version, value: value, used: s.clock)
            if s.entries.count > capacity, let oldest = s.entries.min(by: { $0.value.used < $1.value.used })?.key {
                s.entries.removeValue(forKey: oldest)
            }
        }
        return value
    }

    /// Reads answered from the cache and computed, so far.
    public var counts: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
