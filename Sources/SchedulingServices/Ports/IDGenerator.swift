import Foundation
import SchedulingDomain

/// Makes unique identifiers with a readable prefix (`usr_…`, `pat_…`).
public protocol IDGenerator: Sendable {
    /// A new identifier starting with `prefix` and an underscore.
    func make(prefix: String) -> String
}

/// Time-ordered random identifiers: UUID version 7 (RFC 9562), the milliseconds since 1970 in
/// the first 48 bits and 74 random bits after them. Ids made one after another sort one after
/// another, so the rows a burst of bookings inserts land side by side at the end of each
/// primary-key index, and a group commit writes a few pages where random ids (version 4)
/// dirtied a page for every row. Ids are names, not secrets (tokens and references come from
/// ``SecretGenerator``): the time they carry is when the record was made, which the record
/// itself shows.
public struct RandomIDGenerator: IDGenerator {
    /// Creates the generator.
    public init() {}
    public func make(prefix: String) -> String {
        prefix + "_" + SecretHash.hex(Self.timeOrderedBytes(milliseconds: UInt64(Date().timeIntervalSince1970 * 1000)))
    }

    /// The 16 bytes of a UUID version 7 made at `milliseconds` since 1970.
    public static func timeOrderedBytes(milliseconds: UInt64) -> [UInt8] {
        var bytes = uuidBytes()
        for k in 0..<6 { bytes[k] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * k)) }
        bytes[6] = bytes[6] & 0x0F | 0x70  // version 7
        return bytes
    }

    /// The 16 bytes of a random UUID (version 4) from the system's secure generator. Not
    /// Foundation's `UUID()`, which on Linux opens and closes `/dev/urandom` every time (two
    /// system calls of tens of microseconds, inside every write that makes an id).
    public static func uuidBytes() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let high: UInt64 = generator.next(), low: UInt64 = generator.next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 9562 variant
        return bytes
    }

    /// A random UUID in its usual lowercase text form (`8-4-4-4-12`).
    public static func uuidString() -> String {
        var hex = Array(SecretHash.hex(uuidBytes()))
        for position in [20, 16, 12, 8] { hex.insert("-", at: position) }
        return String(hex)
    }
}
