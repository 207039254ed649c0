import Foundation
import SchedulingDomain

/// Makes secrets: session tokens, API tokens, one-time passwords.
public protocol SecretGenerator: Sendable {
    /// `byteCount` random bytes as lower-case hex.
    func hexToken(byteCount: Int) -> String
    /// A password of `length` characters from an alphabet without look-alike characters.
    func password(length: Int) -> String
}

/// Secrets from the operating system's cryptographic random source.
public struct SystemSecretGenerator: SecretGenerator {
    /// Creates the generator.
    public init() {}

    public func hexToken(byteCount: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return SecretHash.hex((0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    public func password(length: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array(PasswordPolicy.alphabet)
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
    }
}
