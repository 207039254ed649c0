import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLitePathwayNoteRepository: PathwayNoteRepository {
    let access: DatabaseAccess

    func insert(_ n: PathwayNote) async throws {
        try await access.run { db in
            try db.execute(cached: "INSERT INTO pathway_notes (id, referral_id, text, author_id, author_name, written_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [n.id.rawValue, n.referralID.rawValue, n.text, n.authorID, n.authorName, n.writtenAt.storedMilliseconds])
        }
    }

    func notes(referralID: Referral.ID) async throws -> [PathwayNote] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM pathway_notes WHERE referral_id = ? ORDER BY written_at_ms DESC, id DESC", arguments: [referralID.rawValue])
                .map { row in
                    PathwayNote(id: .init(row["id"] as String), referralID: .init(row["referral_id"] as String), text: row["text"], authorID: row["author_id"],
                                authorName: row["author_name"], writtenAt: Date(storedMilliseconds: row["written_at_ms"]))
                }
        }
    }
}
