import Foundation

/// A browser's push subscription for a crew member's run-sheet alerts (Web Push, RFC 8030):
/// where the push service takes messages for that browser, and the browser's keys that
/// encrypt them (RFC 8291). The endpoint is a capability: it is never logged.
public struct PushSubscription: Sendable, Equatable, Codable {
    /// Kairos's id of the subscription.
    public var id: String
    /// The crew member's user id.
    public var userID: String
    /// The push service's URL for this browser.
    public var endpoint: String
    /// The browser's P-256 public key (65 bytes, uncompressed) and authentication secret (16
    /// bytes), base64url as the browser gives them.
    public var receiverKey: String
    public var authSecret: String
    public var createdAt: Date
    /// The fingerprint of the crew member's run sheets when last told (nil: not yet looked at).
    public var lastStamp: String?
    /// The day that fingerprint is of, and when the last alert went.
    public var stampDate: String?
    public var lastSentAt: Date?

    /// Creates a subscription.
    public init(id: String, userID: String, endpoint: String, receiverKey: String, authSecret: String, createdAt: Date,
                lastStamp: String? = nil, stampDate: String? = nil, lastSentAt: Date? = nil)
    {
        self.id = id
        self.userID = userID
        self.endpoint = endpoint
        self.receiverKey = receiverKey
        self.authSecret = authSecret
        self.createdAt = createdAt
        self.lastStamp = lastStamp
        self.stampDate = stampDate
        self.lastSentAt = lastSentAt
    }
}

/// Stores crew members' push subscriptions.
public protocol PushSubscriptionRepository: Sendable {
    /// Adds a subscription; one with the same endpoint (the same browser subscribing again) is replaced.
    func save(_ subscription: PushSubscription) async throws
    /// A user's subscriptions, oldest first.
    func subscriptions(userID: String) async throws -> [PushSubscription]
    /// Every subscription, by user and age.
    func all() async throws -> [PushSubscription]
    /// Removes a subscription; false if there was none.
    func remove(id: String) async throws -> Bool
    /// Records what the crew member was last told: the day's fingerprint, and when an alert went.
    func told(id: String, stamp: String, date: String, sentAt: Date?) async throws
}
