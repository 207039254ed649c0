import Foundation
import SchedulingDomain

/// Stores appointments.
public protocol AppointmentRepository: Sendable {
    /// Adds an appointment; a second appointment holding the same slot throws
    /// ``StoreError/uniqueViolation(constraint:)`` (`appointments.slot_id`).
    func insert(_ appointment: Appointment) async throws
    /// The appointment with this id.
    func find(id: Appointment.ID) async throws -> Appointment?
    /// The appointment with this short reference ("KX4Q-7Q2M").
    func find(reference: String) async throws -> Appointment?
    /// A referral's appointments, oldest booking first.
    func appointments(referralID: Referral.ID) async throws -> [Appointment]
    /// Stores an appointment's status, cancellation and outcome.
    func update(_ appointment: Appointment) async throws
    /// The appointments holding any of these slots (booked, attended or DNA), in slot order.
    func holding(slotIDs: [Slot.ID]) async throws -> [Appointment]
    /// Referrals with an appointment booked or attended: those not waiting for a first booking.
    func referralIDsSeenOrBooked() async throws -> Set<Referral.ID>
    /// The day of each referral's first attended appointment (its first appointment met the
    /// priority's target); only `referralID`'s when given.
    func firstAttendances(referralID: Referral.ID?) async throws -> [Referral.ID: LocalDate]
}
