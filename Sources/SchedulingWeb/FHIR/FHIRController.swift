import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The HL7 FHIR R4 interface at `/fhir` (X-05): read and search `Patient`, `Schedule`, `Slot` and
/// `Appointment`; book with `POST /fhir/Appointment` and cancel by updating its status. JSON only,
/// bearer tokens as for the API; errors are `OperationOutcome`s.
///
/// Mapping: a `Schedule` is a clinician's (id = the clinician's id), its slots are `Slot`s; a
/// referral is a `ServiceRequest`, named in an appointment's `basedOn`.
struct FHIRController {
    let services: KairosServices

    static let mediaType = "application/fhir+json; charset=utf-8"
    static let nhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number"
    static let specialtySystem = "https://kairos.health/fhir/CodeSystem/specialty"
    static let slotTypeSystem = "https://kairos.health/fhir/CodeSystem/slot-type"
    static let cancellationSystem = "https://kairos.health/fhir/CodeSystem/cancellation-reason"
    static let channelSystem = "https://kairos.health/fhir/CodeSystem/booking-channel"

    func register(_ routes: RouteRegistrar) {
        routes.add(FHIRRoutes.fhirMetadata) { _, _ in Self.respond(Self.capabilityStatement(), status: .ok) }
        routes.add(FHIRRoutes.fhirPatientRead) { _, context in
            let patient = try await services.patients.patient(id: .init(try context.parameters.require("id")), by: context.caller(reason: "FHIR Patient read"))
            return Self.respond(Self.patient(patient))
        }
        routes.add(FHIRRoutes.fhirPatientSearch) { request, context in
            let query = FHIRQuery(request.uri.queryParameters, allowed: ["identifier", "_count"])
            let identifier = query.token("identifier")
            try query.finish()
            guard let identifier else {
                throw FHIRError.invalid("search Patient by identifier=\(Self.nhsNumberSystem)|NHS number.")
            }
            if let system = identifier.system, system != Self.nhsNumberSystem {
                throw FHIRError.invalid("identifier system must be \(Self.nhsNumberSystem).")
            }
            let found = try await services.patients.patient(nhsNumber: identifier.code, by: context.caller(reason: "FHIR Patient search"))
            return Self.respond(Self.bundle(found.map { [Self.patient($0)] } ?? [], request: request))
        }
        routes.add(FHIRRoutes.fhirScheduleRead) { _, context in
            let id = Clinician.ID(try context.parameters.require("id"))
            let overview = try await services.organisation.overview(by: context.caller())
            guard let clinician = overview.clinicians.first(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Schedule", id: id.rawValue) }
            return Self.respond(Self.schedule(clinician, specialty: overview.specialties.first { $0.id == clinician.specialtyID }))
        }
        routes.add(FHIRRoutes.fhirScheduleSearch) { request, context in
            var query = FHIRQuery(request.uri.queryParameters, allowed: ["service-type", "actor", "_count"])
            let serviceType = query.token("service-type")?.code
            let actor = query.reference("actor", type: "Practitioner")
            try query.finish()
            let overview = try await services.organisation.overview(by: context.caller())
            let specialties = Dictionary(uniqueKeysWithValues: overview.specialties.map { ($0.id, $0) })
            let schedules = overview.clinicians.filter { c in
                (serviceType == nil || specialties[c.specialtyID]?.code == serviceType) && (actor == nil || c.id.rawValue == actor)
            }.map { Self.schedule($0, specialty: specialties[$0.specialtyID]) }
            return Self.respond(Self.bundle(schedules, request: request))
        }
        routes.add(FHIRRoutes.fhirSlotRead) { _, context in
            let caller = try context.caller()
            let slot = try await services.clinics.slot(id: .init(try context.parameters.require("id")), by: caller)
            let overview = try await services.organisation.overview(by: caller)
            return Self.respond(Self.slot(slot, specialty: overview.specialties.first { $0.id == slot.specialtyID }, calendar: services.environment.calendar))
        }
        routes.add(FHIRRoutes.fhirSlotSearch) { request, context in try await searchSlots(request, context: context) }
        routes.add(FHIRRoutes.fhirAppointmentRead) { _, context in
            let caller = try context.caller(reason: "FHIR Appointment read")
            let details = try await services.appointments.details(id: .init(try context.parameters.require("id")), by: caller)
            return Self.respond(appointment(details, overview: try await services.organisation.overview(by: caller)))
        }
        routes.add(FHIRRoutes.fhirAppointmentSearch) { request, context in try await searchAppointments(request, context: context) }
        routes.add(FHIRRoutes.fhirAppointmentCreate) { request, context in try await book(request, context: context) }
        routes.add(FHIRRoutes.fhirAppointmentUpdate) { request, context in try await update(request, context: context) }
    }

    // MARK: Searches

    func searchSlots(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var query = FHIRQuery(request.uri.queryParameters, allowed: ["status", "start", "schedule", "service-type", "_count"])
        let statusText = query.text("status")
        let bounds = query.dateBounds("start")
        let schedule = query.reference("schedule", type: "Schedule")
        let serviceType = query.token("service-type")?.code
        let count = query.count()
        try query.finish()
        var status: Slot.Status?
        if let statusText {
            guard let s = Self.slotStatus(fhir: statusText) else { throw FHIRError.invalid("status must be free, busy or busy-unavailable.") }
            status = s
        }
        let caller = try context.caller()
        let calendar = services.environment.calendar, today = services.environment.today
        let firstDay = bounds.lower.map { calendar.localDate(at: $0) } ?? today
        let lastDay = bounds.upper.map { calendar.localDate(at: $0.addingTimeInterval(-1)) } ?? firstDay.adding(days: 83)
        guard firstDay.days(until: lastDay) <= 366 else { throw FHIRError.invalid("a Slot search spans at most a year of start dates.") }
        let overview = try await services.organisation.overview(by: caller)
        let specialties = Dictionary(uniqueKeysWithValues: overview.specialties.map { ($0.id, $0) })
        let specialtyID = try serviceType.map { code in
            guard let s = overview.specialties.first(where: { $0.code == code }) else { throw FHIRError.invalid("service-type \(code) is not a specialty's code.") }
            return s.id
        }
        let slots = try await services.clinics.slots(from: firstDay, through: max(firstDay, lastDay), specialtyID: specialtyID, status: status, by: caller)
            .filter { slot in
                let start = calendar.instant(of: slot.startsAt)
                return (schedule == nil || slot.clinicianID.rawValue == schedule) && bounds.contains(start)
            }
        let resources = slots.prefix(count).map { Self.slot($0, specialty: specialties[$0.specialtyID], calendar: calendar) }
        return Self.respond(Self.bundle(Array(resources), total: slots.count, request: request))
    }

    func searchAppointments(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var query = FHIRQuery(request.uri.queryParameters, allowed: ["patient", "date", "status", "_count"])
        let patient = query.reference("patient", type: "Patient")
        let bounds = query.dateBounds("date")
        let status = query.text("status")
        let count = query.count()
        try query.finish()
        guard let patient else { throw FHIRError.invalid("search Appointment by patient (Patient/id), optionally with date and status.") }
        let caller = try context.caller(reason: "FHIR Appointment search")
        let calendar = services.environment.calendar
        let found = try await services.appointments.appointments(patientID: .init(patient), by: caller).filter { d in
            bounds.contains(calendar.instant(of: d.slot.startsAt)) && (status == nil || Self.appointmentStatus(d.appointment.status) == status)
        }
        let overview = try await services.organisation.overview(by: caller)
        let resources = found.prefix(count).map { appointment($0, overview: overview) }
        return Self.respond(Self.bundle(resources, total: found.count, request: request))
    }

    // MARK: Booking and cancelling

    /// `POST /fhir/Appointment`: books the patient into the slot, for the referral in `basedOn`
    /// (or the patient's open referral in the slot's specialty that is due first).
    func book(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let body = try await Self.resource(request, context: context, type: "Appointment")
        let caller = try context.caller()
        if let status = body["status"] as? String, !["proposed", "pending", "booked"].contains(status) {
            throw FHIRError.invalid("Appointment.status must be proposed, pending or booked to book (it is booked when stored).")
        }
        let slots = (body["slot"] as? [[String: Any]] ?? []).compactMap { Self.referenceID($0, type: "Slot") }
        guard slots.count == 1 else { throw FHIRError.invalid("Appointment.slot must reference exactly one Slot (Slot/id).") }
        let patients = (body["participant"] as? [[String: Any]] ?? []).compactMap { ($0["actor"] as? [String: Any]).flatMap { Self.referenceID($0, type: "Patient") } }
        guard patients.count == 1 else { throw FHIRError.invalid("Appointment.participant must include exactly one Patient actor (Patient/id).") }
        let referrals = (body["basedOn"] as? [[String: Any]] ?? []).compactMap { Self.referenceID($0, type: "ServiceRequest") }
        guard referrals.count <= 1 else { throw FHIRError.invalid("Appointment.basedOn may reference one ServiceRequest (the referral).") }
        let patientID = Patient.ID(patients[0])
        let slot = try await services.clinics.slot(id: .init(slots[0]), by: caller)
        let referralID: Referral.ID
        if let given = referrals.first {
            let referral = try await services.referrals.referral(id: .init(given), by: caller)
            guard referral.patientID == patientID else { throw FHIRError.invalid("basedOn ServiceRequest/\(given) is another patient's referral.") }
            referralID = referral.id
        } else {
            let open = try await services.referrals.referrals(patientID: patientID, by: caller)
                .filter { $0.status == .open && $0.specialtyID == slot.specialtyID }
                .sorted { ($0.dueBy, $0.id.rawValue) < ($1.dueBy, $1.id.rawValue) }
            guard let first = open.first else {
                throw FHIRError.invalid("Patient/\(patientID) has no open referral in the slot's specialty; name one in basedOn (ServiceRequest/id).")
            }
            referralID = first.id
        }
        let booked = try await services.bookings.book(
            .init(referralID: referralID.rawValue, slotID: slot.id.rawValue, channel: Appointment.Channel.online.rawValue), by: caller)
        let details = try await services.appointments.details(id: booked.id, by: caller)
        var response = Self.respond(appointment(details, overview: try await services.organisation.overview(by: caller)), status: .created)
        response.headers[.location] = "/fhir/Appointment/\(booked.id.rawValue)"
        return response
    }

    /// `PUT /fhir/Appointment/{id}`: the one change supported is the status to `cancelled`
    /// (`cancelationReason` a Kairos reason code; a provider or hospital reason cancels for the hospital).
    func update(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await Self.resource(request, context: context, type: "Appointment")
        if let bodyID = body["id"] as? String, bodyID != id { throw FHIRError.invalid("Appointment.id \(bodyID) does not match the URL's \(id).") }
        let caller = try context.caller()
        let current = try await services.appointments.details(id: .init(id), by: caller)
        guard let status = body["status"] as? String else { throw FHIRError.invalid("Appointment.status is required.") }
        if status == Self.appointmentStatus(current.appointment.status) { return Self.respond(appointment(current, overview: try await services.organisation.overview(by: caller))) }
        guard status == "cancelled" else {
            throw FHIRError.invalid("the only change supported is Appointment.status to cancelled; book another slot with POST /fhir/Appointment.")
        }
        let code = ((body["cancelationReason"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String
        let reason = code.flatMap(Appointment.CancellationReason.init(rawValue:)) ?? .patientRequest
        let hospitalReasons: Set<Appointment.CancellationReason> = [.clinicianUnavailable, .clinicCancelled, .industrialAction, .administrative]
        let byHospital = hospitalReasons.contains(reason) || code?.hasPrefix("prov") == true
        let cancelled = try await services.appointments.cancel(
            id: .init(id), .init(initiatedBy: byHospital ? "hospital" : "patient", reason: reason.rawValue), by: caller)
        return Self.respond(appointment(cancelled, overview: try await services.organisation.overview(by: caller)))
    }

    // MARK: Resources

    static func capabilityStatement() -> [String: Any] {
        func resource(_ type: String, _ interactions: [String], _ params: [(String, String, String)]) -> [String: Any] {
            ["type": type, "interaction": interactions.map { ["code": $0] },
             "searchParam": params.map { ["name": $0.0, "type": $0.1, "documentation": $0.2] }]
        }
        return [
            "resourceType": "CapabilityStatement", "status": "active", "date": "2026-11-23", "publisher": "Kairos",
            "kind": "instance", "fhirVersion": "4.0.1", "format": ["json"],
            "software": ["name": "Kairos"],
            "implementation": ["description": "Kairos outpatient booking: patients, clinicians' schedules, slots and appointments."],
            "rest": [[
                "mode": "server",
                "security": ["cors": false, "description": "Send an API token as 'Authorization: Bearer …' (kairos user token NAME)."],
                "resource": [
                    resource("Patient", ["read", "search-type"], [("identifier", "token", "NHS number: \(nhsNumberSystem)|number")]),
                    resource("Schedule", ["read", "search-type"], [("service-type", "token", "Specialty code"), ("actor", "reference", "Practitioner/id")]),
                    resource("Slot", ["read", "search-type"], [
                        ("status", "token", "free | busy | busy-unavailable"), ("start", "date", "ge, gt, le, lt or eq a date or dateTime; repeatable"),
                        ("schedule", "reference", "Schedule/id"), ("service-type", "token", "Specialty code"),
                    ]),
                    resource("Appointment", ["read", "search-type", "create", "update"], [
                        ("patient", "reference", "Patient/id (required)"), ("date", "date", "The appointment's start"),
                        ("status", "token", "booked | fulfilled | noshow | cancelled"),
                    ]),
                ],
            ]],
        ]
    }

    static func patient(_ p: Patient) -> [String: Any] {
        var resource: [String: Any] = [
            "resourceType": "Patient", "id": p.id.rawValue,
            "identifier": [["system": nhsNumberSystem, "value": p.nhsNumber.digits]],
            "name": [["use": "official", "family": p.familyName, "given": [p.givenName]]],
            "gender": p.sex == .female ? "female" : p.sex == .male ? "male" : "unknown",
            "birthDate": p.birthDate.iso,
            "address": [["use": "home", "line": p.address.lines, "city": p.address.town, "postalCode": p.address.postcode]],
        ]
        var telecom: [[String: Any]] = []
        if let phone = p.phone { telecom.append(["system": "phone", "value": phone]) }
        if let email = p.email { telecom.append(["system": "email", "value": email]) }
        if !telecom.isEmpty { resource["telecom"] = telecom }
        return resource
    }

    static func specialtyConcept(_ s: Specialty?, id: Specialty.ID) -> [String: Any] {
        ["coding": [["system": specialtySystem, "code": s?.code ?? id.rawValue, "display": s?.name ?? id.rawValue]]]
    }

    static func schedule(_ c: Clinician, specialty: Specialty?) -> [String: Any] {
        ["resourceType": "Schedule", "id": c.id.rawValue, "active": true,
         "serviceType": [specialtyConcept(specialty, id: c.specialtyID)],
         "actor": [["reference": "Practitioner/\(c.id.rawValue)", "display": c.name]],
         "comment": "\(c.name)'s outpatient clinics (\(c.grade))."]
    }

    static func slotStatus(_ s: Slot.Status) -> String {
        switch s {
        case .free: "free"
        case .booked: "busy"
        case .cancelled: "busy-unavailable"
        }
    }

    static func slotStatus(fhir: String) -> Slot.Status? {
        switch fhir {
        case "free": .free
        case "busy": .booked
        case "busy-unavailable": .cancelled
        default: nil
        }
    }

    static func slot(_ s: Slot, specialty: Specialty?, calendar: LondonCalendar) -> [String: Any] {
        let start = calendar.instant(of: s.startsAt)
        return [
            "resourceType": "Slot", "id": s.id.rawValue, "schedule": ["reference": "Schedule/\(s.clinicianID.rawValue)"],
            "status": slotStatus(s.status), "start": instant(start), "end": instant(start.addingTimeInterval(Double(s.minutes * 60))),
            "serviceType": [specialtyConcept(specialty, id: s.specialtyID)],
            "appointmentType": ["coding": [["system": slotTypeSystem, "code": s.type.rawValue]]],
        ]
    }

    static func appointmentStatus(_ s: Appointment.Status) -> String {
        switch s {
        case .booked: "booked"
        case .attended: "fulfilled"
        case .dna: "noshow"
        case .cancelledByPatient, .cancelledByHospital: "cancelled"
        }
    }

    /// The Appointment resource; `overview` names the specialty, clinician and location (read once per request).
    func appointment(_ d: AppointmentDetails, overview: OrganisationService.Overview) -> [String: Any] {
        let specialty = overview.specialties.first { $0.id == d.slot.specialtyID }
        let clinician = overview.clinicians.first { $0.id == d.slot.clinicianID }
        let location = overview.locations.first { $0.id == d.slot.locationID }
        let start = services.environment.calendar.instant(of: d.slot.startsAt)
        let a = d.appointment
        let participantStatus = a.status == .cancelledByPatient || a.status == .cancelledByHospital ? "declined" : "accepted"
        var resource: [String: Any] = [
            "resourceType": "Appointment", "id": a.id.rawValue, "status": Self.appointmentStatus(a.status),
            "serviceType": [Self.specialtyConcept(specialty, id: d.slot.specialtyID)],
            "appointmentType": ["coding": [["system": Self.slotTypeSystem, "code": d.slot.type.rawValue]]],
            "start": Self.instant(start), "end": Self.instant(start.addingTimeInterval(Double(d.slot.minutes * 60))), "minutesDuration": d.slot.minutes,
            "slot": [["reference": "Slot/\(d.slot.id.rawValue)"]], "created": Self.instant(a.bookedAt),
            "basedOn": [["reference": "ServiceRequest/\(a.referralID.rawValue)"]],
            "participant": [
                ["actor": ["reference": "Patient/\(a.patientID.rawValue)"], "required": "required", "status": participantStatus],
                ["actor": ["reference": "Practitioner/\(d.slot.clinicianID.rawValue)", "display": clinician?.name ?? d.slot.clinicianID.rawValue],
                 "required": "required", "status": "accepted"],
                ["actor": ["reference": "Location/\(d.slot.locationID.rawValue)", "display": location?.name ?? d.slot.locationID.rawValue],
                 "required": "required", "status": "accepted"],
            ],
        ]
        if let cancellation = a.cancellation {
            resource["cancelationReason"] = ["coding": [["system": Self.cancellationSystem, "code": cancellation.reason.rawValue]]]
        }
        var notes: [String] = []
        if let language = a.interpreterLanguage { notes.append("Interpreter: \(language).") }
        if a.needsTransport { notes.append("Hospital transport requested.") }
        if !notes.isEmpty { resource["comment"] = notes.joined(separator: " ") }
        return resource
    }

    static func bundle(_ resources: [[String: Any]], total: Int? = nil, request: Request) -> [String: Any] {
        [
            "resourceType": "Bundle", "type": "searchset", "total": total ?? resources.count,
            "link": [["relation": "self", "url": request.uri.description]],
            "entry": resources.map { r -> [String: Any] in
                ["fullUrl": "\(r["resourceType"]!)/\(r["id"]!)", "resource": r, "search": ["mode": "match"]]
            },
        ]
    }

    // MARK: Plumbing

    static func instant(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func respond(_ resource: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: resource, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: mediaType], body: .init(byteBuffer: .init(bytes: data)))
    }

    /// The JSON body, which must be a resource of `type`.
    static func resource(_ request: Request, context: KairosRequestContext, type: String) async throws -> [String: Any] {
        var request = request
        let buffer = try await request.collectBody(limit: context.maxUploadSize)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)), let body = object as? [String: Any] else {
            throw FHIRError.structure("the body is not a JSON object.")
        }
        guard body["resourceType"] as? String == type else { throw FHIRError.structure("resourceType must be \(type).") }
        return body
    }

    /// The id of a reference `{"reference": "Type/id"}` to `type` (a relative or absolute URL).
    static func referenceID(_ reference: [String: Any], type: String) -> String? {
        guard let text = reference["reference"] as? String else { return nil }
        let parts = text.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2] == type, !parts[parts.count - 1].isEmpty else { return nil }
        return String(parts[parts.count - 1])
    }

    /// An OperationOutcome for an error, with its HTTP status, rendered from the one ``ErrorMapping``.
    static func outcome(for error: any Error) -> (HTTPResponse.Status, [String: Any]) {
        let mapped = ErrorMapping.of(error)
        func outcome(_ code: String, _ text: String, severity: String = "error") -> [String: Any] {
            ["resourceType": "OperationOutcome", "issue": [["severity": severity, "code": code, "diagnostics": text]]]
        }
        switch mapped.kind {
        case .invalid:
            return (mapped.status, ["resourceType": "OperationOutcome", "issue": mapped.issues.map { issue -> [String: Any] in
                var entry: [String: Any] = ["severity": "error", "code": "invalid", "diagnostics": issue.message]
                if !issue.path.isEmpty { entry["expression"] = [issue.path] }
                return entry
            }])
        case .malformed: return (mapped.status, outcome("structure", mapped.issues.first?.message ?? mapped.detail))
        case .notFound: return (mapped.status, outcome("not-found", mapped.detail))
        case .conflict(let code): return (mapped.status, outcome(code == "slot.taken" ? "conflict" : "business-rule", mapped.detail))
        case .unauthenticated: return (mapped.status, outcome("login", mapped.detail))
        case .forbidden: return (mapped.status, outcome("forbidden", mapped.detail))
        case .http: return (mapped.status, outcome("processing", mapped.status.reasonPhrase))
        case .internalError: return (mapped.status, outcome("exception", mapped.detail, severity: "fatal"))
        }
    }
}

/// A FHIR request the interface cannot take.
enum FHIRError: MappedError {
    /// Well-formed but not acceptable (422).
    case invalid(String)
    /// Not a resource of the right type (400).
    case structure(String)

    var mapping: ErrorMapping {
        switch self {
        case .invalid(let text):
            ErrorMapping(status: .unprocessableContent, kind: .invalid, detail: text, issues: [ValidationIssue(path: "", code: "fhir.invalid", message: text)])
        case .structure(let text):
            ErrorMapping(status: .badRequest, kind: .malformed, detail: text, issues: [ValidationIssue(path: "", code: "fhir.structure", message: text)])
        }
    }
}

/// FHIR search parameters: only the known ones, each problem collected.
struct FHIRQuery {
    let query: Hummingbird.Parameters
    private var problems: [String] = []

    init(_ query: Hummingbird.Parameters, allowed: Set<String>) {
        self.query = query
        for (name, _) in query where !allowed.contains(String(name)) && !["_format"].contains(String(name)) {
            problems.append("search parameter \(name) is not supported; use \(allowed.sorted().joined(separator: ", ")).")
        }
    }

    func text(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }

    /// A token `system|code` or `code`.
    func token(_ name: String) -> (system: String?, code: String)? {
        guard let text = text(name) else { return nil }
        guard let bar = text.firstIndex(of: "|") else { return (nil, text) }
        let system = String(text[..<bar]), code = String(text[text.index(after: bar)...])
        return (system.isEmpty ? nil : system, code)
    }

    /// The id of a reference parameter (`Type/id` or `id`).
    mutating func reference(_ name: String, type: String) -> String? {
        guard let text = text(name) else { return nil }
        let parts = text.split(separator: "/")
        if parts.count >= 2 {
            guard parts[parts.count - 2] == type else { problems.append("\(name) must reference a \(type)."); return nil }
            return String(parts[parts.count - 1])
        }
        return text
    }

    /// `_count`: 1 to 1000, 100 by default.
    mutating func count() -> Int {
        guard let text = text("_count") else { return 100 }
        guard let n = Int(text), (1...1000).contains(n) else { problems.append("_count must be 1 to 1000."); return 100 }
        return n
    }

    /// Bounds from repeated date parameters with prefixes (ge, gt, le, lt, eq), each a date or a dateTime.
    mutating func dateBounds(_ name: String) -> DateBounds {
        var bounds = DateBounds()
        for value in query.getAll(name) where !value.isEmpty {
            var text = String(value)
            var prefix = "eq"
            if let p = ["ge", "gt", "le", "lt", "eq"].first(where: { text.hasPrefix($0) }) {
                prefix = p
                text.removeFirst(2)
            }
            guard let (from, to) = Self.interval(text) else {
                problems.append("\(name) must be a date (YYYY-MM-DD) or a dateTime with a time zone, with an optional prefix ge, gt, le, lt or eq.")
                continue
            }
            switch prefix {
            case "ge": bounds.lower = max(bounds.lower ?? from, from)
            case "gt": bounds.lower = max(bounds.lower ?? to, to)
            case "le": bounds.upper = min(bounds.upper ?? to, to)
            case "lt": bounds.upper = min(bounds.upper ?? from, from)
            default:
                bounds.lower = max(bounds.lower ?? from, from)
                bounds.upper = min(bounds.upper ?? to, to)
            }
        }
        return bounds
    }

    /// The instants a date or dateTime covers: [start, end).
    static func interval(_ text: String) -> (Date, Date)? {
        if let day = LocalDate(iso: text) {
            let calendar = LondonCalendar()
            return (calendar.instant(of: LocalDateTime(date: day, time: LocalTime(minuteOfDay: 0)!)),
                    calendar.instant(of: LocalDateTime(date: day.adding(days: 1), time: LocalTime(minuteOfDay: 0)!)))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let instant = formatter.date(from: text) { return (instant, instant.addingTimeInterval(1)) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let instant = formatter.date(from: text) { return (instant, instant.addingTimeInterval(0.001)) }
        return nil
    }

    func finish() throws {
        if !problems.isEmpty { throw FHIRError.invalid(problems.joined(separator: " ")) }
    }
}

/// A half-open range of instants [lower, upper); either end may be open.
struct DateBounds {
    var lower: Date?
    var upper: Date?

    func contains(_ instant: Date) -> Bool {
        (lower.map { instant >= $0 } ?? true) && (upper.map { instant < $0 } ?? true)
    }
}
