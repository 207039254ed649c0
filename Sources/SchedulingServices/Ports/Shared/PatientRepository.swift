import Foundation
import SchedulingDomain

/// Stores patient records.
public protocol PatientRepository: Sendable {
    /// Adds a patient; throws ``StoreError/uniqueViolation(constraint:)`` (`patients.nhs_number`).
    func insert(_ patient: Patient) async throws
    /// The patient with this id.
    func find(id: Patient.ID) async throws -> Patient?
    /// How the patient with this id can be reached (what the outbox needs to choose channels).
    func contact(id: Patient.ID) async throws -> PatientContact?
    /// The patient with this hospital number (letters in any case).
    func find(hospitalNumber: String) async throws -> Patient?
    /// The patient with this NHS number.
    func find(nhsNumber: NHSNumber) async throws -> Patient?
    /// These patients (unknown ids are left out), in no particular order.
    func find(ids: [Patient.ID]) async throws -> [Patient]
    /// The NHS numbers of these patients (unknown ids are left out).
    func nhsNumbers(of ids: [Patient.ID]) async throws -> [Patient.ID: NHSNumber]
    /// Number of patients.
    func count() async throws -> Int
    /// Patients matching every criterion given, by family name, given name and date of birth;
    /// with `withJourneysOnly`, only patients with an open journey request.
    func search(_ criteria: PatientSearch, withJourneysOnly: Bool, limit: Int) async throws -> [Patient]
}

/// What a patient search matches: a name (the family name's start, or "given family" / "family,
/// given"), an exact date of birth, and the start of a postcode (spaces and case ignored).
public struct PatientSearch: Sendable, Equatable {
    /// Start of the family name.
    public var familyName: String?
    /// Start of the given name.
    public var givenName: String?
    /// Date of birth.
    public var birthDate: LocalDate?
    /// Start of the postcode, upper case without spaces.
    public var postcode: String?

    /// Creates criteria.
    public init(familyName: String? = nil, givenName: String? = nil, birthDate: LocalDate? = nil, postcode: String? = nil) {
        self.familyName = familyName
        self.givenName = givenName
        self.birthDate = birthDate
        self.postcode = postcode
    }

    /// Whether nothing would narrow the search.
    public var isEmpty: Bool { familyName == nil && givenName == nil && birthDate == nil && postcode == nil }
}

/// How a patient can be reached: their phone number and email address, if any.
public struct PatientContact: Sendable, Equatable {
    public var phone: String?
    public var email: String?

    /// Creates contact details.
    public init(phone: String?, email: String?) {
        self.phone = phone
        self.email = email
    }
}
