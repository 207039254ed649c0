import Foundation
import SchedulingDomain

/// Stores the organisation's reference data.
public protocol OrganisationRepository: Sendable {
    /// The organisation, once set.
    func organisation() async throws -> Organisation?
    /// Sets the organisation.
    func setOrganisation(_ organisation: Organisation) async throws
    /// Adds a specialty.
    func insert(_ specialty: Specialty) async throws
    /// Adds a clinic location.
    func insert(_ location: ClinicLocation) async throws
    /// Adds a clinician.
    func insert(_ clinician: Clinician) async throws
    /// Specialties by code.
    func specialties() async throws -> [Specialty]
    /// Locations by name.
    func locations() async throws -> [ClinicLocation]
    /// Clinicians by name.
    func clinicians() async throws -> [Clinician]
    /// One specialty, location or clinician by id.
    func specialty(id: Specialty.ID) async throws -> Specialty?
    func location(id: ClinicLocation.ID) async throws -> ClinicLocation?
    func clinician(id: Clinician.ID) async throws -> Clinician?
}
