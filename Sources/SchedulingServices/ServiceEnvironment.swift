import Foundation
import SchedulingDomain

/// What every use case is built from: the store and the outside world.
public struct ServiceEnvironment: Sendable {
    /// Persistence.
    public var store: any Store
    /// Now.
    public var clock: any Clock
    /// Identifier source.
    public var ids: any IDGenerator
    /// Secret source.
    public var secrets: any SecretGenerator
    /// Password hashing.
    public var passwordHasher: any PasswordHasher
    /// Europe/London conversions.
    public var calendar: LondonCalendar

    /// Creates an environment.
    public init(
        store: any Store, clock: any Clock = SystemClock(), ids: any IDGenerator = RandomIDGenerator(),
        secrets: any SecretGenerator = SystemSecretGenerator(), passwordHasher: any PasswordHasher
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.secrets = secrets
        self.passwordHasher = passwordHasher
        self.calendar = LondonCalendar()
    }

    /// Today's date in London.
    public var today: LocalDate { calendar.localDate(at: clock.now()) }
}

/// All use cases, composed once and handed to the web and CLI adapters.
public struct KairosServices: Sendable {
    /// The shared environment.
    public let environment: ServiceEnvironment
    /// Users, logins, sessions, tokens.
    public let accounts: AccountService
    /// The audit log.
    public let audit: AuditService
    /// Patient records.
    public let patients: PatientService
    /// Referrals, waiting lists, the patient tracking list.
    public let referrals: ReferralService
    /// Clinic templates and slots.
    public let clinics: ClinicService
    /// Booking appointments.
    public let bookings: BookingService
    /// Changing, cancelling and recording attendance.
    public let appointments: AppointmentService
    /// The access policy and its decisions after DNAs.
    public let accessPolicy: AccessPolicyService
    /// The outbox: letters, texts, emails, phone tasks.
    public let notifications: NotificationService
    /// Cancelling clinic sessions, one or a strike's worth.
    public let sessions: SessionCancellationService
    /// Filling free slots from the waiting lists.
    public let allocation: AutoAllocationService
    /// Reports and the what-if projection.
    public let reports: ReportService
    /// Reference data.
    public let organisation: OrganisationService
    /// Demo data.
    public let demo: DemoService

    /// Composes every service over one environment.
    public init(environment: ServiceEnvironment) {
        self.environment = environment
        accounts = AccountService(environment)
        audit = AuditService(environment)
        patients = PatientService(environment)
        referrals = ReferralService(environment)
        clinics = ClinicService(environment)
        bookings = BookingService(environment)
        appointments = AppointmentService(environment)
        accessPolicy = AccessPolicyService(environment)
        notifications = NotificationService(environment)
        sessions = SessionCancellationService(environment)
        allocation = AutoAllocationService(environment)
        reports = ReportService(environment)
        organisation = OrganisationService(environment)
        demo = DemoService(environment)
    }
}

extension ServiceError {
    /// Maps a store uniqueness error to a conflict with a message naming the field, rethrowing others.
    static func mapUnique(_ error: any Error, _ mapping: [String: (code: String, message: String)]) -> any Error {
        if case StoreError.uniqueViolation(let constraint) = error, let hit = mapping[constraint] {
            return ServiceError.conflict(code: hit.code, message: hit.message)
        }
        return error
    }
}
