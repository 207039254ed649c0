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
    /// The trust's hospital number (3–20 letters and digits).
    public var hospitalNumber: String?
    /// The GP practice as it is to be shown.
    public var gpPractice: String?
    /// The language of the interpreter the patient needs.
    public var interpreterLanguage: String?
    /// Alerts staff must see (at most 10).
    public var alerts: [String]?
    /// Reasonable adjustments the patient needs (at most 10).
    public var reasonableAdjustments: [String]?

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
        var patient = Patient(
            id: id, nhsNumber: nhs, givenName: given, familyName: family, birthDate: birth, sex: parsedSex,
            address: address, phone: phone?.trimmingCharacters(in: .whitespaces), email: email?.trimmingCharacters(in: .whitespaces))
        let blankless = { (text: String?) in text.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        patient.hospitalNumber = blankless(hospitalNumber)?.uppercased()
        patient.gpPractice = blankless(gpPractice)
        patient.interpreterLanguage = blankless(interpreterLanguage)
        patient.alerts = (alerts ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        patient.reasonableAdjustments = (reasonableAdjustments ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
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
                "index 'patients_hospital_number'": ("hospitalNumber.taken", "This hospital number is already another patient's."),
            ])
        }
        return patient
    }

    /// Whether the caller sees every patient record (outpatient staff, the system) or only the
    /// records its own service's work names (the transport office: patients with a journey requested
    /// from outpatients or booked and not yet over).
    static func seesEveryPatient(_ caller: Caller) -> Bool { caller.principal.role?.seesEveryPatient ?? true }

    /// Whether a caller who does not see every record may see this patient's.
    private static func inScope(_ id: Patient.ID, of caller: Caller, in session: any StoreSession) async throws -> Bool {
        if seesEveryPatient(caller) { return true }
        if try await session.journeyRequests.requests(patientID: id).contains(where: { $0.status == .requested }) { return true }
        return try await session.transportJourneys.hasLiveJourney(patientID: id)
    }

    /// Reads one patient record; the read is audited with the caller's reason. A record outside
    /// the caller's scope is answered as not found.
    public func patient(id: Patient.ID, by caller: Caller) async throws -> Patient {
        try caller.require(anyOf: Role.patientReaders, to: "read patient records")
        let now = env.clock.now()
        return try await env.store.write { session in
            guard let patient = try await session.patients.find(id: id), try await Self.inScope(id, of: caller, in: session) else {
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
            var found = try await session.patients.find(nhsNumber: nhs)
            if let patient = found, try await !Self.inScope(patient.id, of: caller, in: session) { found = nil }
            try await AuditTrail.record(
                .init(action: "patient.search", entityType: "patient", entityID: found?.id.rawValue,
                      detail: found == nil ? "result=none" : "result=1"),
                by: caller, at: now, in: session)
            return found
        }
    }

    /// A patient's journey requests, latest first (what the transport office sees of a patient
    /// besides the record).
    public func journeys(of id: Patient.ID, by caller: Caller) async throws -> [JourneyRequest] {
        try caller.require(anyOf: Role.patientReaders, to: "read patient records")
        return try await env.store.read { session in
            guard try await Self.inScope(id, of: caller, in: session) else { throw ServiceError.notFound(entity: "Patient", id: id.rawValue) }
            return try await session.journeyRequests.requests(patientID: id)
        }
    }

    /// The most patients a search answers.
    public static let searchLimit = 50

    /// Finds patients by NHS number (any spacing), by name ("Smith", "Ann Smith" or "Smith, Ann":
    /// the start of each name), by date of birth, by the start of a postcode, or by several of
    /// these at once; the search is audited with how many it found, never with what was typed.
    /// A caller who does not see every record finds only the patients in its scope.
    public func search(_ input: PatientSearchInput, by caller: Caller) async throws -> [Patient] {
        try caller.require(anyOf: Role.patientReaders, to: "search patient records")
        let query = try input.validated()
        let now = env.clock.now()
        let everyPatient = Self.seesEveryPatient(caller)
        return try await env.store.write { session in
            var found: [Patient]
            switch query {
            case .nhsNumber(let nhs):
                found = try await session.patients.find(nhsNumber: nhs).map { [$0] } ?? []
                if let patient = found.first, try await !Self.inScope(patient.id, of: caller, in: session) { found = [] }
            case .hospitalNumber(let number):
                found = try await session.patients.find(hospitalNumber: number).map { [$0] } ?? []
                if let patient = found.first, try await !Self.inScope(patient.id, of: caller, in: session) { found = [] }
            case .criteria(let criteria):
                found = try await session.patients.search(criteria, withJourneysOnly: !everyPatient, limit: Self.searchLimit)
            }
            try await AuditTrail.record(
                .init(action: "patient.search", entityType: "patient", entityID: found.count == 1 ? found[0].id.rawValue : nil,
                      detail: "by=\(query.kinds) result=\(found.count)"),
                by: caller, at: now, in: session)
            return found
        }
    }
}

/// A patient search as typed: one box for an NHS number or a name, and optional date of birth
/// and postcode.
public struct PatientSearchInput: Sendable, Equatable {
    /// An NHS number (spaces and dashes allowed) or a name.
    public var query: String?
    /// Date of birth: `YYYY-MM-DD` or `DD/MM/YYYY`.
    public var birthDate: String?
    /// Postcode or its start.
    public var postcode: String?

    /// Creates search input.
    public init(query: String? = nil, birthDate: String? = nil, postcode: String? = nil) {
        self.query = query
        self.birthDate = birthDate
        self.postcode = postcode
    }

    /// What the search looks for.
    enum Query: Equatable {
        case nhsNumber(NHSNumber)
        case hospitalNumber(String)
        case criteria(PatientSearch)

        /// The kinds of criteria, for the audit entry (never their values).
        var kinds: String {
            switch self {
            case .nhsNumber: return "nhsNumber"
            case .hospitalNumber: return "hospitalNumber"
            case .criteria(let c):
                return [c.familyName != nil ? "name" : nil, c.birthDate != nil ? "birthDate" : nil, c.postcode != nil ? "postcode" : nil]
                    .compactMap { $0 }.joined(separator: ",")
            }
        }
    }

    /// The query, or every rule the input breaks, in words.
    func validated() throws(ServiceError) -> Query {
        var c = ValidationCollector()
        let text = c.optionalText(query, at: "query", maxLength: 120)
        let birthText = c.optionalText(birthDate, at: "birthDate", maxLength: 20)
        let postcodeText = c.optionalText(postcode, at: "postcode", maxLength: 10)
        var criteria = PatientSearch()
        if let text {
            let digits = text.filter { $0 != " " && $0 != "-" }
            let allDigits = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
            if allDigits, digits.count == 10 || text.contains(" ") || text.contains("-") || !Patient.isPlausibleHospitalNumber(digits) {
                // Ten digits, or digits typed in groups: an NHS number, searched exactly (the other boxes do not narrow it).
                do { return .nhsNumber(try NHSNumber(text)) } catch {
                    c.add("query", error.code, "\(error.message) Type a name, a whole NHS number or a hospital number.")
                }
            } else if Patient.isPlausibleHospitalNumber(text) {
                // Letters and digits in one word, or digits that are not an NHS number: a hospital number.
                return .hospitalNumber(text.uppercased())
            } else {
                let parts: [String]
                if text.contains(",") {
                    // "Family, Given"
                    let pieces = text.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    parts = pieces.count == 2 && !pieces[1].isEmpty ? [pieces[1], pieces[0]] : [pieces[0]]
                } else {
                    let words = text.split(separator: " ").map(String.init)
                    parts = words.count >= 2 ? [words.dropLast().joined(separator: " "), words.last!] : words
                }
                if parts.count == 2 {
                    criteria.givenName = parts[0]
                    criteria.familyName = parts[1]
                } else {
                    criteria.familyName = parts.first
                }
                if (criteria.familyName?.count ?? 0) < 2 {
                    c.add("query", "query.short", "Type at least the first two letters of the family name.")
                }
            }
        }
        if let birthText {
            if let date = LocalDate(iso: birthText) ?? Self.britishDate(birthText) {
                criteria.birthDate = date
            } else {
                c.add("birthDate", "field.date", "Date of birth must be a date such as 14/03/1950.")
            }
        }
        if let postcodeText {
            let compact = postcodeText.uppercased().filter { $0 != " " }
            if compact.count < 2 || !compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                c.add("postcode", "postcode.format", "Postcode must be at least its first two characters, letters and digits only.")
            } else {
                criteria.postcode = compact
            }
        }
        if c.issues.isEmpty, criteria.isEmpty {
            c.add("query", "search.empty", "Type a name or an NHS number, or give a date of birth or a postcode.")
        }
        guard c.issues.isEmpty else { throw .invalid(c.issues) }
        return .criteria(criteria)
    }

    /// `DD/MM/YYYY` (or with dashes or dots).
    static func britishDate(_ text: String) -> LocalDate? {
        let parts = text.split(whereSeparator: { "/-.".contains($0) })
        guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }
}
