import Foundation
import SchedulingDomain

/// Clinic template input as it arrives from JSON: every field optional, every problem reported at once.
public struct ClinicTemplateInput: Codable, Sendable, Equatable {
    /// One slot of the session.
    public struct SlotInput: Codable, Sendable, Equatable {
        public var minutes: Int?
        public var type: String?
        public var published: Bool?

        /// Creates slot input.
        public init(minutes: Int? = nil, type: String? = nil, published: Bool? = nil) {
            self.minutes = minutes
            self.type = type
            self.published = published
        }
    }

    public var clinicianID: String?
    public var locationID: String?
    public var weekday: Int?
    public var start: String?
    public var slots: [SlotInput]?
    public var everyWeeks: Int?
    public var effectiveFrom: String?
    public var effectiveTo: String?

    /// Creates template input.
    public init(clinicianID: String? = nil, locationID: String? = nil, weekday: Int? = nil, start: String? = nil, slots: [SlotInput]? = nil,
                everyWeeks: Int? = nil, effectiveFrom: String? = nil, effectiveTo: String? = nil)
    {
        self.clinicianID = clinicianID
        self.locationID = locationID
        self.weekday = weekday
        self.start = start
        self.slots = slots
        self.everyWeeks = everyWeeks
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
    }
}

/// Clinic templates and the slots generated from them (OP-03).
public struct ClinicService: Sendable {
    let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Roles that set up clinics.
    public static let editors: Set<Role> = Role.clinicEditors

    /// Adds a template after validating every field; the clinician's specialty is the template's.
    public func createTemplate(_ input: ClinicTemplateInput, by caller: Caller) async throws -> ClinicTemplate {
        try caller.require(anyOf: Self.editors, to: "set up clinic templates")
        var c = ValidationCollector()
        let clinician = c.requireText(input.clinicianID, at: "clinicianID", maxLength: 100)
        let location = c.requireText(input.locationID, at: "locationID", maxLength: 100)
        if input.weekday == nil { c.add("weekday", "field.required", "weekday is required.") }
        let start = input.start.flatMap(LocalTime.init(iso:))
        if input.start == nil { c.add("start", "field.required", "start is required.") } else if start == nil {
            c.add("start", "time.format", "start must be a time as HH:MM.")
        }
        var specs: [ClinicTemplate.SlotSpec] = []
        for (k, slot) in (input.slots ?? []).enumerated() {
            guard let minutes = slot.minutes else { c.add("slots[\(k)].minutes", "field.required", "slots[\(k)].minutes is required."); continue }
            guard let type = SlotType(rawValue: slot.type ?? "new") else {
                c.add("slots[\(k)].type", "field.enum", "slots[\(k)].type must be one of: \(SlotType.allowedValues)."); continue
            }
            specs.append(.init(minutes: minutes, type: type, published: slot.published ?? true))
        }
        let from = input.effectiveFrom.flatMap(LocalDate.init(iso:))
        if input.effectiveFrom == nil { c.add("effectiveFrom", "field.required", "effectiveFrom is required.") } else if from == nil {
            c.add("effectiveFrom", "date.format", "effectiveFrom must be a date as YYYY-MM-DD.")
        }
        let to = input.effectiveTo.flatMap(LocalDate.init(iso:))
        if input.effectiveTo != nil && to == nil { c.add("effectiveTo", "date.format", "effectiveTo must be a date as YYYY-MM-DD.") }
        guard let clinician, let location, let weekday = input.weekday, let start, let from, c.issues.isEmpty else {
            throw ServiceError.invalid(c.issues)
        }
        let now = env.clock.now(), slotSpecs = specs
        let id = ClinicTemplate.ID(env.ids.make(prefix: "tpl"))
        return try await env.store.write { session in
            // The template takes its clinician's specialty; an unknown clinician is reported with every other issue.
            let owner = try await session.organisation.clinicians().first { $0.id.rawValue == clinician }
            let template = ClinicTemplate(id: id, clinicianID: .init(clinician), specialtyID: owner?.specialtyID ?? "", locationID: .init(location),
                                          weekday: weekday, start: start, slots: slotSpecs, everyWeeks: input.everyWeeks ?? 1, effectiveFrom: from,
                                          effectiveTo: to)
            var issues: [ValidationIssue] = []
            if owner == nil {
                issues.append(.init(path: "clinicianID", code: "clinician.unknown", message: "clinicianID \(clinician) is not a clinician."))
            }
            issues += template.validate()
            if try await !session.organisation.locations().contains(where: { $0.id == template.locationID }) {
                issues.append(.init(path: "locationID", code: "location.unknown", message: "locationID \(location) is not a clinic location."))
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            try await session.clinics.insert(template)
            try await AuditTrail.record(.init(action: "clinicTemplate.create", entityType: "clinicTemplate", entityID: id.rawValue),
                                        by: caller, at: now, in: session)
            return template
        }
    }

    /// Generates the slots of every template from today for `days` days (84: the coming 12
    /// weeks). Slots already generated are kept as they are (booked or not); returns how many were
    /// added. Two templates putting one clinician in two places at once is a conflict, and nothing is added.
    public func generateSlots(days: Int = 84, by caller: Caller) async throws -> Int {
        try caller.require(anyOf: Self.editors, to: "generate clinic slots")
        guard (1...730).contains(days) else {
            throw ServiceError.invalid([.init(path: "days", code: "days.range", message: "days must be 1 to 730.")])
        }
        let today = env.today, now = env.clock.now()
        let last = today.adding(days: days - 1)
        do {
            return try await env.store.write { session in
                var slots: [Slot] = []
                let closed = try await ClosedDays.current(in: session)
                for template in try await session.clinics.templates() {
                    for date in template.sessionDates(from: today, through: last, closed: closed) { slots += template.slots(on: date) }
                }
                let added = try await session.clinics.insertNew(slots)
                try await AuditTrail.record(.init(action: "slots.generate", entityType: "slot", entityID: nil, detail: "through=\(last.iso) added=\(added)"),
                                            by: caller, at: now, in: session)
                return added
            }
        } catch StoreError.uniqueViolation(let constraint) where constraint.hasPrefix("slots.clinician_id") {
            throw ServiceError.conflict(code: "slots.clash", message: "two clinic templates give one clinician two slots starting at the same time; nothing was generated.")
        }
    }

    /// Slots from `first` through `last`, optionally of one specialty and status.
    public func slots(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID? = nil, status: Slot.Status? = nil,
                      by caller: Caller) async throws -> [Slot]
    {
        try caller.require(anyOf: Role.slotReaders, to: "read clinic slots")
        // An external booking system sees only the free slots published for it, from today, on open days.
        let external = caller.principal.role == .externalBooking, today = env.today
        return try await env.store.read { session in
            guard external else { return try await session.clinics.slots(from: first, through: last, specialtyID: specialtyID, status: status) }
            guard status == nil || status == .free else { return [] }
            return try await session.openFreeSlots(from: max(first, today), through: last, specialtyID: specialtyID).filter(\.published)
        }
    }

    /// One slot.
    public func slot(id: Slot.ID, by caller: Caller) async throws -> Slot {
        try caller.require(anyOf: Role.slotReaders, to: "read clinic slots")
        guard let slot = try await env.store.read({ try await $0.clinics.slot(id: id) }) else { throw ServiceError.notFound(entity: "Slot", id: id.rawValue) }
        // A slot held back from external booking does not exist for an external booking system.
        if caller.principal.role == .externalBooking, !slot.published { throw ServiceError.notFound(entity: "Slot", id: id.rawValue) }
        return slot
    }

    /// One slot of a clinic calendar with the appointment holding it, if any.
    public struct CalendarSlot: Sendable, Equatable {
        /// The slot.
        public var slot: Slot
        /// The booked, attended or DNA appointment in it.
        public var appointment: Appointment?
        /// The patient holding it, if any.
        public var patient: Patient? = nil
    }

    /// A clinician's or a location's slots from `first` through `last` (at most 31 days), in
    /// time order, each with the appointment that holds it.
    public func calendar(from first: LocalDate, through last: LocalDate, clinicianID: Clinician.ID?, locationID: ClinicLocation.ID?,
                         by caller: Caller) async throws -> [CalendarSlot]
    {
        try caller.require(anyOf: Role.outpatientStaff, to: "read clinic calendars")
        var issues: [ValidationIssue] = []
        if first > last { issues.append(.init(path: "through", code: "dates.order", message: "through must not be before from.")) }
        if first.days(until: last) > 30 { issues.append(.init(path: "through", code: "dates.span", message: "a calendar spans at most 31 days.")) }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        return try await env.store.read { session in
            let slots = try await session.clinics.slots(from: first, through: last, specialtyID: nil, status: nil)
                .filter { (clinicianID == nil || $0.clinicianID == clinicianID) && (locationID == nil || $0.locationID == locationID) }
                .sorted { ($0.date, $0.start, $0.clinicianID.rawValue) < ($1.date, $1.start, $1.clinicianID.rawValue) }
            let held = Dictionary(try await session.appointments.holding(slotIDs: slots.map(\.id)).map { ($0.slotID, $0) }, uniquingKeysWith: { a, _ in a })
            let patients = Dictionary(try await session.patients.find(ids: Array(Set(held.values.map(\.patientID)))).map { ($0.id, $0) },
                                      uniquingKeysWith: { a, _ in a })
            return slots.map { slot in
                let appointment = held[slot.id]
                return CalendarSlot(slot: slot, appointment: appointment, patient: appointment.flatMap { patients[$0.patientID] })
            }
        }
    }
}
