import HTTPTypes
import SchedulingDomain
import SchedulingServices

/// Who may call a route.
public enum Access: Sendable, Equatable {
    /// Anyone, logged in or not.
    case everyone
    /// Any logged-in user.
    case authenticated
    /// Logged-in users holding one of these roles.
    case roles(Set<Role>)

    /// Whether a user with `role` may call the route.
    public func allows(_ role: Role) -> Bool {
        switch self {
        case .everyone, .authenticated: true
        case .roles(let roles): roles.contains(role)
        }
    }
}

/// What a route answers with: JSON (bearer token), HTML pages (session cookie), or plain
/// machine endpoints (health, metrics, the API description).
public enum RouteKind: String, Sendable {
    case api, page, meta
    /// The FHIR R4 interface: bearer tokens, FHIR JSON, OperationOutcome errors.
    case fhir
}

/// One route: method, path (Hummingbird syntax, `:id` for a parameter), who may call it, and
/// its one-line description. Every route of the application is declared here and nowhere else.
public struct RouteSpec: Sendable, Hashable {
    /// HTTP method.
    public let method: HTTPRequest.Method
    /// Path with `:name` parameters.
    public let path: String
    /// Who may call it.
    public let access: Access
    /// JSON, page or meta.
    public let kind: RouteKind
    /// Unique operation id, also used in the OpenAPI document.
    public let operationID: String
    /// One-line summary.
    public let summary: String

    public static func == (a: Self, b: Self) -> Bool { a.operationID == b.operationID }
    public func hash(into hasher: inout Hasher) { hasher.combine(operationID) }

    /// The path in OpenAPI syntax (`{id}`).
    public var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }
}

/// The single table of routes and the roles each allows.
public enum RouteCatalogue {
    // MARK: Meta
    static let health = RouteSpec(method: .get, path: "/health", access: .everyone, kind: .meta, operationID: "getHealth", summary: "Liveness and database check.")
    static let metrics = RouteSpec(method: .get, path: "/metrics", access: .everyone, kind: .meta, operationID: "getMetrics", summary: "Prometheus metrics.")
    static let openAPI = RouteSpec(method: .get, path: "/openapi.json", access: .everyone, kind: .meta, operationID: "getOpenAPI", summary: "This API description (OpenAPI 3.1).")

    // MARK: Pages
    static let loginPage = RouteSpec(method: .get, path: "/login", access: .everyone, kind: .page, operationID: "showLogin", summary: "Login form.")
    static let login = RouteSpec(method: .post, path: "/login", access: .everyone, kind: .page, operationID: "submitLogin", summary: "Log in with username and password; sets the session cookie.")
    static let logout = RouteSpec(method: .post, path: "/logout", access: .authenticated, kind: .page, operationID: "submitLogout", summary: "Log out; ends the session.")
    static let home = RouteSpec(method: .get, path: "/", access: .authenticated, kind: .page, operationID: "showHome", summary: "Home page for the user's role.")
    static let servicePage = RouteSpec(method: .get, path: "/services/:service", access: .authenticated, kind: .page, operationID: "showService", summary: "A service's start page (outpatients, transport, home-care).")
    static let passwordPage = RouteSpec(method: .get, path: "/account/password", access: .authenticated, kind: .page, operationID: "showPasswordChange", summary: "Change-password form.")
    static let passwordChange = RouteSpec(method: .post, path: "/account/password", access: .authenticated, kind: .page, operationID: "submitPasswordChange", summary: "Change one's own password.")
    static let patientSearchPage = RouteSpec(method: .get, path: "/patients", access: .roles(Role.patientReaders), kind: .page, operationID: "showPatientSearch", summary: "Find a patient by NHS number.")
    static let patientPage = RouteSpec(method: .get, path: "/patients/:id", access: .roles(Role.patientReaders), kind: .page, operationID: "showPatient", summary: "A patient's record (audited read).")
    static let adminUsersPage = RouteSpec(method: .get, path: "/admin/users", access: .roles([.admin]), kind: .page, operationID: "showUsers", summary: "Users and the form to add one.")
    static let adminUserCreate = RouteSpec(method: .post, path: "/admin/users", access: .roles([.admin]), kind: .page, operationID: "submitUser", summary: "Add a user; shows the one-time password.")
    static let adminAuditPage = RouteSpec(method: .get, path: "/admin/audit", access: .roles([.admin]), kind: .page, operationID: "showAudit", summary: "Recent audit entries and chain verification.")

    // MARK: API
    static let apiMe = RouteSpec(method: .get, path: "/api/v1/me", access: .authenticated, kind: .api, operationID: "getMe", summary: "The calling user.")
    static let apiUsersList = RouteSpec(method: .get, path: "/api/v1/users", access: .roles([.admin]), kind: .api, operationID: "listUsers", summary: "All users.")
    static let apiUsersCreate = RouteSpec(method: .post, path: "/api/v1/users", access: .roles([.admin]), kind: .api, operationID: "createUser", summary: "Create a user; answers with a one-time password.")
    static let apiTokensList = RouteSpec(method: .get, path: "/api/v1/tokens", access: .authenticated, kind: .api, operationID: "listTokens", summary: "The caller's API tokens (never their secrets).")
    static let apiTokensCreate = RouteSpec(method: .post, path: "/api/v1/tokens", access: .authenticated, kind: .api, operationID: "createToken", summary: "Issue a new API token for the caller; the secret is shown once.")
    static let apiTokensRevoke = RouteSpec(method: .delete, path: "/api/v1/tokens/:id", access: .authenticated, kind: .api, operationID: "revokeToken", summary: "Revoke a token (one's own; admins any).")
    static let apiAuditList = RouteSpec(method: .get, path: "/api/v1/audit", access: .roles([.admin]), kind: .api, operationID: "listAudit", summary: "Recent audit entries, newest first.")
    static let apiAuditVerify = RouteSpec(method: .get, path: "/api/v1/audit/verification", access: .roles([.admin]), kind: .api, operationID: "verifyAudit", summary: "Recompute the audit hash chain and name the first broken entry.")
    static let apiOrganisation = RouteSpec(method: .get, path: "/api/v1/organisation", access: .roles(Role.office), kind: .api, operationID: "getOrganisation", summary: "The organisation, its specialties, clinic locations and clinicians.")
    static let apiPatientsCreate = RouteSpec(method: .post, path: "/api/v1/patients", access: .roles(Role.patientEditors), kind: .api, operationID: "createPatient", summary: "Register a patient.")
    static let apiPatientsSearch = RouteSpec(method: .get, path: "/api/v1/patients", access: .roles(Role.patientReaders), kind: .api, operationID: "searchPatients", summary: "Find patients by NHS number (audited).")
    static let apiPatientsRead = RouteSpec(method: .get, path: "/api/v1/patients/:id", access: .roles(Role.patientReaders), kind: .api, operationID: "getPatient", summary: "Read a patient record (audited).")
    static let apiReferralsCreate = RouteSpec(method: .post, path: "/api/v1/referrals", access: .roles(Role.patientEditors), kind: .api, operationID: "createReferral", summary: "Put a referral on its specialty's waiting list (its RTT clock starts on the day received).")
    static let apiReferralsRead = RouteSpec(method: .get, path: "/api/v1/referrals/:id", access: .roles(Role.patientReaders), kind: .api, operationID: "getReferral", summary: "Read a referral with its RTT clock (audited).")
    static let apiReferralsRemove = RouteSpec(method: .post, path: "/api/v1/referrals/:id/removal", access: .roles(Role.patientEditors), kind: .api, operationID: "removeReferral", summary: "Take a referral off its waiting list with a reason.")
    static let apiClinicTemplatesCreate = RouteSpec(method: .post, path: "/api/v1/clinic-templates", access: .roles(Role.clinicEditors), kind: .api, operationID: "createClinicTemplate", summary: "Add a recurring clinic session made of slots.")
    static let apiClinicTemplateChange = RouteSpec(method: .post, path: "/api/v1/clinic-templates/:id/change", access: .roles(Role.clinicEditors), kind: .api, operationID: "changeClinicTemplate", summary: "Preview (default) or make a change to a template — an end date or fewer slots a session — listing every booking in the slots it removes; those bookings are cancelled by the hospital and their referrals stay on the list with their priority and clock.")
    static let apiSlotsGenerate = RouteSpec(method: .post, path: "/api/v1/slots/generation", access: .roles(Role.clinicEditors), kind: .api, operationID: "generateSlots", summary: "Generate every template's slots from today for a number of days (84 by default); slots already there are kept.")
    static let apiSlotsList = RouteSpec(method: .get, path: "/api/v1/slots", access: .roles(Role.patientReaders), kind: .api, operationID: "listSlots", summary: "Slots between two dates (from, through), optionally of one specialty and status.")
    static let apiReferralAvailability = RouteSpec(method: .put, path: "/api/v1/referrals/:id/availability", access: .roles(Role.patientEditors), kind: .api, operationID: "setReferralAvailability", summary: "Record the weekdays and the first day the patient can attend; offers and auto-allocation keep to them.")
    static let apiReferralOffers = RouteSpec(method: .get, path: "/api/v1/referrals/:id/offers", access: .roles(Role.patientEditors), kind: .api, operationID: "offerSlots", summary: "The best free slots for a referral: its specialty, a type its priority may use, the patient's location and weekdays; those before the due day first.")
    static let apiBookingsCreate = RouteSpec(method: .post, path: "/api/v1/bookings", access: .roles(Role.patientEditors), kind: .api, operationID: "createBooking", summary: "Book a referral into a free slot (409 if someone else took it first).")
    static let apiAppointmentRead = RouteSpec(method: .get, path: "/api/v1/appointments/:id", access: .roles(Role.patientReaders), kind: .api, operationID: "getAppointment", summary: "An appointment with its slot, transport request and access decision (audited).")
    static let apiReferralAppointments = RouteSpec(method: .get, path: "/api/v1/referrals/:id/appointments", access: .roles(Role.patientReaders), kind: .api, operationID: "listReferralAppointments", summary: "A referral's appointments, oldest first, with their slots.")
    static let apiAppointmentCancel = RouteSpec(method: .post, path: "/api/v1/appointments/:id/cancellation", access: .roles(Role.patientEditors), kind: .api, operationID: "cancelAppointment", summary: "Cancel a booked appointment at the patient's or the hospital's request; the slot is freed and the referral keeps its place.")
    static let apiAppointmentChange = RouteSpec(method: .post, path: "/api/v1/appointments/:id/change", access: .roles(Role.patientEditors), kind: .api, operationID: "changeAppointment", summary: "Move a booked appointment to another free slot (one step: the old is cancelled, the new booked).")
    static let apiAppointmentOutcome = RouteSpec(method: .post, path: "/api/v1/appointments/:id/outcome", access: .roles(AppointmentService.outcomeRecorders), kind: .api, operationID: "recordOutcome", summary: "Record attendance (attended or dna); a DNA applies the access policy.")
    static let apiJourneyRequests = RouteSpec(method: .get, path: "/api/v1/journey-requests", access: .roles([.admin, .transportPlanner, .transportManager, .bookingCoordinator, .teamLeader]), kind: .api, operationID: "listJourneyRequests", summary: "Open transport requests for appointments between two dates (from, to), for the transport service.")
    static let apiAccessPolicyRead = RouteSpec(method: .get, path: "/api/v1/access-policy", access: .roles(Role.patientReaders), kind: .api, operationID: "getAccessPolicy", summary: "The access policy applied after DNAs.")
    static let apiAccessPolicySet = RouteSpec(method: .put, path: "/api/v1/access-policy", access: .roles(Role.clinicEditors), kind: .api, operationID: "setAccessPolicy", summary: "Replace the access policy (audited).")
    static let apiAccessDecisions = RouteSpec(method: .get, path: "/api/v1/access-decisions", access: .roles(Role.patientReaders), kind: .api, operationID: "listAccessDecisions", summary: "Access decisions awaiting a clinician, oldest first.")
    static let apiAccessDecisionResolve = RouteSpec(method: .post, path: "/api/v1/access-decisions/:id/resolution", access: .roles(AccessPolicyService.confirmers), kind: .api, operationID: "resolveAccessDecision", summary: "Confirm or (clinicians, with a note) override an access decision: rebook or discharge.")
    static let apiMessagesList = RouteSpec(method: .get, path: "/api/v1/messages", access: .roles(Role.patientReaders), kind: .api, operationID: "listMessages", summary: "Outbox messages, newest first (filters: status, channel, kind, patientId, appointmentId, limit).")
    static let apiMessagesSummary = RouteSpec(method: .get, path: "/api/v1/messages/summary", access: .roles(Role.patientReaders), kind: .api, operationID: "summariseMessages", summary: "Outbox counts by status and channel.")
    static let apiMessageTask = RouteSpec(method: .post, path: "/api/v1/messages/:id/completion", access: .roles(Role.patientEditors), kind: .api, operationID: "completePhoneTask", summary: "Record a phone-call task as done (sent) or not possible (failed).")
    static let apiMessagingSettingsRead = RouteSpec(method: .get, path: "/api/v1/messaging-settings", access: .roles(Role.patientReaders), kind: .api, operationID: "getMessagingSettings", summary: "Booking phone number, preparation texts and reminder offsets.")
    static let apiMessagingSettingsSet = RouteSpec(method: .put, path: "/api/v1/messaging-settings", access: .roles(Role.clinicEditors), kind: .api, operationID: "setMessagingSettings", summary: "Replace the messaging settings (audited).")
    static let apiMessageTemplateRead = RouteSpec(method: .get, path: "/api/v1/message-templates/:key", access: .roles(Role.patientReaders), kind: .api, operationID: "getMessageTemplate", summary: "The template in force for a key such as confirmation.letter.")
    static let apiMessageTemplateSet = RouteSpec(method: .put, path: "/api/v1/message-templates/:key", access: .roles(Role.clinicEditors), kind: .api, operationID: "setMessageTemplate", summary: "Replace a message template (checked before it is stored; audited).")
    static let apiAllocations = RouteSpec(method: .post, path: "/api/v1/allocations", access: .roles(Role.patientEditors), kind: .api, operationID: "allocateWaitingLists", summary: "Auto-allocation: preview (default) the filling of free slots from the waiting lists in clinical-priority then due order, with a reason for everyone left; commit the previewed plan by its planID.")
    static let apiReportWaitingList = RouteSpec(method: .get, path: "/api/v1/reports/waiting-list", access: .roles(Role.patientReaders), kind: .api, operationID: "getWaitingListReport", summary: "18-week performance, the list's shape by weeks waited, breaches by specialty, slot utilisation and DNA rate over the past days (specialtyId, days).")
    static let apiReportProjection = RouteSpec(method: .get, path: "/api/v1/reports/backlog-projection", access: .roles(Role.patientReaders), kind: .api, operationID: "projectBacklog", summary: "What-if: weeks to clear everyone waiting over 18 weeks and the share within 18 weeks, week by week, for given extra capacity (measured capacity and referrals unless given).")
    static let waitingListChart = RouteSpec(method: .get, path: "/reports/waiting-list-shape.svg", access: .roles(Role.patientReaders), kind: .page, operationID: "showWaitingListChart", summary: "The waiting list's shape as an SVG bar chart (specialtyId).")
    static let apiSessionCancellations = RouteSpec(method: .post, path: "/api/v1/session-cancellations", access: .roles(Role.clinicEditors), kind: .api, operationID: "cancelSessions", summary: "Preview (default) or carry out the cancellation of clinic sessions: clinicians, days, optionally one template; lists every displaced booking and the capacity shortfall, and with rebook rebooks the displaced by clinical priority into remaining and short-notice clinics after a notice period.")
    static let letterPage = RouteSpec(method: .get, path: "/letters/:id", access: .roles(Role.patientReaders), kind: .page, operationID: "showLetter", summary: "A letter as a printable page (the read is audited).")
    static let apiTrackingList = RouteSpec(method: .get, path: "/api/v1/tracking-list", access: .roles(Role.patientReaders), kind: .api, operationID: "getTrackingList", summary: "The patient tracking list: open pathways by priority then due day, with weeks waited and breach dates (filters: specialtyId, priority, minWeeks, breached).")
    static let apiReferralsImport = RouteSpec(method: .post, path: "/api/v1/referrals/import", access: .roles(Role.patientEditors), kind: .api, operationID: "importReferrals", summary: "Import referrals from CSV (text/csv: a header row naming nhs_number, specialty_code, referrer, priority, received and optionally available_weekdays, available_from, consultant_led); all or nothing.")
    static let apiTrackingListCSV = RouteSpec(method: .get, path: "/api/v1/tracking-list.csv", access: .roles(Role.patientReaders), kind: .api, operationID: "exportTrackingList", summary: "The patient tracking list as CSV, with the same filters (the export is audited).")

    // MARK: FHIR R4
    static let fhirMetadata = RouteSpec(method: .get, path: "/fhir/metadata", access: .everyone, kind: .fhir, operationID: "fhirCapabilities", summary: "The FHIR CapabilityStatement.")
    static let fhirPatientRead = RouteSpec(method: .get, path: "/fhir/Patient/:id", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirReadPatient", summary: "A Patient (audited).")
    static let fhirPatientSearch = RouteSpec(method: .get, path: "/fhir/Patient", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirSearchPatient", summary: "Patients by NHS number: identifier=https://fhir.nhs.uk/Id/nhs-number|number (audited).")
    static let fhirScheduleRead = RouteSpec(method: .get, path: "/fhir/Schedule/:id", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirReadSchedule", summary: "A clinician's Schedule.")
    static let fhirScheduleSearch = RouteSpec(method: .get, path: "/fhir/Schedule", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirSearchSchedule", summary: "Schedules by service-type (specialty code) or actor.")
    static let fhirSlotRead = RouteSpec(method: .get, path: "/fhir/Slot/:id", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirReadSlot", summary: "A Slot.")
    static let fhirSlotSearch = RouteSpec(method: .get, path: "/fhir/Slot", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirSearchSlot", summary: "Slots by status, start (date range), schedule and service-type.")
    static let fhirAppointmentRead = RouteSpec(method: .get, path: "/fhir/Appointment/:id", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirReadAppointment", summary: "An Appointment (audited).")
    static let fhirAppointmentSearch = RouteSpec(method: .get, path: "/fhir/Appointment", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirSearchAppointment", summary: "A patient's Appointments, by date and status (audited).")
    static let fhirAppointmentCreate = RouteSpec(method: .post, path: "/fhir/Appointment", access: .roles(Role.patientEditors), kind: .fhir, operationID: "fhirCreateAppointment", summary: "Book: an Appointment referencing a free Slot and a Patient (and the referral as basedOn ServiceRequest); 409 OperationOutcome if the slot is taken.")
    static let fhirAppointmentUpdate = RouteSpec(method: .put, path: "/fhir/Appointment/:id", access: .roles(Role.patientEditors), kind: .fhir, operationID: "fhirUpdateAppointment", summary: "Cancel an Appointment by updating its status to cancelled.")

    // MARK: Outpatient pages
    static let trackingListCSVPage = RouteSpec(method: .get, path: "/outpatients/tracking-list.csv", access: .roles(Role.patientReaders), kind: .page, operationID: "downloadTrackingList", summary: "Download the patient tracking list as CSV, with the page's filters (audited).")
    static let trackingListPage = RouteSpec(method: .get, path: "/outpatients/tracking-list", access: .roles(Role.patientReaders), kind: .page, operationID: "showTrackingList", summary: "The patient tracking list: open pathways by priority then due day, with filters.")
    static let pathwayPage = RouteSpec(method: .get, path: "/outpatients/referrals/:id", access: .roles(Role.patientReaders), kind: .page, operationID: "showPathway", summary: "A referral's pathway: its RTT clock, appointments, letters and (for bookers) the best slots to book (audited read).")
    static let pathwayBooking = RouteSpec(method: .post, path: "/outpatients/referrals/:id/booking", access: .roles(Role.patientEditors), kind: .page, operationID: "submitPathwayBooking", summary: "Book the referral into a chosen slot from its pathway page.")
    static let appointmentCancellationPage = RouteSpec(method: .post, path: "/outpatients/appointments/:id/cancellation", access: .roles(Role.patientEditors), kind: .page, operationID: "submitAppointmentCancellationForm", summary: "Cancel a booked appointment from its pathway page.")
    static let clinicCalendarPage = RouteSpec(method: .get, path: "/outpatients/clinics", access: .roles(Role.patientReaders), kind: .page, operationID: "showClinicCalendar", summary: "A week of a clinician's or a location's clinic slots and who holds them.")
    static let allocationPage = RouteSpec(method: .get, path: "/outpatients/allocation", access: .roles(Role.patientEditors), kind: .page, operationID: "showAllocation", summary: "The auto-allocation form.")
    static let allocationSubmit = RouteSpec(method: .post, path: "/outpatients/allocation", access: .roles(Role.patientEditors), kind: .page, operationID: "submitAllocation", summary: "Preview auto-allocation, or commit the previewed plan.")
    static let strikePage = RouteSpec(method: .get, path: "/outpatients/strike", access: .roles(Role.clinicEditors), kind: .page, operationID: "showStrikeWizard", summary: "The strike rescheduling wizard: choose clinicians and days.")
    static let strikeSubmit = RouteSpec(method: .post, path: "/outpatients/strike", access: .roles(Role.clinicEditors), kind: .page, operationID: "submitStrike", summary: "Preview the cancellation of sessions with rebooking of the displaced, or carry it out.")
    static let reportsPage = RouteSpec(method: .get, path: "/outpatients/reports", access: .roles(Role.patientReaders), kind: .page, operationID: "showReports", summary: "18-week performance, the list's shape, breaches by specialty, utilisation, DNA rate and the what-if projection.")

    /// Every route, in registration order.
    public static let all: [RouteSpec] = [
        health, metrics, openAPI,
        loginPage, login, logout, home, servicePage, passwordPage, passwordChange, patientSearchPage, patientPage,
        adminUsersPage, adminUserCreate, adminAuditPage,
        apiMe, apiUsersList, apiUsersCreate, apiTokensList, apiTokensCreate, apiTokensRevoke, apiAuditList,
        apiAuditVerify, apiOrganisation, apiPatientsCreate, apiPatientsSearch, apiPatientsRead,
        apiReferralsCreate, apiReferralsRead, apiReferralsRemove, apiTrackingList, apiClinicTemplatesCreate, apiClinicTemplateChange, apiSlotsGenerate, apiSlotsList,
        apiBookingsCreate, apiReferralOffers, apiReferralAvailability, apiAppointmentRead, apiReferralAppointments, apiAppointmentCancel, apiAppointmentChange,
        apiAppointmentOutcome, apiJourneyRequests, apiAccessPolicyRead, apiAccessPolicySet, apiAccessDecisions, apiAccessDecisionResolve,
        apiMessagesSummary, apiMessagesList, apiMessageTask, apiMessagingSettingsRead, apiMessagingSettingsSet, apiMessageTemplateRead,
        apiMessageTemplateSet, apiSessionCancellations, apiAllocations, apiReportWaitingList, apiReportProjection, waitingListChart, letterPage,
        trackingListPage, pathwayPage, pathwayBooking, appointmentCancellationPage, clinicCalendarPage, allocationPage, allocationSubmit,
        strikePage, strikeSubmit, reportsPage, apiReferralsImport, apiTrackingListCSV, trackingListCSVPage,
        fhirMetadata, fhirPatientRead, fhirPatientSearch, fhirScheduleRead, fhirScheduleSearch, fhirSlotRead, fhirSlotSearch, fhirAppointmentRead,
        fhirAppointmentSearch, fhirAppointmentCreate, fhirAppointmentUpdate,
    ]
}
