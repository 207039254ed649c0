import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteOfferRecordRepository: OfferRecordRepository {
    let access: DatabaseAccess

    static func offer(from row: Row) throws -> OfferRecord {
        let id: String = row["id"]
        let slots = (try? JSONDecoder().decode([String].self, from: Data((row["slot_ids"] as String).utf8))) ?? []
        let days = (try? JSONDecoder().decode([String].self, from: Data((row["dates"] as String).utf8))) ?? []
        guard let channel = OfferRecord.Channel(rawValue: row["channel"]), let outcome = OfferRecord.Outcome(rawValue: row["outcome"]),
              let offeredOn = LocalDate(iso: row["offered_on"])
        else { throw StoreError.failure("offer \(id): unreadable row") }
        return OfferRecord(id: .init(id), referralID: .init(row["referral_id"] as String), slotIDs: slots.map { .init($0) },
                           dates: days.compactMap(LocalDate.init(iso:)), channel: channel, offeredOn: offeredOn, offeredBy: row["offered_by"],
                           offeredAt: Date(storedMilliseconds: row["offered_at_ms"]), outcome: outcome,
                           outcomeAt: (row["outcome_at_ms"] as Int64?).map(Date.init(storedMilliseconds:)))
    }

    private static func json(_ values: [String]) -> String { String(decoding: try! JSONEncoder().encode(values), as: UTF8.self) }

    func insert(_ o: OfferRecord) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO offer_records (id, referral_id, slot_ids, dates, channel, offered_on, offered_by, offered_at_ms, outcome, outcome_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [o.id.rawValue, o.referralID.rawValue, Self.json(o.slotIDs.map(\.rawValue)), Self.json(o.dates.map(\.iso)), o.channel.rawValue,
                            o.offeredOn.iso, o.offeredBy, o.offeredAt.storedMilliseconds, o.outcome.rawValue, o.outcomeAt?.storedMilliseconds])
        }
    }

    func find(id: OfferRecord.ID) async throws -> OfferRecord? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM offer_records WHERE id = ?", arguments: [id.rawValue]).map(Self.offer(from:))
        }
    }

    func update(_ o: OfferRecord) async throws {
        try await access.run { db in
            try db.execute(cached: "UPDATE offer_records SET outcome = ?, outcome_at_ms = ? WHERE id = ?",
                           arguments: [o.outcome.rawValue, o.outcomeAt?.storedMilliseconds, o.id.rawValue])
        }
    }

    func offers(referralID: Referral.ID) async throws -> [OfferRecord] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM offer_records WHERE referral_id = ? ORDER BY offered_at_ms DESC, id", arguments: [referralID.rawValue])
                .map(Self.offer(from:))
        }
    }
}
