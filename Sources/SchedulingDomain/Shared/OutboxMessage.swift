import Foundation

/// One message in the outbox (X-04, OP-08, BR-03): a letter, text message, email or phone-call
/// task. It is queued unwritten (an empty subject and body) and written from its template when
/// it is sent, and stored as written, so that what was sent is what is stored; a phone task is
/// written when it is queued. Logs and errors name it by ``id`` only; its subject and body hold
/// patient details.
public struct OutboxMessage: Hashable, Codable, Sendable, Identifiable {
    /// Kairos identifier.
    public typealias ID = Identifier<OutboxMessage>

    /// How it reaches the recipient.
    public enum Channel: String, Codable, Sendable, CaseIterable {
        case letter, sms, email
        /// A task for a call handler to phone the patient.
        case phone
    }

    /// What it is about; each kind has a template.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// An appointment was booked: date, time, place, preparation.
        case confirmation
        /// A reminder before the appointment.
        case reminder
        /// The appointment was cancelled.
        case cancellation
        /// The appointment was moved to another date or time.
        case change
        /// The patient did not attend and is offered another appointment.
        case dnaRebook = "dna-rebook"
        /// The patient is discharged to the referrer after DNAs.
        case discharge
        /// The pathway was taken off the waiting list (OP-09).
        case removal
        /// A re-plan moved the patient's transport pickup by more than 15 minutes (PT-04);
        /// written when queued.
        case transportPickup = "transport-pickup"
        /// A hospital site's clinic list for a day (PT-07), sent to the site; written when queued.
        case clinicList = "clinic-list"
    }

    /// Who it is for.
    public enum Recipient: String, Codable, Sendable, CaseIterable {
        case patient
        /// The GP or other referrer.
        case referrer
        /// A hospital site (its reception or transport desk): the message names no patient.
        case site
    }

    /// Where it stands.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting until it is due, or for a retry.
        case queued
        case sent
        /// The sender gave up after its attempts.
        case failed
        /// No longer wanted (a reminder for a cancelled appointment).
        case cancelled
    }

    /// Attempts before a message is marked failed.
    public static let maximumAttempts = 3

    public var id: ID
    public var kind: Kind
    public var channel: Channel
    public var recipient: Recipient
    /// The patient it concerns (none for a message to a site).
    public var patientID: Patient.ID?
    /// The site it goes to, for a message to a site.
    public var siteID: ClinicLocation.ID?
    /// Where a message to a site is delivered: the site's email address on record (nil: the
    /// gateway addresses it by the site).
    public var address: String?
    public var referralID: Referral.ID?
    public var appointmentID: Appointment.ID?
    /// Not to be sent before this moment.
    public var dueAt: Date
    public var status: Status
    public var attempts: Int
    /// The last sender failure, if any (never patient details).
    public var lastError: String?
    /// Empty until the message is written.
    public var subject: String
    /// Plain text for SMS, email and phone tasks; an HTML fragment for letters. Empty until the
    /// message is written.
    public var body: String
    public var createdAt: Date
    public var sentAt: Date?

    /// Creates a queued message.
    public init(id: ID, kind: Kind, channel: Channel, recipient: Recipient, patientID: Patient.ID?, referralID: Referral.ID?,
                appointmentID: Appointment.ID?, dueAt: Date, subject: String, body: String, createdAt: Date)
    {
        self.id = id
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.patientID = patientID
        self.referralID = referralID
        self.appointmentID = appointmentID
        self.dueAt = dueAt
        status = .queued
        attempts = 0
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
    }

    /// Whether the subject and body have been written.
    public var isWritten: Bool { !subject.isEmpty || !body.isEmpty }

    /// Writes the subject and body.
    public mutating func write(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// Records a successful send.
    public mutating func markSent(at date: Date) {
        status = .sent
        attempts += 1
        sentAt = date
        lastError = nil
    }

    /// Records a failed attempt; after ``maximumAttempts`` the message is failed, otherwise it
    /// stays queued for another try.
    public mutating func markFailed(_ reason: String) {
        attempts += 1
        lastError = String(reason.prefix(300))
        if attempts >= Self.maximumAttempts { status = .failed }
    }

    /// Withdraws a queued message.
    public mutating func withdraw() throws(DomainRuleBroken) {
        guard status == .queued else {
            throw DomainRuleBroken(code: "message.notQueued", message: "message \(id) is \(status.rawValue); only a queued message can be withdrawn.")
        }
        status = .cancelled
    }
}

/// When reminders go out before an appointment (OP-08); configurable per trust.
public struct ReminderPolicy: Hashable, Codable, Sendable {
    /// One reminder.
    public struct Reminder: Hashable, Codable, Sendable {
        /// SMS, email or a phone-call task.
        public var channel: OutboxMessage.Channel
        /// Days before the appointment (0–60); sent at ``ReminderPolicy/sendAt`` that day.
        public var daysBefore: Int

        /// Creates a reminder.
        public init(channel: OutboxMessage.Channel, daysBefore: Int) {
            self.channel = channel
            self.daysBefore = daysBefore
        }
    }

    /// The reminders, in any order.
    public var reminders: [Reminder]
    /// The time of day reminders go out.
    public var sendAt: LocalTime

    /// A text a week before and another two days before, at 09:00.
    public static let standard = ReminderPolicy(
        reminders: [.init(channel: .sms, daysBefore: 7), .init(channel: .sms, daysBefore: 2)], sendAt: LocalTime(hour: 9, minute: 0)!)

    /// Creates a policy.
    public init(reminders: [Reminder], sendAt: LocalTime) {
        self.reminders = reminders
        self.sendAt = sendAt
    }

    /// Every rule the policy breaks.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        if reminders.count > 6 { c.add("reminders", "field.count", "at most 6 reminders.") }
        for (k, r) in reminders.enumerated() {
            if r.channel == .letter { c.add("reminders[\(k)].channel", "field.enum", "a reminder goes by sms, email or phone, not letter.") }
            if !(0...60).contains(r.daysBefore) { c.add("reminders[\(k)].daysBefore", "field.range", "daysBefore must be 0 to 60.") }
        }
        if Set(reminders).count != reminders.count { c.add("reminders", "field.duplicate", "each reminder (channel and day) must appear once.") }
        return c.issues
    }
}
