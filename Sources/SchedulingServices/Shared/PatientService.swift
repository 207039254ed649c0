import Foundation
import SchedulingDomain

/// Patient input as it arrives from JSON or a form: every field optional and textual, so that
/// every problem can be reported at once with its path.
public struct PatientInput: Codable, Sendable, Equatable {
    /// Address input.
    public struct AddressInput: Codable, Sendable, Equatable {
        public var lines: [String]?
        public var town: String?
        public var postcode: String?
        public var latitude: Double?
        public var longitude: Double?

        /// Creates address input.
        public init(lines: [String]? = nil, town: String? = nil, postcode: String? = nil, latitude: Double? = nil, longitude: Double? = nil) {
            self.lines = lines
            self.town = town
            self.postcode = postcode
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public var nhsNumber: String?
    public var givenName: String?
    public var familyName: String?
    public var birthDate: String?
    public var sex: String?
    public var address: AddressInput?
    public var phone: String?
    public var email: String?

    /// Creates patient input.
    public init(
        nhsNumber: String? = nil, givenName: String? = nil, familyName: String? = nil, birthDate: String? = nil,
        sex: String? = nil, address: AddressInput? = nil, phone: String? = nil, email: String? = nil
    ) {
        self.nhsNumber = nhsNumber
        self.givenName = givenName
        self.familyName = familyName
        self.birthDate = birthDate
        self.sex = sex
        self.address = address
        self.phone = phone
        self.email = email
    }

    /// Builds a validated patient, or throws every issue found.
    public func validated(id: Patient.ID, today: LocalDate) throws(ValidationError) -> Patient {
        var c = ValidationCollector()
        var nhs: NHSNumber?
        if let nhsNumber {
            do { nhs = try NHSNumber(nhsNumber) } catch { c.add("nhsNumber", error.code, error.message) }
        } else {
            c.add("nhsNumber", "field.required", "nhsNumber is required.")
        }
        let given = c.requireText(givenName, at: "givenName", maxLength: 100)
        let family = c.requireText(familyName, at: "familyName", maxLength: 100)
        var birth: LocalDate?
        if let birthDate {
            birth = LocalDate(iso: birthDate)
            if birth == nil { c.add("birthDate", "date.format", "birthDate must be a date as YYYY-MM-DD.") }
        } else {
            c.add("birthDate", "field.required", "birthDate is required.")
        }
        let parsedSex = sex.map { Patient.Sex(rawValue: $0) } ?? .unknown
        if parsedSex == nil {
            c.add("sex", "field.enum", "sex must be one of: \(Patient.Sex.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        var address: Address?
        if let a = self.address {
            let coordinates: Coordinates?
            switch (a.latitude, a.longitude) {
            case let (lat?, lon?): coordinates = Coordinates(latitude: lat, longitude: lon)
            case (nil, nil): coordinates = nil
            default:
                coordinates = nil
                c.add("address.coordinates", "coordinates.pair", "address.latitude and address.longitude must be given together.")
            }
            address = Address(lines: a.lines ?? [], town: a.town ?? "", postcode: a.postcode ?? "", coordinates: coordinates)
        } else {
            c.add("address", "field.required", "address is required.")
        }
        guard let nhs, let given, let family, let birth, let parsedSex, let address else {
            // Still report rules of the parts that did parse.
            if let address { c.add(contentsOf: address.validate(), under: "address") }
            try c.throwIfAny()
            throw ValidationError(c.issues)
        }
        let patient = Patient(
            id: id, nhsNumber: nhs, givenName: given, familyName: family, birthDate: birth, sex: parsedSex,
            address: address, phone: phone?.trimmingCharacters(in: .whitespaces), email: email?.trimmingCharacters(in: .whitespaces))
        c.add(contentsOf: patient.validate(today: today), under: "")
        try c.throwIfAny()
        return patient
    }
}

/// Patient records: registration and audited reads.
public struct PatientService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Registers a patient after validating every field; a duplicate NHS number is a conflict.
    public func register(_ input: PatientInput, by caller: Caller) async throws -> Patient {
        try caller.require(anyOf: Role.patientEditors, to: "register patients")
        let patient: Patient
        do { patient = try input.validated(id: .init(env.ids.make(prefix: "pat")), today: env.today) } catch {
            throw ServiceError(error)
        }
        let now = env.clock.now()
        do {
            try await env.store.write { session in
                try await session.patients.insert(patient)
                try await AuditTrail.record(
                    .init(action: "patient.create", entityType: "patient", entityID: patient.id.rawValue),
                    by: caller, at: now, in: session)
            }
        } catch {
            throw ServiceError.mapUnique(error, [
                "patients.nhs_number": ("nhsNumber.taken", "nhsNumber is already registered to another patient."),
            ])
        }
        return patient
    }

    /// Reads one patient record; the read is audited with the caller's reason.
    public func patient(id: Patient.ID, by caller: Caller) async throws -> Patient {
        try caller.require(anyOf: Role.patientReaders, to: "read patient records")
        let now = env.clock.now()
        return try await env.store.write { session in
            guard let patient = try await session.patients.find(id: id) else {
                throw ServiceError.notFound(entity: "Patient", id: id.rawValue)
            }
            try await AuditTrail.record(
                .init(action: "patient.read", entityType: "patient", entityID: id.rawValue), by: caller, at: now, in: session)
            return patient
        }
    }

    /// Finds a patient by NHS number; the search and the read are audited.
    public func patient(nhsNumber text: String, by caller: Caller) async throws -> Patient? {
        try caller.require(anyOf: Role.patientReaders, to: "search patient records")
        let nhs: NHSNumber
        do { nhs = try NHSNumber(text) } catch {
            throw ServiceError.invalid([.init(path: "nhsNumber", code: error.code, message: error.message)])
        }
        let now = env.clock.now()
        return try await env.store.write { session in
            let found = try await session.patients.find(nhsNumber: nhs)
            try await AuditTrail.record(
                .init(action: "patient.search", entityType: "patient", entityID: found?.id.rawValue,
                      detail: found == nil ? "result=none" : "result=1"),
                by: caller, at: now, in: session)
            return found
        }
    }
}
