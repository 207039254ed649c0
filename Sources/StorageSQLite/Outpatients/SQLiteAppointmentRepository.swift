import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteAppointmentRepository: AppointmentRepository {
    let access: DatabaseAccess

    static func appointment(from row: Row) throws -> Appointment {
        let id: String = row["id"]
        guard let status = Appointment.Status(rawValue: row["status"]), let channel = Appointment.Channel(rawValue: row["channel"])
        else { throw StoreError.failure("appointment \(id): unreadable row") }
        let appointment = Appointment(
            id: .init(id), referralID: .init(row["referral_id"] as String), patientID: .init(row["patient_id"] as String),
            slotID: .init(row["slot_id"] as String), status: status, channel: channel, bookedBy: row["booked_by"],
            bookedAt: Date(storedMilliseconds: row["booked_at_ms"]), interpreterLanguage: row["interpreter_language"],
            needsTransport: row["needs_transport"])
        var cancellation: Appointment.Cancellation?
        if let raw: String = row["cancel_reason"] {
            guard let reason = Appointment.CancellationReason(rawValue: raw), let at: Int64 = row["cancelled_at_ms"], let by: String = row["cancelled_by"]
            else { throw StoreError.failure("appointment \(id): unreadable cancellation") }
            cancellation = .init(reason: reason, at: Date(storedMilliseconds: at), by: by)
        }
        var restored = Appointment.restored(appointment, replacesID: (row["replaces_id"] as String?).map { .init($0) }, cancellation: cancellation,
                                            outcomeRecordedAt: (row["outcome_recorded_at_ms"] as Int64?).map(Date.init(storedMilliseconds:)))
        restored.shortNoticeAgreed = row["short_notice_agreed"]
        return restored
    }

    func insert(_ a: Appointment) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms,
                        interpreter_language, needs_transport, replaces_id, cancel_reason, cancelled_at_ms, cancelled_by, outcome_recorded_at_ms, reference,
                        short_notice_agreed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [a.id.rawValue, a.referralID.rawValue, a.patientID.rawValue, a.slotID.rawValue, a.status.rawValue, a.channel.rawValue,
                            a.bookedBy, a.bookedAt.storedMilliseconds, a.interpreterLanguage, a.needsTransport, a.replacesID?.rawValue,
                            a.cancellation?.reason.rawValue, a.cancellation?.at.storedMilliseconds, a.cancellation?.by,
                            a.outcomeRecordedAt?.storedMilliseconds, a.reference, a.shortNoticeAgreed])
        }
    }

    func update(_ a: Appointment) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    UPDATE appointments SET status = ?, cancel_reason = ?, cancelled_at_ms = ?, cancelled_by = ?, outcome_recorded_at_ms = ?
                    WHERE id = ?
                    """,
                arguments: [a.status.rawValue, a.cancellation?.reason.rawValue, a.cancellation?.at.storedMilliseconds, a.cancellation?.by,
                            a.outcomeRecordedAt?.storedMilliseconds, a.id.rawValue])
        }
    }

    func referralIDsSeenOrBooked() async throws -> Set<Referral.ID> {
        let ids: [String] = try await access.run { db in
            try String.fetchAll(db, cached: "SELECT DISTINCT referral_id FROM appointments WHERE status IN ('booked', 'attended')")
        }
        return Set(ids.map { Referral.ID($0) })
    }

    func firstAttendances(referralID: Referral.ID?) async throws -> [Referral.ID: LocalDate] {
        let rows = try await access.run { db in
            let sql = """
                SELECT a.referral_id AS referral_id, MIN(s.date) AS first_date FROM appointments a JOIN slots s ON s.id = a.slot_id
                WHERE a.status = 'attended'\(referralID == nil ? "" : " AND a.referral_id = ?") GROUP BY a.referral_id
                """
            return try Row.fetchAll(db, cached: sql, arguments: referralID.map { [$0.rawValue] } ?? [])
                .map { (String($0["referral_id"] as String), String($0["first_date"] as String)) }
        }
        var found: [Referral.ID: LocalDate] = [:]
        for (id, day) in rows { if let date = LocalDate(iso: day) { found[Referral.ID(id)] = date } }
        return found
    }

    func holding(slotIDs: [Slot.ID]) async throws -> [Appointment] {
        guard !slotIDs.isEmpty else { return [] }
        return try await access.run { db in
            var found: [Appointment] = []
            // In chunks, to stay below SQLite's bound-parameter limit.
            for start in stride(from: 0, to: slotIDs.count, by: 500) {
                let chunk = slotIDs[start..<min(slotIDs.count, start + 500)].map(\.rawValue)
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                found += try Row.fetchAll(
                    db, sql: "SELECT * FROM appointments WHERE (status = 'booked' OR status = 'attended' OR status = 'dna') AND slot_id IN (\(marks))",
                    arguments: StatementArguments(chunk)).map(Self.appointment(from:))
            }
            let order = Dictionary(slotIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            return found.sorted { order[$0.slotID]! < order[$1.slotID]! }
        }
    }

    func find(id: Appointment.ID) async throws -> Appointment? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM appointments WHERE id = ?", arguments: [id.rawValue]).map(Self.appointment(from:))
        }
    }

    func find(reference: String) async throws -> Appointment? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM appointments WHERE reference = ?", arguments: [reference]).map(Self.appointment(from:))
        }
    }

    func appointments(referralID: Referral.ID) async throws -> [Appointment] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM appointments WHERE referral_id = ? ORDER BY booked_at_ms, id", arguments: [referralID.rawValue])
                .map(Self.appointment(from:))
        }
    }
}
