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
        return Appointment(id: .init(id), referralID: .init(row["referral_id"] as String), patientID: .init(row["patient_id"] as String),
                           slotID: .init(row["slot_id"] as String), status: status, channel: channel, bookedBy: row["booked_by"],
                           bookedAt: Date(storedMilliseconds: row["booked_at_ms"]), interpreterLanguage: row["interpreter_language"],
                           needsTransport: row["needs_transport"])
    }

    func insert(_ a: Appointment) async throws {
        try await access.run { db in
            try db.execute(
                sql: """
                    INSERT INTO appointments (id, referral_id, patient_id, slot_id, status, channel, booked_by, booked_at_ms,
                        interpreter_language, needs_transport) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [a.id.rawValue, a.referralID.rawValue, a.patientID.rawValue, a.slotID.rawValue, a.status.rawValue, a.channel.rawValue,
                            a.bookedBy, a.bookedAt.storedMilliseconds, a.interpreterLanguage, a.needsTransport])
        }
    }

    func find(id: Appointment.ID) async throws -> Appointment? {
        try await access.run { db in
            try Row.fetchOne(db, sql: "SELECT * FROM appointments WHERE id = ?", arguments: [id.rawValue]).map(Self.appointment(from:))
        }
    }

    func appointments(referralID: Referral.ID) async throws -> [Appointment] {
        try await access.run { db in
            try Row.fetchAll(db, sql: "SELECT * FROM appointments WHERE referral_id = ? ORDER BY booked_at_ms, id", arguments: [referralID.rawValue])
                .map(Self.appointment(from:))
        }
    }
}
