import Foundation
import SchedulingDomain

/// Stores outbox messages.
public protocol OutboxRepository: Sendable {
    /// Adds messages (none is fine).
    func insert(_ messages: [OutboxMessage]) async throws
    /// Stores a message's status, attempts, last error and what was written.
    func update(_ message: OutboxMessage) async throws
    /// The message with this id.
    func find(id: OutboxMessage.ID) async throws -> OutboxMessage?
    /// Queued letters, texts and emails due by `now`, oldest due first, at most `limit` (phone
    /// tasks wait for a call handler).
    func due(by now: Date, limit: Int) async throws -> [OutboxMessage]
    /// Messages matching every given filter, newest first, at most `limit`.
    func messages(_ filter: OutboxFilter, limit: Int, offset: Int) async throws -> [OutboxMessage]
    /// Counts by status and channel, for the outbox summary.
    func counts() async throws -> [OutboxCount]
    /// Those of `appointmentIDs` whose patient has been sent a confirmation or change message.
    func notified(_ appointmentIDs: [Appointment.ID]) async throws -> Set<Appointment.ID>
}

extension OutboxRepository {
    /// Adds a message.
    public func insert(_ message: OutboxMessage) async throws { try await insert([message]) }
}

/// Which outbox messages to list.
public struct OutboxFilter: Sendable, Equatable {
    public var status: OutboxMessage.Status?
    public var channel: OutboxMessage.Channel?
    public var kind: OutboxMessage.Kind?
    public var patientID: Patient.ID?
    public var appointmentID: Appointment.ID?

    /// Creates a filter.
    public init(status: OutboxMessage.Status? = nil, channel: OutboxMessage.Channel? = nil, kind: OutboxMessage.Kind? = nil,
                patientID: Patient.ID? = nil, appointmentID: Appointment.ID? = nil)
    {
        self.status = status
        self.channel = channel
        self.kind = kind
        self.patientID = patientID
        self.appointmentID = appointmentID
    }
}

/// How many messages have one status on one channel.
public struct OutboxCount: Sendable, Equatable, Codable {
    public var status: OutboxMessage.Status
    public var channel: OutboxMessage.Channel
    public var count: Int

    /// Creates a count.
    public init(status: OutboxMessage.Status, channel: OutboxMessage.Channel, count: Int) {
        self.status = status
        self.channel = channel
        self.count = count
    }
}
