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
    /// Notes written on pathways.
    var pathwayNotes: any PathwayNoteRepository { get }
    /// The dates offered to patients and their answers.
    var offerRecords: any OfferRecordRepository { get }
    /// The trust's clinic closure days.
    var closures: any ClinicClosureRepository { get }
    /// Transport requests for appointments (read by the transport service).
    var journeyRequests: any JourneyRequestRepository { get }
    /// Patient transport journeys.
    var transportJourneys: any TransportJourneyRepository { get }
    /// Vehicles with their crews, day by day.
    var vehicleShifts: any VehicleShiftRepository { get }
    /// Committed transport plans.
    var transportPlans: any TransportPlanRepository { get }
    /// Authorisations of third-party transport.
    var thirdPartyAuthorisations: any ThirdPartyAuthorisationRepository { get }
    /// Letters, texts, emails and phone tasks waiting to go or gone.
    var outbox: any OutboxRepository { get }
    /// The organisation's reference data: specialties, locations, clinicians.
    var organisation: any OrganisationRepository { get }
    /// Small named settings (demo seed, schema facts).
    var settings: any SettingsRepository { get }
    /// Background solve jobs.
    var solveJobs: any SolveJobRepository { get }
    /// Crew members' browsers that take run-sheet alerts.
    var pushSubscriptions: any PushSubscriptionRepository { get }
    /// The store's version: it advances with every committed write, whoever wrote, so that a
    /// result computed at one version is current as long as the version has not moved.
    func version() async throws -> Int64
}
