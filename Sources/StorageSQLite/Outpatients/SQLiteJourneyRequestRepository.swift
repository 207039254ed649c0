import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteJourneyRequestRepository: JourneyRequestRepository {
    let access: DatabaseAccess

    static func request(from row: Row) throws -> JourneyRequest {
        let id: String = row["id"]
        guard let date = LocalDate(iso: row["date"]), let arrive = LocalTime(minuteOfDay: row["arrive_by_minute"]),
              let back = LocalTime(minuteOfDay: row["return_after_minute"]), let status = JourneyRequest.Status(rawValue: row["status"])
        else { throw StoreError.failure("journey request \(id): unreadable row") }
        return JourneyRequest(id: .init(id), appointmentID: .init(row["appointment_id"] as String), patientID: .init(row["patient_id"] as String),
                              locationID: .init(row["location_id"] as String), date: date, arriveBy: arrive, returnAfter: back, status: status,
                              createdAt: Date(storedMilliseconds: row["created_at_ms"]),
                              cancelledAt: (row["cancelled_at_ms"] as Int64?).map(Date.init(storedMilliseconds:)))
    }

    func insert(_ r: JourneyRequest) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO journey_requests (id, appointment_id, patient_id, location_id, date, arrive_by_minute, return_after_minute, status,
                        created_at_ms, cancelled_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [r.id.rawValue, r.appointmentID.rawValue, r.patientID.rawValue, r.locationID.rawValue, r.date.iso, r.arriveBy.minuteOfDay,
                            r.returnAfter.minuteOfDay, r.status.rawValue, r.createdAt.storedMilliseconds, r.cancelledAt?.storedMilliseconds])
        }
    }

    func find(appointmentID: Appointment.ID) async throws -> JourneyRequest? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM journey_requests WHERE appointment_id = ?", arguments: [appointmentID.rawValue])
                .map(Self.request(from:))
        }
    }

    func update(_ r: JourneyRequest) async throws {
        try await access.run { db in
            try db.execute(cached: "UPDATE journey_requests SET status = ?, cancelled_at_ms = ? WHERE id = ?",
                           arguments: [r.status.rawValue, r.cancelledAt?.storedMilliseconds, r.id.rawValue])
        }
    }

    func requests(patientID: Patient.ID) async throws -> [JourneyRequest] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM journey_requests WHERE patient_id = ? ORDER BY date DESC, arrive_by_minute DESC, id",
                             arguments: [patientID.rawValue]).map(Self.request(from:))
        }
    }

    func requests(from first: LocalDate, through last: LocalDate, status: JourneyRequest.Status?) async throws -> [JourneyRequest] {
        try await access.run { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT * FROM journey_requests WHERE date BETWEEN ? AND ? AND (? IS NULL OR status = ?)
                    ORDER BY date, arrive_by_minute, id
                    """,
                arguments: [first.iso, last.iso, status?.rawValue, status?.rawValue]
            ).map(Self.request(from:))
        }
    }
}
