import SchedulingDomain
import SchedulingServices

/// The routes every service shares: meta endpoints, logging in, accounts, audit, patients, the
/// organisation and the outbox (messages, letters, messaging settings and templates), each with
/// its roles and its OpenAPI description.
enum SharedRoutes {
    static let health = RouteSpec(
        method: .get, path: "/health", access: .everyone, kind: .meta, operationID: "getHealth",
        summary: "Readiness (as /health/ready): the store can be read and written.",
        operation: .init(responses: [("200", "Ready.", "Health", .json), ("503", "The store cannot be read or written (disk full, read-only).", "Health", .json)]))

    static let liveness = RouteSpec(
        method: .get, path: "/health/live", access: .everyone, kind: .meta, operationID: "getLiveness",
        summary: "Liveness: the process serves requests (the store is not checked).",
        operation: .init(responses: [("200", "Alive.", "Health", .json)]))

    static let readiness = RouteSpec(
        method: .get, path: "/health/ready", access: .everyone, kind: .meta, operationID: "getReadiness",
        summary: "Readiness: a read and a committed probe write; failures are logged and counted in /metrics.",
        operation: .init(responses: [("200", "Ready.", "Health", .json), ("503", "The store cannot be read or written (disk full, read-only).", "Health", .json)]))

    static let metrics = RouteSpec(
        method: .get, path: "/metrics", access: .everyone, kind: .meta, operationID: "getMetrics",
        summary: "Prometheus metrics.",
        operation: .init(responses: [("200", "Prometheus text exposition format.", nil, .text)]))

    static let openAPI = RouteSpec(
        method: .get, path: "/openapi.json", access: .everyone, kind: .meta, operationID: "getOpenAPI",
        summary: "This API description (OpenAPI 3.1).",
        operation: .init(responses: [("200", "This document.", nil, .json)]))

    static let loginPage = RouteSpec(
        method: .get, path: "/login", access: .everyone, kind: .page, operationID: "showLogin",
        summary: "Login form.",
        operation: .init(query: [("next", "Where to go after logging in (a path on this site).", false, "string")],
                           responses: [("200", "The login form.", nil, .html), ("303", "Already logged in: redirect home.", nil, .html)]))

    static let login = RouteSpec(
        method: .post, path: "/login", access: .everyone, kind: .page, operationID: "submitLogin",
        summary: "Log in with username and password; sets the session cookie.",
        operation: .init(requestSchema: "LoginForm", requestMedia: .form,
                             responses: [("303", "Logged in: session cookie set, redirect.", nil, .html),
                                         ("401", "Unknown username or wrong password.", nil, .html),
                                         ("429", "Too many failed logins for the username or from the address: try again after Retry-After.", nil, .html),
                                         ("403", "Missing or wrong CSRF token.", nil, .html)]))

    static let logout = RouteSpec(
        method: .post, path: "/logout", access: .authenticated, kind: .page, operationID: "submitLogout",
        summary: "Log out; ends the session.",
        operation: .init(requestSchema: "CSRFForm", requestMedia: .form,
                              responses: [("303", "Logged out: redirect to the login page.", nil, .html)]))

    static let home = RouteSpec(
        method: .get, path: "/", access: .authenticated, kind: .page, operationID: "showHome",
        summary: "Home page for the user's role.",
        operation: .init(responses: [("200", "The home page for the user's role.", nil, .html)]))

    static let servicePage = RouteSpec(
        method: .get, path: "/services/:service", access: .authenticated, kind: .page, operationID: "showService",
        summary: "A service's start page (outpatients, transport, home-care).",
        operation: .init(responses: [("200", "The service's start page.", nil, .html), ("404", "No such service.", nil, .html)]))

    static let passwordPage = RouteSpec(
        method: .get, path: "/account/password", access: .authenticated, kind: .page, operationID: "showPasswordChange",
        summary: "Change-password form.",
        operation: .init(responses: [("200", "The form.", nil, .html)]))

    static let passwordChange = RouteSpec(
        method: .post, path: "/account/password", access: .authenticated, kind: .page, operationID: "submitPasswordChange",
        summary: "Change one's own password.",
        operation: .init(requestSchema: "PasswordForm", requestMedia: .form,
                                      responses: [("200", "Changed.", nil, .html), ("422", "The new password breaks a rule.", nil, .html)]))

    static let patientSearchPage = RouteSpec(
        method: .get, path: "/patients", access: .roles(Role.patientReaders), kind: .page, operationID: "showPatientSearch",
        summary: "Find a patient by name, NHS number, date of birth or postcode (audited).",
        operation: .init(query: [("q", "A name or an NHS number.", false, "string"), ("nhsNumber", "An NHS number (another name for q).", false, "string"),
                                 ("birthDate", "Date of birth.", false, "string"), ("postcode", "Postcode or its start.", false, "string")],
                                   responses: [("200", "The search form and the patients found.", nil, .html),
                                               ("303", "One patient found by NHS number: their record.", nil, .html),
                                               ("422", "A criterion breaks its rule: the form with the error beside the field.", nil, .html)]))

    static let patientPage = RouteSpec(
        method: .get, path: "/patients/:id", access: .roles(Role.patientReaders), kind: .page, operationID: "showPatient",
        summary: "A patient's record (audited read).",
        operation: .init(responses: [("200", "The record (the read is audited).", nil, .html), ("404", "No such patient.", nil, .html)]))

    static let adminUsersPage = RouteSpec(
        method: .get, path: "/admin/users", access: .roles([.admin]), kind: .page, operationID: "showUsers",
        summary: "Users and the form to add one.",
        operation: .init(responses: [("200", "Users and the add-user form.", nil, .html)]))

    static let adminUserCreate = RouteSpec(
        method: .post, path: "/admin/users", access: .roles([.admin]), kind: .page, operationID: "submitUser",
        summary: "Add a user; shows the one-time password.",
        operation: .init(requestSchema: "UserForm", requestMedia: .form,
                            responses: [("201", "Created; the one-time password is shown once.", nil, .html), ("422", "Invalid input.", nil, .html)]))

    static let adminAuditPage = RouteSpec(
        method: .get, path: "/admin/audit", access: .roles([.admin]), kind: .page, operationID: "showAudit",
        summary: "Recent audit entries and chain verification.",
        operation: .init(responses: [("200", "Recent entries and the chain's state.", nil, .html)]))

    static let apiMe = RouteSpec(
        method: .get, path: "/api/v1/me", access: .authenticated, kind: .api, operationID: "getMe",
        summary: "The calling user.",
        operation: .init(responses: [("200", "The calling user.", "User", .json)]))

    static let apiUsersList = RouteSpec(
        method: .get, path: "/api/v1/users", access: .roles([.admin]), kind: .api, operationID: "listUsers",
        summary: "All users.",
        operation: .init(query: [("limit", "Page size (1–1000, default 100); X-Total-Count or Link tells of more.", false, .limit()), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset)],
                         responses: [("200", "All users.", "UserList", .json)]))

    static let apiUsersCreate = RouteSpec(
        method: .post, path: "/api/v1/users", access: .roles([.admin]), kind: .api, operationID: "createUser",
        summary: "Create a user; answers with a one-time password.",
        operation: .init(requestSchema: "CreateUserRequest",
                            responses: [("201", "Created.", "CreatedUser", .json), ("409", "The username is taken.", "Problem", .problem)]))

    static let apiTokensList = RouteSpec(
        method: .get, path: "/api/v1/tokens", access: .authenticated, kind: .api, operationID: "listTokens",
        summary: "The caller's API tokens (never their secrets).",
        operation: .init(query: [("limit", "Page size (1–1000, default 100); X-Total-Count or Link tells of more.", false, .limit()), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset)],
                         responses: [("200", "The caller's tokens.", "TokenList", .json)]))

    static let apiTokensCreate = RouteSpec(
        method: .post, path: "/api/v1/tokens", access: .authenticated, kind: .api, operationID: "createToken",
        summary: "Issue a new API token for the caller; the secret is shown once.",
        operation: .init(requestSchema: "CreateTokenRequest", responses: [("201", "Issued; the secret is shown once.", "IssuedToken", .json)]))

    static let apiTokensRevoke = RouteSpec(
        method: .delete, path: "/api/v1/tokens/:id", access: .authenticated, kind: .api, operationID: "revokeToken",
        summary: "Revoke a token (one's own; admins any).",
        operation: .init(responses: [("204", "Revoked.", nil, .json), ("404", "No such token of the caller's.", "Problem", .problem),
                                         ("409", "Already revoked.", "Problem", .problem)]))

    static let apiAuditList = RouteSpec(
        method: .get, path: "/api/v1/audit", access: .roles([.admin]), kind: .api, operationID: "listAudit",
        summary: "Recent audit entries, newest first.",
        operation: .init(query: [("limit", "Page size (1–1000, default 100); X-Total-Count or Link tells of more.", false, .limit()), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset),
                                   ("entityType", "Only entries about this kind of entity.", false, "string"),
                                   ("entityId", "Only entries about this entity.", false, "string")],
                           responses: [("200", "Newest entries first.", "AuditPage", .json)]))

    static let apiAuditVerify = RouteSpec(
        method: .get, path: "/api/v1/audit/verification", access: .roles([.admin]), kind: .api, operationID: "verifyAudit",
        summary: "Recompute the audit hash chain and name the first broken entry.",
        operation: .init(responses: [("200", "The verification result.", "AuditVerification", .json)]))

    static let apiOrganisation = RouteSpec(
        method: .get, path: "/api/v1/organisation", access: .roles(Role.office), kind: .api, operationID: "getOrganisation",
        summary: "The organisation, its specialties, clinic locations and clinicians.",
        operation: .init(responses: [("200", "The organisation's reference data.", "OrganisationOverview", .json)]))

    static let apiPatientsCreate = RouteSpec(
        method: .post, path: "/api/v1/patients", access: .roles(Role.patientEditors), kind: .api, operationID: "createPatient",
        summary: "Register a patient.",
        operation: .init(requestSchema: "PatientInput",
                               responses: [("201", "Registered.", "Patient", .json),
                                           ("409", "The NHS number or the hospital number is already registered.", "Problem", .problem)]))

    static let apiPatientsSearch = RouteSpec(
        method: .get, path: "/api/v1/patients", access: .roles(Role.patientReaders), kind: .api, operationID: "searchPatients",
        summary: "Find patients by NHS number, name, date of birth or postcode (audited; the transport office finds only patients with a journey requested).",
        operation: .init(query: [("q", "A name (\"Smith\", \"Ann Smith\" or \"Smith, Ann\": the start of each name) or an NHS number (spaces and dashes allowed).", false, .string),
                                 ("nhsNumber", "An NHS number (another name for q).", false, .string),
                                 ("birthDate", "Date of birth, YYYY-MM-DD or DD/MM/YYYY.", false, .string),
                                 ("postcode", "The postcode or its start (spaces and case ignored).", false, .string)],
                                responses: [("200", "The patients found, by name (at most 50).", "PatientList", .json),
                                            ("422", "No criterion, or one that breaks its rule.", "Problem", .problem)]))

    static let apiPatientsRead = RouteSpec(
        method: .get, path: "/api/v1/patients/:id", access: .roles(Role.patientReaders), kind: .api, operationID: "getPatient",
        summary: "Read a patient record (audited).",
        operation: .init(responses: [("200", "The record.", "Patient", .json), ("404", "No such patient.", "Problem", .problem)]))

    static let apiMessagesSummary = RouteSpec(
        method: .get, path: "/api/v1/messages/summary", access: .roles(Role.outpatientStaff), kind: .api, operationID: "summariseMessages",
        summary: "Outbox counts by status and channel.",
        operation: .init(responses: [("200", "Counts by status and channel.", "OutboxCountList", .json)]))

    static let apiMessagesList = RouteSpec(
        method: .get, path: "/api/v1/messages", access: .roles(Role.outpatientStaff), kind: .api, operationID: "listMessages",
        summary: "Outbox messages, newest first (filters: status, channel, kind, patientId, appointmentId, limit).",
        operation: .init(query: [("limit", "Page size (1–500, default 100); X-Total-Count or Link tells of more.", false, .limit(500, defaultLimit: 100)), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset),
                                   ("status", "queued, sent, failed or cancelled.", false, .choice(of: OutboxMessage.Status.self)), ("channel", "letter, sms, email or phone.", false, .choice(of: OutboxMessage.Channel.self)),
                                      ("kind", "confirmation, reminder, cancellation, change, dna-rebook, discharge or removal.", false, .choice(of: OutboxMessage.Kind.self)),
                                      ("patientId", "One patient's messages.", false, "string"), ("appointmentId", "One appointment's messages.", false, "string"),
                                      ],
                              responses: [("200", "Newest first.", "OutboxMessageList", .json)]))

    static let apiMessageTask = RouteSpec(
        method: .post, path: "/api/v1/messages/:id/completion", access: .roles(Role.patientEditors), kind: .api, operationID: "completePhoneTask",
        summary: "Record a phone-call task as done (sent) or not possible (failed).",
        operation: .init(requestSchema: "TaskInput",
                                   responses: [("200", "Recorded.", "OutboxMessage", .json), ("404", "No such message.", "Problem", .problem),
                                               ("409", "Not a queued phone task.", "Problem", .problem)]))

    static let apiMessagingSettingsRead = RouteSpec(
        method: .get, path: "/api/v1/messaging-settings", access: .roles(Role.outpatientStaff), kind: .api, operationID: "getMessagingSettings",
        summary: "Booking phone number, preparation texts and reminder offsets.",
        operation: .init(responses: [("200", "The settings.", "MessagingSettings", .json)]))

    static let apiMessagingSettingsSet = RouteSpec(
        method: .put, path: "/api/v1/messaging-settings", access: .roles(Role.clinicEditors), kind: .api, operationID: "setMessagingSettings",
        summary: "Replace the messaging settings (audited).",
        operation: .init(requestSchema: "MessagingSettings", responses: [("200", "Stored.", "MessagingSettings", .json)]))

    static let apiMessageTemplateRead = RouteSpec(
        method: .get, path: "/api/v1/message-templates/:key", access: .roles(Role.outpatientStaff), kind: .api, operationID: "getMessageTemplate",
        summary: "The template in force for a key such as confirmation.letter.",
        operation: .init(responses: [("200", "The template.", "MessageTemplate", .json), ("404", "No such template key.", "Problem", .problem)]))

    static let apiMessageTemplateSet = RouteSpec(
        method: .put, path: "/api/v1/message-templates/:key", access: .roles(Role.clinicEditors), kind: .api, operationID: "setMessageTemplate",
        summary: "Replace a message template (checked before it is stored; audited).",
        operation: .init(requestSchema: "MessageTemplate", responses: [("200", "Stored.", "MessageTemplate", .json)]))

    static let letterPage = RouteSpec(
        method: .get, path: "/letters/:id", access: .roles(Role.outpatientStaff), kind: .page, operationID: "showLetter",
        summary: "A letter as a printable page (the read is audited).",
        operation: .init(responses: [("200", "The letter, ready to print.", nil, .html), ("404", "No such letter.", nil, .html)]))

    static let apiRoutingJobsCreate = RouteSpec(
        method: .post, path: "/api/v1/routing/jobs", access: .roles(SolveJobKind.routing.roles), kind: .api, operationID: "startRoutingJob",
        summary: "Solve a routing problem in Kairos JSON in the background: answers 202 with the job at once; follow it at /api/v1/jobs/{id}.",
        operation: .init(requestSchema: "RoutingProblem",
                         query: [("timeLimitSeconds", "Search time in seconds (1–600, default 10).", false, .numberIn(1...600)),
                                 ("seed", "Seed of the engine's generator (default 1).", false, .integerFrom(0, defaultValue: 1))],
                         responses: [("202", "Queued: the job, with its Location.", "SolveJob", .json)]), lane: .heavy)

    static let apiJobsList = RouteSpec(
        method: .get, path: "/api/v1/jobs", access: .roles(SolveJobKind.anyRoles), kind: .api, operationID: "listJobs",
        summary: "The caller's solve jobs (every job for admins), newest first, without their results.",
        operation: .init(query: [("limit", "Page size (1–500, default 50); X-Total-Count or Link tells of more.", false, .limit(500, defaultLimit: 50)), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset)],
                         responses: [("200", "Newest first.", "SolveJobList", .json)]))

    static let apiJobRead = RouteSpec(
        method: .get, path: "/api/v1/jobs/:id", access: .roles(SolveJobKind.anyRoles), kind: .api, operationID: "getJob",
        summary: "A solve job: its status, progress, note and, once there is one, its result or error.",
        operation: .init(responses: [("200", "The job.", "SolveJob", .json), ("404", "No such job of a kind the role may use.", "Problem", .problem)]))

    static let apiJobCancel = RouteSpec(
        method: .delete, path: "/api/v1/jobs/:id", access: .roles(SolveJobKind.anyRoles), kind: .api, operationID: "cancelJob",
        summary: "Cancel a solve job: a queued one at once, a running one within a second (it keeps its result so far).",
        operation: .init(responses: [("200", "The job as it now is.", "SolveJob", .json), ("404", "No such job.", "Problem", .problem),
                                     ("409", "The job has already finished.", "Problem", .problem)]))

    /// Every route of the group, in registration order.
    static let all: [RouteSpec] = [
        liveness, readiness,
        apiRoutingJobsCreate, apiJobsList, apiJobRead, apiJobCancel,
        health, metrics, openAPI, loginPage, login, logout, home, servicePage, passwordPage, passwordChange, patientSearchPage, patientPage,
        adminUsersPage, adminUserCreate, adminAuditPage, apiMe, apiUsersList, apiUsersCreate, apiTokensList, apiTokensCreate, apiTokensRevoke,
        apiAuditList, apiAuditVerify, apiOrganisation, apiPatientsCreate, apiPatientsSearch, apiPatientsRead, apiMessagesSummary, apiMessagesList,
        apiMessageTask, apiMessagingSettingsRead, apiMessagingSettingsSet, apiMessageTemplateRead, apiMessageTemplateSet, letterPage,
    ]
}
