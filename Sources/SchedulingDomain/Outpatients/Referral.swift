/// A referral and the pathway it opens on a specialty's waiting list (OP-01, OP-02, OP-09): who
/// referred whom, how urgently, when it arrived, and its RTT clock. Identified in logs and errors
/// only by ``id``.
public struct Referral: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<Referral>

    /// Where the pathway stands.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting on the list (booked or not).
        case open
        /// Treated or a decision not to treat: the clock stopped.
        case completed
        /// Taken off the list with a reason.
        case removed
    }

    /// Why a pathway left the list (OP-09).
    public enum RemovalReason: String, Codable, Sendable, CaseIterable {
        case treatedElsewhere = "treated-elsewhere"
        case patientDeclined = "patient-declined"
        case validation
        case deceased
        case dischargedAfterDNA = "discharged-after-dna"
        case duplicate
    }

    /// A removal from the list.
    public struct Removal: Hashable, Codable, Sendable {
        /// Why.
        public var reason: RemovalReason
        /// When.
        public var date: LocalDate

        /// Creates a removal.
        public init(reason: RemovalReason, date: LocalDate) {
            self.reason = reason
            self.date = date
        }
    }

    /// When the patient can attend (OP-04, OP-05): offers and auto-allocation keep to it.
    public struct Availability: Hashable, Codable, Sendable {
        /// ISO weekdays (1 = Monday … 7 = Sunday) the patient can attend; empty: any day.
        public var weekdays: Set<Int>
        /// Not before this day (e.g. back from holiday).
        public var from: LocalDate?

        /// Creates availability (any day by default).
        public init(weekdays: Set<Int> = [], from: LocalDate? = nil) {
            self.weekdays = weekdays
            self.from = from
        }

        /// Whether the patient can attend on `date`.
        public func allows(_ date: LocalDate) -> Bool {
            (from.map { date >= $0 } ?? true) && (weekdays.isEmpty || weekdays.contains(date.isoWeekday))
        }

        private enum CodingKeys: String, CodingKey { case weekdays, from }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            weekdays = Set(try c.decodeIfPresent([Int].self, forKey: .weekdays) ?? [])
            from = try c.decodeIfPresent(LocalDate.self, forKey: .from)
        }

        /// Encodes the weekdays in ascending order, so the JSON never depends on hashing.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(weekdays.sorted(), forKey: .weekdays)
            try c.encodeIfPresent(from, forKey: .from)
        }

        /// Every rule it breaks.
        public func validate() -> [ValidationIssue] {
            var c = ValidationCollector()
            if let bad = weekdays.sorted().first(where: { !(1...7).contains($0) }) {
                c.add("availableWeekdays", "weekday.range", "availableWeekdays must be 1 (Monday) to 7 (Sunday); \(bad) is not.")
            }
            return c.issues
        }
    }

    /// Kairos identifier.
    public var id: ID
    /// The patient referred.
    public var patientID: Patient.ID
    /// The specialty whose list it joins.
    public var specialtyID: Specialty.ID
    /// Who referred (e.g. a GP practice's ODS code).
    public var referrer: String
    /// Clinical priority.
    public var priority: ClinicalPriority
    /// The day the referral was received.
    public var received: LocalDate
    /// Consultant-led pathways run an RTT clock; others carry one that no standard reads.
    public var consultantLed: Bool
    /// The RTT clock.
    public var clock: RTTClock
    /// When the patient can attend.
    public var availability: Availability
    /// The e-Referral Service's booking reference, for a referral that came through e-RS.
    public var ubrn: UBRN?
    /// Open, completed or removed.
    public private(set) var status: Status
    /// The removal, for removed pathways.
    public private(set) var removal: Removal?

    /// A new open referral whose clock starts on `received`.
    public init(id: ID, patientID: Patient.ID, specialtyID: Specialty.ID, referrer: String, priority: ClinicalPriority,
                received: LocalDate, consultantLed: Bool = true, availability: Availability = Availability(), ubrn: UBRN? = nil)
    {
        self.availability = availability
        self.ubrn = ubrn
        self.id = id
        self.patientID = patientID
        self.specialtyID = specialtyID
        self.referrer = referrer
        self.priority = priority
        self.received = received
        self.consultantLed = consultantLed
        clock = RTTClock(start: received)
        status = .open
    }

    /// The first day a first appointment may be offered as of `today`: today for urgent
    /// priorities, tomorrow for routine ones (a same-day slot is never a reasonable routine
    /// offer), and never before the patient is available.
    public func earliestFirstAppointment(asOf today: LocalDate) -> LocalDate {
        max(priority.isUrgent ? today : today.adding(days: 1), availability.from ?? today)
    }

    /// Whether `slot` could be this referral's first appointment as of `today`: its specialty, a
    /// type its priority may use, on or after ``earliestFirstAppointment(asOf:)``. (Whether the
    /// slot is free and the patient's weekdays are the caller's to weigh.)
    public func mayTakeFirstAppointment(in slot: Slot, asOf today: LocalDate) -> Bool {
        slot.specialtyID == specialtyID && slot.type.acceptsFirstAppointment(priority) && slot.date >= earliestFirstAppointment(asOf: today)
    }

    /// Suspected cancer: the day by which the patient must be seen (received + 14 days).
    public var cancerSeenBy: LocalDate? { priority == .cancerTwoWeekWait ? received.adding(days: 14) : nil }

    /// Suspected cancer: the Faster Diagnosis Standard day (received + 28 days).
    public var fasterDiagnosisBy: LocalDate? { priority == .cancerTwoWeekWait ? received.adding(days: 28) : nil }

    /// The day the patient should be seen by: the priority's own target where it sets one,
    /// otherwise the RTT breach date.
    public var dueBy: LocalDate { priority.targetDays.map { received.adding(days: $0) } ?? clock.breachDate }

    /// Every rule the referral breaks given today's date.
    public func validate(today: LocalDate) -> [ValidationIssue] {
        var c = ValidationCollector()
        c.requireText(referrer, at: "referrer", maxLength: 100)
        if received > today { c.add("received", "received.future", "received must not be in the future.") }
        if received < today.adding(days: -5 * 366) { c.add("received", "received.tooOld", "received must be within the last five years.") }
        c.add(contentsOf: availability.validate(), under: "")
        return c.issues
    }

    /// Takes an open pathway off the list on `date` for `reason`; its clock stops.
    public mutating func remove(reason: RemovalReason, on date: LocalDate) throws(RTTClock.RuleBroken) {
        guard status == .open else {
            throw RTTClock.RuleBroken(code: "referral.notOpen", message: "referral \(id) is \(status.rawValue), not open.")
        }
        guard date >= received else {
            throw RTTClock.RuleBroken(code: "referral.dateOrder", message: "removal date \(date) is before the referral was received (\(received)).")
        }
        if clock.status == .running { try clock.stop(on: date, reason: .removedFromList) }
        status = .removed
        removal = Removal(reason: reason, date: date)
    }

    /// Completes an open pathway: the clock stops on `date` for `reason` (treatment or a decision not to treat).
    public mutating func complete(on date: LocalDate, reason: RTTClock.StopReason) throws(RTTClock.RuleBroken) {
        guard status == .open else {
            throw RTTClock.RuleBroken(code: "referral.notOpen", message: "referral \(id) is \(status.rawValue), not open.")
        }
        try clock.stop(on: date, reason: reason)
        status = .completed
    }

    /// Restores a stored referral exactly (storage adapters only).
    public static func restored(_ referral: Referral, status: Status, removal: Removal?) -> Referral {
        var r = referral
        r.status = status
        r.removal = removal
        return r
    }
}
