/// One leg of non-emergency patient transport (PT-01): a patient taken from a pickup to a
/// destination, either to arrive for an appointment or home once ready. Notes never appear in
/// logs or errors; messages name the journey's id.
public struct TransportJourney: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<TransportJourney>

    /// Which way the patient goes.
    public enum Direction: String, Codable, Sendable, CaseIterable {
        /// To an appointment: ``TransportJourney/time`` is the appointment's start.
        case toAppointment = "to-appointment"
        /// Home afterwards: ``TransportJourney/time`` is when the patient is ready.
        case home
    }

    /// Where the journey stands (PT-01, PT-06).
    public enum Status: String, Codable, Sendable, CaseIterable {
        case booked, confirmed, planned, dispatched
        case pickedUp = "picked-up"
        case delivered, cancelled, aborted
    }

    public var id: ID
    public var patientID: Patient.ID
    /// The outpatient appointment this journey serves, if it came from a booking (OP-11).
    public var appointmentID: Appointment.ID?
    public var date: LocalDate
    public var direction: Direction
    /// The appointment's start (to an appointment) or when the patient is ready (home).
    public var time: LocalTime
    public var pickup: Coordinates
    public var destination: Coordinates
    public var mobility: MobilityCategory
    /// Escorts travelling with the patient, each on a seat.
    public var escorts: Int
    public var status: Status

    /// Creates a journey; call ``validate()`` on user input.
    public init(id: ID, patientID: Patient.ID, appointmentID: Appointment.ID? = nil, date: LocalDate, direction: Direction, time: LocalTime,
                pickup: Coordinates, destination: Coordinates, mobility: MobilityCategory, escorts: Int = 0, status: Status = .booked)
    {
        self.id = id
        self.patientID = patientID
        self.appointmentID = appointmentID
        self.date = date
        self.direction = direction
        self.time = time
        self.pickup = pickup
        self.destination = destination
        self.mobility = mobility
        self.escorts = escorts
        self.status = status
    }

    /// The space the patient and escorts take.
    public var load: VehicleSpace { mobility.space + VehicleSpace(seats: escorts) }

    /// Whether the journey is still to be planned or carried out (not cancelled, aborted or delivered).
    public var isLive: Bool { ![.cancelled, .aborted, .delivered].contains(status) }

    /// Every rule broken, paths relative to the journey.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        c.add(contentsOf: pickup.validate(), under: "pickup")
        c.add(contentsOf: destination.validate(), under: "destination")
        if !(0...3).contains(escorts) { c.add("escorts", "journey.escorts", "escorts must be between 0 and 3.") }
        if pickup.validate().isEmpty && destination.validate().isEmpty && pickup.greatCircleMeters(to: destination) < 10 {
            c.add("destination", "journey.samePlace", "destination must differ from the pickup.")
        }
        return c.issues
    }
}
