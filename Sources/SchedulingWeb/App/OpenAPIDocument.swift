import Foundation
import SchedulingDomain
import SchedulingServices

/// Builds the OpenAPI 3.1 description of every route in ``RouteCatalogue``: the paths and
/// methods come from the catalogue itself, so a route cannot exist without being described.
public enum OpenAPIDocument {
    /// Request body, query parameters and responses of one operation.
    struct Operation {
        var requestSchema: String? = nil
        var requestMedia = "application/json"
        var query: [(name: String, description: String, required: Bool, type: String)] = []
        var responses: [(status: String, description: String, schema: String?, media: String)]
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func array(_ name: String) -> [String: Any] { ["type": "array", "items": ref(name)] }

    static let html = "text/html"
    static let fhir = "application/fhir+json"

    /// A FHIR read's answers.
    static func fhirRead(_ type: String) -> [(status: String, description: String, schema: String?, media: String)] {
        [("200", "The \(type).", nil, fhir), ("404", "No such \(type) (OperationOutcome).", nil, fhir),
         ("401", "No valid token (OperationOutcome).", nil, fhir), ("403", "The role may not read it (OperationOutcome).", nil, fhir)]
    }

    /// A FHIR search's answers.
    static let fhirSearch: [(status: String, description: String, schema: String?, media: String)] = [
        ("200", "A searchset Bundle.", nil, fhir), ("422", "An unsupported or malformed parameter (OperationOutcome).", nil, fhir),
        ("401", "No valid token (OperationOutcome).", nil, fhir), ("403", "The role may not search (OperationOutcome).", nil, fhir),
    ]
    static let json = "application/json"

    /// Operation details by operation id.
    static let operations: [String: Operation] = [
        "getHealth": .init(responses: [("200", "Healthy.", "Health", json), ("503", "The database is unavailable.", "Health", json)]),
        "getMetrics": .init(responses: [("200", "Prometheus text exposition format.", nil, "text/plain")]),
        "getOpenAPI": .init(responses: [("200", "This document.", nil, json)]),
        "showLogin": .init(query: [("next", "Where to go after logging in (a path on this site).", false, "string")],
                           responses: [("200", "The login form.", nil, html), ("303", "Already logged in: redirect home.", nil, html)]),
        "submitLogin": .init(requestSchema: "LoginForm", requestMedia: "application/x-www-form-urlencoded",
                             responses: [("303", "Logged in: session cookie set, redirect.", nil, html),
                                         ("401", "Unknown username or wrong password.", nil, html),
                                         ("403", "Missing or wrong CSRF token.", nil, html)]),
        "submitLogout": .init(requestSchema: "CSRFForm", requestMedia: "application/x-www-form-urlencoded",
                              responses: [("303", "Logged out: redirect to the login page.", nil, html)]),
        "showHome": .init(responses: [("200", "The home page for the user's role.", nil, html)]),
        "showService": .init(responses: [("200", "The service's start page.", nil, html), ("404", "No such service.", nil, html)]),
        "showPasswordChange": .init(responses: [("200", "The form.", nil, html)]),
        "submitPasswordChange": .init(requestSchema: "PasswordForm", requestMedia: "application/x-www-form-urlencoded",
                                      responses: [("200", "Changed.", nil, html), ("422", "The new password breaks a rule.", nil, html)]),
        "showPatientSearch": .init(query: [("nhsNumber", "NHS number to look up (audited).", false, "string")],
                                   responses: [("200", "The search form and result.", nil, html), ("422", "Invalid NHS number.", nil, html)]),
        "showPatient": .init(responses: [("200", "The record (the read is audited).", nil, html), ("404", "No such patient.", nil, html)]),
        "showUsers": .init(responses: [("200", "Users and the add-user form.", nil, html)]),
        "submitUser": .init(requestSchema: "UserForm", requestMedia: "application/x-www-form-urlencoded",
                            responses: [("201", "Created; the one-time password is shown once.", nil, html), ("422", "Invalid input.", nil, html)]),
        "showAudit": .init(responses: [("200", "Recent entries and the chain's state.", nil, html)]),
        "getMe": .init(responses: [("200", "The calling user.", "User", json)]),
        "listUsers": .init(responses: [("200", "All users.", "UserList", json)]),
        "createUser": .init(requestSchema: "CreateUserRequest",
                            responses: [("201", "Created.", "CreatedUser", json), ("409", "The username is taken.", "Problem", "application/problem+json")]),
        "listTokens": .init(responses: [("200", "The caller's tokens.", "TokenList", json)]),
        "createToken": .init(requestSchema: "CreateTokenRequest", responses: [("201", "Issued; the secret is shown once.", "IssuedToken", json)]),
        "revokeToken": .init(responses: [("204", "Revoked.", nil, json), ("404", "No such token of the caller's.", "Problem", "application/problem+json"),
                                         ("409", "Already revoked.", "Problem", "application/problem+json")]),
        "listAudit": .init(query: [("limit", "At most this many entries (1–1000, default 100).", false, "integer"),
                                   ("entityType", "Only entries about this kind of entity.", false, "string"),
                                   ("entityId", "Only entries about this entity.", false, "string")],
                           responses: [("200", "Newest entries first.", "AuditPage", json)]),
        "verifyAudit": .init(responses: [("200", "The verification result.", "AuditVerification", json)]),
        "getOrganisation": .init(responses: [("200", "The organisation's reference data.", "OrganisationOverview", json)]),
        "createPatient": .init(requestSchema: "PatientInput",
                               responses: [("201", "Registered.", "Patient", json),
                                           ("409", "The NHS number is already registered.", "Problem", "application/problem+json")]),
        "searchPatients": .init(query: [("nhsNumber", "The NHS number (10 digits, spaces allowed).", true, "string")],
                                responses: [("200", "Zero or one patient.", "PatientList", json)]),
        "getPatient": .init(responses: [("200", "The record.", "Patient", json), ("404", "No such patient.", "Problem", "application/problem+json")]),
        "createReferral": .init(requestSchema: "ReferralInput", responses: [("201", "On the waiting list, its clock running.", "ReferralView", json)]),
        "getReferral": .init(responses: [("200", "The referral and its clock's dates.", "ReferralView", json),
                                         ("404", "No such referral.", "Problem", "application/problem+json")]),
        "removeReferral": .init(requestSchema: "ReferralRemoval",
                                responses: [("200", "Removed: its clock stopped.", "ReferralView", json),
                                            ("404", "No such referral.", "Problem", "application/problem+json"),
                                            ("409", "The referral is not open.", "Problem", "application/problem+json")]),
        "setReferralAvailability": .init(requestSchema: "AvailabilityInput",
                                         responses: [("200", "Recorded.", "ReferralView", json),
                                                     ("404", "No such referral.", "Problem", "application/problem+json"),
                                                     ("409", "The referral is not open.", "Problem", "application/problem+json")]),
        "createClinicTemplate": .init(requestSchema: "ClinicTemplateInput", responses: [("201", "The template.", "ClinicTemplate", json)]),
        "changeClinicTemplate": .init(requestSchema: "TemplateChangeInput",
                                      responses: [("200", "The preview, or the change made (committed true), with every affected booking.", "TemplateChange", json),
                                                  ("404", "No such template.", "Problem", "application/problem+json"),
                                                  ("422", "Invalid input.", "Problem", "application/problem+json")]),
        "generateSlots": .init(requestSchema: "SlotGeneration",
                               responses: [("200", "How many slots were added.", "SlotGenerationResult", json),
                                           ("409", "Two templates give one clinician two slots at once; nothing was added.", "Problem", "application/problem+json")]),
        "listSlots": .init(query: [("from", "First day (YYYY-MM-DD).", true, "string"), ("through", "Last day (YYYY-MM-DD).", true, "string"),
                                   ("specialtyId", "Only this specialty's slots.", false, "string"), ("status", "free, booked or cancelled.", false, "string")],
                           responses: [("200", "By date, start, clinician.", "SlotList", json)]),
        "offerSlots": .init(query: [("count", "How many (1–50, default 5).", false, "integer"), ("locationId", "Only this location.", false, "string"),
                                    ("weekdays", "ISO weekdays the patient can attend, e.g. 1,3,5.", false, "string"),
                                    ("notBefore", "Not before this day (YYYY-MM-DD).", false, "string")],
                            responses: [("200", "Free suitable slots, those on or before the due day first, each group earliest first.", "SlotList", json),
                                        ("404", "No such referral.", "Problem", "application/problem+json"),
                                        ("409", "The referral is not open.", "Problem", "application/problem+json")]),
        "createBooking": .init(requestSchema: "BookingInput",
                               responses: [("201", "Booked: the slot is taken.", "Appointment", json),
                                           ("409", "The slot is no longer free, or the referral is not open.", "Problem", "application/problem+json")]),
        "getAppointment": .init(responses: [("200", "The appointment.", "AppointmentDetails", json), ("404", "No such appointment.", "Problem", "application/problem+json")]),
        "listReferralAppointments": .init(responses: [("200", "Oldest first.", "AppointmentDetailsList", json), ("404", "No such referral.", "Problem", "application/problem+json")]),
        "cancelAppointment": .init(requestSchema: "CancellationInput",
                                   responses: [("200", "Cancelled: the slot is free, transport cancelled, letters queued.", "AppointmentDetails", json),
                                               ("404", "No such appointment.", "Problem", "application/problem+json"),
                                               ("409", "The appointment is not booked (already cancelled or attended).", "Problem", "application/problem+json")]),
        "changeAppointment": .init(requestSchema: "ChangeInput",
                                   responses: [("201", "The new appointment, replacing the old.", "AppointmentDetails", json),
                                               ("404", "No such appointment.", "Problem", "application/problem+json"),
                                               ("409", "The new slot is taken, or the appointment is not booked.", "Problem", "application/problem+json")]),
        "recordOutcome": .init(requestSchema: "OutcomeInput",
                               responses: [("200", "Recorded; a DNA carries its access decision.", "AppointmentDetails", json),
                                           ("404", "No such appointment.", "Problem", "application/problem+json"),
                                           ("409", "Already recorded or cancelled, or the appointment is still ahead.", "Problem", "application/problem+json")]),
        "listJourneyRequests": .init(query: [("from", "First day (YYYY-MM-DD).", true, "string"), ("to", "Last day (YYYY-MM-DD), at most 92 days on.", true, "string")],
                                     responses: [("200", "By date and arrival time.", "JourneyRequestList", json)]),
        "getAccessPolicy": .init(responses: [("200", "The policy.", "AccessPolicy", json)]),
        "setAccessPolicy": .init(requestSchema: "AccessPolicy", responses: [("200", "Stored.", "AccessPolicy", json)]),
        "listAccessDecisions": .init(responses: [("200", "Pending decisions with their referrals.", "PendingDecisionList", json)]),
        "resolveAccessDecision": .init(requestSchema: "ResolutionInput",
                                       responses: [("200", "Resolved.", "AccessDecision", json), ("404", "No such decision.", "Problem", "application/problem+json"),
                                                   ("409", "Already resolved, or an override without a note.", "Problem", "application/problem+json")]),
        "listMessages": .init(query: [("status", "queued, sent, failed or cancelled.", false, "string"), ("channel", "letter, sms, email or phone.", false, "string"),
                                      ("kind", "confirmation, reminder, cancellation, change, dna-rebook, discharge or removal.", false, "string"),
                                      ("patientId", "One patient's messages.", false, "string"), ("appointmentId", "One appointment's messages.", false, "string"),
                                      ("limit", "At most this many (1–500, default 100).", false, "integer")],
                              responses: [("200", "Newest first.", "OutboxMessageList", json)]),
        "summariseMessages": .init(responses: [("200", "Counts by status and channel.", "OutboxCountList", json)]),
        "completePhoneTask": .init(requestSchema: "TaskInput",
                                   responses: [("200", "Recorded.", "OutboxMessage", json), ("404", "No such message.", "Problem", "application/problem+json"),
                                               ("409", "Not a queued phone task.", "Problem", "application/problem+json")]),
        "getMessagingSettings": .init(responses: [("200", "The settings.", "MessagingSettings", json)]),
        "setMessagingSettings": .init(requestSchema: "MessagingSettings", responses: [("200", "Stored.", "MessagingSettings", json)]),
        "getMessageTemplate": .init(responses: [("200", "The template.", "MessageTemplate", json), ("404", "No such template key.", "Problem", "application/problem+json")]),
        "setMessageTemplate": .init(requestSchema: "MessageTemplate", responses: [("200", "Stored.", "MessageTemplate", json)]),
        "allocateWaitingLists": .init(requestSchema: "AutoAllocationInput",
                                      responses: [("200", "The plan (committed false), or the bookings made (committed true).", "AllocationPlan", json),
                                                  ("409", "The list or the slots changed since the preview; nothing was booked.", "Problem", "application/problem+json")]),
        "cancelSessions": .init(requestSchema: "SessionCancellationInput",
                                responses: [("200", "The preview, or what was cancelled (committed true).", "SessionCancellation", json)]),
        "getWaitingListReport": .init(query: [("specialtyId", "Only this specialty.", false, "string"),
                                              ("days", "Utilisation and DNA rate over this many past days (1–366, default 28).", false, "integer")],
                                      responses: [("200", "The report.", "WaitingListReport", json)]),
        "projectBacklog": .init(query: [("specialtyId", "Only this specialty's list.", false, "string"),
                                        ("weeks", "Weeks to project (1–104, default 26).", false, "integer"),
                                        ("extraPerWeek", "Added first appointments a week (default 0).", false, "integer"),
                                        ("capacityPerWeek", "First appointments a week (default: measured over the coming 12 weeks).", false, "integer"),
                                        ("referralsPerWeek", "New referrals a week (default: measured over the past 12 weeks).", false, "integer")],
                                responses: [("200", "The projection.", "BacklogProjection", json)]),
        "showWaitingListChart": .init(query: [("specialtyId", "Only this specialty.", false, "string")],
                                      responses: [("200", "The chart.", nil, "image/svg+xml")]),
        "showTrackingList": .init(query: [("specialtyId", "Only this specialty.", false, "string"), ("priority", "Only this clinical priority.", false, "string"),
                                          ("minWeeks", "Only pathways waiting at least this many weeks.", false, "integer"),
                                          ("breached", "Present: only pathways past their breach date.", false, "string"), ("page", "Page of 100 (from 1).", false, "integer")],
                                  responses: [("200", "The list.", nil, html), ("422", "A filter is invalid.", nil, html)]),
        "showPathway": .init(query: [("booked", "An appointment just booked, to confirm.", false, "string"), ("cancelled", "An appointment just cancelled, to confirm.", false, "string")],
                             responses: [("200", "The pathway.", nil, html), ("404", "No such referral.", nil, html)]),
        "submitPathwayBooking": .init(requestSchema: "BookingForm", requestMedia: "application/x-www-form-urlencoded",
                                      responses: [("303", "Booked: back to the pathway.", nil, html), ("409", "The slot was taken or the referral is not open.", nil, html),
                                                  ("422", "Invalid input.", nil, html)]),
        "submitAppointmentCancellationForm": .init(requestSchema: "CancellationForm", requestMedia: "application/x-www-form-urlencoded",
                                                   responses: [("303", "Cancelled: back to the pathway.", nil, html), ("409", "Not a booked appointment.", nil, html),
                                                               ("422", "Invalid input.", nil, html)]),
        "showClinicCalendar": .init(query: [("clinicianId", "This clinician's slots.", false, "string"), ("locationId", "This location's slots.", false, "string"),
                                            ("from", "A day in the week to show (YYYY-MM-DD; default this week).", false, "string")],
                                    responses: [("200", "The week.", nil, html), ("422", "Invalid input.", nil, html)]),
        "showAllocation": .init(responses: [("200", "The form.", nil, html)]),
        "submitAllocation": .init(requestSchema: "AllocationForm", requestMedia: "application/x-www-form-urlencoded",
                                  responses: [("200", "The preview, or what was committed.", nil, html), ("409", "The plan is stale: preview again.", nil, html),
                                              ("422", "Invalid input.", nil, html)]),
        "showStrikeWizard": .init(responses: [("200", "The form.", nil, html)]),
        "submitStrike": .init(requestSchema: "StrikeForm", requestMedia: "application/x-www-form-urlencoded",
                              responses: [("200", "The preview, or what was done.", nil, html), ("409", "A conflict with stored state.", nil, html),
                                          ("422", "Invalid input.", nil, html)]),
        "showReports": .init(query: [("specialtyId", "Only this specialty.", false, "string"), ("extraPerWeek", "Extra first appointments a week for the projection.", false, "integer"),
                                     ("weeks", "Weeks to project (default 26).", false, "integer")],
                             responses: [("200", "The reports.", nil, html)]),
        "importReferrals": .init(requestSchema: "ReferralCSV", requestMedia: "text/csv",
                                 responses: [("201", "Every referral is on its waiting list.", "ReferralImportResult", json),
                                             ("422", "Problems by row and column; nothing was stored.", "Problem", "application/problem+json")]),
        "exportTrackingList": .init(query: [("specialtyId", "Only this specialty's list.", false, "string"), ("priority", "Only this clinical priority.", false, "string"),
                                            ("minWeeks", "Only pathways waiting at least this many weeks.", false, "integer"),
                                            ("breached", "true: only pathways past their 18-week breach date.", false, "boolean")],
                                    responses: [("200", "One pathway a row, most urgent first.", nil, "text/csv")]),
        "downloadTrackingList": .init(query: [("specialtyId", "Only this specialty's list.", false, "string"), ("priority", "Only this clinical priority.", false, "string"),
                                              ("minWeeks", "Only pathways waiting at least this many weeks.", false, "integer"),
                                              ("breached", "true: only pathways past their 18-week breach date.", false, "boolean")],
                                      responses: [("200", "The CSV file.", nil, "text/csv")]),
        "fhirCapabilities": .init(responses: [("200", "The CapabilityStatement (FHIR R4).", nil, fhir)]),
        "fhirReadPatient": .init(responses: fhirRead("Patient")),
        "fhirSearchPatient": .init(query: [("identifier", "https://fhir.nhs.uk/Id/nhs-number|NHS number", true, "string")], responses: fhirSearch),
        "fhirReadSchedule": .init(responses: fhirRead("Schedule")),
        "fhirSearchSchedule": .init(query: [("service-type", "Specialty code.", false, "string"), ("actor", "Practitioner/id.", false, "string")], responses: fhirSearch),
        "fhirReadSlot": .init(responses: fhirRead("Slot")),
        "fhirSearchSlot": .init(query: [("status", "free, busy or busy-unavailable.", false, "string"),
                                        ("start", "A date or dateTime with a prefix (ge, gt, le, lt, eq); repeat for a range.", false, "string"),
                                        ("schedule", "Schedule/id (a clinician).", false, "string"), ("service-type", "Specialty code.", false, "string"),
                                        ("_count", "At most this many entries (1–1000, default 100).", false, "integer")], responses: fhirSearch),
        "fhirReadAppointment": .init(responses: fhirRead("Appointment")),
        "fhirSearchAppointment": .init(query: [("patient", "Patient/id.", true, "string"), ("date", "The start, as for Slot's start.", false, "string"),
                                               ("status", "booked, fulfilled, noshow or cancelled.", false, "string"),
                                               ("_count", "At most this many entries (1–1000, default 100).", false, "integer")], responses: fhirSearch),
        "fhirCreateAppointment": .init(requestSchema: "FHIRResource", requestMedia: "application/fhir+json",
                                       responses: [("201", "Booked: the Appointment.", nil, fhir), ("409", "The slot is no longer free (OperationOutcome).", nil, fhir),
                                                   ("422", "Not bookable as sent (OperationOutcome).", nil, fhir), ("400", "Not an Appointment (OperationOutcome).", nil, fhir),
                                                   ("401", "No valid token (OperationOutcome).", nil, fhir), ("403", "The role may not book (OperationOutcome).", nil, fhir)]),
        "fhirUpdateAppointment": .init(requestSchema: "FHIRResource", requestMedia: "application/fhir+json",
                                       responses: [("200", "The Appointment as it now is.", nil, fhir), ("404", "No such Appointment (OperationOutcome).", nil, fhir),
                                                   ("409", "It cannot be cancelled (OperationOutcome).", nil, fhir),
                                                   ("422", "A change other than cancelling (OperationOutcome).", nil, fhir),
                                                   ("401", "No valid token (OperationOutcome).", nil, fhir), ("403", "The role may not cancel (OperationOutcome).", nil, fhir)]),
        "showLetter": .init(responses: [("200", "The letter, ready to print.", nil, html), ("404", "No such letter.", nil, html)]),
        "getTrackingList": .init(query: [("specialtyId", "Only this specialty's list.", false, "string"),
                                         ("priority", "Only this clinical priority.", false, "string"),
                                         ("minWeeks", "Only pathways waiting at least this many weeks.", false, "integer"),
                                         ("breached", "true: only pathways past their 18-week breach date.", false, "boolean")],
                                 responses: [("200", "Open pathways, most urgent first, then by due day.", "TrackingList", json)]),
    ]

    static let commonProblems: [(String, String)] = [
        ("400", "Malformed request: the problem names the JSON path."),
        ("401", "Not authenticated."),
        ("403", "The caller's role may not use this route."),
        ("422", "Invalid input: every issue with its path, code and message."),
    ]

    /// The document as a JSON-compatible dictionary.
    public static func make() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for spec in RouteCatalogue.all {
            guard let details = operations[spec.operationID] else {
                preconditionFailure("route \(spec.operationID) has no OpenAPI description")
            }
            var operation: [String: Any] = [
                "operationId": spec.operationID, "summary": spec.summary, "tags": [spec.kind.rawValue],
            ]
            switch spec.access {
            case .everyone: operation["security"] = [[String: Any]]()
            case .authenticated: operation["description"] = "Any authenticated user."
            case .roles(let roles):
                let names = roles.sorted().map(\.rawValue)
                operation["description"] = "Roles: \(names.joined(separator: ", "))."
                operation["x-kairos-roles"] = names
            }
            if spec.access != .everyone {
                operation["security"] = spec.kind == .api || spec.kind == .fhir ? [["bearerToken": [String]()]] : [["sessionCookie": [String]()]]
            }
            var parameters: [[String: Any]] = spec.path.split(separator: "/").filter { $0.hasPrefix(":") }.map {
                ["name": String($0.dropFirst()), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            for q in details.query {
                parameters.append(["name": q.name, "in": "query", "required": q.required, "description": q.description, "schema": ["type": q.type]])
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let schema = details.requestSchema {
                operation["requestBody"] = ["required": true, "content": [details.requestMedia: ["schema": ref(schema)]]]
            }
            var responses: [String: Any] = [:]
            for r in details.responses {
                var response: [String: Any] = ["description": r.description]
                if let schema = r.schema { response["content"] = [r.media: ["schema": ref(schema)]] }
                else if r.media != json || r.status != "204" { response["content"] = [r.media: ["schema": ["type": "string"]]] }
                if r.status == "204" { response.removeValue(forKey: "content") }
                responses[r.status] = response
            }
            if spec.kind == .api {
                for (status, description) in commonProblems where responses[status] == nil {
                    if status == "400" || status == "422", details.requestSchema == nil, details.query.isEmpty { continue }
                    responses[status] = ["description": description, "content": ["application/problem+json": ["schema": ref("Problem")]]]
                }
            }
            operation["responses"] = responses
            paths[spec.openAPIPath, default: [:]][spec.method.rawValue.lowercased()] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Kairos API", "version": "1.0.0",
                "description": "Scheduling for health and care services. JSON under /api/v1 (bearer tokens from `kairos user token NAME` or POST /api/v1/tokens); errors are RFC 9457 problem documents; patient details never appear in errors.",
                "license": ["name": "Apache-2.0", "identifier": "Apache-2.0"],
            ],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": ["securitySchemes": [
                "bearerToken": ["type": "http", "scheme": "bearer", "description": "An API token: `Authorization: Bearer kairos_…`."],
                "sessionCookie": ["type": "apiKey", "in": "cookie", "name": "kairos_session"],
            ], "schemas": schemas],
        ]
    }

    /// The document serialised with sorted keys.
    public static func data() -> Data {
        try! JSONSerialization.data(withJSONObject: make(), options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    static var string: [String: Any] { ["type": "string"] }
    static var nullableString: [String: Any] { ["type": ["string", "null"]] }
    static var dateTime: [String: Any] { ["type": "string", "format": "date-time"] }
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    static var slotType: [String: Any] { ["type": "string", "enum": SlotType.allCases.map(\.rawValue)] }
    static var roleSchema: [String: Any] { ["type": "string", "enum": Role.allCases.map(\.rawValue)] }

    static var schemas: [String: Any] { [
        "Problem": object([
            "type": string, "title": string, "status": ["type": "integer"], "detail": string, "instance": string,
            "requestId": string, "issues": array("ValidationIssue"),
        ], required: ["type", "title", "status", "detail"]),
        "ValidationIssue": object(["path": string, "code": string, "message": string], required: ["path", "code", "message"]),
        "Health": object(["status": ["type": "string", "enum": ["ok", "degraded"]], "database": string, "time": dateTime],
                         required: ["status", "database", "time"]),
        "LoginForm": object(["username": string, "password": string, "_csrf": string, "next": string], required: ["username", "password", "_csrf"]),
        "CSRFForm": object(["_csrf": string], required: ["_csrf"]),
        "FHIRResource": object(["resourceType": string], required: ["resourceType"]),
        "ReferralCSV": ["type": "string", "description": "CSV text: a header row, then one referral a row."],
        "ReferralImportResult": object(["created": ["type": "integer"], "referralIDs": ["type": "array", "items": string]], required: ["created", "referralIDs"]),
        "BookingForm": object(["_csrf": string, "slotId": string, "channel": string, "interpreterLanguage": string, "needsTransport": string],
                              required: ["_csrf", "slotId"]),
        "CancellationForm": object(["_csrf": string, "initiatedBy": ["type": "string", "enum": ["patient", "hospital"]], "reason": string],
                                   required: ["_csrf", "initiatedBy", "reason"]),
        "AllocationForm": object(["_csrf": string, "action": ["type": "string", "enum": ["preview", "commit"]], "specialtyId": string, "through": string,
                                  "minimumNoticeDays": string, "planId": string], required: ["_csrf"]),
        "StrikeForm": object(["_csrf": string, "action": ["type": "string", "enum": ["preview", "commit"]], "clinicianIds[]": ["type": "array", "items": string],
                              "from": string, "through": string, "reason": string, "rebook": string, "minimumNoticeDays": string, "rebookThrough": string,
                              "moveBooked": string], required: ["_csrf", "clinicianIds[]", "from", "through", "reason"]),
        "PasswordForm": object(["_csrf": string, "currentPassword": string, "newPassword": ["type": "string", "minLength": 12]],
                               required: ["_csrf", "currentPassword", "newPassword"]),
        "UserForm": object(["_csrf": string, "username": string, "displayName": string, "role": roleSchema],
                           required: ["_csrf", "username", "displayName", "role"]),
        "User": object(["id": string, "username": string, "displayName": string, "role": roleSchema, "active": ["type": "boolean"],
                        "createdAt": dateTime], required: ["id", "username", "displayName", "role", "active", "createdAt"]),
        "UserList": array("User"),
        "CreateUserRequest": object(["username": string, "displayName": string, "role": roleSchema],
                                    required: ["username", "displayName", "role"]),
        "CreatedUser": object(["user": ref("User"), "oneTimePassword": string], required: ["user", "oneTimePassword"]),
        "Token": object(["id": string, "name": string, "createdAt": dateTime, "revokedAt": ["type": ["string", "null"], "format": "date-time"]],
                        required: ["id", "name", "createdAt"]),
        "TokenList": array("Token"),
        "CreateTokenRequest": object(["name": string]),
        "IssuedToken": object(["token": ref("Token"), "secret": string], required: ["token", "secret"]),
        "Address": object(["lines": ["type": "array", "items": string], "town": string, "postcode": string,
                           "coordinates": ["oneOf": [ref("Coordinates"), ["type": "null"]]]], required: ["lines", "town", "postcode"]),
        "Coordinates": object(["latitude": ["type": "number"], "longitude": ["type": "number"]], required: ["latitude", "longitude"]),
        "Patient": object([
            "id": string, "nhsNumber": ["type": "string", "pattern": "^[0-9]{10}$"], "givenName": string, "familyName": string,
            "birthDate": ["type": "string", "format": "date"], "sex": ["type": "string", "enum": Patient.Sex.allCases.map(\.rawValue)],
            "address": ref("Address"), "phone": nullableString, "email": nullableString,
        ], required: ["id", "nhsNumber", "givenName", "familyName", "birthDate", "sex", "address"]),
        "PatientList": array("Patient"),
        "PatientInput": object([
            "nhsNumber": string, "givenName": string, "familyName": string, "birthDate": ["type": "string", "format": "date"],
            "sex": ["type": "string", "enum": Patient.Sex.allCases.map(\.rawValue)],
            "address": object(["lines": ["type": "array", "items": string], "town": string, "postcode": string,
                               "latitude": ["type": "number"], "longitude": ["type": "number"]], required: ["lines", "town", "postcode"]),
            "phone": string, "email": string,
        ], required: ["nhsNumber", "givenName", "familyName", "birthDate", "address"]),
        "ClinicTemplateInput": object([
            "clinicianID": string, "locationID": string, "weekday": ["type": "integer", "minimum": 1, "maximum": 7], "start": string,
            "slots": ["type": "array", "items": object(["minutes": ["type": "integer"], "type": slotType, "published": ["type": "boolean"]],
                                                        required: ["minutes"])],
            "everyWeeks": ["type": "integer", "minimum": 1, "maximum": 8], "effectiveFrom": date, "effectiveTo": date,
        ], required: ["clinicianID", "locationID", "weekday", "start", "slots", "effectiveFrom"]),
        "ClinicTemplate": object([
            "id": string, "clinicianID": string, "specialtyID": string, "locationID": string, "weekday": ["type": "integer"], "start": string,
            "slots": ["type": "array", "items": object(["minutes": ["type": "integer"], "type": slotType, "published": ["type": "boolean"]],
                                                        required: ["minutes", "type", "published"])],
            "everyWeeks": ["type": "integer"], "effectiveFrom": date, "effectiveTo": date,
        ], required: ["id", "clinicianID", "specialtyID", "locationID", "weekday", "start", "slots", "everyWeeks", "effectiveFrom"]),
        "SlotGeneration": object(["days": ["type": "integer", "minimum": 1, "maximum": 730]]),
        "SlotGenerationResult": object(["added": ["type": "integer"]], required: ["added"]),
        "Slot": object([
            "id": string, "templateID": nullableString, "clinicianID": string, "specialtyID": string, "locationID": string, "date": date,
            "start": string, "minutes": ["type": "integer"], "type": slotType, "published": ["type": "boolean"],
            "status": ["type": "string", "enum": Slot.Status.allCases.map(\.rawValue)],
        ], required: ["id", "clinicianID", "specialtyID", "locationID", "date", "start", "minutes", "type", "published", "status"]),
        "SlotList": array("Slot"),
        "BookingInput": object([
            "referralID": string, "slotID": string, "channel": ["type": "string", "enum": Appointment.Channel.allCases.map(\.rawValue)],
            "interpreterLanguage": string, "needsTransport": ["type": "boolean"],
        ], required: ["referralID", "slotID"]),
        "Appointment": object([
            "id": string, "referralID": string, "patientID": string, "slotID": string,
            "status": ["type": "string", "enum": Appointment.Status.allCases.map(\.rawValue)],
            "channel": ["type": "string", "enum": Appointment.Channel.allCases.map(\.rawValue)], "bookedBy": string, "bookedAt": dateTime,
            "interpreterLanguage": nullableString, "needsTransport": ["type": "boolean"], "replacesID": nullableString,
            "cancellation": object(["reason": ["type": "string", "enum": Appointment.CancellationReason.allCases.map(\.rawValue)], "at": dateTime,
                                    "by": string], required: ["reason", "at", "by"]),
            "outcomeRecordedAt": dateTime,
        ], required: ["id", "referralID", "patientID", "slotID", "status", "channel", "bookedBy", "bookedAt", "needsTransport"]),
        "CancellationInput": object(["initiatedBy": ["type": "string", "enum": Appointment.Initiator.allCases.map(\.rawValue)], "reason": ["type": "string", "enum": Appointment.CancellationReason.allCases.map(\.rawValue)]],
                                    required: ["initiatedBy", "reason"]),
        "ChangeInput": object(["slotID": string, "initiatedBy": ["type": "string", "enum": Appointment.Initiator.allCases.map(\.rawValue)], "channel": ["type": "string", "enum": Appointment.Channel.allCases.map(\.rawValue)]],
                              required: ["slotID", "initiatedBy"]),
        "OutcomeInput": object(["outcome": ["type": "string", "enum": Appointment.Outcome.allCases.map(\.rawValue)]], required: ["outcome"]),
        "AppointmentDetails": object(["appointment": ref("Appointment"), "slot": ref("Slot"), "journeyRequest": ref("JourneyRequest"),
                                      "accessDecision": ref("AccessDecision")], required: ["appointment", "slot"]),
        "AppointmentDetailsList": array("AppointmentDetails"),
        "JourneyRequest": object([
            "id": string, "appointmentID": string, "patientID": string, "locationID": string, "date": date, "arriveBy": string, "returnAfter": string,
            "status": ["type": "string", "enum": JourneyRequest.Status.allCases.map(\.rawValue)], "createdAt": dateTime, "cancelledAt": dateTime,
        ], required: ["id", "appointmentID", "patientID", "locationID", "date", "arriveBy", "returnAfter", "status", "createdAt"]),
        "JourneyRequestList": array("JourneyRequest"),
        "AccessPolicy": object([
            "nullifyClockOnFirstDNA": ["type": "boolean"], "dischargeAfterDNAs": ["type": "integer", "minimum": 1, "maximum": 5],
            "clinicalReviewUnderAge": ["type": ["integer", "null"]],
            "clinicalReviewPriorities": ["type": "array", "items": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)]],
        ], required: ["nullifyClockOnFirstDNA", "dischargeAfterDNAs", "clinicalReviewPriorities"]),
        "AccessDecision": object([
            "id": string, "referralID": string, "appointmentID": string, "dnaCount": ["type": "integer"],
            "proposal": ["type": "string", "enum": AccessDecision.Action.allCases.map(\.rawValue)], "clockNullified": ["type": "boolean"], "createdAt": dateTime,
            "resolution": object(["action": ["type": "string", "enum": AccessDecision.Action.allCases.map(\.rawValue)], "overridden": ["type": "boolean"], "note": string, "by": string,
                                  "at": dateTime], required: ["action", "overridden", "by", "at"]),
        ], required: ["id", "referralID", "appointmentID", "dnaCount", "proposal", "clockNullified", "createdAt"]),
        "PendingDecisionList": ["type": "array", "items": object(["decision": ref("AccessDecision"), "referral": ref("Referral")],
                                                                 required: ["decision", "referral"])],
        "ResolutionInput": object(["action": ["type": "string", "enum": ["rebook", "discharge"]], "note": string], required: ["action"]),
        "OutboxMessage": object([
            "id": string, "kind": ["type": "string", "enum": OutboxMessage.Kind.allCases.map(\.rawValue)], "channel": ["type": "string", "enum": OutboxMessage.Channel.allCases.map(\.rawValue)],
            "recipient": ["type": "string", "enum": OutboxMessage.Recipient.allCases.map(\.rawValue)], "patientID": string, "referralID": nullableString, "appointmentID": nullableString,
            "dueAt": dateTime, "status": ["type": "string", "enum": OutboxMessage.Status.allCases.map(\.rawValue)], "attempts": ["type": "integer"], "lastError": nullableString,
            "subject": string, "body": string, "createdAt": dateTime, "sentAt": dateTime,
        ], required: ["id", "kind", "channel", "recipient", "patientID", "dueAt", "status", "attempts", "subject", "body", "createdAt"]),
        "OutboxMessageList": array("OutboxMessage"),
        "OutboxCountList": ["type": "array", "items": object(["status": ["type": "string", "enum": OutboxMessage.Status.allCases.map(\.rawValue)], "channel": ["type": "string", "enum": OutboxMessage.Channel.allCases.map(\.rawValue)],
                                                              "count": ["type": "integer"]], required: ["status", "channel", "count"])],
        "TaskInput": object(["status": ["type": "string", "enum": ["sent", "failed"]]], required: ["status"]),
        "MessagingSettings": object([
            "bookingPhone": nullableString, "preparation": ["type": "object", "additionalProperties": string],
            "reminders": object(["reminders": ["type": "array", "items": object(["channel": ["type": "string", "enum": ["sms", "email", "phone"]],
                                                                                  "daysBefore": ["type": "integer", "minimum": 0, "maximum": 60]],
                                                                                 required: ["channel", "daysBefore"])],
                                 "sendAt": string], required: ["reminders", "sendAt"]),
        ], required: ["preparation", "reminders"]),
        "AutoAllocationInput": object([
            "specialtyIDs": ["type": "array", "items": string], "from": date, "through": date,
            "minimumNoticeDays": ["type": "integer", "minimum": 0, "maximum": 90], "commit": ["type": "boolean"], "planID": string,
        ]),
        "ProposedBooking": object([
            "referralID": string, "patientID": string, "specialtyID": string, "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)],
            "dueBy": date, "slotID": string, "clinicianID": string, "locationID": string, "date": date, "start": string, "slotType": slotType,
            "afterDue": ["type": "boolean"], "appointmentID": string,
        ], required: ["referralID", "patientID", "specialtyID", "priority", "dueBy", "slotID", "clinicianID", "locationID", "date", "start", "slotType",
                      "afterDue"]),
        "UnplacedReferral": object([
            "referralID": string, "patientID": string, "specialtyID": string, "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)],
            "dueBy": date, "reason": ["type": "string", "enum": UnplacedReferral.Reason.allCases.map(\.rawValue)], "detail": string,
        ], required: ["referralID", "patientID", "specialtyID", "priority", "dueBy", "reason", "detail"]),
        "AllocationPlan": object([
            "committed": ["type": "boolean"], "planID": string, "from": date, "through": date, "waiting": ["type": "integer"],
            "freeSlots": ["type": "integer"], "proposals": array("ProposedBooking"), "placedAfterDue": ["type": "integer"],
            "unplaced": array("UnplacedReferral"),
        ], required: ["committed", "planID", "from", "through", "waiting", "freeSlots", "proposals", "placedAfterDue", "unplaced"]),
        "WaitingListShape": object(["counts": ["type": "array", "items": ["type": "integer"]], "cap": ["type": "integer"]], required: ["counts", "cap"]),
        "WaitingListReport": object([
            "asOf": date, "specialtyID": string, "waiting": ["type": "integer"], "breached": ["type": "integer"], "withinStandard": ["type": "number"],
            "shape": ref("WaitingListShape"),
            "bySpecialty": ["type": "array", "items": object([
                "specialtyID": string, "name": string, "waiting": ["type": "integer"], "breached": ["type": "integer"],
                "withinStandard": ["type": "number"], "longestWeeks": ["type": "integer"],
            ], required: ["specialtyID", "name", "waiting", "breached", "withinStandard", "longestWeeks"])],
            "utilisation": object(["from": date, "through": date, "slots": ["type": "integer"], "booked": ["type": "integer"], "rate": ["type": "number"],
                                   "cancelled": ["type": "integer"]], required: ["from", "through", "slots", "booked", "rate", "cancelled"]),
            "attendance": object(["from": date, "through": date, "attended": ["type": "integer"], "dna": ["type": "integer"],
                                  "unrecorded": ["type": "integer"], "dnaRate": ["type": "number"]],
                                 required: ["from", "through", "attended", "dna", "unrecorded", "dnaRate"]),
        ], required: ["asOf", "waiting", "breached", "withinStandard", "shape", "bySpecialty", "utilisation", "attendance"]),
        "BacklogProjection": object([
            "assumptions": object(["capacityPerWeek": ["type": "integer"], "extraPerWeek": ["type": "integer"], "referralsPerWeek": ["type": "integer"],
                                   "urgentShare": ["type": "number"], "weeks": ["type": "integer"]],
                                  required: ["capacityPerWeek", "extraPerWeek", "referralsPerWeek", "urgentShare", "weeks"]),
            "startWaiting": ["type": "integer"], "startOver18Weeks": ["type": "integer"], "weeksToClear": ["type": "integer"],
            "weeksTo92Percent": ["type": "integer"],
            "series": ["type": "array", "items": object([
                "week": ["type": "integer"], "starting": date, "waiting": ["type": "integer"], "over18Weeks": ["type": "integer"],
                "withinStandard": ["type": "number"], "seen": ["type": "integer"],
            ], required: ["week", "starting", "waiting", "over18Weeks", "withinStandard", "seen"])],
        ], required: ["assumptions", "startWaiting", "startOver18Weeks", "series"]),
        "SessionCancellationInput": object([
            "clinicianIDs": ["type": "array", "items": string, "minItems": 1], "from": date, "through": date, "templateID": string,
            "reason": ["type": "string", "enum": ["clinician-unavailable", "clinic-cancelled", "industrial-action"]], "commit": ["type": "boolean"],
            "rebook": ref("RebookingInput"),
        ], required: ["clinicianIDs", "from", "reason"]),
        "RebookingInput": object([
            "minimumNoticeDays": ["type": "integer", "minimum": 0, "maximum": 60], "through": date,
            "moveBooked": ["type": "string", "enum": MoveBookedPolicy.allCases.map(\.rawValue)],
            "extraSessions": ["type": "array", "items": object([
                "clinicianID": string, "locationID": string, "date": date, "start": string,
                "slots": ["type": "array", "items": object(["minutes": ["type": "integer"], "type": slotType, "published": ["type": "boolean"]]), "minItems": 1],
            ], required: ["clinicianID", "locationID", "date", "start", "slots"])],
        ]),
        "RebookingPlan": object([
            "from": date, "through": date, "extraSlots": ["type": "integer"], "bumped": ["type": "integer"],
            "moveBooked": ["type": "string", "enum": MoveBookedPolicy.allCases.map(\.rawValue)],
            "moves": ["type": "array", "items": object([
                "appointmentID": string, "referralID": string, "patientID": string, "specialtyID": string,
                "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "dueBy": date, "fromSlotID": string, "fromDate": date,
                "toSlotID": string, "toDate": date, "toStart": string, "afterDue": ["type": "boolean"], "bumped": ["type": "boolean"],
                "newAppointmentID": string,
            ], required: ["appointmentID", "referralID", "patientID", "specialtyID", "priority", "dueBy", "fromSlotID", "fromDate", "afterDue", "bumped"])],
            "unplaced": array("UnplacedReferral"),
        ], required: ["from", "through", "extraSlots", "moveBooked", "moves", "unplaced", "bumped"]),
        "SessionCancellation": object([
            "committed": ["type": "boolean"], "slotsCancelled": ["type": "integer"], "shortfall": ["type": "integer"],
            "affected": array("AffectedBooking"),
            "rebooking": ref("RebookingPlan"),
        ], required: ["committed", "slotsCancelled", "affected", "shortfall"]),
        "AffectedBooking": object([
            "appointmentID": string, "referralID": string, "patientID": string, "specialtyID": string,
            "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "dueBy": date, "slotID": string, "date": date,
            "start": string, "capacityBeforeDue": ["type": "boolean"],
        ], required: ["appointmentID", "referralID", "patientID", "specialtyID", "priority", "dueBy", "slotID", "date", "start", "capacityBeforeDue"]),
        "TemplateChangeInput": object([
            "effectiveTo": date, "slotCount": ["type": "integer", "minimum": 1],
            "reason": ["type": "string", "enum": SessionCancellationService.reasons.map(\.rawValue)], "commit": ["type": "boolean"],
        ]),
        "TemplateChange": object([
            "committed": ["type": "boolean"], "template": ref("ClinicTemplate"), "slotsCancelled": ["type": "integer"],
            "affected": array("AffectedBooking"), "shortfall": ["type": "integer"],
        ], required: ["committed", "template", "slotsCancelled", "affected", "shortfall"]),
        "MessageTemplate": object(["subject": string, "body": string], required: ["subject", "body"]),
        "ReferralInput": object([
            "patientID": string, "specialtyID": string, "referrer": string,
            "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "received": date,
            "consultantLed": ["type": "boolean"],
            "availableWeekdays": ["type": "array", "items": ["type": "integer", "minimum": 1, "maximum": 7]], "availableFrom": date,
        ], required: ["patientID", "specialtyID", "referrer", "priority", "received"]),
        "AvailabilityInput": object([
            "availableWeekdays": ["type": "array", "items": ["type": "integer", "minimum": 1, "maximum": 7]], "availableFrom": date,
        ], required: []),
        "ReferralRemoval": object(["reason": ["type": "string", "enum": Referral.RemovalReason.allCases.map(\.rawValue)]], required: ["reason"]),
        "RTTClock": object([
            "start": date, "status": ["type": "string", "enum": RTTClock.Status.allCases.map(\.rawValue)], "endedOn": date,
            "stopReason": ["type": "string", "enum": RTTClock.StopReason.allCases.map(\.rawValue)], "restarts": ["type": "integer"],
        ], required: ["start", "status", "restarts"]),
        "Referral": object([
            "id": string, "patientID": string, "specialtyID": string, "referrer": string,
            "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "received": date,
            "consultantLed": ["type": "boolean"], "clock": ref("RTTClock"),
            "status": ["type": "string", "enum": Referral.Status.allCases.map(\.rawValue)],
            "removal": object(["reason": ["type": "string", "enum": Referral.RemovalReason.allCases.map(\.rawValue)], "date": date],
                              required: ["reason", "date"]),
            "availability": object(["weekdays": ["type": "array", "items": ["type": "integer"]], "from": date], required: ["weekdays"]),
        ], required: ["id", "patientID", "specialtyID", "referrer", "priority", "received", "consultantLed", "clock", "status", "availability"]),
        "ReferralView": object([
            "referral": ref("Referral"), "breachDate": date, "dueBy": date, "weeksWaited": ["type": "integer"],
            "cancerSeenBy": date, "fasterDiagnosisBy": date,
        ], required: ["referral", "breachDate", "dueBy", "weeksWaited"]),
        "TrackingList": object([
            "asOf": date, "count": ["type": "integer"], "withinStandard": ["type": "number"],
            "entries": ["type": "array", "items": object([
                "referralID": string, "patientID": string, "specialtyID": string,
                "priority": ["type": "string", "enum": ClinicalPriority.allCases.map(\.rawValue)], "received": date, "clockStart": date,
                "weeksWaited": ["type": "integer"], "daysWaited": ["type": "integer"], "breachDate": date, "dueBy": date,
                "breached": ["type": "boolean"],
            ], required: ["referralID", "patientID", "specialtyID", "priority", "received", "clockStart", "weeksWaited", "daysWaited",
                          "breachDate", "dueBy", "breached"])],
        ], required: ["asOf", "count", "withinStandard", "entries"]),
        "OrganisationOverview": object([
            "organisation": ["oneOf": [object(["code": string, "name": string], required: ["code", "name"]), ["type": "null"]]],
            "specialties": ["type": "array", "items": object(["id": string, "code": string, "name": string], required: ["id", "code", "name"])],
            "locations": ["type": "array", "items": object(["id": string, "name": string, "address": ref("Address")], required: ["id", "name", "address"])],
            "clinicians": ["type": "array", "items": object(["id": string, "name": string, "grade": string, "specialtyID": string],
                                                            required: ["id", "name", "grade", "specialtyID"])],
        ], required: ["specialties", "locations", "clinicians"]),
        "AuditEntry": object([
            "sequence": ["type": "integer"], "at": dateTime, "actorID": string, "actorRole": nullableString, "action": string,
            "entityType": string, "entityID": nullableString, "reason": nullableString, "detail": nullableString,
            "requestID": nullableString, "previousHash": string, "hash": string,
        ], required: ["sequence", "at", "actorID", "action", "entityType", "previousHash", "hash"]),
        "AuditPage": object(["entries": array("AuditEntry")], required: ["entries"]),
        "AuditVerification": object([
            "entriesChecked": ["type": "integer"],
            "firstBroken": ["oneOf": [object(["sequence": ["type": "integer"], "problem": ["type": "string", "enum": ["modified", "broken-link", "missing"]],
                                              "message": string], required: ["sequence", "problem", "message"]), ["type": "null"]]],
        ], required: ["entriesChecked"]),
    ] }
}
