/// What a clinic slot is for (OP-03).
public enum SlotType: String, Codable, Sendable, CaseIterable {
    /// A new patient's first appointment.
    case new
    /// A follow-up appointment.
    case followUp = "follow-up"
    /// Held for urgent referrals.
    case urgent
    /// Held for suspected cancer (two-week wait).
    case cancerTwoWeekWait = "cancer-2ww"
    /// A procedure (e.g. endoscopy, minor surgery).
    case procedure

    /// Whether a first appointment of `priority` may use this slot: cancer slots for suspected
    /// cancer only, urgent slots for urgent and cancer, new slots for every priority.
    public func acceptsFirstAppointment(_ priority: ClinicalPriority) -> Bool {
        switch self {
        case .new: return true
        case .urgent: return priority.isUrgent
        case .cancerTwoWeekWait: return priority == .cancerTwoWeekWait
        case .followUp, .procedure: return false
        }
    }

    /// The accepted spellings, for error messages.
    public static let allowedValues = allCases.map(\.rawValue).joined(separator: ", ")
}

/// A recurring clinic session (OP-03): a clinician at a location on one weekday, every week or
/// every few weeks between effective dates, made of consecutive slots with a length and a type.
public struct ClinicTemplate: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<ClinicTemplate>

    /// One slot of the session, in order.
    public struct SlotSpec: Hashable, Codable, Sendable {
        /// Length in minutes.
        public var minutes: Int
        /// What it is for.
        public var type: SlotType
        /// Offered for external booking (the e-Referral Service), or held back.
        public var published: Bool

        /// Creates a slot specification.
        public init(minutes: Int, type: SlotType, published: Bool = true) {
            self.minutes = minutes
            self.type = type
            self.published = published
        }
    }

    public var id: ID
    public var clinicianID: Clinician.ID
    public var specialtyID: Specialty.ID
    public var locationID: ClinicLocation.ID
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var weekday: Int
    /// Session start (Europe/London wall-clock time).
    public var start: LocalTime
    /// The slots, back to back from `start`.
    public var slots: [SlotSpec]
    /// 1 = every week, 2 = every other week, …; counted from the first session on or after `effectiveFrom`.
    public var everyWeeks: Int
    /// First day the template applies.
    public var effectiveFrom: LocalDate
    /// Last day it applies (`nil`: until changed).
    public var effectiveTo: LocalDate?

    /// Creates a template.
    public init(id: ID, clinicianID: Clinician.ID, specialtyID: Specialty.ID, locationID: ClinicLocation.ID, weekday: Int, start: LocalTime,
                slots: [SlotSpec], everyWeeks: Int = 1, effectiveFrom: LocalDate, effectiveTo: LocalDate? = nil)
    {
        self.id = id
        self.clinicianID = clinicianID
        self.specialtyID = specialtyID
        self.locationID = locationID
        self.weekday = weekday
        self.start = start
        self.slots = slots
        self.everyWeeks = everyWeeks
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
    }

    /// Session length in minutes.
    public var minutes: Int { slots.reduce(0) { $0 + $1.minutes } }

    /// Every rule the template breaks.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        if !(1...7).contains(weekday) { c.add("weekday", "weekday.range", "weekday must be 1 (Monday) to 7 (Sunday).") }
        if !(1...8).contains(everyWeeks) { c.add("everyWeeks", "everyWeeks.range", "everyWeeks must be 1 to 8.") }
        if slots.isEmpty { c.add("slots", "slots.empty", "slots must list at least one slot.") }
        for (k, slot) in slots.enumerated() where !(5...480).contains(slot.minutes) {
            c.add("slots[\(k)].minutes", "slot.length", "slots[\(k)].minutes must be 5 to 480.")
        }
        if start.minuteOfDay + minutes > 24 * 60 { c.add("slots", "session.pastMidnight", "the session must end by midnight (it starts at \(start) and lasts \(minutes) minutes).") }
        if let to = effectiveTo, to < effectiveFrom { c.add("effectiveTo", "dates.order", "effectiveTo \(to) is before effectiveFrom \(effectiveFrom).") }
        return c.issues
    }

    /// The session dates from `first` through `last` (both included), within the effective dates,
    /// leaving out the days clinics are closed (bank holidays, the trust's closure days).
    public func sessionDates(from first: LocalDate, through last: LocalDate, closed: ClosedDays) -> [LocalDate] {
        let lastDay = min(last, effectiveTo ?? last)
        // The first session: the first `weekday` on or after effectiveFrom; then every `everyWeeks` weeks.
        let offset = (weekday - effectiveFrom.isoWeekday + 7) % 7
        let anchor = effectiveFrom.adding(days: offset)
        let step = 7 * everyWeeks
        var date = anchor
        if first > anchor {
            let periods = (anchor.days(until: first) + step - 1) / step
            date = anchor.adding(days: periods * step)
        }
        var out: [LocalDate] = []
        while date <= lastDay {
            if !closed.isClosed(date) { out.append(date) }
            date = date.adding(days: step)
        }
        return out
    }

    /// The slots of the session on `date`, back to back from `start`, all free, with ids stable
    /// across regenerations (template, date, position), so generating a horizon twice adds nothing.
    public func slots(on date: LocalDate) -> [Slot] {
        var time = start.minuteOfDay
        return slots.enumerated().map { k, spec in
            defer { time += spec.minutes }
            return Slot(id: .init("\(id.rawValue)_\(date.iso)_\(k)"), templateID: id, clinicianID: clinicianID, specialtyID: specialtyID,
                        locationID: locationID, date: date, start: LocalTime(minuteOfDay: time)!, minutes: spec.minutes, type: spec.type,
                        published: spec.published)
        }
    }
}

/// One bookable appointment slot of a clinic session.
public struct Slot: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<Slot>

    /// Whether it can be booked.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case free, booked, cancelled
    }

    public var id: ID
    public var templateID: ClinicTemplate.ID?
    public var clinicianID: Clinician.ID
    public var specialtyID: Specialty.ID
    public var locationID: ClinicLocation.ID
    public var date: LocalDate
    public var start: LocalTime
    public var minutes: Int
    public var type: SlotType
    public var published: Bool
    public var status: Status

    /// Creates a slot (free by default).
    public init(id: ID, templateID: ClinicTemplate.ID?, clinicianID: Clinician.ID, specialtyID: Specialty.ID, locationID: ClinicLocation.ID,
                date: LocalDate, start: LocalTime, minutes: Int, type: SlotType, published: Bool = true, status: Status = .free)
    {
        self.id = id
        self.templateID = templateID
        self.clinicianID = clinicianID
        self.specialtyID = specialtyID
        self.locationID = locationID
        self.date = date
        self.start = start
        self.minutes = minutes
        self.type = type
        self.published = published
        self.status = status
    }

    /// When it starts, as a local date-time.
    public var startsAt: LocalDateTime { LocalDateTime(date: date, time: start) }
}
