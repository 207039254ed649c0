import Foundation
import SchedulingDomain

/// The current instant. Tests use a fixed clock.
public protocol Clock: Sendable {
    /// Now.
    func now() -> Date
}

/// The machine's clock.
public struct SystemClock: Clock {
    /// Creates the system clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// Makes unique identifiers with a readable prefix (`usr_…`, `pat_…`).
public protocol IDGenerator: Sendable {
    /// A new identifier starting with `prefix` and an underscore.
    func make(prefix: String) -> String
}

/// Random (UUID v4) identifiers.
public struct RandomIDGenerator: IDGenerator {
    /// Creates the generator.
    public init() {}
    public func make(prefix: String) -> String {
        let u = UUID().uuid
        return prefix + "_" + SecretHash.hex([u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15])
    }
}

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

/// Hashes and checks passwords (bcrypt in production).
public protocol PasswordHasher: Sendable {
    /// A salted one-way hash.
    func hash(_ password: String) -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) -> Bool
}

/// Rules for passwords people choose.
public enum PasswordPolicy {
    /// Characters of generated passwords: no 0/O, 1/l/I.
    public static let alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    /// Shortest acceptable password.
    public static let minimumLength = 12

    /// Issues with a chosen password, at `path`.
    public static func validate(_ password: String, at path: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if password.count < minimumLength {
            issues.append(.init(path: path, code: "password.tooShort", message: "\(path) must have at least \(minimumLength) characters."))
        }
        if password.count > 72 {
            issues.append(.init(path: path, code: "password.tooLong", message: "\(path) must have at most 72 characters."))
        }
        return issues
    }
}

/// Receives solver-job lifecycle events (counts and durations for monitoring).
public protocol JobMetrics: Sendable {
    /// A job of `kind` (e.g. `transport-plan`) started.
    func jobStarted(kind: String)
    /// A job of `kind` ended with `outcome` (`succeeded`, `failed`, `cancelled`) after `duration`.
    func jobFinished(kind: String, outcome: String, duration: Duration)
}
