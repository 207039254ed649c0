import Foundation
import SchedulingDomain

/// Persistence, reached only through transactions so that a use case that fails part-way leaves
/// stored data exactly as it was.
///
/// Implementations: `SQLiteStore` (embedded, default). A PostgreSQL store implements the same
/// protocols; services and web code do not change.
public protocol Store: Sendable {
    /// Runs `body` with a consistent read-only view.
    func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T
    /// Runs `body` in one write transaction: committed if it returns, rolled back if it throws.
    func write<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T
}

/// The repositories available inside one transaction.
public protocol StoreSession: Sendable {
    /// Users and their password hashes.
    var users: any UserRepository { get }
    /// Browser sessions and API tokens.
    var credentials: any CredentialRepository { get }
    /// The append-only audit log.
    var audit: any AuditRepository { get }
    /// Patient records.
    var patients: any PatientRepository { get }
    /// Referrals and their RTT clocks (the waiting lists).
    var referrals: any ReferralRepository { get }
    /// Clinic templates and their slots.
    var clinics: any ClinicRepository { get }
    /// Booked appointments.
    var appointments: any AppointmentRepository { get }
    /// The access policy's decisions after DNAs.
    var accessDecisions: any AccessDecisionRepository { get }
    /// Transport requests for appointments (read by the transport service).
    var journeyRequests: any JourneyRequestRepository { get }
    /// Letters, texts, emails and phone tasks waiting to go or gone.
    var outbox: any OutboxRepository { get }
    /// The organisation's reference data: specialties, locations, clinicians.
    var organisation: any OrganisationRepository { get }
    /// Small named settings (demo seed, schema facts).
    var settings: any SettingsRepository { get }
}

/// Stores user accounts.
public protocol UserRepository: Sendable {
    /// Adds a user; throws ``StoreError/uniqueViolation(constraint:)`` (`users.username`) on a
    /// duplicate login name.
    func insert(_ user: UserAccount, passwordHash: String) async throws
    /// The user with this id.
    func find(id: UserAccount.ID) async throws -> UserAccount?
    /// The user with this login name and their password hash.
    func find(username: String) async throws -> (UserAccount, passwordHash: String)?
    /// All users ordered by login name.
    func list() async throws -> [UserAccount]
    /// Replaces a user's password hash and whether it must be changed at next login.
    func setPassword(userID: UserAccount.ID, hash: String, changeRequired: Bool) async throws
    /// Number of users.
    func count() async throws -> Int
}

/// Stores sessions and API tokens (hashes only).
public protocol CredentialRepository: Sendable {
    /// Adds a session.
    func insertSession(_ session: WebSession) async throws
    /// The session whose secret hashes to `tokenHash`, expired or not.
    func findSession(tokenHash: String) async throws -> WebSession?
    /// Ends a session.
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of a user (password change, deactivation).
    func deleteSessions(userID: UserAccount.ID) async throws
    /// Removes sessions that ended before `instant`; returns how many.
    func deleteSessions(expiredBefore instant: Date) async throws -> Int
    /// Adds a token.
    func insertToken(_ token: APIToken) async throws
    /// The token whose secret hashes to `tokenHash`.
    func findToken(tokenHash: String) async throws -> APIToken?
    /// The token with this id.
    func findToken(id: APIToken.ID) async throws -> APIToken?
    /// A user's tokens, newest first.
    func tokens(userID: UserAccount.ID) async throws -> [APIToken]
    /// Marks a token revoked.
    func revokeToken(id: APIToken.ID, at instant: Date) async throws
}

/// The append-only audit log and its head (last sequence and hash, to detect a deleted tail).
public protocol AuditRepository: Sendable {
    /// The last entry appended, if any.
    func last() async throws -> AuditEntry?
    /// Appends an entry and moves the head to it.
    func append(_ entry: AuditEntry) async throws
    /// Entries with `sequence > after`, in order, at most `limit`.
    func entries(after: Int64, limit: Int) async throws -> [AuditEntry]
    /// Newest entries first, at most `limit`, optionally only for one entity.
    func recent(limit: Int, entityType: String?, entityID: String?) async throws -> [AuditEntry]
    /// The recorded head: sequence and hash of the last entry appended.
    func head() async throws -> (sequence: Int64, hash: String)?
}

/// Stores patient records.
public protocol PatientRepository: Sendable {
    /// Adds a patient; throws ``StoreError/uniqueViolation(constraint:)`` (`patients.nhs_number`).
    func insert(_ patient: Patient) async throws
    /// The patient with this id.
    func find(id: Patient.ID) async throws -> Patient?
    /// The patient with this NHS number.
    func find(nhsNumber: NHSNumber) async throws -> Patient?
    /// The NHS numbers of these patients (unknown ids are left out).
    func nhsNumbers(of ids: [Patient.ID]) async throws -> [Patient.ID: NHSNumber]
    /// Number of patients.
    func count() async throws -> Int
}

/// Stores referrals with their RTT clocks.
public protocol ReferralRepository: Sendable {
    /// Adds a referral; throws ``StoreError/foreignKeyViolation`` for an unknown patient or specialty.
    func insert(_ referral: Referral) async throws
    /// Stores the referral's current priority, clock, status and removal.
    func update(_ referral: Referral) async throws
    /// The referral with this id.
    func find(id: Referral.ID) async throws -> Referral?
    /// Open referrals, optionally of one specialty, in id order.
    func open(specialtyID: Specialty.ID?) async throws -> [Referral]
    /// A patient's referrals, oldest received first.
    func referrals(patientID: Patient.ID) async throws -> [Referral]
    /// The referrals with these ids (unknown ids are skipped), in no particular order.
    func find(ids: [Referral.ID]) async throws -> [Referral]
    /// Referrals received from `first` through `last` (any status), counted by priority.
    func receivedCounts(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?) async throws -> [ClinicalPriority: Int]
    /// Number of referrals.
    func count() async throws -> Int
}

/// Stores clinic templates and slots.
public protocol ClinicRepository: Sendable {
    /// Adds a template; throws ``StoreError/foreignKeyViolation`` for an unknown clinician, specialty or location.
    func insert(_ template: ClinicTemplate) async throws
    /// All templates, in id order.
    func templates() async throws -> [ClinicTemplate]
    /// One template.
    func template(id: ClinicTemplate.ID) async throws -> ClinicTemplate?
    /// Replaces a template's slots and end date.
    func update(_ template: ClinicTemplate) async throws
    /// Adds the slots not stored yet (by id); a slot clashing with another of the same clinician
    /// at the same start throws ``StoreError/uniqueViolation(constraint:)`` (`slots.clinician_id, slots.date, slots.start_minute`).
    /// Returns how many were added.
    func insertNew(_ slots: [Slot]) async throws -> Int
    /// Slots from `first` through `last`, optionally of one specialty and status, by date, start, clinician.
    func slots(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?, status: Slot.Status?) async throws -> [Slot]
    /// The slot with this id.
    func slot(id: Slot.ID) async throws -> Slot?
    /// Sets a slot's status.
    func setStatus(_ status: Slot.Status, slotID: Slot.ID) async throws
}

/// Stores appointments.
public protocol AppointmentRepository: Sendable {
    /// Adds an appointment; a second appointment holding the same slot throws
    /// ``StoreError/uniqueViolation(constraint:)`` (`appointments.slot_id`).
    func insert(_ appointment: Appointment) async throws
    /// The appointment with this id.
    func find(id: Appointment.ID) async throws -> Appointment?
    /// A referral's appointments, oldest booking first.
    func appointments(referralID: Referral.ID) async throws -> [Appointment]
    /// Stores an appointment's status, cancellation and outcome.
    func update(_ appointment: Appointment) async throws
    /// The appointments holding any of these slots (booked, attended or DNA), in slot order.
    func holding(slotIDs: [Slot.ID]) async throws -> [Appointment]
    /// Referrals with an appointment booked or attended: those not waiting for a first booking.
    func referralIDsSeenOrBooked() async throws -> Set<Referral.ID>
}

/// Stores the access policy's decisions.
public protocol AccessDecisionRepository: Sendable {
    /// Adds a decision.
    func insert(_ decision: AccessDecision) async throws
    /// Stores a decision's resolution.
    func update(_ decision: AccessDecision) async throws
    /// The decision with this id.
    func find(id: AccessDecision.ID) async throws -> AccessDecision?
    /// Decisions still awaiting a clinician, oldest first.
    func pending() async throws -> [AccessDecision]
    /// A referral's decisions, oldest first.
    func decisions(referralID: Referral.ID) async throws -> [AccessDecision]
}

/// Stores transport requests for appointments.
public protocol JourneyRequestRepository: Sendable {
    /// Adds a request.
    func insert(_ request: JourneyRequest) async throws
    /// The request for an appointment.
    func find(appointmentID: Appointment.ID) async throws -> JourneyRequest?
    /// Stores a request's status.
    func update(_ request: JourneyRequest) async throws
    /// Requests for appointments from `first` through `last`, optionally of one status, by date, arrival, id.
    func requests(from first: LocalDate, through last: LocalDate, status: JourneyRequest.Status?) async throws -> [JourneyRequest]
}

/// Stores the organisation's reference data.
public protocol OrganisationRepository: Sendable {
    /// The organisation, once set.
    func organisation() async throws -> Organisation?
    /// Sets the organisation.
    func setOrganisation(_ organisation: Organisation) async throws
    /// Adds a specialty.
    func insert(_ specialty: Specialty) async throws
    /// Adds a clinic location.
    func insert(_ location: ClinicLocation) async throws
    /// Adds a clinician.
    func insert(_ clinician: Clinician) async throws
    /// Specialties by code.
    func specialties() async throws -> [Specialty]
    /// Locations by name.
    func locations() async throws -> [ClinicLocation]
    /// Clinicians by name.
    func clinicians() async throws -> [Clinician]
    /// One specialty, location or clinician by id.
    func specialty(id: Specialty.ID) async throws -> Specialty?
    func location(id: ClinicLocation.ID) async throws -> ClinicLocation?
    func clinician(id: Clinician.ID) async throws -> Clinician?
}

/// Small named settings.
public protocol SettingsRepository: Sendable {
    /// The value stored under `key`.
    func value(for key: String) async throws -> String?
    /// Stores `value` under `key`, replacing any previous value.
    func set(_ value: String, for key: String) async throws
}

/// Stores outbox messages.
public protocol OutboxRepository: Sendable {
    /// Adds a message.
    func insert(_ message: OutboxMessage) async throws
    /// Stores a message's status, attempts and last error.
    func update(_ message: OutboxMessage) async throws
    /// The message with this id.
    func find(id: OutboxMessage.ID) async throws -> OutboxMessage?
    /// Queued letters, texts and emails due by `now`, oldest due first, at most `limit` (phone
    /// tasks wait for a call handler).
    func due(by now: Date, limit: Int) async throws -> [OutboxMessage]
    /// Messages matching every given filter, newest first, at most `limit`.
    func messages(_ filter: OutboxFilter, limit: Int) async throws -> [OutboxMessage]
    /// Counts by status and channel, for the outbox summary.
    func counts() async throws -> [OutboxCount]
    /// Those of `appointmentIDs` whose patient has been sent a confirmation or change message.
    func notified(_ appointmentIDs: [Appointment.ID]) async throws -> Set<Appointment.ID>
}

/// Which outbox messages to list.
public struct OutboxFilter: Sendable, Equatable {
    public var status: OutboxMessage.Status?
    public var channel: OutboxMessage.Channel?
    public var kind: OutboxMessage.Kind?
    public var patientID: Patient.ID?
    public var appointmentID: Appointment.ID?

    /// Creates a filter.
    public init(status: OutboxMessage.Status? = nil, channel: OutboxMessage.Channel? = nil, kind: OutboxMessage.Kind? = nil,
                patientID: Patient.ID? = nil, appointmentID: Appointment.ID? = nil)
    {
        self.status = status
        self.channel = channel
        self.kind = kind
        self.patientID = patientID
        self.appointmentID = appointmentID
    }
}

/// How many messages have one status on one channel.
public struct OutboxCount: Sendable, Equatable, Codable {
    public var status: OutboxMessage.Status
    public var channel: OutboxMessage.Channel
    public var count: Int

    /// Creates a count.
    public init(status: OutboxMessage.Status, channel: OutboxMessage.Channel, count: Int) {
        self.status = status
        self.channel = channel
        self.count = count
    }
}
