/// How urgently a referral must be seen (OP-01): cancer two-week wait, urgent and routine for
/// outpatients; the surgical priorities P1a–P4 *(NHS rule)* for admissions.
public enum ClinicalPriority: String, Codable, Sendable, CaseIterable, Comparable {
    /// Surgical P1a: within 24 hours.
    case p1a
    /// Surgical P1b: within 72 hours.
    case p1b
    /// Suspected cancer: seen within two weeks.
    case cancerTwoWeekWait = "cancer-2ww"
    /// Urgent outpatient referral.
    case urgent
    /// Surgical P2: within 4 weeks.
    case p2
    /// Surgical P3: within 12 weeks.
    case p3
    /// Routine: within the 18-week RTT standard.
    case routine
    /// Surgical P4: may wait longer than 3 months.
    case p4

    /// Position on a list: the most urgent first.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// Days from receipt within which the patient should be seen or treated, where a priority
    /// sets one beyond the RTT standard (`nil` for routine and P4).
    public var targetDays: Int? {
        switch self {
        case .p1a: return 1
        case .p1b: return 3
        case .cancerTwoWeekWait: return 14
        case .urgent: return 14
        case .p2: return 28
        case .p3: return 84
        case .routine, .p4: return nil
        }
    }

    /// Urgent or suspected cancer (everything above routine that is not surgical P2–P4): such
    /// patients are never booked later than a routine patient of the same specialty.
    public var isUrgent: Bool { rank < ClinicalPriority.p2.rank }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    /// The accepted spellings, for error messages.
    public static let allowedValues = allCases.map(\.rawValue).joined(separator: ", ")
}
