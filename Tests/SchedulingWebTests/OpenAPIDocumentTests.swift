import Foundation
import Testing
@testable import SchedulingWeb

/// The API description tells the truth (issue 15): FHIR answers are resources, every status the
/// server gives is documented, and the parameters carry the rules the server enforces. The
/// Schemathesis run in CI (`scripts/fuzz-api.sh`) checks the same against the running server.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    let paths: [String: [String: [String: Any]]]
    let schemas: [String: Any]

    init() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.data()) as? [String: Any])
        paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
    }

    /// Every operation: "METHOD path" and its description.
    var operations: [(String, String, [String: Any])] {
        paths.flatMap { path, methods in methods.map { (path, $0.key.uppercased(), $0.value) } }
    }

    func responses(_ operation: [String: Any]) -> [String: [String: Any]] {
        operation["responses"] as? [String: [String: Any]] ?? [:]
    }

    @Test("every FHIR answer is a described resource: a Bundle, the resource, or an OperationOutcome")
    func fhirResources() throws {
        for (path, method, operation) in operations where path.hasPrefix("/fhir") {
            for (status, response) in responses(operation) {
                let content = try #require(response["content"] as? [String: [String: Any]], "\(method) \(path) \(status)")
                let schema = try #require(content["application/fhir+json"]?["schema"] as? [String: Any], "\(method) \(path) \(status)")
                let name = try #require((schema["$ref"] as? String)?.split(separator: "/").last.map(String.init), "\(method) \(path) \(status) is not a resource")
                let resolved = try #require(schemas[name] as? [String: Any])
                #expect(resolved["type"] as? String == "object")
                if status.hasPrefix("4") { #expect(name == "FHIROperationOutcome", "\(method) \(path) \(status)") }
            }
        }
        let bundle = try #require(schemas["FHIRSlotBundle"] as? [String: Any])
        let properties = try #require(bundle["properties"] as? [String: Any])
        #expect((properties["resourceType"] as? [String: Any])?["const"] as? String == "Bundle")
    }

    @Test("statuses the server gives are documented: 400 for a bad path or body, 303 to the login page, CSRF 403, 503 when busy")
    func commonStatuses() {
        for (path, method, operation) in operations {
            let answers = responses(operation)
            if path.contains("{") { #expect(answers["400"] != nil, "\(method) \(path) lacks 400") }
            if operation["requestBody"] != nil { #expect(answers["400"] != nil && answers["413"] != nil, "\(method) \(path) lacks 400/413") }
            if path.hasPrefix("/api/") || path.hasPrefix("/fhir/Patient") { #expect(answers["401"] != nil, "\(method) \(path) lacks 401") }
            if !path.hasPrefix("/api/"), !path.hasPrefix("/fhir"), !path.hasPrefix("/health"), !["/metrics", "/openapi.json", "/login"].contains(path) {
                #expect(answers["303"] != nil, "\(method) \(path): a page redirects to the login page")
                #expect(answers["303"]?["content"] == nil, "\(method) \(path): a redirect has no body")
                if method == "POST" { #expect(answers["403"] != nil, "\(method) \(path) lacks the CSRF 403") }
            }
            if !path.hasPrefix("/health"), !["/metrics", "/openapi.json"].contains(path) { #expect(answers["503"] != nil, "\(method) \(path) lacks 503") }
        }
        #expect(responses(paths["/login"]!["post"]!)["429"] != nil)
        #expect(responses(paths["/fhir/Appointment/{id}"]!["put"]!)["400"] != nil)
    }

    @Test("parameters carry the server's rules: ranges, dates, choices; a blank optional parameter is allowed as absent")
    func parameterRules() throws {
        func parameter(_ path: String, _ method: String, _ name: String) throws -> [String: Any] {
            let list = try #require(paths[path]?[method]?["parameters"] as? [[String: Any]])
            return try #require(list.first { $0["name"] as? String == name }?["schema"] as? [String: Any], "\(method) \(path) \(name)")
        }
        #expect(try parameter("/api/v1/users", "get", "limit")["minimum"] as? Int == 1)
        #expect(try parameter("/fhir/Slot", "get", "_count")["minimum"] as? Int == 1)
        #expect(try parameter("/api/v1/slots", "get", "from")["format"] as? String == "date")
        let notBefore = try parameter("/api/v1/referrals/{id}/offers", "get", "notBefore")
        #expect((notBefore["anyOf"] as? [[String: Any]])?.contains { $0["maxLength"] as? Int == 0 } == true)
        let token = try #require((schemas["CreateTokenRequest"] as? [String: Any])?["properties"] as? [String: [String: Any]])
        #expect(token["name"]?["minLength"] as? Int == 1)
        let availability = try #require((schemas["AvailabilityInput"] as? [String: Any])?["properties"] as? [String: [String: Any]])
        #expect(availability["availableFrom"]?["anyOf"] != nil, "availableFrom takes an empty string as absent")
        let id = try parameter("/api/v1/patients/{id}", "get", "id")
        #expect(id["minLength"] as? Int == 1 && id["pattern"] != nil)
    }
}
