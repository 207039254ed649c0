import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLiteReferralRepository: ReferralRepository {
    let access: DatabaseAccess

    /// A referral from its row; a row the schema's checks should have refused is a store failure.
    static func referral(from row: Row) throws -> Referral {
        let id: String = row["id"]
        guard let priority = ClinicalPriority(rawValue: row["priority"]), let received = LocalDate(iso: row["received"]),
              let start = LocalDate(iso: row["clock_start"]), let clockStatus = RTTClock.Status(rawValue: row["clock_status"]),
              let status = Referral.Status(rawValue: row["status"])
        else { throw StoreError.failure("referral \(id): unreadable row") }
        let ended = (row["clock_ended_on"] as String?).flatMap(LocalDate.init(iso:))
        let reason = (row["clock_stop_reason"] as String?).flatMap(RTTClock.StopReason.init(rawValue:))
        guard let clock = RTTClock.restored(start: start, status: clockStatus, endedOn: ended, stopReason: reason, restarts: row["clock_restarts"])
        else { throw StoreError.failure("referral \(id): inconsistent clock") }
        var removal: Referral.Removal?
        if let raw = row["removal_reason"] as String? {
            guard let why = Referral.RemovalReason(rawValue: raw), let date = (row["removal_date"] as String?).flatMap(LocalDate.init(iso:))
            else { throw StoreError.failure("referral \(id): unreadable removal") }
            removal = Referral.Removal(reason: why, date: date)
        }
        let weekdays = (row["available_weekdays"] as String).split(separator: ",").compactMap { Int($0) }
        let availableFrom = (row["available_from"] as String?).flatMap(LocalDate.init(iso:))
        var referral = Referral(id: .init(id), patientID: .init(row["patient_id"] as String), specialtyID: .init(row["specialty_id"] as String),
                                referrer: row["referrer"], priority: priority, received: received, consultantLed: row["consultant_led"],
                                availability: .init(weekdays: Set(weekdays), from: availableFrom),
                                ubrn: (row["ubrn"] as String?).flatMap(UBRN.init))
        referral.clock = clock
        return Referral.restored(referral, status: status, removal: removal)
    }

    static func arguments(_ r: Referral) -> StatementArguments {
        [r.patientID.rawValue, r.specialtyID.rawValue, r.referrer, r.priority.rawValue, r.received.iso, r.consultantLed,
         r.clock.start.iso, r.clock.status.rawValue, r.clock.endedOn?.iso, r.clock.stopReason?.rawValue, r.clock.restarts,
         r.status.rawValue, r.removal?.reason.rawValue, r.removal?.date.iso,
         r.availability.weekdays.sorted().map(String.init).joined(separator: ","), r.availability.from?.iso, r.ubrn?.digits, r.id.rawValue]
    }

    func insert(_ referral: Referral) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO referrals (patient_id, specialty_id, referrer, priority, received, consultant_led, clock_start,
                        clock_status, clock_ended_on, clock_stop_reason, clock_restarts, status, removal_reason, removal_date,
                        available_weekdays, available_from, ubrn, id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: Self.arguments(referral))
        }
    }

    func update(_ referral: Referral) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    UPDATE referrals SET patient_id = ?, specialty_id = ?, referrer = ?, priority = ?, received = ?, consultant_led = ?,
                        clock_start = ?, clock_status = ?, clock_ended_on = ?, clock_stop_reason = ?, clock_restarts = ?, status = ?,
                        removal_reason = ?, removal_date = ?, available_weekdays = ?, available_from = ?, ubrn = ? WHERE id = ?
                    """,
                arguments: Self.arguments(referral))
            if db.changesCount == 0 { throw StoreError.failure("referral \(referral.id) does not exist") }
        }
    }

    func find(id: Referral.ID) async throws -> Referral? {
        try await access.run { db in
            try db.fetchOne(cached: "SELECT * FROM referrals WHERE id = ?", arguments: [id.rawValue], Self.referral(from:))
        }
    }

    func find(ubrn: UBRN) async throws -> Referral? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM referrals WHERE ubrn = ?", arguments: [ubrn.digits]).map(Self.referral(from:))
        }
    }

    func open(specialtyID: Specialty.ID?) async throws -> [Referral] {
        try await access.run { db in
            let rows = if let specialtyID {
                try Row.fetchAll(db, cached: "SELECT * FROM referrals WHERE status = 'open' AND specialty_id = ? ORDER BY id",
                                 arguments: [specialtyID.rawValue])
            } else {
                try Row.fetchAll(db, cached: "SELECT * FROM referrals WHERE status = 'open' ORDER BY id")
            }
            return try rows.map(Self.referral(from:))
        }
    }

    func referrals(patientID: Patient.ID) async throws -> [Referral] {
        try await access.run { db in
            try Row.fetchAll(db, cached: "SELECT * FROM referrals WHERE patient_id = ? ORDER BY received, id", arguments: [patientID.rawValue])
                .map(Self.referral(from:))
        }
    }

    func find(ids: [Referral.ID]) async throws -> [Referral] {
        guard !ids.isEmpty else { return [] }
        return try await access.run { db in
            var found: [Referral] = []
            // In chunks, to stay below SQLite's bound-parameter limit.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = ids[start..<min(ids.count, start + 500)].map(\.rawValue)
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                found += try Row.fetchAll(db, sql: "SELECT * FROM referrals WHERE id IN (\(marks))", arguments: StatementArguments(chunk))
                    .map(Self.referral(from:))
            }
            return found
        }
    }

    func receivedCounts(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?) async throws -> [ClinicalPriority: Int] {
        try await access.run { db in
            var sql = "SELECT priority, COUNT(*) AS n FROM referrals WHERE received BETWEEN ? AND ?"
            var arguments: StatementArguments = [first.iso, last.iso]
            if let specialtyID { sql += " AND specialty_id = ?"; arguments += [specialtyID.rawValue] }
            var counts: [ClinicalPriority: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql + " GROUP BY priority", arguments: arguments) {
                guard let priority = ClinicalPriority(rawValue: row["priority"]) else { throw StoreError.failure("referrals: unreadable priority") }
                counts[priority] = row["n"]
            }
            return counts
        }
    }

    func stoppedCount(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?) async throws -> Int {
        try await access.run { db in
            var sql = "SELECT COUNT(*) FROM referrals WHERE clock_status = 'stopped' AND clock_ended_on BETWEEN ? AND ?"
            var arguments: StatementArguments = [first.iso, last.iso]
            if let specialtyID { sql += " AND specialty_id = ?"; arguments += [specialtyID.rawValue] }
            return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
    }

    func count() async throws -> Int {
        try await access.run { db in try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM referrals") ?? 0 }
    }

    func openCount(specialtyID: Specialty.ID?) async throws -> Int {
        try await access.run { db in
            try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM referrals WHERE status = 'open' AND (?1 IS NULL OR specialty_id = ?1)",
                             arguments: [specialtyID?.rawValue]) ?? 0
        }
    }
}
