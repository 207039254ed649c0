import Foundation
import SchedulingDomain

/// The outpatient booking ⇄ transport journey link (OP-11, PT-01): an appointment booked with a
/// transport need becomes two journeys (there, to arrive by check-in; home, once the clinic
/// ends) under the contract serving the clinic's location, and cancelling the appointment
/// cancels those not yet under way. Both happen in the booking's own transaction, so neither
/// side is ever left half done.
enum TransportJourneyLink {
    /// The category a journey from a booking starts with; the transport office confirms it on
    /// the day-before call (the outpatient booking does not record mobility).
    static let defaultMobility = MobilityCategory.seated

    /// Adds the journeys for `request` from the patient's home to the clinic's location and back;
    /// none when either address has no map position (the transport office then books by hand).
    @discardableResult
    static func create(for request: JourneyRequest, ids: any IDGenerator, in session: any StoreSession) async throws -> [TransportJourney] {
        guard let home = try await session.patients.find(id: request.patientID)?.address.coordinates,
            let clinic = try await session.organisation.location(id: request.locationID)?.address.coordinates, home != clinic
        else { return [] }
        let contractID = TransportBookingService.contract(serving: request.locationID, among: try await TransportBookingService.contracts(in: session))
        var journeys = [
            TransportJourney(id: .init(ids.make(prefix: "jny")), patientID: request.patientID, appointmentID: request.appointmentID, date: request.date,
                             direction: .toAppointment, time: request.arriveBy, pickup: home, destination: clinic, mobility: defaultMobility),
            TransportJourney(id: .init(ids.make(prefix: "jny")), patientID: request.patientID, appointmentID: request.appointmentID, date: request.date,
                             direction: .home, time: request.returnAfter, pickup: clinic, destination: home, mobility: defaultMobility),
        ]
        for k in journeys.indices { journeys[k].contractID = contractID }
        for journey in journeys { try await session.transportJourneys.insert(journey) }
        return journeys
    }

    /// Cancels the journeys of a cancelled appointment that are not yet under way.
    @discardableResult
    static func cancel(appointmentID: Appointment.ID, in session: any StoreSession) async throws -> Int {
        var cancelled = 0
        for var journey in try await session.transportJourneys.journeys(appointmentID: appointmentID)
        where [.booked, .confirmed, .planned].contains(journey.status) {
            journey.status = .cancelled
            try await session.transportJourneys.update(journey)
            cancelled += 1
        }
        return cancelled
    }
}
