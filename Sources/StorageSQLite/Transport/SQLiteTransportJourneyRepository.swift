import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteTransportJourneyRepository: TransportJourneyRepository {
    let access: DatabaseAccess

    static func journey(from row: Row) throws -> TransportJourney {
        let id: String = row["id"]
        guard let date = LocalDate(iso: row["date"]), let time = LocalTime(minuteOfDay: row["time_minute"]),
              let direction = TransportJourney.Direction(rawValue: row["direction"]), let mobility = MobilityCategory(rawValue: row["mobility"]),
              let status = TransportJourney.Status(rawValue: row["status"])
        else { throw StoreError.failure("transport journey \(id): unreadable row") }
        var journey = TransportJourney(
            id: .init(id), patientID: .init(row["patient_id"] as String), appointmentID: (row["appointment_id"] as String?).map { .init($0) },
            date: date, direction: direction, time: time,
            pickup: Coordinates(latitude: row["pickup_latitude"], longitude: row["pickup_longitude"]),
            destination: Coordinates(latitude: row["destination_latitude"], longitude: row["destination_longitude"]),
            mobility: mobility, escorts: row["escorts"], status: status)
        journey.progress = .init(arrived: (row["arrived_minute"] as Int?).flatMap(LocalTime.init(minuteOfDay:)),
                                 pickedUp: (row["picked_up_minute"] as Int?).flatMap(LocalTime.init(minuteOfDay:)),
                                 delivered: (row["delivered_minute"] as Int?).flatMap(LocalTime.init(minuteOfDay:)), incident: row["incident"])
        journey.calls = .init(attempts: row["call_attempts"], last: (row["last_call"] as String?).flatMap(TransportJourney.CallOutcome.init(rawValue:)))
        journey.ecj = row["ecj"]
        journey.urgent = row["urgent"]
        journey.bariatric = row["bariatric"]
        journey.eligibility = (row["eligibility"] as String?).flatMap(TransportJourney.Eligibility.init(rawValue:))
        journey.notes = row["notes"]
        journey.contractID = row["contract_id"]
        return journey
    }

    static func arguments(_ j: TransportJourney) -> StatementArguments {
        [j.patientID.rawValue, j.appointmentID?.rawValue, j.date.iso, j.direction.rawValue, j.time.minuteOfDay, j.pickup.latitude, j.pickup.longitude,
         j.destination.latitude, j.destination.longitude, j.mobility.rawValue, j.escorts, j.status.rawValue, j.progress.arrived?.minuteOfDay,
         j.progress.pickedUp?.minuteOfDay, j.progress.delivered?.minuteOfDay, j.progress.incident, j.calls.attempts, j.calls.last?.rawValue, j.ecj, j.urgent, j.bariatric, j.eligibility?.rawValue, j.notes, j.contractID, j.id.rawValue]
    }

    func insert(_ journey: TransportJourney) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO transport_journeys (patient_id, appointment_id, date, direction, time_minute, pickup_latitude, pickup_longitude,
                        destination_latitude, destination_longitude, mobility, escorts, status, arrived_minute, picked_up_minute, delivered_minute, incident,
                        call_attempts, last_call, ecj, urgent, bariatric, eligibility, notes, contract_id, id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: Self.arguments(journey))
        }
    }

    func update(_ journey: TransportJourney) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    UPDATE transport_journeys SET patient_id = ?, appointment_id = ?, date = ?, direction = ?, time_minute = ?, pickup_latitude = ?,
                        pickup_longitude = ?, destination_latitude = ?, destination_longitude = ?, mobility = ?, escorts = ?, status = ?, arrived_minute = ?,
                        picked_up_minute = ?, delivered_minute = ?, incident = ?, call_attempts = ?, last_call = ?, ecj = ?, urgent = ?, bariatric = ?, eligibility = ?, notes = ?,
                        contract_id = ? WHERE id = ?
                    """,
                arguments: Self.arguments(journey))
        }
    }

    func find(id: TransportJourney.ID) async throws -> TransportJourney? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM transport_journeys WHERE id = ?", arguments: [id.rawValue]).map(Self.journey(from:))
        }
    }

    func journeys(on date: LocalDate) async throws -> [TransportJourney] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM transport_journeys WHERE date = ? ORDER BY time_minute, id", arguments: [date.iso])
                .map(Self.journey(from:))
        }
    }

    func journeys(appointmentID: Appointment.ID) async throws -> [TransportJourney] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM transport_journeys WHERE appointment_id = ? ORDER BY date, time_minute, id",
                             arguments: [appointmentID.rawValue]).map(Self.journey(from:))
        }
    }

    func count(contractID: String) async throws -> Int {
        try await access.run { db in
            try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM transport_journeys WHERE contract_id = ?", arguments: [contractID]) ?? 0
        }
    }

    func hasLiveJourney(patientID: Patient.ID) async throws -> Bool {
        try await access.run { db in
            try Bool.fetchOne(db, cached: """
                SELECT EXISTS (SELECT 1 FROM transport_journeys WHERE patient_id = ? AND status NOT IN ('cancelled', 'aborted', 'delivered'))
                """, arguments: [patientID.rawValue]) ?? false
        }
    }
}
