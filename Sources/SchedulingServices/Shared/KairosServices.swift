import Foundation
import SchedulingDomain

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
    /// Background solve jobs: start, follow, cancel.
    public let jobs: SolveJobService

    /// Composes every service over one environment, with the built-in solve-job kinds (tests
    /// may add their own).
    public init(environment: ServiceEnvironment, jobKinds: [SolveJobKind] = SolveJobKind.builtIn) {
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
        jobs = SolveJobService(environment, kinds: jobKinds)
    }
}
