import Foundation


/// A booking the allocation proposes (or made).
public struct ProposedBooking: Codable, Sendable, Equatable {
    public var referralID: Referral.ID
    public var patientID: Patient.ID
    public var specialtyID: Specialty.ID
    public var priority: ClinicalPriority
    public var dueBy: LocalDate
    public var slotID: Slot.ID
    public var clinicianID: Clinician.ID
    public var locationID: ClinicLocation.ID
    public var date: LocalDate
    public var start: LocalTime
    public var slotType: SlotType
    /// The slot is after the day the patient is due (target or RTT breach).
    public var afterDue: Bool
    /// The appointment made (committed plans only).
    public var appointmentID: Appointment.ID?

    /// Creates a value.
    public init(referralID: Referral.ID, patientID: Patient.ID, specialtyID: Specialty.ID, priority: ClinicalPriority, dueBy: LocalDate, slotID: Slot.ID, clinicianID: Clinician.ID, locationID: ClinicLocation.ID, date: LocalDate, start: LocalTime, slotType: SlotType, afterDue: Bool, appointmentID: Appointment.ID? = nil) {
        self.referralID = referralID
        self.patientID = patientID
        self.specialtyID = specialtyID
        self.priority = priority
        self.dueBy = dueBy
        self.slotID = slotID
        self.clinicianID = clinicianID
        self.locationID = locationID
        self.date = date
        self.start = start
        self.slotType = slotType
        self.afterDue = afterDue
        self.appointmentID = appointmentID
    }
}

/// A waiting patient the allocation could not place, and why.
public struct UnplacedReferral: Codable, Sendable, Equatable {
    /// Why, as a code.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// No free slot of a type the referral may use in its specialty in the window.
        case noSlotOfType = "no-slot-of-type"
        /// Such slots exist, but none on a day the patient can attend.
        case notAvailable = "not-available"
        /// More urgent patients took every suitable slot.
        case capacity
    }

    public var referralID: Referral.ID
    public var patientID: Patient.ID
    public var specialtyID: Specialty.ID
    public var priority: ClinicalPriority
    public var dueBy: LocalDate
    public var reason: Reason
    /// The reason in words.
    public var detail: String

    /// Creates a value.
    public init(referralID: Referral.ID, patientID: Patient.ID, specialtyID: Specialty.ID, priority: ClinicalPriority, dueBy: LocalDate, reason: Reason, detail: String) {
        self.referralID = referralID
        self.patientID = patientID
        self.specialtyID = specialtyID
        self.priority = priority
        self.dueBy = dueBy
        self.reason = reason
        self.detail = detail
    }
}

/// An auto-allocation's plan: the proposals, who was left and why.
public struct AllocationPlan: Codable, Sendable, Equatable {
    /// Whether the bookings were made.
    public var committed: Bool
    /// Identifies this plan's content; pass it back to commit.
    public var planID: String
    public var from: LocalDate
    public var through: LocalDate
    /// Patients waiting for a first booking that were considered.
    public var waiting: Int
    /// Free slots in the window.
    public var freeSlots: Int
    /// Proposed bookings, in the waiting list's order.
    public var proposals: [ProposedBooking]
    /// Proposals after the patient's due day.
    public var placedAfterDue: Int
    /// Patients left on the list, in the waiting list's order.
    public var unplaced: [UnplacedReferral]

    /// Creates a value.
    public init(committed: Bool, planID: String, from: LocalDate, through: LocalDate, waiting: Int, freeSlots: Int, proposals: [ProposedBooking], placedAfterDue: Int, unplaced: [UnplacedReferral]) {
        self.committed = committed
        self.planID = planID
        self.from = from
        self.through = through
        self.waiting = waiting
        self.freeSlots = freeSlots
        self.proposals = proposals
        self.placedAfterDue = placedAfterDue
        self.unplaced = unplaced
    }
}
