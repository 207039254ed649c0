import Foundation
import SchedulingDomain

/// Stores patient records.
public protocol PatientRepository: Sendable {
    /// Adds a patient; throws ``StoreError/uniqueViolation(constraint:)`` (`patients.nhs_number`).
    func insert(_ patient: Patient) async throws
    /// The patient with this id.
    func find(id: Patient.ID) async throws -> Patient?
    /// The patient with this NHS number.
    func find(nhsNumber: NHSNumber) async throws -> Patient?
    /// The NHS numbers of these patients (unknown ids are left out).
    func nhsNumbers(of ids: [Patient.ID]) async throws -> [Patient.ID: NHSNumber]
    /// Number of patients.
    func count() async throws -> Int
}
