import Foundation
import SchedulingDomain

/// Stores transport requests for appointments.
public protocol JourneyRequestRepository: Sendable {
    /// Adds a request.
    func insert(_ request: JourneyRequest) async throws
    /// The request for an appointment.
    func find(appointmentID: Appointment.ID) async throws -> JourneyRequest?
    /// Stores a request's status.
    func update(_ request: JourneyRequest) async throws
    /// A patient's requests, latest appointment day first.
    func requests(patientID: Patient.ID) async throws -> [JourneyRequest]
    /// Requests for appointments from `first` through `last`, optionally of one status, by date, arrival, id.
    func requests(from first: LocalDate, through last: LocalDate, status: JourneyRequest.Status?) async throws -> [JourneyRequest]
}
