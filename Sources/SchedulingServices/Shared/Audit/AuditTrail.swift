import Crypto
import Foundation

/// Something that happened, to be written to the audit log by ``AuditTrail``.
public struct AuditEvent: Sendable {
    /// What: `patient.read`, `user.create`, …
    public var action: String
    /// Kind of thing acted on.
    public var entityType: String
    /// Which one (an id).
    public var entityID: String?
    /// Extra facts: ids and codes only, never patient details.
    public var detail: String?

    /// Creates an event.
    public init(action: String, entityType: String, entityID: String?, detail: String? = nil) {
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.detail = detail
    }
}

/// Appends to and checks the hash-chained audit log.
///
/// Each entry's hash is SHA-256 over its own fields and the previous entry's hash, so editing or
/// deleting any entry breaks every later link; the stored head (last sequence and hash) also
/// catches a deleted tail.
public enum AuditTrail {
    /// The `previousHash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Appends an event inside the caller's transaction.
    public static func record(_ event: AuditEvent, by caller: Caller, at instant: Date, in session: any StoreSession) async throws {
        let last = try await session.audit.head()
        var entry = AuditEntry(
            sequence: (last?.sequence ?? 0) + 1,
            at: Date(timeIntervalSince1970: (instant.timeIntervalSince1970 * 1000).rounded(.down) / 1000),
            actorID: caller.principal.actorID,
            actorRole: caller.principal.role?.rawValue,
            action: event.action, entityType: event.entityType, entityID: event.entityID,
            reason: caller.reason, detail: event.detail, requestID: caller.requestID,
            previousHash: last?.hash ?? genesisHash, hash: "")
        entry.hash = hash(of: entry)
        try await session.audit.append(entry)
    }

    /// SHA-256 (hex) over every field but `hash`, in a fixed unambiguous encoding.
    public static func hash(of entry: AuditEntry) -> String {
        let fields: [String?] = [
            String(entry.sequence), String(Int64((entry.at.timeIntervalSince1970 * 1000).rounded())),
            entry.actorID, entry.actorRole, entry.action, entry.entityType, entry.entityID, entry.reason,
            entry.detail, entry.requestID, entry.previousHash,
        ]
        // Length-prefix each field so that no two field lists share an encoding; nil differs from "".
        var canonical = ""
        for field in fields {
            if let field { canonical += "\(field.utf8.count):\(field)|" } else { canonical += "-|" }
        }
        return SecretHash.hex(SHA256.hash(data: Data(canonical.utf8)))
    }

    /// Walks the whole chain and reports the first entry that does not hold.
    public static func verify(in session: any StoreSession, pageSize: Int = 2_000) async throws -> AuditVerification {
        var expectedSequence: Int64 = 1
        var previousHash = genesisHash
        var checked = 0
        var after: Int64 = 0
        while true {
            let page = try await session.audit.entries(after: after, limit: pageSize)
            for entry in page {
                if entry.sequence != expectedSequence {
                    return .init(entriesChecked: checked, firstBroken: .init(
                        sequence: expectedSequence, problem: .missing,
                        message: "Entry \(expectedSequence) is missing (next present is \(entry.sequence)): entries were deleted."))
                }
                if entry.previousHash != previousHash {
                    return .init(entriesChecked: checked, firstBroken: .init(
                        sequence: entry.sequence, problem: .brokenLink,
                        message: "Entry \(entry.sequence) does not link to the entry before it: that entry was changed or removed."))
                }
                if hash(of: entry) != entry.hash {
                    return .init(entriesChecked: checked, firstBroken: .init(
                        sequence: entry.sequence, problem: .modified,
                        message: "Entry \(entry.sequence) was modified: its contents no longer match its hash."))
                }
                previousHash = entry.hash
                expectedSequence += 1
                checked += 1
            }
            guard let lastOfPage = page.last, page.count == pageSize else { break }
            after = lastOfPage.sequence
        }
        let head = try await session.audit.head()
        let lastSequence = expectedSequence - 1
        if let head, head.sequence != lastSequence || head.hash != previousHash {
            let missing = lastSequence + 1
            return .init(entriesChecked: checked, firstBroken: .init(
                sequence: head.sequence > lastSequence ? missing : head.sequence, problem: .missing,
                message: head.sequence > lastSequence
                    ? "Entries \(missing) to \(head.sequence) are missing from the end of the log: they were deleted."
                    : "The log's head records entry \(head.sequence) but the chain ends at \(lastSequence)."))
        }
        if head == nil && checked > 0 {
            return .init(entriesChecked: checked, firstBroken: .init(
                sequence: lastSequence, problem: .missing, message: "The log's head record is missing."))
        }
        return .init(entriesChecked: checked, firstBroken: nil)
    }
}

/// The outcome of ``AuditTrail/verify(in:pageSize:)``.
public struct AuditVerification: Sendable, Codable, Equatable {
    /// Why an entry does not hold.
    public enum Problem: String, Sendable, Codable {
        /// Its contents no longer match its hash.
        case modified
        /// Its link to the previous entry is broken.
        case brokenLink = "broken-link"
        /// Entries are missing (deleted).
        case missing
    }

    /// The first entry that does not hold.
    public struct Broken: Sendable, Codable, Equatable {
        /// Its sequence number.
        public var sequence: Int64
        /// What is wrong.
        public var problem: Problem
        /// A sentence for the operator.
        public var message: String
    }

    /// Entries that were checked and held.
    public var entriesChecked: Int
    /// The first broken entry, or `nil` if the chain is intact.
    public var firstBroken: Broken?

    /// Whether the whole chain holds.
    public var isIntact: Bool { firstBroken == nil }
}
