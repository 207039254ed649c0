import Foundation
import GRDB
import SchedulingDomain
import SchedulingServices

struct SQLitePatientRepository: PatientRepository {
    let access: DatabaseAccess

    static func patient(from row: Row) -> Patient {
        var patient = Patient(
            id: .init(row["id"] as String), nhsNumber: try! NHSNumber(row["nhs_number"] as String),
            givenName: row["given_name"], familyName: row["family_name"],
            birthDate: LocalDate(iso: row["birth_date"])!, sex: Patient.Sex(rawValue: row["sex"]) ?? .unknown,
            address: AddressColumns.address(from: row), phone: row["phone"], email: row["email"])
        patient.hospitalNumber = row["hospital_number"]
        patient.gpPractice = row["gp_practice"]
        patient.interpreterLanguage = row["interpreter_language"]
        patient.alerts = textList(row["alerts"])
        patient.reasonableAdjustments = textList(row["reasonable_adjustments"])
        return patient
    }

    /// A JSON array of text as stored (an unreadable one is empty).
    static func textList(_ json: String?) -> [String] {
        guard let json, json != "[]" else { return [] }  // most patients have none: no decoder for them
        return (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    /// A list of text as stored: a JSON array.
    static func json(_ list: [String]) -> String { String(decoding: try! JSONEncoder().encode(list), as: UTF8.self) }

    func insert(_ patient: Patient) async throws {
        try await access.run { db in
            try db.execute(
                cached: """
                    INSERT INTO patients (id, nhs_number, given_name, family_name, birth_date, sex, address_lines, town,
                        postcode, latitude, longitude, phone, email, hospital_number, gp_practice, interpreter_language, alerts,
                        reasonable_adjustments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [patient.id.rawValue, patient.nhsNumber.digits, patient.givenName, patient.familyName,
                            patient.birthDate.iso, patient.sex.rawValue] + AddressColumns.arguments(patient.address)
                    + [patient.phone, patient.email, patient.hospitalNumber, patient.gpPractice, patient.interpreterLanguage,
                       Self.json(patient.alerts), Self.json(patient.reasonableAdjustments)])
        }
    }

    func find(id: Patient.ID) async throws -> Patient? {
        try await access.run { db in
            try db.fetchOne(cached: "SELECT * FROM patients WHERE id = ?", arguments: [id.rawValue], Self.patient(from:))
        }
    }

    func contact(id: Patient.ID) async throws -> PatientContact? {
        try await access.run { db in
            try db.fetchOne(cached: "SELECT phone, email FROM patients WHERE id = ?", arguments: [id.rawValue]) { row in
                PatientContact(phone: row[0], email: row[1])
            }
        }
    }

    func find(hospitalNumber: String) async throws -> Patient? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM patients WHERE upper(hospital_number) = upper(?)", arguments: [hospitalNumber])
                .map(Self.patient(from:))
        }
    }

    func find(nhsNumber: NHSNumber) async throws -> Patient? {
        try await access.run { db in
            try Row.fetchOne(db, cached: "SELECT * FROM patients WHERE nhs_number = ?", arguments: [nhsNumber.digits])
                .map(Self.patient(from:))
        }
    }

    func find(ids: [Patient.ID]) async throws -> [Patient] {
        guard !ids.isEmpty else { return [] }
        return try await access.run { db in
            var found: [Patient] = []
            // In chunks, to stay below SQLite's bound-parameter limit.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = ids[start..<min(ids.count, start + 500)].map(\.rawValue)
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                found += try Row.fetchAll(db, sql: "SELECT * FROM patients WHERE id IN (\(marks))", arguments: StatementArguments(chunk)).map(Self.patient(from:))
            }
            return found
        }
    }

    func nhsNumbers(of ids: [Patient.ID]) async throws -> [Patient.ID: NHSNumber] {
        guard !ids.isEmpty else { return [:] }
        let rows: [(String, String)] = try await access.run { db in
            var found: [(String, String)] = []
            // In chunks, to stay below SQLite's bound-parameter limit.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = ids[start..<min(ids.count, start + 500)].map(\.rawValue)
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                found += try Row.fetchAll(db, sql: "SELECT id, nhs_number FROM patients WHERE id IN (\(marks))", arguments: StatementArguments(chunk))
                    .map { ($0["id"], $0["nhs_number"]) }
            }
            return found
        }
        var out: [Patient.ID: NHSNumber] = [:]
        for (id, digits) in rows { out[.init(id)] = try? NHSNumber(digits) }
        return out
    }

    func count() async throws -> Int {
        try await access.run { db in try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM patients") ?? 0 }
    }

    func search(_ criteria: PatientSearch, withJourneysOnly: Bool, limit: Int) async throws -> [Patient] {
        /// A LIKE pattern matching text that starts with `prefix` (its own % and _ taken literally).
        func startsWith(_ prefix: String?) -> String? {
            prefix.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%" }
        }
        let family = startsWith(criteria.familyName), given = startsWith(criteria.givenName), postcode = startsWith(criteria.postcode)
        return try await access.run { db in
            try Row.fetchAll(
                db, cached: """
                    SELECT * FROM patients
                    WHERE (?1 IS NULL OR family_name LIKE ?1 ESCAPE '\\')
                      AND (?2 IS NULL OR given_name LIKE ?2 ESCAPE '\\')
                      AND (?3 IS NULL OR birth_date = ?3)
                      AND (?4 IS NULL OR replace(upper(postcode), ' ', '') LIKE ?4 ESCAPE '\\')
                      AND (?5 = 0 OR EXISTS (SELECT 1 FROM journey_requests j WHERE j.patient_id = patients.id AND j.status = 'requested')
                           OR EXISTS (SELECT 1 FROM transport_journeys t WHERE t.patient_id = patients.id AND t.status NOT IN ('cancelled', 'aborted', 'delivered')))
                    ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, birth_date, id
                    LIMIT ?6
                    """,
                arguments: [family, given, criteria.birthDate?.iso, postcode, withJourneysOnly, limit]
            ).map(Self.patient(from:))
        }
    }
}

/// How an `Address` is spread over columns `address_lines` (JSON array), `town`, `postcode`,
/// `latitude`, `longitude`.
enum AddressColumns {
    static func arguments(_ address: Address) -> StatementArguments {
        let lines = String(decoding: try! JSONEncoder().encode(address.lines), as: UTF8.self)
        return [lines, address.town, address.postcode, address.coordinates?.latitude, address.coordinates?.longitude]
    }

    static func address(from row: Row) -> Address {
        let lines = (try? JSONDecoder().decode([String].self, from: Data((row["address_lines"] as String).utf8))) ?? []
        let coordinates: Coordinates? = {
            guard let lat = row["latitude"] as Double?, let lon = row["longitude"] as Double? else { return nil }
            return Coordinates(latitude: lat, longitude: lon)
        }()
        return Address(lines: lines, town: row["town"], postcode: row["postcode"], coordinates: coordinates)
    }
}
