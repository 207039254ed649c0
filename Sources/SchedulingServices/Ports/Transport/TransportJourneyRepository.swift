import Foundation
import SchedulingDomain

/// Stores patient transport journeys (PT-01).
public protocol TransportJourneyRepository: Sendable {
    /// Adds a journey.
    func insert(_ journey: TransportJourney) async throws
    /// Stores a journey's changes (status, time, places, mobility, escorts).
    func update(_ journey: TransportJourney) async throws
    /// The journey with this id.
    func find(id: TransportJourney.ID) async throws -> TransportJourney?
    /// The journeys of a day, by time then id.
    func journeys(on date: LocalDate) async throws -> [TransportJourney]
    /// Whether the patient has a journey not yet cancelled, aborted or delivered.
    func hasLiveJourney(patientID: Patient.ID) async throws -> Bool
    /// How many journeys, on any day, name the contract `contractID`.
    func count(contractID: String) async throws -> Int
    /// The journeys made for an outpatient appointment (OP-11), by date, time and id.
    func journeys(appointmentID: Appointment.ID) async throws -> [TransportJourney]
}
