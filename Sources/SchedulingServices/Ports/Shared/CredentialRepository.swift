import Foundation
import SchedulingDomain

/// Stores sessions and API tokens (hashes only).
public protocol CredentialRepository: Sendable {
    /// Adds a session.
    func insertSession(_ session: WebSession) async throws
    /// The session whose secret hashes to `tokenHash`, expired or not.
    func findSession(tokenHash: String) async throws -> WebSession?
    /// Ends a session.
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of a user (password change, deactivation).
    func deleteSessions(userID: UserAccount.ID) async throws
    /// Removes sessions that ended before `instant`; returns how many.
    func deleteSessions(expiredBefore instant: Date) async throws -> Int
    /// Adds a token.
    func insertToken(_ token: APIToken) async throws
    /// The token whose secret hashes to `tokenHash`.
    func findToken(tokenHash: String) async throws -> APIToken?
    /// The token with this id.
    func findToken(id: APIToken.ID) async throws -> APIToken?
    /// A user's tokens, newest first.
    func tokens(userID: UserAccount.ID) async throws -> [APIToken]
    /// Marks a token revoked.
    func revokeToken(id: APIToken.ID, at instant: Date) async throws
}
