import Foundation

/// A request for hospital transport to an outpatient appointment (OP-11), created when a booking
/// records a transport need and read by the transport service, which plans the journey. The
/// patient is picked up from home and must arrive by ``arriveBy``; the return leg leaves after
/// ``returnAfter``.
public struct JourneyRequest: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<JourneyRequest>

    /// Where the request stands.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case requested, cancelled
    }

    /// Minutes before the appointment the patient should arrive (to check in).
    public static let checkInMinutes = 15

    public var id: ID
    public var appointmentID: Appointment.ID
    public var patientID: Patient.ID
    /// The clinic's location (the destination of the outward leg).
    public var locationID: ClinicLocation.ID
    /// The appointment's day.
    public var date: LocalDate
    /// Latest arrival at the clinic.
    public var arriveBy: LocalTime
    /// Earliest departure for home: the slot's end.
    public var returnAfter: LocalTime
    public var status: Status
    public var createdAt: Date
    public var cancelledAt: Date?

    /// Creates a request.
    public init(id: ID, appointmentID: Appointment.ID, patientID: Patient.ID, locationID: ClinicLocation.ID, date: LocalDate,
                arriveBy: LocalTime, returnAfter: LocalTime, status: Status = .requested, createdAt: Date, cancelledAt: Date? = nil)
    {
        self.id = id
        self.appointmentID = appointmentID
        self.patientID = patientID
        self.locationID = locationID
        self.date = date
        self.arriveBy = arriveBy
        self.returnAfter = returnAfter
        self.status = status
        self.createdAt = createdAt
        self.cancelledAt = cancelledAt
    }

    /// The request for an appointment in `slot`: arrive ``checkInMinutes`` before it starts
    /// (not before midnight), leave after it ends.
    public static func forAppointment(_ appointment: Appointment, in slot: Slot, id: ID, at date: Date) -> JourneyRequest {
        let start = slot.start.minuteOfDay
        return JourneyRequest(id: id, appointmentID: appointment.id, patientID: appointment.patientID, locationID: slot.locationID,
                              date: slot.date, arriveBy: LocalTime(minuteOfDay: max(0, start - checkInMinutes))!,
                              returnAfter: LocalTime(minuteOfDay: min(24 * 60 - 1, start + slot.minutes))!, createdAt: date)
    }
}
