/// A user's role. Each role sees and does only what it allows; a carer or crew member sees
/// only their own work.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// System administrator: users, tokens, audit.
    case admin
    /// Books outpatient appointments and manages waiting lists.
    case bookingCoordinator = "booking-coordinator"
    /// Senior booking/team leader: escalations, mass rescheduling, reports.
    case teamLeader = "team-leader"
    /// Consultant or clinician running clinics; overrides access-policy decisions.
    case clinician
    /// Plans patient transport journeys.
    case transportPlanner = "transport-planner"
    /// Manages the transport contract; authorises third-party providers.
    case transportManager = "transport-manager"
    /// Ambulance crew member: sees own run sheet only.
    case crew
    /// Home-care scheduler: builds carers' rotas.
    case scheduler
    /// Care manager (DSO): escalations, authorisations for home care.
    case careManager = "care-manager"
    /// Care worker: sees own rota only.
    case carer
    /// An external booking system (the NHS e-Referral Service): an API client that finds the
    /// slots published for external booking, and nothing else.
    case externalBooking = "external-booking"

    /// Name shown to people.
    public var displayName: String {
        switch self {
        case .admin: "Administrator"
        case .bookingCoordinator: "Booking coordinator"
        case .teamLeader: "Team leader"
        case .clinician: "Clinician"
        case .transportPlanner: "Transport planner"
        case .transportManager: "Transport manager"
        case .crew: "Crew"
        case .scheduler: "Scheduler"
        case .careManager: "Care manager"
        case .carer: "Carer"
        case .externalBooking: "External booking system"
        }
    }

    /// The services this role works in, in the order its home page lists them.
    public var services: [KairosService] {
        switch self {
        case .admin: KairosService.allCases
        case .bookingCoordinator, .teamLeader, .clinician: [.outpatients]
        case .transportPlanner, .transportManager, .crew: [.transport]
        case .scheduler, .careManager, .carer: [.homeCare]
        case .externalBooking: []
        }
    }

    /// Whether the role is limited to its own work (a carer's rota, a crew's run sheet).
    public var seesOwnWorkOnly: Bool { self == .carer || self == .crew }

    /// Roles that work in outpatients: they read referrals, pathways, appointments, clinics, the
    /// tracking list, letters and reports, and every patient record.
    public static let outpatientStaff: Set<Role> = [.admin, .bookingCoordinator, .teamLeader, .clinician]

    /// Transport office roles: they see a patient only through the patient's journeys.
    public static let transportOffice: Set<Role> = [.transportPlanner, .transportManager]

    /// Roles that may read patient records: outpatient staff every record, the transport office
    /// only the records of patients with a journey (see ``seesEveryPatient``). Home-care roles
    /// see clients through home care's own records, not here.
    public static let patientReaders: Set<Role> = outpatientStaff.union(transportOffice)

    /// Whether the role reads every patient record (outpatient staff) rather than only those its
    /// own service's records name.
    public var seesEveryPatient: Bool { Role.outpatientStaff.contains(self) }

    /// Roles that may register and change patient records.
    public static let patientEditors: Set<Role> = [.admin, .bookingCoordinator, .teamLeader]

    /// Roles that set up clinic templates and generate slots.
    public static let clinicEditors: Set<Role> = [.admin, .teamLeader]

    /// Roles that may find clinic slots: outpatient staff every slot, an external booking system
    /// only the free slots published for external booking.
    public static let slotReaders: Set<Role> = outpatientStaff.union([.externalBooking])

    /// Office roles that may read the organisation's reference data.
    public static let office: Set<Role> = Set(Role.allCases).subtracting([.carer, .crew])

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The three services Kairos runs.
public enum KairosService: String, Codable, Sendable, CaseIterable {
    /// Outpatient booking and waiting lists.
    case outpatients
    /// Patient transport planning.
    case transport
    /// Home care rotas.
    case homeCare = "home-care"

    /// Name shown to people.
    public var displayName: String {
        switch self {
        case .outpatients: "Outpatients"
        case .transport: "Patient transport"
        case .homeCare: "Home care"
        }
    }

    /// One line saying what the service does.
    public var summary: String {
        switch self {
        case .outpatients: "Waiting lists, clinics, booking, letters and reminders, strike rescheduling."
        case .transport: "Next-day journey plans for crews and vehicles, re-planned during the day."
        case .homeCare: "Carers' rotas from clients' visit plans, absences and visit monitoring."
        }
    }
}
