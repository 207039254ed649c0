import Foundation
import SchedulingDomain

/// Booking input as it arrives from JSON or a form.
public struct BookingInput: Codable, Sendable, Equatable {
    public var referralID: String?
    public var slotID: String?
    public var channel: String?
    public var interpreterLanguage: String?
    public var needsTransport: Bool?
    /// The patient agreed to a slot less than three weeks away (needed for a routine referral).
    public var shortNoticeAgreed: Bool?

    /// Creates booking input.
    public init(referralID: String? = nil, slotID: String? = nil, channel: String? = nil, interpreterLanguage: String? = nil, needsTransport: Bool? = nil,
                shortNoticeAgreed: Bool? = nil)
    {
        self.shortNoticeAgreed = shortNoticeAgreed
        self.referralID = referralID
        self.slotID = slotID
        self.channel = channel
        self.interpreterLanguage = interpreterLanguage
        self.needsTransport = needsTransport
    }
}

/// Booking a referral's patient into a slot (OP-04, OP-11). A slot is never double-booked: the
/// database holds at most one appointment per slot, so of many simultaneous attempts one wins
/// and the others get a conflict.
public struct BookingService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// What a patient can manage, for offers (OP-04).
    public struct OfferRequest: Sendable, Equatable {
        /// How many slots to offer (1–50).
        public var count: Int
        /// Only this location.
        public var locationID: ClinicLocation.ID?
        /// ISO weekdays the patient can attend (empty: any).
        public var weekdays: Set<Int>
        /// Not before this day (e.g. back from holiday); never before today.
        public var notBefore: LocalDate?

        /// Creates a request.
        public init(count: Int = 5, locationID: ClinicLocation.ID? = nil, weekdays: Set<Int> = [], notBefore: LocalDate? = nil) {
            self.count = count
            self.locationID = locationID
            self.weekdays = weekdays
            self.notBefore = notBefore
        }
    }

    /// The best `count` free slots for an open referral over the coming year: the referral's
    /// specialty, a type its priority may use, the patient's location and weekdays (the request's,
    /// or else those recorded on the referral), not before the patient is available. Slots on or
    /// before the day it is due come first, earliest first; then the later ones, earliest first.
    public func offers(referralID: Referral.ID, _ request: OfferRequest, by caller: Caller) async throws -> [Slot] {
        try caller.require(anyOf: Role.patientEditors, to: "offer appointments")
        var issues: [ValidationIssue] = []
        if !(1...50).contains(request.count) { issues.append(.init(path: "count", code: "count.range", message: "count must be 1 to 50.")) }
        if let bad = request.weekdays.first(where: { !(1...7).contains($0) }) {
            issues.append(.init(path: "weekdays", code: "weekday.range", message: "weekdays must be 1 (Monday) to 7 (Sunday); \(bad) is not."))
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        let today = env.today
        return try await env.store.read { session in
            guard let referral = try await session.referrals.find(id: referralID) else { throw ServiceError.notFound(entity: "Referral", id: referralID.rawValue) }
            guard referral.status == .open else {
                throw ServiceError.conflict(code: "referral.notOpen", message: "referral \(referralID) is \(referral.status.rawValue), not open.")
            }
            if let seen = try await session.appointments.firstAttendances(referralID: referralID)[referralID] {
                throw Booking.alreadySeen(referralID, on: seen)
            }
            // The request narrows what is recorded on the referral; it never widens it.
            var request = request
            if request.weekdays.isEmpty { request.weekdays = referral.availability.weekdays }
            // A routine referral is never offered a slot today: it could not be a reasonable offer.
            let first = max(referral.earliestFirstAppointment(asOf: today), request.notBefore ?? today)
            let free = try await session.openFreeSlots(from: first, through: today.adding(days: 365), specialtyID: referral.specialtyID)
            let suitable = free.filter { slot in
                slot.type.acceptsFirstAppointment(referral.priority) && (request.locationID == nil || slot.locationID == request.locationID)
                    && (request.weekdays.isEmpty || request.weekdays.contains(slot.date.isoWeekday))
            }
            let due = referral.dueBy
            let inTime = suitable.filter { $0.date <= due }, late = suitable.filter { $0.date > due }
            return Array((inTime + late).prefix(request.count))
        }
    }

    /// A pathway that could take a free slot, with its patient: for booking from the clinic grid.
    public struct Candidate: Sendable {
        public var referral: Referral
        public var patient: Patient
        /// Whether the patient said they can attend on the slot's weekday (or gave no weekdays).
        public var suitsWeekday: Bool

        /// Creates a candidate.
        public init(referral: Referral, patient: Patient, suitsWeekday: Bool) {
            self.referral = referral
            self.patient = patient
            self.suitsWeekday = suitsWeekday
        }
    }

    /// The open pathways that could take `slotID` as their first appointment: the slot's
    /// specialty, a priority its type accepts, nothing booked or attended and no access decision
    /// pending. Most urgent first, then by the day each is due; at most `limit`. A routine
    /// pathway is not a candidate for a slot today (never a reasonable offer).
    public func candidates(for slotID: Slot.ID, limit: Int = 40, by caller: Caller) async throws -> (slot: Slot, candidates: [Candidate]) {
        try caller.require(anyOf: Role.patientEditors, to: "book appointments")
        let today = env.today
        return try await env.store.read { session in
            guard let slot = try await session.clinics.slot(id: slotID) else { throw ServiceError.notFound(entity: "Slot", id: slotID.rawValue) }
            guard slot.status == .free, slot.date >= today else { return (slot, []) }
            let taken = try await session.appointments.referralIDsSeenOrBooked()
            let pending = Set(try await session.accessDecisions.pending().map(\.referralID))
            let open = try await session.referrals.open(specialtyID: slot.specialtyID).filter { referral in
                !taken.contains(referral.id) && !pending.contains(referral.id) && referral.mayTakeFirstAppointment(in: slot, asOf: today)
            }
            let chosen = open.sorted { ($0.priority.rank, $0.dueBy, $0.received, $0.id.rawValue) < ($1.priority.rank, $1.dueBy, $1.received, $1.id.rawValue) }
                .prefix(limit)
            let patients = Dictionary(try await session.patients.find(ids: Array(Set(chosen.map(\.patientID)))).map { ($0.id, $0) },
                                      uniquingKeysWith: { a, _ in a })
            return (slot, chosen.compactMap { referral in
                patients[referral.patientID].map {
                    Candidate(referral: referral, patient: $0,
                              suitsWeekday: referral.availability.weekdays.isEmpty || referral.availability.weekdays.contains(slot.date.isoWeekday))
                }
            })
        }
    }

    /// Books the referral into the slot: the referral must be open, the slot free, in the
    /// referral's specialty, of a type its priority may use, and not in the past.
    public func book(_ input: BookingInput, by caller: Caller) async throws -> Appointment {
        try caller.require(anyOf: Role.patientEditors, to: "book appointments")
        var c = ValidationCollector()
        let referralID = c.requireText(input.referralID, at: "referralID", maxLength: 100)
        let slotID = c.requireText(input.slotID, at: "slotID", maxLength: 200)
        let channel = c.requireChoice(input.channel ?? "phone", Appointment.Channel.self, at: "channel")
        let language = c.optionalText(input.interpreterLanguage, at: "interpreterLanguage", maxLength: 60)
        guard let referralID, let slotID, let channel, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let today = env.today, now = env.clock.now()
        let id = Appointment.ID(env.ids.make(prefix: "apt"))
        var request = Booking.Request(id: id, referralID: .init(referralID), slotID: .init(slotID), channel: channel, interpreterLanguage: language,
                                      needsTransport: input.needsTransport ?? false)
        request.shortNotice = .askPatient(agreed: input.shortNoticeAgreed ?? false)
        let placing = request
        let env = env
        do {
            return try await env.store.write { session in
                let (appointment, slot) = try await Booking.place(placing, by: caller, today: today, at: now, env: env, in: session)
                try await Outbox.open(session, env).booked(appointment, slot: slot)
                try await AuditTrail.record(
                    .init(action: "appointment.book", entityType: "appointment", entityID: id.rawValue,
                          detail: "referral=\(referralID) slot=\(slotID) channel=\(channel.rawValue)"
                              + (appointment.shortNoticeAgreed == true ? " short-notice=agreed" : "")),
                    by: caller, at: now, in: session)
                return appointment
            }
        } catch StoreError.uniqueViolation(let constraint) where constraint.hasPrefix("appointments.slot_id") {
            throw ServiceError.conflict(code: "slot.taken", message: "This slot was booked by someone else a moment ago: choose another.")
        }
    }
}

/// Placing a referral's patient in a slot inside a transaction: shared by booking, changing an
/// appointment and allocation.
enum Booking {
    /// What to book.
    struct Request: Sendable {
        var id: Appointment.ID
        var referralID: Referral.ID
        var slotID: Slot.ID
        var channel: Appointment.Channel
        var interpreterLanguage: String?
        var needsTransport: Bool
        var replaces: Appointment.ID?
        /// Whether a routine slot inside the reasonable-offer window needs the patient's agreement.
        var shortNotice: ShortNotice = .notAsked
    }

    /// How a booking treats a routine slot less than three weeks away.
    enum ShortNotice: Sendable {
        /// Not asked (allocation and rebooking write to the patient, who may change the date).
        case notAsked
        /// A coordinator booking with the patient: refused unless the patient agreed; recorded.
        case askPatient(agreed: Bool)
    }

    /// The refusal of another first appointment for a pathway whose patient has been seen.
    static func alreadySeen(_ id: Referral.ID, on day: LocalDate) -> ServiceError {
        .conflict(code: "referral.seen",
                  message: "referral \(id) had its first appointment on \(day.iso); it needs a follow-up, not another first appointment.")
    }

    /// Checks the referral and slot, stores the appointment, marks the slot booked, restarts a
    /// nullified RTT clock (the patient is rebooked after a first DNA) and asks for transport
    /// when it is needed. A unique-index violation on the slot surfaces as
    /// ``StoreError/uniqueViolation(constraint:)`` for the caller to map.
    static func place(_ r: Request, by caller: Caller, today: LocalDate, at now: Date, env: ServiceEnvironment, in session: any StoreSession)
        async throws -> (Appointment, Slot)
    {
        guard var referral = try await session.referrals.find(id: r.referralID) else {
            throw ServiceError.invalid([.init(path: "referralID", code: "referral.unknown", message: "referralID \(r.referralID) is not a referral.")])
        }
        guard let slot = try await session.clinics.slot(id: r.slotID) else {
            throw ServiceError.invalid([.init(path: "slotID", code: "slot.unknown", message: "slotID \(r.slotID) is not a slot.")])
        }
        guard referral.status == .open else {
            throw ServiceError.conflict(code: "referral.notOpen", message: "referral \(r.referralID) is \(referral.status.rawValue), not open.")
        }
        guard slot.status == .free else {
            throw ServiceError.conflict(code: "slot.taken", message: "This slot is \(slot.status.rawValue), not free: choose another.")
        }
        if let closed = try await session.closedReason(on: slot.date) {
            throw ServiceError.conflict(code: "clinic.closed", message: "Clinics are closed on \(LetterText.long(slot.date)) (\(closed)); choose another day.")
        }
        // Another first appointment for a pathway whose patient has been seen (a change of an
        // appointment, `replaces`, is not one).
        if r.replaces == nil, let seen = try await session.appointments.firstAttendances(referralID: referral.id)[referral.id] {
            throw alreadySeen(referral.id, on: seen)
        }
        var issues: [ValidationIssue] = []
        if slot.specialtyID != referral.specialtyID {
            issues.append(.init(path: "slotID", code: "slot.specialty", message: "slot \(r.slotID) belongs to another specialty than referral \(r.referralID)."))
        }
        if !slot.type.acceptsFirstAppointment(referral.priority) {
            issues.append(.init(path: "slotID", code: "slot.type",
                                message: "a \(slot.type.rawValue) slot cannot take a \(referral.priority.rawValue) referral's first appointment."))
        }
        if slot.date < today { issues.append(.init(path: "slotID", code: "slot.past", message: "slot \(r.slotID) is in the past.")) }
        // The reasonable-offer rule: a routine appointment at less than three weeks' notice only with the patient's agreement.
        var agreedShortNotice: Bool?
        if case .askPatient(let agreed) = r.shortNotice, !referral.priority.isUrgent, slot.date >= today,
           today.days(until: slot.date) < Appointment.reasonableNoticeDays
        {
            if agreed {
                agreedShortNotice = true
            } else {
                issues.append(.init(path: "shortNoticeAgreed", code: "shortNotice.agreement",
                                    message: "This slot is less than three weeks away. Book it only if the patient agrees to the short notice, and record that they do."))
            }
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        var appointment = Appointment(id: r.id, referralID: referral.id, patientID: referral.patientID, slotID: slot.id, channel: r.channel,
                                      bookedBy: caller.principal.actorID, bookedAt: now, interpreterLanguage: r.interpreterLanguage,
                                      needsTransport: r.needsTransport)
        appointment.replacesID = r.replaces
        appointment.shortNoticeAgreed = agreedShortNotice
        try await session.appointments.insert(appointment)
        try await session.clinics.setStatus(.booked, slotID: slot.id)
        if referral.clock.status == .nullified {
            do { try referral.clock.restart(on: today) } catch {
                throw ServiceError.conflict(code: error.code, message: error.message)
            }
            try await session.referrals.update(referral)
        }
        if r.needsTransport {
            let request = JourneyRequest.forAppointment(appointment, in: slot, id: .init(env.ids.make(prefix: "jrq")), at: now)
            try await session.journeyRequests.insert(request)
            try await TransportJourneyLink.create(for: request, ids: env.ids, in: session)
        }
        return (appointment, slot)
    }
}
