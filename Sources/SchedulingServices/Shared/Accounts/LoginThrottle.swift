import Foundation
import Synchronization

/// Slows down password guessing, per account (the username as typed, whether or not it exists,
/// so that the answers never tell which names exist) and per client address. A few failures are
/// free; each further one locks the key for twice as long as the last (5 s, 10 s, 20 s… at most
/// 15 minutes), during which logins on that key are refused at once with the time to wait —
/// before any password is checked, so that guessing costs the server nothing. Failures older
/// than an hour are forgotten; a success clears its account's failures.
///
/// In memory: a restart forgets the counts (the audit log keeps every lock).
public final class LoginThrottle: Sendable {
    /// The rules.
    public struct Policy: Sendable {
        /// Failures a username may have before it is locked.
        public var freeAccountFailures = 3
        /// Failures one address may have (across usernames) before it is locked.
        public var freeAddressFailures = 10
        /// The first lock.
        public var firstLock: TimeInterval = 5
        /// The longest lock.
        public var longestLock: TimeInterval = 15 * 60
        /// How long a failure is remembered.
        public var memory: TimeInterval = 60 * 60

        /// The defaults above.
        public init() {}
    }

    /// A key locked by a failure: which, for how long (for the audit log).
    public struct Lock: Sendable, Equatable {
        public var key: String
        public var failures: Int
        public var seconds: Int
    }

    private struct Record {
        var failures = 0
        var lastFailure = Date.distantPast
        var lockedUntil = Date.distantPast
    }

    /// The policy in force.
    public let policy: Policy
    private let records = Mutex<[String: Record]>([:])

    /// A throttle with `policy`.
    public init(policy: Policy = Policy()) { self.policy = policy }

    /// The keys of a login attempt.
    public static func keys(username: String, address: String?) -> [String] {
        ["account:" + username.lowercased()] + (address.map { ["address:" + $0] } ?? [])
    }

    /// Seconds to wait before `keys` may try again (rounded up), or `nil` when they may now.
    public func wait(_ keys: [String], now: Date) -> Int? {
        records.withLock { records in
            let until = keys.compactMap { records[$0]?.lockedUntil }.max() ?? .distantPast
            return until > now ? Int(until.timeIntervalSince(now).rounded(.up)) : nil
        }
    }

    /// Counts a failure on every key; returns the keys it locks.
    @discardableResult
    public func fail(_ keys: [String], now: Date) -> [Lock] {
        records.withLock { records in
            if records.count > 50_000 { records = records.filter { now.timeIntervalSince($0.value.lastFailure) < policy.memory } }
            var locks: [Lock] = []
            for key in keys {
                var record = records[key] ?? Record()
                if now.timeIntervalSince(record.lastFailure) > policy.memory { record = Record() }
                record.failures += 1
                record.lastFailure = now
                let free = key.hasPrefix("address:") ? policy.freeAddressFailures : policy.freeAccountFailures
                if record.failures > free {
                    let exponent = Double(min(record.failures - free - 1, 20))
                    let seconds = min(policy.longestLock, policy.firstLock * pow(2, exponent))
                    record.lockedUntil = now.addingTimeInterval(seconds)
                    locks.append(Lock(key: key, failures: record.failures, seconds: Int(seconds.rounded(.up))))
                }
                records[key] = record
            }
            return locks
        }
    }

    /// Clears an account's failures after a successful login (its address keeps its count).
    public func succeed(username: String) {
        _ = records.withLock { $0.removeValue(forKey: "account:" + username.lowercased()) }
    }
}
