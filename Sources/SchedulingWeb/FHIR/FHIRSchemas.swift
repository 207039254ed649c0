import SchedulingDomain
import SchedulingServices

/// The FHIR R4 resources the interface answers with, as JSON schemas of exactly the elements
/// Kairos writes (``FHIRController``'s resource builders), so that a client generated from the
/// document reads them as objects.
extension OpenAPIDocument {
    /// The resource types that have a read and a search, each with a `FHIR<Type>Bundle`.
    static let fhirSearchableTypes = ["Patient", "Schedule", "Slot", "Appointment"]

    /// A resource: `resourceType` fixed to `type`, with these elements.
    static func fhirResource(_ type: String, _ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var all = properties
        all["resourceType"] = ["type": "string", "const": type]
        return object(all, required: ["resourceType"] + required)
    }

    static func fhirArray(_ item: [String: Any]) -> [String: Any] { ["type": "array", "items": item] }
    static var fhirReference: [String: Any] { ref("FHIRReference") }
    static var fhirConcept: [String: Any] { ref("FHIRCodeableConcept") }
    static var fhirInstant: [String: Any] { ["type": "string", "format": "date-time"] }

    /// The JSON schemas of the FHIR routes.
    static var fhirSchemas: [String: Any] {
        var schemas: [String: Any] = [
            "FHIRCoding": object(["system": string, "code": string, "display": string]),
            "FHIRCodeableConcept": object(["coding": fhirArray(ref("FHIRCoding")), "text": string]),
            "FHIRReference": object(["reference": string, "display": string]),
            "FHIROperationOutcome": fhirResource("OperationOutcome", [
                "issue": fhirArray(object([
                    "severity": ["type": "string", "enum": ["fatal", "error", "warning", "information"]],
                    "code": string, "diagnostics": string, "expression": fhirArray(string),
                ], required: ["severity", "code"])),
            ], required: ["issue"]),
            "FHIRPatient": fhirResource("Patient", [
                "id": string,
                "identifier": fhirArray(object(["system": string, "value": string], required: ["system", "value"])),
                "name": fhirArray(object(["use": string, "family": string, "given": fhirArray(string)])),
                "gender": ["type": "string", "enum": ["male", "female", "other", "unknown"]],
                "birthDate": date,
                "address": fhirArray(object(["use": string, "line": fhirArray(string), "city": string, "postalCode": string])),
                "telecom": fhirArray(object(["system": string, "value": string])),
            ], required: ["id", "identifier"]),
            "FHIRSchedule": fhirResource("Schedule", [
                "id": string, "active": ["type": "boolean"], "serviceType": fhirArray(fhirConcept),
                "actor": fhirArray(fhirReference), "comment": string,
            ], required: ["id", "actor"]),
            "FHIRSlot": fhirResource("Slot", [
                "id": string, "schedule": fhirReference,
                "status": ["type": "string", "enum": ["busy", "free", "busy-unavailable", "busy-tentative", "entered-in-error"]],
                "start": fhirInstant, "end": fhirInstant, "serviceType": fhirArray(fhirConcept), "appointmentType": fhirConcept,
            ], required: ["id", "schedule", "status", "start", "end"]),
            "FHIRAppointment": fhirResource("Appointment", [
                "id": string,
                "status": ["type": "string", "enum": ["proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow",
                                                      "entered-in-error", "checked-in", "waitlist"]],
                "serviceType": fhirArray(fhirConcept), "appointmentType": fhirConcept, "cancelationReason": fhirConcept,
                "start": fhirInstant, "end": fhirInstant, "minutesDuration": ["type": "integer", "minimum": 1],
                "slot": fhirArray(fhirReference), "created": fhirInstant, "basedOn": fhirArray(fhirReference), "comment": string,
                "participant": fhirArray(object(["actor": fhirReference, "required": string, "status": string], required: ["status"])),
            ], required: ["id", "status", "participant"]),
            // What a client sends to book or cancel: an Appointment; the server names what else it needs.
            "FHIRAppointmentInput": fhirResource("Appointment", [
                "id": string, "status": string, "slot": fhirArray(fhirReference), "basedOn": fhirArray(fhirReference),
                "participant": fhirArray(object(["actor": fhirReference, "required": string, "status": string])),
                "comment": string,
            ]),
            "FHIRCapabilityStatement": fhirResource("CapabilityStatement", [
                "status": string, "date": string, "publisher": string, "kind": string, "fhirVersion": string,
                "format": fhirArray(string), "software": object(["name": string]), "implementation": object(["description": string]),
                "rest": fhirArray(object([
                    "mode": string,
                    "security": object(["cors": ["type": "boolean"], "description": string]),
                    "resource": fhirArray(object([
                        "type": string, "interaction": fhirArray(object(["code": string])),
                        "searchParam": fhirArray(object(["name": string, "type": string, "documentation": string])),
                    ])),
                ])),
            ], required: ["status", "kind", "fhirVersion", "format", "rest"]),
        ]
        for type in fhirSearchableTypes {
            schemas["FHIR\(type)Bundle"] = fhirResource("Bundle", [
                "type": ["type": "string", "const": "searchset"],
                "total": ["type": "integer", "minimum": 0],
                "link": fhirArray(object(["relation": string, "url": string], required: ["relation", "url"])),
                "entry": fhirArray(object([
                    "fullUrl": string, "resource": ref("FHIR\(type)"), "search": object(["mode": string]),
                ], required: ["resource"])),
            ], required: ["type", "total"])
        }
        return schemas
    }
}
