import Foundation
import GRDB
import SchedulingServices

struct SQLiteCredentialRepository: CredentialRepository {
    let access: DatabaseAccess

    func insertSession(_ session: WebSession) async throws {
        try await access.run { db in
            try db.execute(
                cached: "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?)",
                arguments: [session.tokenHash, session.userID.rawValue, session.csrfToken,
                            session.createdAt.storedMilliseconds, session.expiresAt.storedMilliseconds])
        }
    }

    func findSession(tokenHash: String) async throws -> WebSession? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM web_sessions WHERE token_hash = ?", arguments: [tokenHash]).map { row in
                WebSession(
                    tokenHash: row["token_hash"], userID: .init(row["user_id"] as String), csrfToken: row["csrf_token"],
                    createdAt: Date(storedMilliseconds: row["created_at_ms"]), expiresAt: Date(storedMilliseconds: row["expires_at_ms"]))
            }
        }
    }

    func deleteSession(tokenHash: String) async throws {
        try await access.run { db in
            try db.execute(cached: "DELETE FROM web_sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    func deleteSessions(userID: SchedulingServices.UserAccount.ID) async throws {
        try await access.run { db in
            try db.execute(cached: "DELETE FROM web_sessions WHERE user_id = ?", arguments: [userID.rawValue])
        }
    }

    func deleteSessions(expiredBefore instant: Date) async throws -> Int {
        try await access.run { db in
            try db.execute(cached: "DELETE FROM web_sessions WHERE expires_at_ms < ?", arguments: [instant.storedMilliseconds])
            return db.changesCount
        }
    }

    static func token(from row: Row) -> APIToken {
        APIToken(
            id: .init(row["id"] as String), userID: .init(row["user_id"] as String), name: row["name"],
            tokenHash: row["token_hash"], createdAt: Date(storedMilliseconds: row["created_at_ms"]),
            revokedAt: (row["revoked_at_ms"] as Int64?).map(Date.init(storedMilliseconds:)))
    }

    func insertToken(_ token: APIToken) async throws {
        try await access.run { db in
            try db.execute(
                cached: "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at_ms, revoked_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [token.id.rawValue, token.userID.rawValue, token.name, token.tokenHash,
                            token.createdAt.storedMilliseconds, token.revokedAt?.storedMilliseconds])
        }
    }

    func findToken(tokenHash: String) async throws -> APIToken? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM api_tokens WHERE token_hash = ?", arguments: [tokenHash]).map(Self.token(from:))
        }
    }

    func findToken(id: APIToken.ID) async throws -> APIToken? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM api_tokens WHERE id = ?", arguments: [id.rawValue]).map(Self.token(from:))
        }
    }

    func tokens(userID: SchedulingServices.UserAccount.ID) async throws -> [APIToken] {
        try await access.run { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at_ms DESC, id",
                arguments: [userID.rawValue]
            ).map(Self.token(from:))
        }
    }

    func revokeToken(id: APIToken.ID, at instant: Date) async throws {
        try await access.run { db in
            try db.execute(
                cached: "UPDATE api_tokens SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL",
                arguments: [instant.storedMilliseconds, id.rawValue])
        }
    }
}
