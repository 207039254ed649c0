import Foundation

/// A booked outpatient appointment: a referral's patient in one slot (OP-04, OP-11). Identified
/// in logs and errors only by ``id``.
public struct Appointment: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<Appointment>

    /// Where the appointment stands.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case booked
        case attended
        case dna
        case cancelledByPatient = "cancelled-by-patient"
        case cancelledByHospital = "cancelled-by-hospital"

        /// Whether the appointment still holds its slot.
        public var holdsSlot: Bool { self == .booked || self == .attended || self == .dna }
    }

    /// How it was booked.
    public enum Channel: String, Codable, Sendable, CaseIterable {
        case phone, letter, online
        case inPerson = "in-person"
        case autoAllocation = "auto-allocation"
    }

    public var id: ID
    public var referralID: Referral.ID
    public var patientID: Patient.ID
    public var slotID: Slot.ID
    public var status: Status
    public var channel: Channel
    /// The user (or process) who booked it.
    public var bookedBy: String
    /// When it was booked.
    public var bookedAt: Date
    /// An interpreter's language, if one is needed.
    public var interpreterLanguage: String?
    /// Whether the patient needs hospital transport (a journey request follows).
    public var needsTransport: Bool

    /// Creates a booked appointment.
    public init(id: ID, referralID: Referral.ID, patientID: Patient.ID, slotID: Slot.ID, status: Status = .booked, channel: Channel,
                bookedBy: String, bookedAt: Date, interpreterLanguage: String? = nil, needsTransport: Bool = false)
    {
        self.id = id
        self.referralID = referralID
        self.patientID = patientID
        self.slotID = slotID
        self.status = status
        self.channel = channel
        self.bookedBy = bookedBy
        self.bookedAt = bookedAt
        self.interpreterLanguage = interpreterLanguage
        self.needsTransport = needsTransport
    }
}
