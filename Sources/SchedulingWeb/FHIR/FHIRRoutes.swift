import SchedulingDomain
import SchedulingServices

/// The FHIR R4 interface at `/fhir`, each route with its roles and its OpenAPI description.
enum FHIRRoutes {
    static let fhirMetadata = RouteSpec(
        method: .get, path: "/fhir/metadata", access: .everyone, kind: .fhir, operationID: "fhirCapabilities",
        summary: "The FHIR CapabilityStatement.",
        operation: .init(responses: [("200", "The CapabilityStatement (FHIR R4).", "FHIRCapabilityStatement", .fhir)]))

    static let fhirPatientRead = RouteSpec(
        method: .get, path: "/fhir/Patient/:id", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirReadPatient",
        summary: "A Patient (audited).",
        operation: .fhirRead("Patient"))

    static let fhirPatientSearch = RouteSpec(
        method: .get, path: "/fhir/Patient", access: .roles(Role.patientReaders), kind: .fhir, operationID: "fhirSearchPatient",
        summary: "Patients by NHS number: identifier=https://fhir.nhs.uk/Id/nhs-number|number (audited).",
        operation: .fhirSearch("Patient", query: [("identifier", "https://fhir.nhs.uk/Id/nhs-number|NHS number", true, .text(minLength: 1))]))

    static let fhirScheduleRead = RouteSpec(
        method: .get, path: "/fhir/Schedule/:id", access: .roles(Role.outpatientStaff), kind: .fhir, operationID: "fhirReadSchedule",
        summary: "A clinician's Schedule.",
        operation: .fhirRead("Schedule"))

    static let fhirScheduleSearch = RouteSpec(
        method: .get, path: "/fhir/Schedule", access: .roles(Role.outpatientStaff), kind: .fhir, operationID: "fhirSearchSchedule",
        summary: "Schedules by service-type (specialty code) or actor.",
        operation: .fhirSearch("Schedule", query: [("service-type", "Specialty code.", false, "string"), ("actor", "Practitioner/id.", false, "string")]))

    static let fhirSlotRead = RouteSpec(
        method: .get, path: "/fhir/Slot/:id", access: .roles(Role.slotReaders), kind: .fhir, operationID: "fhirReadSlot",
        summary: "A Slot (to an external booking system, only a slot published for external booking).",
        operation: .fhirRead("Slot"))

    static let fhirSlotSearch = RouteSpec(
        method: .get, path: "/fhir/Slot", access: .roles(Role.slotReaders), kind: .fhir, operationID: "fhirSearchSlot",
        summary: "Slots by status, start (date range), schedule and service-type. An external booking system (e-RS) finds only the free slots published for external booking, from today.",
        operation: .fhirSearch("Slot", query: [("status", "free, busy or busy-unavailable.", false, .choice(["free", "busy", "busy-unavailable"])),
                                        ("start", "A date or dateTime with a prefix (ge, gt, le, lt, eq); repeat for a range.", false, "string"),
                                        ("schedule", "Schedule/id (a clinician).", false, "string"), ("service-type", "Specialty code.", false, "string"),
                                        ("_count", "At most this many entries (1–1000, default 100).", false, .integerIn(1...1000, defaultValue: 100)),
                                        ("_offset", "Entries to skip (default 0); the Bundle's next link names the next page.", false, .offset)]))

    static let fhirAppointmentRead = RouteSpec(
        method: .get, path: "/fhir/Appointment/:id", access: .roles(Role.outpatientStaff), kind: .fhir, operationID: "fhirReadAppointment",
        summary: "An Appointment (audited).",
        operation: .fhirRead("Appointment"))

    static let fhirAppointmentSearch = RouteSpec(
        method: .get, path: "/fhir/Appointment", access: .roles(Role.outpatientStaff), kind: .fhir, operationID: "fhirSearchAppointment",
        summary: "A patient's Appointments, by date and status (audited).",
        operation: .fhirSearch("Appointment", query: [("patient", "Patient/id.", true, .text(minLength: 1)), ("date", "The start, as for Slot's start.", false, "string"),
                                               ("status", "booked, fulfilled, noshow or cancelled.", false, .choice(["booked", "fulfilled", "noshow", "cancelled"])),
                                               ("_count", "At most this many entries (1–1000, default 100).", false, .integerIn(1...1000, defaultValue: 100)),
                                        ("_offset", "Entries to skip (default 0); the Bundle's next link names the next page.", false, .offset)]))

    static let fhirAppointmentCreate = RouteSpec(
        method: .post, path: "/fhir/Appointment", access: .roles(Role.patientEditors), kind: .fhir, operationID: "fhirCreateAppointment",
        summary: "Book: an Appointment referencing a free Slot and a Patient (and the referral as basedOn ServiceRequest); 409 OperationOutcome if the slot is taken.",
        operation: .init(requestSchema: "FHIRAppointmentInput", requestMedia: .fhir,
                                       responses: [("201", "Booked: the Appointment.", "FHIRAppointment", .fhir), ("409", "The slot is no longer free (OperationOutcome).", "FHIROperationOutcome", .fhir),
                                                   ("422", "Not bookable as sent (OperationOutcome).", "FHIROperationOutcome", .fhir), ("400", "No body, or not an Appointment (OperationOutcome).", "FHIROperationOutcome", .fhir),
                                                   ("401", "No valid token (OperationOutcome).", "FHIROperationOutcome", .fhir), ("403", "The role may not book (OperationOutcome).", "FHIROperationOutcome", .fhir)]))

    static let fhirAppointmentUpdate = RouteSpec(
        method: .put, path: "/fhir/Appointment/:id", access: .roles(Role.patientEditors), kind: .fhir, operationID: "fhirUpdateAppointment",
        summary: "Cancel an Appointment by updating its status to cancelled.",
        operation: .init(requestSchema: "FHIRAppointmentInput", requestMedia: .fhir,
                                       responses: [("200", "The Appointment as it now is.", "FHIRAppointment", .fhir), ("404", "No such Appointment (OperationOutcome).", "FHIROperationOutcome", .fhir),
                                                   ("409", "It cannot be cancelled (OperationOutcome).", "FHIROperationOutcome", .fhir),
                                                   ("422", "A change other than cancelling (OperationOutcome).", "FHIROperationOutcome", .fhir),
                                                   ("400", "No body, or not an Appointment (OperationOutcome).", "FHIROperationOutcome", .fhir),
                                                   ("401", "No valid token (OperationOutcome).", "FHIROperationOutcome", .fhir), ("403", "The role may not cancel (OperationOutcome).", "FHIROperationOutcome", .fhir)]))

    /// Every route of the group, in registration order.
    static let all: [RouteSpec] = [
        fhirMetadata, fhirPatientRead, fhirPatientSearch, fhirScheduleRead, fhirScheduleSearch, fhirSlotRead, fhirSlotSearch, fhirAppointmentRead,
        fhirAppointmentSearch, fhirAppointmentCreate, fhirAppointmentUpdate,
    ]
}
