import Foundation
import GRDB
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import StorageSQLite

/// Crews' push subscriptions (migration `2026-12-05.08`) against the real store.
@Suite("SQLite push subscriptions")
struct SQLitePushSubscriptionTests {
    static let key = String(repeating: "B", count: 87), secret = String(repeating: "a", count: 22)

    static func subscription(_ id: String, user: String, endpoint: String, at seconds: TimeInterval) -> PushSubscription {
        PushSubscription(id: id, userID: user, endpoint: endpoint, receiverKey: key, authSecret: secret, createdAt: Date(timeIntervalSince1970: seconds))
    }

    @Test("stored and read back by user, oldest first; the same endpoint replaces; what was told is kept; a user's removal takes theirs; the schema refuses bad rows")
    func roundTrip() async throws {
        let harness = try TestHarness()
        let store = SQLiteStore(database: harness.database)
        let (a, _) = try await harness.user("crew.a", role: .crew)
        let (b, _) = try await harness.user("crew.b", role: .crew)
        let first = Self.subscription("psub_1", user: a.id.rawValue, endpoint: "https://fcm.googleapis.com/fcm/send/1", at: 100)
        let second = Self.subscription("psub_2", user: a.id.rawValue, endpoint: "https://web.push.apple.com/2", at: 200)
        try await store.write { s in
            try await s.pushSubscriptions.save(second)
            try await s.pushSubscriptions.save(first)
        }
        #expect(try await store.read { try await $0.pushSubscriptions.subscriptions(userID: a.id.rawValue) } == [first, second])
        // The same browser, now B's.
        let moved = Self.subscription("psub_3", user: b.id.rawValue, endpoint: first.endpoint, at: 300)
        try await store.write { try await $0.pushSubscriptions.save(moved) }
        let all = try await store.read { try await $0.pushSubscriptions.all() }
        #expect(all.count == 2 && Set(all.map(\.id)) == [second.id, moved.id] && all.first { $0.id == moved.id }?.userID == b.id.rawValue)
        try await store.write { try await $0.pushSubscriptions.told(id: "psub_2", stamp: "abc", date: "2026-12-08", sentAt: Date(timeIntervalSince1970: 400)) }
        try await store.write { try await $0.pushSubscriptions.told(id: "psub_2", stamp: "def", date: "2026-12-08", sentAt: nil) }
        let told = try #require(try await store.read { try await $0.pushSubscriptions.subscriptions(userID: a.id.rawValue) }.first)
        #expect(told.lastStamp == "def" && told.stampDate == "2026-12-08" && told.lastSentAt == Date(timeIntervalSince1970: 400))
        #expect(try await store.write { try await $0.pushSubscriptions.remove(id: "psub_2") })
        #expect(try await !store.write { try await $0.pushSubscriptions.remove(id: "psub_2") })
        try await harness.database.writer.write { db in try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [b.id.rawValue]) }
        #expect(try harness.count("push_subscriptions") == 0)
        for bad in [Self.subscription("x", user: a.id.rawValue, endpoint: "ftp://push.example/1", at: 1),
                    PushSubscription(id: "y", userID: a.id.rawValue, endpoint: "https://fcm.googleapis.com/x", receiverKey: "short", authSecret: Self.secret, createdAt: .now),
                    Self.subscription("z", user: "usr_nobody", endpoint: "https://fcm.googleapis.com/z", at: 1)]
        {
            await #expect(throws: (any Error).self) { try await store.write { try await $0.pushSubscriptions.save(bad) } }
        }
    }
}
