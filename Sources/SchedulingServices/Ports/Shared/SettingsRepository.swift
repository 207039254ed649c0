import Foundation
import SchedulingDomain

/// Small named settings.
public protocol SettingsRepository: Sendable {
    /// The value stored under `key`.
    func value(for key: String) async throws -> String?
    /// Stores `value` under `key`, replacing any previous value.
    func set(_ value: String, for key: String) async throws
    /// Removes what is stored under `key`, if anything.
    func remove(_ key: String) async throws
}
