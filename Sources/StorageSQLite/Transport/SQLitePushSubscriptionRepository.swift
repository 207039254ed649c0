import Foundation
import GRDB
import SchedulingServices

struct SQLitePushSubscriptionRepository: PushSubscriptionRepository {
    let access: DatabaseAccess

    func save(_ s: PushSubscription) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO push_subscriptions (id, user_id, endpoint, receiver_key, auth_secret, created_at, last_stamp, stamp_date, last_sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (endpoint) DO UPDATE SET id = excluded.id, user_id = excluded.user_id, receiver_key = excluded.receiver_key,
                        auth_secret = excluded.auth_secret, created_at = excluded.created_at, last_stamp = excluded.last_stamp,
                        stamp_date = excluded.stamp_date, last_sent_at = excluded.last_sent_at
                    """,
                arguments: [s.id, s.userID, s.endpoint, s.receiverKey, s.authSecret, s.createdAt.storedMilliseconds, s.lastStamp, s.stampDate,
                            s.lastSentAt?.storedMilliseconds])
        }
    }

    func subscriptions(userID: String) async throws -> [PushSubscription] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM push_subscriptions WHERE user_id = ? ORDER BY created_at, id", arguments: [userID]).map(Self.subscription)
        }
    }

    func all() async throws -> [PushSubscription] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM push_subscriptions ORDER BY user_id, created_at, id").map(Self.subscription)
        }
    }

    func remove(id: String) async throws -> Bool {
        try await access.run { db in
            try db.execute(cached: "DELETE FROM push_subscriptions WHERE id = ?", arguments: [id])
            return db.changesCount == 1
        }
    }

    func told(id: String, stamp: String, date: String, sentAt: Date?) async throws {
        try await access.run { db in
            try db.execute(
                cached: "UPDATE push_subscriptions SET last_stamp = ?, stamp_date = ?, last_sent_at = COALESCE(?, last_sent_at) WHERE id = ?",
                arguments: [stamp, date, sentAt?.storedMilliseconds, id])
        }
    }

    private static func subscription(_ row: Row) -> PushSubscription {
        PushSubscription(id: row["id"], userID: row["user_id"], endpoint: row["endpoint"], receiverKey: row["receiver_key"], authSecret: row["auth_secret"],
                         createdAt: Date(storedMilliseconds: row["created_at"]), lastStamp: row["last_stamp"], stampDate: row["stamp_date"],
                         lastSentAt: (row["last_sent_at"] as Int64?).map { Date(storedMilliseconds: $0) })
    }
}
