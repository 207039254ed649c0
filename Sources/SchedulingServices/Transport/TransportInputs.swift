import Foundation
import SchedulingDomain

/// A journey booking as typed into the form or sent to the API (PT-01): every field optional
/// here, so that each missing or wrong one is named.
public struct JourneyInput: Codable, Sendable, Equatable {
    public var patientID: String?
    /// The day (YYYY-MM-DD).
    public var date: String?
    /// `to-appointment`, `home`, or `both` (there and back: two journeys).
    public var direction: String?
    /// The appointment's start (to an appointment, or both), or when the patient is ready (home), HH:MM.
    public var time: String?
    /// With `both`: when the patient is ready to go home, HH:MM.
    public var returnTime: String?
    /// Where the patient is collected on the way there; the patient's home if left out.
    public var pickup: Coordinates?
    /// The hospital or clinic (to an appointment), or where the patient goes home to (home: the patient's home if left out).
    public var destination: Coordinates?
    /// `walking`, `seated`, `wheelchair` or `stretcher`.
    public var mobility: String?
    /// Escorts travelling with the patient (0–3).
    public var escorts: Int?
    /// An extra-contractual journey (ECJ), charged at the contract's ECJ price; false if left out.
    public var ecj: Bool?
    /// An urgent journey, planned before any other; false if left out.
    public var urgent: Bool?
    /// A bariatric patient (only a bariatric vehicle and crew may carry them); false if left out.
    public var bariatric: Bool?
    /// The NEPTS eligibility criterion met (`medical-need`, `mobility-need`, `frequent-treatment`,
    /// `safety-or-wellbeing`, `local-discretion`); not yet assessed if left out.
    public var eligibility: String?
    /// Special needs for the crew (at most 500 characters; never logged).
    public var notes: String?
    /// The code of the contract it is carried under; the lead contract if left out.
    public var contract: String?

    /// Creates input.
    public init(patientID: String? = nil, date: String? = nil, direction: String? = nil, time: String? = nil, returnTime: String? = nil,
                pickup: Coordinates? = nil, destination: Coordinates? = nil, mobility: String? = nil, escorts: Int? = nil, ecj: Bool? = nil, urgent: Bool? = nil, bariatric: Bool? = nil,
                eligibility: String? = nil, notes: String? = nil, contract: String? = nil)
    {
        self.contract = contract
        self.patientID = patientID
        self.date = date
        self.direction = direction
        self.time = time
        self.returnTime = returnTime
        self.pickup = pickup
        self.destination = destination
        self.mobility = mobility
        self.escorts = escorts
        self.ecj = ecj
        self.urgent = urgent
        self.bariatric = bariatric
        self.eligibility = eligibility
        self.notes = notes
    }
}

/// Which way a booking goes: one of a journey's directions, or there and back.
public enum BookedDirection: String, Codable, Sendable, CaseIterable {
    case toAppointment = "to-appointment"
    case home
    case both
}

/// Why a journey is cancelled (PT-01).
public enum JourneyCancellationReason: String, Codable, Sendable, CaseIterable {
    /// The patient no longer needs it.
    case patientCancelled = "patient-cancelled"
    /// The appointment was cancelled or moved.
    case appointmentCancelled = "appointment-cancelled"
    /// The patient does not meet the eligibility criteria.
    case notEligible = "not-eligible"
    /// Booked twice.
    case duplicate
}

/// A vehicle shift as sent to the API (PT-02).
public struct ShiftInput: Codable, Sendable, Equatable {
    public var date: String?
    public var vehicleName: String?
    public var seats: Int?
    public var wheelchairSpaces: Int?
    public var stretchers: Int?
    public var crewSize: Int?
    /// Where it leaves from: a base on record (``TransportBase``), or coordinates.
    public var baseID: String?
    public var base: Coordinates?
    /// HH:MM.
    public var start: String?
    public var end: String?
    /// The break window (HH:MM) and its length; all three or none.
    public var breakEarliest: String?
    public var breakLatest: String?
    public var breakMinutes: Int?
    /// The user ids of the crew members who work it (crew role).
    public var crewUserIDs: [String]?
    /// Vehicle and crew equipped and trained for bariatric patients; false if left out.
    public var bariatric: Bool?
    /// Further wheelchair spaces the vehicle can make by folding seats (two each); 0 if left out.
    public var convertibleWheelchairSpaces: Int?
    /// The fleet's vehicle it is worked on (``TransportVehicle``): its call sign, space, folding
    /// seats and base are then the vehicle's, and those fields are left out.
    public var vehicleID: String?
    /// Minutes the crew may work on past `end` when the plan needs them (paid as overtime); 0 if left out.
    public var overtimeMinutes: Int?

    /// Creates input.
    public init(date: String? = nil, vehicleName: String? = nil, seats: Int? = nil, wheelchairSpaces: Int? = nil, stretchers: Int? = nil,
                crewSize: Int? = nil, base: Coordinates? = nil, start: String? = nil, end: String? = nil, breakEarliest: String? = nil,
                breakLatest: String? = nil, breakMinutes: Int? = nil, crewUserIDs: [String]? = nil, bariatric: Bool? = nil,
                convertibleWheelchairSpaces: Int? = nil, baseID: String? = nil, vehicleID: String? = nil, overtimeMinutes: Int? = nil)
    {
        self.overtimeMinutes = overtimeMinutes
        self.vehicleID = vehicleID
        self.baseID = baseID
        self.convertibleWheelchairSpaces = convertibleWheelchairSpaces
        self.date = date
        self.vehicleName = vehicleName
        self.seats = seats
        self.wheelchairSpaces = wheelchairSpaces
        self.stretchers = stretchers
        self.crewSize = crewSize
        self.base = base
        self.start = start
        self.end = end
        self.breakEarliest = breakEarliest
        self.breakLatest = breakLatest
        self.breakMinutes = breakMinutes
        self.crewUserIDs = crewUserIDs
        self.bariatric = bariatric
    }
}
