import Foundation

/// Which existing bookings a rebooking may move.
public enum MoveBookedPolicy: String, Codable, Sendable, CaseIterable {
    /// None: existing bookings stay put.
    case none
    /// Those whose patient has not yet been sent a confirmation.
    case notNotified = "not-notified"
    /// Any, notified or not.
    case all
}

/// One patient's move in a rebooking plan.
public struct RebookingMove: Codable, Sendable, Equatable {
    /// The appointment that goes (displaced by the cancellation, or bumped by a more urgent patient).
    public var appointmentID: Appointment.ID
    public var referralID: Referral.ID
    public var patientID: Patient.ID
    public var specialtyID: Specialty.ID
    public var priority: ClinicalPriority
    public var dueBy: LocalDate
    public var fromSlotID: Slot.ID
    public var fromDate: LocalDate
    /// Where the patient goes; `nil`: back on the list (see the plan's `unplaced` for why).
    public var toSlotID: Slot.ID?
    public var toDate: LocalDate?
    public var toStart: LocalTime?
    /// The new slot is after the patient's due day.
    public var afterDue: Bool
    /// The patient was not displaced by the cancellation but moved to make room for a more urgent one.
    public var bumped: Bool
    /// The new appointment (committed plans only).
    public var newAppointmentID: Appointment.ID?

    /// Creates a value.
    public init(appointmentID: Appointment.ID, referralID: Referral.ID, patientID: Patient.ID, specialtyID: Specialty.ID, priority: ClinicalPriority, dueBy: LocalDate, fromSlotID: Slot.ID, fromDate: LocalDate, toSlotID: Slot.ID? = nil, toDate: LocalDate? = nil, toStart: LocalTime? = nil, afterDue: Bool, bumped: Bool, newAppointmentID: Appointment.ID? = nil) {
        self.appointmentID = appointmentID
        self.referralID = referralID
        self.patientID = patientID
        self.specialtyID = specialtyID
        self.priority = priority
        self.dueBy = dueBy
        self.fromSlotID = fromSlotID
        self.fromDate = fromDate
        self.toSlotID = toSlotID
        self.toDate = toDate
        self.toStart = toStart
        self.afterDue = afterDue
        self.bumped = bumped
        self.newAppointmentID = newAppointmentID
    }
}

/// A rebooking plan for a session cancellation.
public struct RebookingPlan: Codable, Sendable, Equatable {
    public var from: LocalDate
    public var through: LocalDate
    /// Slots added by the short-notice clinics.
    public var extraSlots: Int
    public var moveBooked: MoveBookedPolicy
    /// Every move, displaced patients first, most urgent first.
    public var moves: [RebookingMove]
    /// Patients going back on their list without a new slot, and why.
    public var unplaced: [UnplacedReferral]
    /// Existing bookings moved for a more urgent patient.
    public var bumped: Int

    /// Creates a value.
    public init(from: LocalDate, through: LocalDate, extraSlots: Int, moveBooked: MoveBookedPolicy, moves: [RebookingMove], unplaced: [UnplacedReferral], bumped: Int) {
        self.from = from
        self.through = through
        self.extraSlots = extraSlots
        self.moveBooked = moveBooked
        self.moves = moves
        self.unplaced = unplaced
        self.bumped = bumped
    }
}
