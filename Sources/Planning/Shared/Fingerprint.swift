import Foundation

/// FNV-1a, 64 bits: a stable identifier for a plan's content (not a security hash).
public struct Fingerprint {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The fingerprint of nothing yet.
    public init() {}

    /// Adds text to the fingerprint.
    public mutating func add(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state = state &* 0x100_0000_01b3
        }
    }

    /// The fingerprint as 16 hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
