import Foundation

/// A trust's access policy for patients who do not attend (OP-07, *NHS rule*): what a DNA does to
/// the pathway. Configurable; the defaults follow common NHS practice: a DNA at the first
/// appointment nullifies the RTT clock and the patient is offered one rebooking; a second DNA
/// proposes discharge back to the referrer; children and urgent or cancer pathways go to a
/// clinical review instead of discharge.
public struct AccessPolicy: Hashable, Codable, Sendable {
    /// Whether a DNA at the first appointment nullifies a running RTT clock.
    public var nullifyClockOnFirstDNA: Bool
    /// The number of DNAs on one pathway at which discharge is proposed (1–5).
    public var dischargeAfterDNAs: Int
    /// Patients younger than this (years) are never proposed for discharge, only for clinical
    /// review; `nil` turns the protection off.
    public var clinicalReviewUnderAge: Int?
    /// Priorities whose patients are never proposed for discharge, only for clinical review.
    public var clinicalReviewPriorities: Set<ClinicalPriority>

    /// The default policy.
    public static let standard = AccessPolicy()

    /// Creates a policy.
    public init(nullifyClockOnFirstDNA: Bool = true, dischargeAfterDNAs: Int = 2, clinicalReviewUnderAge: Int? = 18,
                clinicalReviewPriorities: Set<ClinicalPriority> = [.p1a, .p1b, .cancerTwoWeekWait, .urgent])
    {
        self.nullifyClockOnFirstDNA = nullifyClockOnFirstDNA
        self.dischargeAfterDNAs = dischargeAfterDNAs
        self.clinicalReviewUnderAge = clinicalReviewUnderAge
        self.clinicalReviewPriorities = clinicalReviewPriorities
    }

    /// Every rule the policy breaks.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        if !(1...5).contains(dischargeAfterDNAs) {
            c.add("dischargeAfterDNAs", "field.range", "dischargeAfterDNAs must be 1 to 5.")
        }
        if let age = clinicalReviewUnderAge, !(1...25).contains(age) {
            c.add("clinicalReviewUnderAge", "field.range", "clinicalReviewUnderAge must be 1 to 25 years, or null.")
        }
        return c.issues
    }

    /// What the policy proposes after a DNA.
    /// - Parameters:
    ///   - dnaCount: DNAs on the pathway, this one included.
    ///   - firstAppointment: whether the missed appointment was the pathway's first (none attended before it).
    ///   - clockRunning: whether the pathway's RTT clock is running.
    ///   - patientAge: the patient's age in whole years on the appointment's day.
    ///   - priority: the pathway's clinical priority.
    public func decide(dnaCount: Int, firstAppointment: Bool, clockRunning: Bool, patientAge: Int, priority: ClinicalPriority)
        -> (proposal: AccessDecision.Action, nullifyClock: Bool)
    {
        let nullify = nullifyClockOnFirstDNA && firstAppointment && clockRunning
        guard dnaCount >= dischargeAfterDNAs else { return (.rebook, nullify) }
        let protected = clinicalReviewPriorities.contains(priority) || clinicalReviewUnderAge.map { patientAge < $0 } ?? false
        return (protected ? .clinicalReview : .discharge, nullify)
    }
}

/// What the access policy proposed after one DNA, and what a clinician decided (OP-07). Every
/// decision is audited; a clinician may override the proposal with a note.
public struct AccessDecision: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<AccessDecision>

    /// What happens to the pathway.
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Offer the patient another appointment; the pathway stays on the list.
        case rebook
        /// Discharge to the referrer with a letter; the pathway leaves the list.
        case discharge
        /// A clinician must decide (a child, an urgent or cancer pathway).
        case clinicalReview = "clinical-review"
    }

    /// A clinician's resolution.
    public struct Resolution: Hashable, Codable, Sendable {
        /// Rebook or discharge.
        public var action: Action
        /// Whether it differs from the policy's proposal.
        public var overridden: Bool
        /// Why (required for an override).
        public var note: String?
        /// Who resolved it.
        public var by: String
        /// When.
        public var at: Date

        /// Creates a resolution.
        public init(action: Action, overridden: Bool, note: String?, by: String, at: Date) {
            self.action = action
            self.overridden = overridden
            self.note = note
            self.by = by
            self.at = at
        }
    }

    public var id: ID
    public var referralID: Referral.ID
    /// The missed appointment.
    public var appointmentID: Appointment.ID
    /// DNAs on the pathway, this one included.
    public var dnaCount: Int
    /// What the policy proposed.
    public var proposal: Action
    /// Whether the DNA nullified the RTT clock.
    public var clockNullified: Bool
    /// When the proposal was made.
    public var createdAt: Date
    /// The decision, once made.
    public var resolution: Resolution?

    /// Creates a pending decision.
    public init(id: ID, referralID: Referral.ID, appointmentID: Appointment.ID, dnaCount: Int, proposal: Action, clockNullified: Bool,
                createdAt: Date, resolution: Resolution? = nil)
    {
        self.id = id
        self.referralID = referralID
        self.appointmentID = appointmentID
        self.dnaCount = dnaCount
        self.proposal = proposal
        self.clockNullified = clockNullified
        self.createdAt = createdAt
        self.resolution = resolution
    }

    /// Whether a decision is still awaited.
    public var isPending: Bool { resolution == nil }

    /// Resolves the decision: `action` is rebook or discharge; choosing anything other than the
    /// proposal is an override, which needs a note. A clinical review has no default, so either
    /// choice resolves it without an override.
    public mutating func resolve(_ action: Action, note: String?, by actor: String, at date: Date) throws(DomainRuleBroken) {
        guard resolution == nil else {
            throw DomainRuleBroken(code: "decision.resolved", message: "access decision \(id) was already resolved.")
        }
        guard action != .clinicalReview else {
            throw DomainRuleBroken(code: "decision.action", message: "a decision resolves to rebook or discharge, not clinical-review.")
        }
        let overridden = proposal != .clinicalReview && action != proposal
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = trimmed?.isEmpty == false ? trimmed : nil
        if overridden && text == nil {
            throw DomainRuleBroken(code: "decision.noteRequired", message: "overriding the policy's \(proposal.rawValue) needs a note giving the clinical reason.")
        }
        resolution = Resolution(action: action, overridden: overridden, note: text, by: actor, at: date)
    }
}
