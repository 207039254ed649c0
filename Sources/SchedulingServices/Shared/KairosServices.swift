import Foundation
import SchedulingDomain

/// All use cases, composed once and handed to the web and CLI adapters, grouped by wing: what
/// every service shares, then one group per service. An adapter's controller receives only the
/// groups it serves.
public struct KairosServices: Sendable {
    /// What every service shares: accounts, audit, patients, the outbox, reference data, jobs.
    public let shared: SharedServices
    /// Outpatient booking and waiting lists.
    public let outpatients: OutpatientServices
    /// Patient transport: bookings, shifts, plans.
    public let transport: TransportServices

    /// Composes every service over one environment, with the built-in solve-job kinds and each
    /// service's own (tests may name exactly the kinds they want).
    public init(environment: ServiceEnvironment, jobKinds: [SolveJobKind]? = nil) {
        outpatients = OutpatientServices(environment: environment)
        transport = TransportServices(environment: environment)
        shared = SharedServices(environment: environment, jobKinds: jobKinds ?? SolveJobKind.builtIn + [outpatients.allocation.previewJob, transport.plans.planJob])
    }
}

/// The use cases every service shares.
public struct SharedServices: Sendable {
    /// The store and the outside world.
    public let environment: ServiceEnvironment
    /// Users, logins, sessions, tokens.
    public let accounts: AccountService
    /// The audit log.
    public let audit: AuditService
    /// Patient records.
    public let patients: PatientService
    /// The outbox: letters, texts, emails, phone tasks.
    public let notifications: NotificationService
    /// Reference data.
    public let organisation: OrganisationService
    /// Demo data.
    public let demo: DemoService
    /// Background solve jobs: start, follow, cancel.
    public let jobs: SolveJobService

    /// Composes the shared use cases.
    public init(environment: ServiceEnvironment, jobKinds: [SolveJobKind] = SolveJobKind.builtIn) {
        self.environment = environment
        accounts = AccountService(environment)
        audit = AuditService(environment)
        patients = PatientService(environment)
        notifications = NotificationService(environment)
        organisation = OrganisationService(environment)
        demo = DemoService(environment)
        jobs = SolveJobService(environment, kinds: jobKinds)
    }
}

/// The outpatient use cases: waiting lists, clinics, booking, the appointment lifecycle, the
/// access policy, session cancellation, auto-allocation and reports.
public struct OutpatientServices: Sendable {
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
    /// Cancelling clinic sessions, one or a strike's worth.
    public let sessions: SessionCancellationService
    /// Bank holidays and the trust's clinic closure days.
    public let closures: ClinicClosureService
    /// Offers of dates and the patients' answers.
    public let offerRecords: OfferService
    /// Notes on pathways.
    public let notes: PathwayNoteService
    /// Filling free slots from the waiting lists.
    public let allocation: AutoAllocationService
    /// Reports and the what-if projection.
    public let reports: ReportService

    /// Composes the outpatient use cases.
    public init(environment: ServiceEnvironment) {
        referrals = ReferralService(environment)
        clinics = ClinicService(environment)
        bookings = BookingService(environment)
        appointments = AppointmentService(environment)
        accessPolicy = AccessPolicyService(environment)
        sessions = SessionCancellationService(environment)
        closures = ClinicClosureService(environment)
        offerRecords = OfferService(environment)
        notes = PathwayNoteService(environment)
        allocation = AutoAllocationService(environment)
        reports = ReportService(environment)
    }
}

/// The patient transport use cases.
public struct TransportServices: Sendable {
    /// Journey bookings, vehicle shifts, the contract.
    public let bookings: TransportBookingService
    /// Plan jobs, commits and the committed plans.
    public let plans: TransportPlanService
    /// Crews' run sheets.
    public let runSheets: RunSheetService
    /// Run-sheet alerts pushed to crews' phones.
    public let alerts: CrewAlertService
    /// Hospital sites' clinic lists.
    public let clinicLists: ClinicListService
    /// The day-before confirmation calls.
    public let calls: ConfirmationCallService
    /// The contract's indicators per day, planned and actual.
    public let reports: TransportReportService

    /// Composes the transport use cases.
    public init(environment: ServiceEnvironment) {
        bookings = TransportBookingService(environment)
        plans = TransportPlanService(environment)
        runSheets = RunSheetService(environment)
        alerts = CrewAlertService(environment)
        clinicLists = ClinicListService(environment)
        calls = ConfirmationCallService(environment)
        reports = TransportReportService(environment)
    }
}
