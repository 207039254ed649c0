/// The organisation running Kairos (an NHS trust, an ambulance service, a council).
public struct Organisation: Hashable, Codable, Sendable {
    /// ODS code, e.g. `R0A` for Manchester University NHS FT.
    public var code: String
    /// Name.
    public var name: String

    /// Creates an organisation.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A clinical specialty or service (treatment function), e.g. 101 Urology.
public struct Specialty: Hashable, Codable, Sendable, Identifiable {
    /// Identifier.
    public typealias ID = Identifier<Specialty>
    /// Identifier.
    public var id: ID
    /// Treatment function code (three digits).
    public var code: String
    /// Name.
    public var name: String

    /// Creates a specialty.
    public init(id: ID, code: String, name: String) {
        self.id = id
        self.code = code
        self.name = name
    }
}

/// A place where clinics run.
public struct ClinicLocation: Hashable, Codable, Sendable, Identifiable {
    /// Identifier.
    public typealias ID = Identifier<ClinicLocation>
    /// Identifier.
    public var id: ID
    /// Name, e.g. "Manchester Royal Infirmary — Outpatients B".
    public var name: String
    /// Address with coordinates.
    public var address: Address

    /// Creates a location.
    public init(id: ID, name: String, address: Address) {
        self.id = id
        self.name = name
        self.address = address
    }
}

/// A clinician who runs clinics.
public struct Clinician: Hashable, Codable, Sendable, Identifiable {
    /// Identifier.
    public typealias ID = Identifier<Clinician>
    /// Identifier.
    public var id: ID
    /// Display name with title, e.g. "Dr A. Okafor".
    public var name: String
    /// Professional grade, e.g. "Consultant".
    public var grade: String
    /// Main specialty.
    public var specialtyID: Specialty.ID

    /// Creates a clinician.
    public init(id: ID, name: String, grade: String, specialtyID: Specialty.ID) {
        self.id = id
        self.name = name
        self.grade = grade
        self.specialtyID = specialtyID
    }
}
