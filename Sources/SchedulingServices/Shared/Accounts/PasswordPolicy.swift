import Foundation
import SchedulingDomain

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
