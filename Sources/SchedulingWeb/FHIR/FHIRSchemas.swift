import SchedulingDomain
import SchedulingServices

extension OpenAPIDocument {
    /// The JSON schemas of the FHIR routes.
    static var fhirSchemas: [String: Any] { [
        "FHIRResource": object(["resourceType": string], required: ["resourceType"]),
    ] }
}
