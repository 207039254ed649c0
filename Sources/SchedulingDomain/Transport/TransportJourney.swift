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
    /// An extra-contractual journey (ECJ): outside the contract's terms, charged at its ECJ price (PT-02, PT-08).
    public var ecj = false
    /// An urgent journey (on the day, for a patient who must travel): planned before any other (PT-04).
    public var urgent = false
    /// A bariatric patient: only a bariatric vehicle and crew may carry them.
    public var bariatric = false
    /// The national NEPTS eligibility criterion the patient meets (nil: not yet assessed).
    public var eligibility: Eligibility?
    /// Special needs the crew should know (a key safe, oxygen, a hoist); never in logs or errors.
    public var notes: String?
    /// The code of the contract it is carried under (``TransportContract/id``); nil: the lead contract.
    public var contractID: String?

    /// The national eligibility criteria for non-emergency patient transport (DHSC, 2022).
    public enum Eligibility: String, Codable, Sendable, CaseIterable {
        /// The patient needs the skills or support of transport staff, or travelling otherwise would harm their condition or recovery.
        case medicalNeed = "medical-need"
        /// The patient's mobility makes any other way of travelling impossible.
        case mobilityNeed = "mobility-need"
        /// Frequent treatment, such as renal dialysis three times a week.
        case frequentTreatment = "frequent-treatment"
        /// Travelling otherwise would put the patient's safety or wellbeing at risk.
        case safetyOrWellbeing = "safety-or-wellbeing"
        /// Exceptional circumstances the commissioner allows.
        case localDiscretion = "local-discretion"

        /// In a planner's words.
        public var label: String {
            switch self {
            case .medicalNeed: "medical need"
            case .mobilityNeed: "significant mobility need"
            case .frequentTreatment: "frequent treatment (such as dialysis)"
            case .safetyOrWellbeing: "risk to safety or wellbeing"
            case .localDiscretion: "exceptional circumstances (local discretion)"
            }
        }
    }
    /// What the crew recorded on the day (PT-07): when they arrived at the pickup, picked the
    /// patient up and delivered them, and an aborted journey's incident note (never logged).
    public var progress = Progress()
    /// The day-before confirmation calls (PT-06): how many, and what the last one gave.
    public var calls = Calls()

    /// The confirmation calls made about a journey.
    public struct Calls: Hashable, Codable, Sendable {
        public var attempts: Int
        public var last: CallOutcome?

        /// No call yet.
        public init(attempts: Int = 0, last: CallOutcome? = nil) {
            self.attempts = attempts
            self.last = last
        }
    }

    /// What a confirmation call gave.
    public enum CallOutcome: String, Codable, Sendable, CaseIterable {
        /// The patient still needs the journey: it is confirmed.
        case confirmed
        /// The patient no longer needs it: it is cancelled.
        case declined
        /// Nobody answered: call again.
        case noAnswer = "no-answer"
    }

    /// Records a confirmation call's outcome: a confirmed journey is confirmed, a declined one
    /// cancelled, and no answer leaves it as it was. Only a journey not yet under way is called.
    public mutating func recordCall(_ outcome: CallOutcome) throws(DomainRuleBroken) {
        guard status == .booked || status == .confirmed || status == .planned else {
            throw DomainRuleBroken(code: "journey.notCallable", message: "Journey \(id) is \(status.rawValue): there is nothing to confirm.")
        }
        calls.attempts += 1
        calls.last = outcome
        switch outcome {
        case .confirmed: if status == .booked { status = .confirmed }
        case .declined: status = .cancelled
        case .noAnswer: break
        }
    }

    /// The crew's record of a journey on the day.
    public struct Progress: Hashable, Codable, Sendable {
        public var arrived: LocalTime?
        public var pickedUp: LocalTime?
        public var delivered: LocalTime?
        public var incident: String?

        /// Nothing recorded yet.
        public init(arrived: LocalTime? = nil, pickedUp: LocalTime? = nil, delivered: LocalTime? = nil, incident: String? = nil) {
            self.arrived = arrived
            self.pickedUp = pickedUp
            self.delivered = delivered
            self.incident = incident
        }
    }

    /// What a crew records at a stop.
    public enum Event: String, Codable, Sendable, CaseIterable {
        /// At the pickup address.
        case arrived
        /// The patient is on board.
        case pickedUp = "picked-up"
        /// The patient is at the destination.
        case delivered
        /// The crew arrived but the patient did not travel (with an incident note).
        case aborted
    }

    /// Records `event` at `time` (PT-07): arrived and picked up on a journey not yet under way or
    /// dispatched, delivered once picked up, aborted (with a note) before the pickup. Throws the
    /// rule broken.
    public mutating func record(_ event: Event, at time: LocalTime, note: String?) throws(DomainRuleBroken) {
        let waiting: Set<Status> = [.booked, .confirmed, .planned, .dispatched]
        switch event {
        case .arrived:
            guard waiting.contains(status) else { throw DomainRuleBroken(code: "journey.notWaiting", message: "Journey \(id) is \(status.rawValue): the crew can no longer arrive for it.") }
            progress.arrived = time
            status = .dispatched
        case .pickedUp:
            guard waiting.contains(status) else { throw DomainRuleBroken(code: "journey.notWaiting", message: "Journey \(id) is \(status.rawValue): it cannot be picked up.") }
            if let arrived = progress.arrived, time < arrived {
                throw DomainRuleBroken(code: "journey.timeOrder", message: "The pickup at \(time) is before the arrival at \(arrived).")
            }
            progress.pickedUp = time
            status = .pickedUp
        case .delivered:
            guard status == .pickedUp else { throw DomainRuleBroken(code: "journey.notOnBoard", message: "Journey \(id) is \(status.rawValue): only a patient picked up can be delivered.") }
            if let pickedUp = progress.pickedUp, time < pickedUp {
                throw DomainRuleBroken(code: "journey.timeOrder", message: "The delivery at \(time) is before the pickup at \(pickedUp).")
            }
            progress.delivered = time
            status = .delivered
        case .aborted:
            guard waiting.contains(status) else { throw DomainRuleBroken(code: "journey.notWaiting", message: "Journey \(id) is \(status.rawValue): only a journey not yet picked up can be aborted.") }
            guard let note, !note.isEmpty else { throw DomainRuleBroken(code: "journey.incidentRequired", message: "An aborted journey needs an incident note saying why the patient did not travel.") }
            progress.arrived = progress.arrived ?? time
            progress.incident = note
            status = .aborted
        }
    }

    /// A patient ready early or late to go home (PT-04): the journey home now starts from `time`.
    /// Only a journey home not yet under way changes.
    public mutating func changeReadyTime(_ time: LocalTime) throws(DomainRuleBroken) {
        guard direction == .home else {
            throw DomainRuleBroken(code: "journey.notHome", message: "Journey \(id) goes to an appointment: only a journey home has a ready time.")
        }
        guard [.booked, .confirmed, .planned, .dispatched].contains(status), progress.pickedUp == nil else {
            throw DomainRuleBroken(code: "journey.notWaiting", message: "Journey \(id) is \(status.rawValue): its ready time can no longer change.")
        }
        self.time = time
    }

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
        if let contractID, !TransportContract.isCode(contractID) {
            c.add("contract", "journey.contract", "contract must be a contract's code: lower-case letters, digits and hyphens.")
        }
        if let notes { _ = c.optionalText(notes, at: "notes", maxLength: 500, multiline: true) }
        if pickup.validate().isEmpty && destination.validate().isEmpty && pickup.greatCircleMeters(to: destination) < 10 {
            c.add("destination", "journey.samePlace", "destination must differ from the pickup.")
        }
        return c.issues
    }
}
