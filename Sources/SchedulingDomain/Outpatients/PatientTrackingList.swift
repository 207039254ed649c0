/// The patient tracking list (OP-12): every open pathway with its weeks waited and breach date,
/// ordered by clinical priority, then the day it is due (the priority's target or the RTT breach
/// date), then the longest wait, then id, so the order never depends on storage.
public struct PatientTrackingList: Sendable {
    /// One open pathway on the list.
    public struct Entry: Hashable, Sendable, Codable {
        public var referralID: Referral.ID
        public var patientID: Patient.ID
        public var specialtyID: Specialty.ID
        public var priority: ClinicalPriority
        public var received: LocalDate
        public var clockStart: LocalDate
        public var weeksWaited: Int
        public var daysWaited: Int
        public var breachDate: LocalDate
        /// The day by which the next step is due: the priority's target for a first appointment
        /// (a two-week wait's 14 days) until the patient has been seen, then the RTT breach date.
        public var dueBy: LocalDate
        public var breached: Bool
        /// The day of the first attended appointment, once there is one: the priority's target
        /// was met then, and the pathway stays on the list with its 18-week clock.
        public var seenOn: LocalDate?
    }

    /// Which entries to keep.
    public struct Filter: Sendable, Equatable {
        public var specialtyID: Specialty.ID?
        public var priority: ClinicalPriority?
        public var minimumWeeks: Int?
        public var breachedOnly: Bool

        /// Creates a filter (all entries by default).
        public init(specialtyID: Specialty.ID? = nil, priority: ClinicalPriority? = nil, minimumWeeks: Int? = nil, breachedOnly: Bool = false) {
            self.specialtyID = specialtyID
            self.priority = priority
            self.minimumWeeks = minimumWeeks
            self.breachedOnly = breachedOnly
        }
    }

    /// The entries in list order.
    public let entries: [Entry]

    /// The list of `referrals` as of `date`, filtered; `seen` gives the day of each pathway's
    /// first attended appointment.
    public init(_ referrals: [Referral], asOf date: LocalDate, filter: Filter = Filter(), seen: [Referral.ID: LocalDate] = [:]) {
        var out: [Entry] = []
        for r in referrals where r.status == .open {
            let seenOn = seen[r.id]
            let entry = Entry(
                referralID: r.id, patientID: r.patientID, specialtyID: r.specialtyID, priority: r.priority, received: r.received,
                clockStart: r.clock.start, weeksWaited: r.clock.weeksWaited(asOf: date), daysWaited: r.clock.daysWaited(asOf: date),
                breachDate: r.clock.breachDate, dueBy: seenOn == nil ? r.dueBy : r.clock.breachDate, breached: r.clock.isBreached(asOf: date),
                seenOn: seenOn)
            if let s = filter.specialtyID, s != entry.specialtyID { continue }
            if let p = filter.priority, p != entry.priority { continue }
            if let w = filter.minimumWeeks, entry.weeksWaited < w { continue }
            if filter.breachedOnly && !entry.breached { continue }
            out.append(entry)
        }
        out.sort { ($0.priority.rank, $0.dueBy, -$0.daysWaited, $0.referralID) < ($1.priority.rank, $1.dueBy, -$1.daysWaited, $1.referralID) }
        entries = out
    }

    private init(entries: [Entry]) { self.entries = entries }

    /// The list with only the entries `keep` accepts, in the same order.
    public func filtered(_ keep: (Entry) -> Bool) -> PatientTrackingList { PatientTrackingList(entries: entries.filter(keep)) }

    /// Share of the listed pathways waiting 18 weeks or less (1 for an empty list).
    public var withinStandard: Double {
        entries.isEmpty ? 1 : Double(entries.filter { !$0.breached }.count) / Double(entries.count)
    }
}
