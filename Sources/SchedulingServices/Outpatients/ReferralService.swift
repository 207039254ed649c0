import Foundation
import SchedulingDomain

/// Referral input as it arrives from JSON, a form or a CSV row: every field optional and textual,
/// so that every problem is reported at once with its path.
public struct ReferralInput: Codable, Sendable, Equatable {
    public var patientID: String?
    public var specialtyID: String?
    public var referrer: String?
    public var priority: String?
    public var received: String?
    public var consultantLed: Bool?
    /// ISO weekdays the patient can attend (1 = Monday … 7 = Sunday); absent or empty: any day.
    public var availableWeekdays: [Int]?
    /// Not before this day (YYYY-MM-DD).
    public var availableFrom: String?
    /// The e-Referral Service's booking reference (12 digits; spaces and dashes allowed).
    public var ubrn: String?

    /// Creates referral input.
    public init(patientID: String? = nil, specialtyID: String? = nil, referrer: String? = nil, priority: String? = nil,
                received: String? = nil, consultantLed: Bool? = nil, availableWeekdays: [Int]? = nil, availableFrom: String? = nil,
                ubrn: String? = nil)
    {
        self.ubrn = ubrn
        self.availableWeekdays = availableWeekdays
        self.availableFrom = availableFrom
        self.patientID = patientID
        self.specialtyID = specialtyID
        self.referrer = referrer
        self.priority = priority
        self.received = received
        self.consultantLed = consultantLed
    }

    /// Builds a validated referral (patient and specialty not yet looked up), or throws every issue.
    public func validated(id: Referral.ID, today: LocalDate) throws(ValidationError) -> Referral {
        var c = ValidationCollector()
        let patient = c.requireText(patientID, at: "patientID", maxLength: 100)
        let specialty = c.requireText(specialtyID, at: "specialtyID", maxLength: 100)
        let referrer = c.requireText(referrer, at: "referrer", maxLength: 100)
        var parsedPriority: ClinicalPriority?
        if let priority {
            parsedPriority = ClinicalPriority(rawValue: priority)
            if parsedPriority == nil { c.add("priority", "field.enum", "priority must be one of: \(ClinicalPriority.allowedValues).") }
        } else {
            c.add("priority", "field.required", "priority is required.")
        }
        var date: LocalDate?
        if let received {
            date = LocalDate(iso: received)
            if date == nil { c.add("received", "date.format", "received must be a date as YYYY-MM-DD.") }
        } else {
            c.add("received", "field.required", "received is required.")
        }
        let availability = Self.availability(weekdays: availableWeekdays, from: availableFrom, into: &c)
        var parsedUBRN: UBRN?
        if let ubrn, !ubrn.trimmingCharacters(in: .whitespaces).isEmpty {
            parsedUBRN = UBRN(ubrn)
            if parsedUBRN == nil { c.add("ubrn", "ubrn.format", "The UBRN (e-Referral booking reference) has 12 digits.") }
        }
        guard let patient, let specialty, let referrer, let parsedPriority, let date else {
            try c.throwIfAny()
            throw ValidationError(c.issues)
        }
        let referral = Referral(id: id, patientID: .init(patient), specialtyID: .init(specialty), referrer: referrer,
                                priority: parsedPriority, received: date, consultantLed: consultantLed ?? true, availability: availability,
                                ubrn: parsedUBRN)
        c.add(contentsOf: referral.validate(today: today), under: "")
        try c.throwIfAny()
        return referral
    }

    /// Parses availability fields; a malformed date is reported (the weekday range is the domain's rule).
    static func availability(weekdays: [Int]?, from: String?, into c: inout ValidationCollector) -> Referral.Availability {
        var date: LocalDate?
        if let from, !from.isEmpty {
            date = LocalDate(iso: from)
            if date == nil { c.add("availableFrom", "date.format", "availableFrom must be a date as YYYY-MM-DD.") }
        }
        return Referral.Availability(weekdays: Set(weekdays ?? []), from: date)
    }
}

/// When a referral's patient can attend, as it arrives from JSON.
public struct AvailabilityInput: Codable, Sendable, Equatable {
    /// ISO weekdays (1 = Monday … 7 = Sunday); absent or empty: any day.
    public var availableWeekdays: [Int]?
    /// Not before this day (YYYY-MM-DD); absent: from today.
    public var availableFrom: String?

    /// Creates input.
    public init(availableWeekdays: [Int]? = nil, availableFrom: String? = nil) {
        self.availableWeekdays = availableWeekdays
        self.availableFrom = availableFrom
    }
}

/// Referrals, waiting lists and the patient tracking list (OP-01, OP-02, OP-09, OP-12).
public struct ReferralService: Sendable {
    let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Puts a referral on its specialty's waiting list; its RTT clock starts on the day received.
    /// An unknown patient or specialty is named as an invalid field.
    public func create(_ input: ReferralInput, by caller: Caller) async throws -> Referral {
        try caller.require(anyOf: Role.patientEditors, to: "create referrals")
        let referral: Referral
        do { referral = try input.validated(id: .init(env.ids.make(prefix: "ref")), today: env.today) } catch {
            throw ServiceError(error)
        }
        let now = env.clock.now()
        do {
            return try await insert(referral, by: caller, at: now)
        } catch {
            throw ServiceError.mapUnique(error, ["referrals.ubrn": ("ubrn.taken", "This UBRN is already on another referral.")])
        }
    }

    private func insert(_ referral: Referral, by caller: Caller, at now: Date) async throws -> Referral {
        try await env.store.write { session in
            var issues: [ValidationIssue] = []
            if try await session.patients.find(id: referral.patientID) == nil {
                issues.append(.init(path: "patientID", code: "patient.unknown", message: "patientID \(referral.patientID) is not a registered patient."))
            }
            if try await !session.organisation.specialties().contains(where: { $0.id == referral.specialtyID }) {
                issues.append(.init(path: "specialtyID", code: "specialty.unknown", message: "specialtyID \(referral.specialtyID) is not a specialty."))
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            try await session.referrals.insert(referral)
            try await AuditTrail.record(
                .init(action: "referral.create", entityType: "referral", entityID: referral.id.rawValue,
                      detail: "patient=\(referral.patientID) priority=\(referral.priority.rawValue)"),
                by: caller, at: now, in: session)
            return referral
        }
    }

    /// One referral; the read is audited.
    public func referral(id: Referral.ID, by caller: Caller) async throws -> Referral {
        try caller.require(anyOf: Role.outpatientStaff, to: "read referrals")
        let now = env.clock.now()
        return try await env.store.write { session in
            guard let referral = try await session.referrals.find(id: id) else { throw ServiceError.notFound(entity: "Referral", id: id.rawValue) }
            try await AuditTrail.record(.init(action: "referral.read", entityType: "referral", entityID: id.rawValue), by: caller, at: now, in: session)
            return referral
        }
    }

    /// A patient's referrals, newest first.
    public func referrals(patientID: Patient.ID, by caller: Caller) async throws -> [Referral] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read referrals")
        return try await env.store.read { session in
            try await session.referrals.referrals(patientID: patientID).sorted { ($0.received, $0.id) > ($1.received, $1.id) }
        }
    }

    /// Records when an open referral's patient can attend; offers and auto-allocation keep to it.
    public func setAvailability(id: Referral.ID, _ input: AvailabilityInput, by caller: Caller) async throws -> Referral {
        try caller.require(anyOf: Role.patientEditors, to: "record patient availability")
        var c = ValidationCollector()
        let availability = ReferralInput.availability(weekdays: input.availableWeekdays, from: input.availableFrom, into: &c)
        c.add(contentsOf: availability.validate(), under: "")
        if !c.issues.isEmpty { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now()
        return try await env.store.write { session in
            guard var referral = try await session.referrals.find(id: id) else { throw ServiceError.notFound(entity: "Referral", id: id.rawValue) }
            guard referral.status == .open else {
                throw ServiceError.conflict(code: "referral.notOpen", message: "referral \(id) is \(referral.status.rawValue), not open.")
            }
            referral.availability = availability
            try await session.referrals.update(referral)
            try await AuditTrail.record(
                .init(action: "referral.availability", entityType: "referral", entityID: id.rawValue,
                      detail: "weekdays=\(availability.weekdays.sorted().map(String.init).joined(separator: ",")) from=\(availability.from?.iso ?? "-")"),
                by: caller, at: now, in: session)
            return referral
        }
    }

    /// The referral an e-Referral booking reference (UBRN) names, as typed with any spacing, or
    /// nil; the lookup is audited.
    public func find(ubrn text: String, by caller: Caller) async throws -> Referral? {
        try caller.require(anyOf: Role.outpatientStaff, to: "read referrals")
        guard let ubrn = UBRN(text) else {
            throw ServiceError.invalid([.init(path: "ubrn", code: "ubrn.format", message: "The UBRN (e-Referral booking reference) has 12 digits.")])
        }
        let now = env.clock.now()
        return try await env.store.write { session in
            let found = try await session.referrals.find(ubrn: ubrn)
            try await AuditTrail.record(.init(action: "referral.lookup", entityType: "referral", entityID: found?.id.rawValue,
                                              detail: found == nil ? "by=ubrn result=none" : "by=ubrn result=1"), by: caller, at: now, in: session)
            return found
        }
    }

    /// The patient tracking list as of today: open pathways, most urgent first, then by due day.
    public func trackingList(_ filter: PatientTrackingList.Filter = .init(), by caller: Caller) async throws -> PatientTrackingList {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the patient tracking list")
        let today = env.today, cache = env.cache
        let key = "tracking-list|\(today.iso)|\(filter.specialtyID?.rawValue ?? "*")|\(filter.priority?.rawValue ?? "*")|\(filter.minimumWeeks ?? -1)|\(filter.breachedOnly)"
        return try await env.store.read { session in
            try await cache.value(key, version: try await session.version()) {
                PatientTrackingList(try await session.referrals.open(specialtyID: filter.specialtyID), asOf: today, filter: filter,
                                    seen: try await session.appointments.firstAttendances(referralID: nil))
            }
        }
    }

    /// Where a pathway on the worklist stands with booking.
    public enum BookingState: Sendable, Equatable {
        /// No appointment booked and no decision pending: to book.
        case toBook
        /// Booked for this slot.
        case booked(LocalDate, LocalTime)
        /// A DNA whose access-policy decision is pending.
        case awaitingDecision
    }

    /// One row of the tracking list as a worklist: the patient and where booking stands.
    public struct WorklistRow: Sendable {
        public var patient: Patient
        public var booking: BookingState
    }

    /// The patients and booking states of some tracking-list entries (a page of the worklist).
    public func worklist(_ entries: [PatientTrackingList.Entry], by caller: Caller) async throws -> [Referral.ID: WorklistRow] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the patient tracking list")
        return try await env.store.read { session in
            let patients = Dictionary(try await session.patients.find(ids: Array(Set(entries.map(\.patientID)))).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let pending = Set(try await session.accessDecisions.pending().map(\.referralID))
            var rows: [Referral.ID: WorklistRow] = [:]
            for entry in entries {
                guard let patient = patients[entry.patientID] else { continue }
                var state = BookingState.toBook
                if pending.contains(entry.referralID) {
                    state = .awaitingDecision
                } else if let booked = try await session.appointments.appointments(referralID: entry.referralID).first(where: { $0.status == .booked }),
                          let slot = try await session.clinics.slot(id: booked.slotID)
                {
                    state = .booked(slot.date, slot.start)
                }
                rows[entry.referralID] = WorklistRow(patient: patient, booking: state)
            }
            return rows
        }
    }

    /// What a coordinator's or team leader's day starts with: the counts on the home page.
    public struct WorklistCounts: Sendable, Equatable {
        /// Open pathways waiting for a first appointment: none booked, none attended, no decision pending.
        public var toBook: Int
        /// Open pathways that pass their 18-week breach date in the coming seven days.
        public var breachingThisWeek: Int
        /// Suspected-cancer pathways received seven or more days ago with no appointment booked or attended.
        public var twoWeekWaitsUnbooked: Int
        /// DNAs whose access-policy decision is pending.
        public var decisionsPending: Int
        /// Letters, texts and emails that failed to send.
        public var messagesFailed: Int
    }

    /// The home page's worklist counts: the sizes of the saved views of the same names.
    public func worklistCounts(by caller: Caller) async throws -> WorklistCounts {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the patient tracking list")
        let today = env.today
        return try await env.store.read { session in
            let members = try await Self.viewMembers([.toBook, .breachingThisWeek, .twoWeekWaitsUnbooked, .decisionsPending], in: session, today: today)
            let failed = try await session.outbox.counts().filter { $0.status == .failed }.reduce(0) { $0 + $1.count }
            return WorklistCounts(toBook: members[.toBook]?.count ?? 0, breachingThisWeek: members[.breachingThisWeek]?.count ?? 0,
                                  twoWeekWaitsUnbooked: members[.twoWeekWaitsUnbooked]?.count ?? 0,
                                  decisionsPending: members[.decisionsPending]?.count ?? 0, messagesFailed: failed)
        }
    }

    /// A saved view of the tracking list: the pathways a coordinator works through together.
    public enum WorklistView: String, CaseIterable, Sendable {
        /// Waiting for a first appointment: none booked, none attended, no decision pending.
        case toBook = "to-book"
        /// Suspected cancer, received seven or more days ago, not booked or seen.
        case twoWeekWaitsUnbooked = "two-week-waits-unbooked"
        /// Clocks running that pass their 18-week breach date in the coming seven days.
        case breachingThisWeek = "breaching-this-week"
        /// Clocks running that pass their 18-week breach date in the coming four weeks.
        case breachingInFourWeeks = "breaching-in-4-weeks"
        /// To book, and no free slot the pathway may take on or before the day it is due.
        case noSlotBeforeDue = "no-slot-before-due"
        /// A missed appointment whose access-policy decision is pending.
        case decisionsPending = "decisions-pending"

        /// The view's name on the page.
        public var title: String {
            switch self {
            case .toBook: "To book"
            case .twoWeekWaitsUnbooked: "Two-week waits unbooked after 7 days"
            case .breachingThisWeek: "Breaching this week"
            case .breachingInFourWeeks: "Breaching in the next 4 weeks"
            case .noSlotBeforeDue: "No slot before the due day"
            case .decisionsPending: "DNAs awaiting a decision"
            }
        }
    }

    /// The tracking list as of today in one of its saved views, filtered.
    public func trackingList(_ filter: PatientTrackingList.Filter = .init(), view: WorklistView?, by caller: Caller) async throws -> PatientTrackingList {
        let list = try await trackingList(filter, by: caller)
        guard let view else { return list }
        let today = env.today
        let members = try await env.store.read { session in try await Self.viewMembers([view], in: session, today: today)[view] ?? [] }
        return list.filtered { members.contains($0.referralID) }
    }

    /// The pathways in each of `views`.
    static func viewMembers(_ views: Set<WorklistView>, in session: any StoreSession, today: LocalDate) async throws -> [WorklistView: Set<Referral.ID>] {
        let open = try await session.referrals.open(specialtyID: nil)
        let seenOrBooked = try await session.appointments.referralIDsSeenOrBooked()
        let pending = Set(try await session.accessDecisions.pending().map(\.referralID))
        let waiting = open.filter { !seenOrBooked.contains($0.id) && !pending.contains($0.id) }
        let breaching = { (days: Int) in
            Set(open.filter { !$0.clock.isBreached(asOf: today) && $0.clock.breachDate <= today.adding(days: days) && $0.clock.status == .running }.map(\.id))
        }
        var members: [WorklistView: Set<Referral.ID>] = [:]
        for view in views {
            switch view {
            case .toBook: members[view] = Set(waiting.map(\.id))
            case .twoWeekWaitsUnbooked:
                members[view] = Set(waiting.filter { $0.priority == .cancerTwoWeekWait && $0.received <= today.adding(days: -7) }.map(\.id))
            case .breachingThisWeek: members[view] = breaching(7)
            case .breachingInFourWeeks: members[view] = breaching(28)
            case .decisionsPending: members[view] = pending.intersection(open.map(\.id))
            case .noSlotBeforeDue:
                let latest = waiting.map(\.dueBy).max() ?? today
                let free = latest < today ? [] : try await session.openFreeSlots(from: today, through: latest, specialtyID: nil)
                let bySpecialty = Dictionary(grouping: free, by: \.specialtyID)
                members[view] = Set(waiting.filter { referral in
                    let weekdays = referral.availability.weekdays
                    return !(bySpecialty[referral.specialtyID] ?? []).contains { slot in
                        slot.date <= referral.dueBy && referral.mayTakeFirstAppointment(in: slot, asOf: today)
                            && (weekdays.isEmpty || weekdays.contains(slot.date.isoWeekday))
                    }
                }.map(\.id))
            }
        }
        return members
    }

    /// The patients of a list of ids (a page of results naming them), by id.
    public func worklistPatients(_ ids: [Patient.ID], by caller: Caller) async throws -> [Patient.ID: Patient] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the patient tracking list")
        guard !ids.isEmpty else { return [:] }
        return try await env.store.read { session in
            Dictionary(try await session.patients.find(ids: Array(Set(ids))).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Takes an open referral off its list today with a reason (OP-09); its clock stops, its
    /// booked appointments are cancelled and letters to the patient and the referrer are
    /// queued. The removal is audited with the reason.
    public func remove(id: Referral.ID, reason text: String?, by caller: Caller) async throws -> Referral {
        try caller.require(anyOf: Role.patientEditors, to: "remove referrals from a waiting list")
        var c = ValidationCollector()
        guard let reason = c.requireChoice(text, Referral.RemovalReason.self, at: "reason") else { throw ServiceError.invalid(c.issues) }
        let today = env.today, now = env.clock.now(), env = env
        return try await env.store.write { session in
            guard var referral = try await session.referrals.find(id: id) else { throw ServiceError.notFound(entity: "Referral", id: id.rawValue) }
            do { try referral.remove(reason: reason, on: today) } catch let error as RTTClock.RuleBroken {
                throw ServiceError.conflict(code: error.code, message: error.message)
            }
            try await session.referrals.update(referral)
            let outbox = try await Outbox.open(session, env)
            try await AppointmentService.cancelBookings(of: id, caller: caller, at: now, outbox: outbox, in: session)
            try await outbox.removed(referral, toPatient: reason != .deceased)
            try await AuditTrail.record(
                .init(action: "referral.remove", entityType: "referral", entityID: id.rawValue, detail: "reason=\(reason.rawValue)"),
                by: caller, at: now, in: session)
            return referral
        }
    }
}
