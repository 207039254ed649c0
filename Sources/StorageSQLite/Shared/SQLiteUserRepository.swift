import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteUserRepository: UserRepository {
    let access: DatabaseAccess

    static func user(from row: Row) -> UserAccount {
        UserAccount(
            id: .init(row["id"] as String), username: row["username"], displayName: row["display_name"],
            role: Role(rawValue: row["role"])!, active: row["active"], passwordChangeRequired: row["password_change_required"],
            createdAt: Date(storedMilliseconds: row["created_at_ms"]))
    }

    func insert(_ user: UserAccount, passwordHash: String) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO users (id, username, display_name, role, active, password_hash, password_change_required, created_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [user.id.rawValue, user.username, user.displayName, user.role.rawValue, user.active, passwordHash,
                            user.passwordChangeRequired, user.createdAt.storedMilliseconds])
        }
    }

    func find(id: UserAccount.ID) async throws -> UserAccount? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM users WHERE id = ?", arguments: [id.rawValue]).map(Self.user(from:))
        }
    }

    func find(username: String) async throws -> (UserAccount, passwordHash: String)? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM users WHERE username = ?", arguments: [username]).map { row in
                (Self.user(from: row), passwordHash: row["password_hash"] as String)
            }
        }
    }

    func list() async throws -> [UserAccount] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM users ORDER BY username").map(Self.user(from:))
        }
    }

    func setPassword(userID: UserAccount.ID, hash: String, changeRequired: Bool) async throws {
        try await access.run { db in
            try db.execute(
                cached: "UPDATE users SET password_hash = ?, password_change_required = ? WHERE id = ?",
                arguments: [hash, changeRequired, userID.rawValue])
        }
    }

    func count() async throws -> Int {
        try await access.run { db in try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM users") ?? 0 }
    }
}
