import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// Kairos records as FHIR R4 resources.
extension FHIRController {
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
        if let number = p.hospitalNumber {
            resource["identifier"] = [["system": nhsNumberSystem, "value": p.nhsNumber.digits], ["system": hospitalNumberSystem, "value": number]]
        }
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
        let start = shared.environment.calendar.instant(of: d.slot.startsAt)
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

    static func bundle(_ resources: [[String: Any]], total: Int? = nil, request: Request, count: Int? = nil, offset: Int = 0) -> [String: Any] {
        var links: [[String: Any]] = [["relation": "self", "url": request.uri.description]]
        if let count, let total, offset + count < total {
            links.append(["relation": "next", "url": ListPage(limit: count, offset: offset + count).fhirLink(request)])
        }
        return [
            "resourceType": "Bundle", "type": "searchset", "total": total ?? resources.count,
            "link": links,
            "entry": resources.map { r -> [String: Any] in
                ["fullUrl": "\(r["resourceType"]!)/\(r["id"]!)", "resource": r, "search": ["mode": "match"]]
            },
        ]
    }
}
