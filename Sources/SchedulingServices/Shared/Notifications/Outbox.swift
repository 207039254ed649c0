import Foundation
import Synchronization
import SchedulingDomain

/// Outpatient messaging settings a trust configures (OP-08), stored as one setting.
public struct MessagingSettings: Codable, Sendable, Equatable {
    /// The booking office's phone number, printed on every message.
    public var bookingPhone: String?
    /// Preparation text for letters, by specialty code; `default` for the rest.
    public var preparation: [String: String]
    /// When reminders go out.
    public var reminders: ReminderPolicy

    /// The settings key.
    static let key = "outpatients.messaging"
    /// The settings key of template replacements.
    static let templatesKey = "outpatients.message-templates"

    /// The defaults.
    public static let standard = MessagingSettings(
        bookingPhone: nil,
        preparation: ["default": "Please bring a list of the medicines you take and arrive 15 minutes early to check in."],
        reminders: .standard)

    /// Creates settings.
    public init(bookingPhone: String?, preparation: [String: String], reminders: ReminderPolicy) {
        self.bookingPhone = bookingPhone
        self.preparation = preparation
        self.reminders = reminders
    }

    /// Every rule the settings break.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        if let phone = bookingPhone, !(5...30).contains(phone.count) { c.add("bookingPhone", "field.length", "bookingPhone must be 5 to 30 characters.") }
        for (code, text) in preparation where !(1...2000).contains(text.count) {
            c.add("preparation.\(code)", "field.length", "preparation text must be 1 to 2000 characters.")
        }
        c.add(contentsOf: reminders.validate(), under: "reminders")
        return c.issues
    }
}

/// Queues messages inside the caller's transaction: what a booking, a change, a cancellation, a
/// DNA, a discharge or a removal tells the patient and the referrer. Queued in the same
/// transaction as the change they announce, so a change that rolls back queues nothing. A
/// message is queued unwritten and written from ``MessageTemplates`` and the records as they are
/// when it is sent (``written(_:)``): a reminder tells the patient today's details, a reminder
/// withdrawn before it is due is never written, and rendering letters is no part of the
/// transaction that books (where it was most of the work).
struct Outbox {
    let session: any StoreSession
    let env: ServiceEnvironment
    let settings: MessagingSettings
    let templates: MessageTemplates
    let now: Date
    /// The trust's name and the specialties, locations and clinicians named in messages, each
    /// read once per transaction when first needed.
    let reference: ReferenceData

    /// Loads the trust's settings, templates and reference data.
    static func open(_ session: any StoreSession, _ env: ServiceEnvironment) async throws -> Outbox {
        let settings = try await session.settings.value(for: MessagingSettings.key).flatMap { settingsCache.decoded($0) } ?? .standard
        let overrides = try await session.settings.value(for: MessagingSettings.templatesKey).flatMap { templatesCache.decoded($0) } ?? [:]
        return Outbox(session: session, env: env, settings: settings, templates: MessageTemplates(overrides: overrides), now: env.clock.now(),
                      reference: ReferenceData(session.organisation))
    }

    private static let settingsCache = DecodedSetting<MessagingSettings>()
    private static let templatesCache = DecodedSetting<[String: MessageTemplates.Template]>()

    /// The last stored JSON text of a setting and its decoded value: the text is read in every
    /// transaction that queues a message, but it rarely changes, and decoding it is not free.
    final class DecodedSetting<Value: Decodable & Sendable>: Sendable {
        private let last = Mutex<(text: String, value: Value)?>(nil)

        func decoded(_ text: String) -> Value? {
            if let known = last.withLock({ $0 }), known.text == text { return known.value }
            guard let value = try? JSONDecoder().decode(Value.self, from: Data(text.utf8)) else { return nil }
            last.withLock { $0 = (text, value) }
            return value
        }
    }

    /// Reference data read on first use and kept for the transaction (a bulk commit queues
    /// thousands of messages naming the same few clinics).
    final class ReferenceData {
        private let organisation: any OrganisationRepository
        private var trust: String?
        private var specialties: [Specialty.ID: Specialty?] = [:]
        private var locations: [ClinicLocation.ID: ClinicLocation?] = [:]
        private var clinicians: [Clinician.ID: Clinician?] = [:]
        /// The last patient read (a booking's messages name the same patient several times).
        var patient: Patient?

        init(_ organisation: any OrganisationRepository) { self.organisation = organisation }

        func trustName() async throws -> String {
            if let trust { return trust }
            let name = try await organisation.organisation()?.name ?? "The hospital"
            trust = name
            return name
        }

        func specialty(_ id: Specialty.ID) async throws -> Specialty? {
            if let known = specialties[id] { return known }
            let found = try await organisation.specialty(id: id)
            specialties[id] = .some(found)
            return found
        }

        func location(_ id: ClinicLocation.ID) async throws -> ClinicLocation? {
            if let known = locations[id] { return known }
            let found = try await organisation.location(id: id)
            locations[id] = .some(found)
            return found
        }

        func clinician(_ id: Clinician.ID) async throws -> Clinician? {
            if let known = clinicians[id] { return known }
            let found = try await organisation.clinician(id: id)
            clinicians[id] = .some(found)
            return found
        }
    }

    // MARK: Events

    /// A new booking: a confirmation letter, an email and a text where the patient has them,
    /// and the reminders.
    func booked(_ appointment: Appointment, slot: Slot) async throws {
        let contact = try await contact(appointment.patientID)
        var batch = try await [OutboxMessage.Channel.letter, .email, .sms].filter { reachable(contact, by: $0) }.asyncMap {
            try await message(.confirmation, $0, .patient, appointment: appointment, due: now)
        }
        batch += try await reminders(appointment, slot: slot, contact: contact)
        try await session.outbox.insert(batch)
    }

    /// A moved appointment (`new.replacesID` is the old one): the old one's reminders are
    /// withdrawn; a change letter and text, and new reminders.
    func changed(from old: Appointment, to new: Appointment, slot: Slot) async throws {
        try await withdrawQueued(for: old.id)
        let contact = try await contact(new.patientID)
        var batch = try await [OutboxMessage.Channel.letter, .sms].filter { reachable(contact, by: $0) }.asyncMap {
            try await message(.change, $0, .patient, appointment: new, due: now)
        }
        batch += try await reminders(new, slot: slot, contact: contact)
        try await session.outbox.insert(batch)
    }

    /// A cancelled appointment: its reminders are withdrawn; a letter and a text.
    func cancelled(_ appointment: Appointment) async throws {
        try await withdrawQueued(for: appointment.id)
        let contact = try await contact(appointment.patientID)
        try await session.outbox.insert(try await [OutboxMessage.Channel.letter, .sms].filter { reachable(contact, by: $0) }.asyncMap {
            try await message(.cancellation, $0, .patient, appointment: appointment, due: now)
        })
    }

    /// A DNA after which the patient is offered another appointment.
    func dnaRebook(_ appointment: Appointment) async throws {
        try await session.outbox.insert([try await message(.dnaRebook, .letter, .patient, appointment: appointment, due: now)])
    }

    /// A discharge after DNAs: letters to the patient and the referrer.
    func discharged(_ referral: Referral) async throws {
        try await session.outbox.insert([
            try await message(.discharge, .letter, .patient, referral: referral, due: now),
            try await message(.discharge, .letter, .referrer, referral: referral, due: now),
        ])
    }

    /// A removal from the waiting list (OP-09): letters to the patient (unless deceased) and the referrer.
    func removed(_ referral: Referral, toPatient: Bool) async throws {
        var batch = [try await message(.removal, .letter, .referrer, referral: referral, due: now)]
        if toPatient { batch.insert(try await message(.removal, .letter, .patient, referral: referral, due: now), at: 0) }
        try await session.outbox.insert(batch)
    }

    /// Withdraws every queued message about an appointment (its reminders, mostly).
    func withdrawQueued(for appointmentID: Appointment.ID) async throws {
        for var message in try await session.outbox.messages(.init(status: .queued, appointmentID: appointmentID), limit: 1000, offset: 0) {
            try? message.withdraw()
            try await session.outbox.update(message)
        }
    }

    // MARK: Parts

    private func reminders(_ appointment: Appointment, slot: Slot, contact: PatientContact) async throws -> [OutboxMessage] {
        var batch: [OutboxMessage] = []
        for reminder in settings.reminders.reminders where reachable(contact, by: reminder.channel) {
            let day = slot.date.adding(days: -reminder.daysBefore)
            var due = env.calendar.instant(of: LocalDateTime(date: day, time: settings.reminders.sendAt))
            // A same-day reminder set later than the appointment goes two hours before it instead.
            let start = env.calendar.instant(of: slot.startsAt)
            if due >= start { due = start.addingTimeInterval(-2 * 3600) }
            guard due > now else { continue }
            batch.append(try await message(.reminder, reminder.channel, .patient, appointment: appointment, due: due))
        }
        return batch
    }

    /// A message to queue, unwritten: it is written from the records when it is sent (a phone
    /// task, which people read from the moment it is queued, is written at once).
    private func message(_ kind: OutboxMessage.Kind, _ channel: OutboxMessage.Channel, _ recipient: OutboxMessage.Recipient,
                       appointment: Appointment? = nil, referral: Referral? = nil, due: Date) async throws -> OutboxMessage
    {
        var message = OutboxMessage(
            id: .init(env.ids.make(prefix: "msg")), kind: kind, channel: channel, recipient: recipient,
            patientID: appointment?.patientID ?? referral!.patientID, referralID: appointment?.referralID ?? referral?.id,
            appointmentID: appointment?.id, dueAt: due, subject: "", body: "", createdAt: now)
        if channel == .phone { message = try await written(message) }
        return message
    }

    private func reachable(_ contact: PatientContact, by channel: OutboxMessage.Channel) -> Bool {
        switch channel {
        case .letter: true
        case .email: contact.email != nil
        case .phone: contact.phone != nil
        case .sms: contact.phone.map(Self.isMobile) ?? false
        }
    }

    /// How the patient can be reached (a booking reads no more of the patient than this).
    private func contact(_ id: Patient.ID) async throws -> PatientContact {
        if let known = reference.patient, known.id == id { return PatientContact(phone: known.phone, email: known.email) }
        guard let contact = try await session.patients.contact(id: id) else { throw ServiceError.notFound(entity: "Patient", id: id.rawValue) }
        return contact
    }

    /// UK mobile numbers: 07…, +447…, 00447….
    static func isMobile(_ phone: String) -> Bool {
        let digits = phone.filter { $0.isNumber || $0 == "+" }
        return digits.hasPrefix("07") || digits.hasPrefix("+447") || digits.hasPrefix("00447")
    }

    func patient(_ id: Patient.ID) async throws -> Patient {
        if let known = reference.patient, known.id == id { return known }
        guard let patient = try await session.patients.find(id: id) else { throw ServiceError.notFound(entity: "Patient", id: id.rawValue) }
        reference.patient = patient
        return patient
    }

    static func reasonText(_ reason: Appointment.CancellationReason) -> String {
        switch reason {
        case .patientRequest: "at your request"
        case .patientUnwell: "as you are unwell"
        case .noLongerRequired: "as it is no longer needed"
        case .clinicianUnavailable: "as the clinician is unavailable"
        case .clinicCancelled: "as the clinic was cancelled"
        case .industrialAction: "because of industrial action"
        case .rescheduled: "to move it to another time"
        case .administrative: "for administrative reasons"
        }
    }

    static func removalText(_ reason: Referral.RemovalReason) -> String {
        switch reason {
        case .treatedElsewhere: "treated elsewhere"
        case .patientDeclined: "you told us you no longer want treatment"
        case .validation: "following a review of the waiting list"
        case .deceased: "deceased"
        case .dischargedAfterDNA: "discharged after missed appointments"
        case .duplicate: "a duplicate entry"
        }
    }
}

extension Array {
    /// The elements transformed in order by an asynchronous function.
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
