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

extension SettingsRepository {
    /// The JSON stored under `key`, decoded (`nil` if nothing is stored); a value that does not
    /// decode is a store failure naming `what` ("transport contract").
    public func decoded<T: Decodable>(_ type: T.Type, for key: String, what: String) async throws -> T? {
        guard let text = try await value(for: key) else { return nil }
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
            throw StoreError.failure("the stored \(what) could not be read")
        }
    }

    /// Stores `value` as JSON under `key`.
    public func setEncoded(_ value: some Encodable, for key: String) async throws {
        try await set(String(decoding: try JSONEncoder().encode(value), as: UTF8.self), for: key)
    }
}
