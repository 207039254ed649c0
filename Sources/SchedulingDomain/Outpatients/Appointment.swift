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
    /// The notice a reasonable offer gives (the NHS rule): at least three weeks.
    public static let reasonableNoticeDays = 21

    /// The short reference patients quote ("KX4Q-7Q2M"), derived from the id.
    public var reference: String { Appointment.reference(for: id) }
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
    /// The appointment this one replaced, when it was booked by changing another (OP-06).
    public var replacesID: ID?
    /// Why and when it was cancelled (cancelled appointments only).
    public var cancellation: Cancellation?
    /// When its attendance outcome was recorded (attended and DNA only).
    public var outcomeRecordedAt: Date?
    /// The patient agreed to an appointment at less than three weeks' notice (recorded when a
    /// routine appointment is booked inside the reasonable-offer window); nil when not asked.
    public var shortNoticeAgreed: Bool?

    /// Who asked for a cancellation.
    public enum Initiator: String, Codable, Sendable, CaseIterable {
        case patient, hospital
    }

    /// Why an appointment was cancelled, for letters and reports.
    public enum CancellationReason: String, Codable, Sendable, CaseIterable {
        /// The patient asked for another date.
        case patientRequest = "patient-request"
        /// The patient is unwell.
        case patientUnwell = "patient-unwell"
        /// The patient no longer needs the appointment.
        case noLongerRequired = "no-longer-required"
        /// The clinician is unavailable (leave, sickness).
        case clinicianUnavailable = "clinician-unavailable"
        /// The clinic session was cancelled or reduced.
        case clinicCancelled = "clinic-cancelled"
        /// Industrial action.
        case industrialAction = "industrial-action"
        /// Moved to another slot (a change, OP-06).
        case rescheduled
        /// Booked in error.
        case administrative

        /// Whether a cancellation by `initiator` can give this reason: the patient's own reasons
        /// only when the patient cancels, the hospital's only when the hospital does.
        public func suits(_ initiator: Initiator) -> Bool {
            switch self {
            case .patientRequest, .patientUnwell: initiator == .patient
            case .clinicianUnavailable, .clinicCancelled, .industrialAction, .administrative: initiator == .hospital
            case .noLongerRequired, .rescheduled: true
            }
        }
    }

    /// A recorded cancellation.
    public struct Cancellation: Hashable, Codable, Sendable {
        /// Why.
        public var reason: CancellationReason
        /// When.
        public var at: Date
        /// Who recorded it.
        public var by: String

        /// Creates a cancellation.
        public init(reason: CancellationReason, at: Date, by: String) {
            self.reason = reason
            self.at = at
            self.by = by
        }
    }

    /// An attendance outcome (OP-07).
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case attended, dna
    }

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

    /// Cancels a booked appointment at the patient's or the hospital's request; its slot becomes
    /// free and the referral keeps its priority and clock.
    public mutating func cancel(by initiator: Initiator, reason: CancellationReason, at date: Date, recordedBy actor: String) throws(DomainRuleBroken) {
        guard status == .booked else {
            throw DomainRuleBroken(code: "appointment.notBooked", message: "appointment \(id) is \(status.rawValue); only a booked appointment can be cancelled.")
        }
        status = initiator == .patient ? .cancelledByPatient : .cancelledByHospital
        cancellation = Cancellation(reason: reason, at: date, by: actor)
    }

    /// Records whether the patient attended, on or after the appointment's day.
    public mutating func record(_ outcome: Outcome, appointmentDay: LocalDate, today: LocalDate, at date: Date) throws(DomainRuleBroken) {
        guard status == .booked else {
            throw DomainRuleBroken(code: "appointment.notBooked",
                                   message: "appointment \(id) is \(status.rawValue); an outcome is recorded once, on a booked appointment.")
        }
        guard appointmentDay <= today else {
            throw DomainRuleBroken(code: "appointment.future", message: "appointment \(id) is on \(appointmentDay); its outcome cannot be recorded before then.")
        }
        status = outcome == .attended ? .attended : .dna
        outcomeRecordedAt = date
    }

    /// Restores the lifecycle fields of a stored appointment exactly (storage adapters only).
    public static func restored(_ appointment: Appointment, replacesID: ID?, cancellation: Cancellation?, outcomeRecordedAt: Date?) -> Appointment {
        var a = appointment
        a.replacesID = replacesID
        a.cancellation = cancellation
        a.outcomeRecordedAt = outcomeRecordedAt
        return a
    }
}

extension Appointment {
    private enum ExtraKeys: String, CodingKey { case reference }

    /// The stored fields and the reference (derived, so read back from the id, never decoded).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(referralID, forKey: .referralID)
        try c.encode(patientID, forKey: .patientID)
        try c.encode(slotID, forKey: .slotID)
        try c.encode(status, forKey: .status)
        try c.encode(channel, forKey: .channel)
        try c.encode(bookedBy, forKey: .bookedBy)
        try c.encode(bookedAt, forKey: .bookedAt)
        try c.encodeIfPresent(interpreterLanguage, forKey: .interpreterLanguage)
        try c.encode(needsTransport, forKey: .needsTransport)
        try c.encodeIfPresent(replacesID, forKey: .replacesID)
        try c.encodeIfPresent(cancellation, forKey: .cancellation)
        try c.encodeIfPresent(outcomeRecordedAt, forKey: .outcomeRecordedAt)
        try c.encodeIfPresent(shortNoticeAgreed, forKey: .shortNoticeAgreed)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(reference, forKey: .reference)
    }

    /// The letters and digits of a reference: no 0/O, 1/I/L or U, which are misread on the phone.
    static let referenceAlphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")

    /// The short reference of an appointment id: eight characters from an alphabet without
    /// look-alikes, in two groups ("KX4Q-7Q2M"), from a 64-bit FNV-1a hash of the id. Ids carry 74
    /// random bits, so references are random too; two appointments share one about once in 650 billion.
    public static func reference(for id: ID) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.rawValue.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        var out: [Character] = []
        for k in 0..<8 {
            if k == 4 { out.append("-") }
            out.append(referenceAlphabet[Int(hash % UInt64(referenceAlphabet.count))])
            hash /= UInt64(referenceAlphabet.count)
        }
        return String(out)
    }

    /// The reference as typed ("kx4q 7q2m", "KX4Q7Q2M") in its stored form, or nil when it
    /// cannot be one.
    public static func normalisedReference(_ text: String) -> String? {
        let compact = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard compact.count == 8, compact.allSatisfy({ referenceAlphabet.contains($0) }) else { return nil }
        return String(compact.prefix(4)) + "-" + String(compact.suffix(4))
    }
}
