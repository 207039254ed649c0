import Foundation
import SchedulingDomain
import SchedulingServices

/// Builds the OpenAPI 3.1 description of every route in ``RouteCatalogue``: the paths and
/// methods come from the catalogue itself, so a route cannot exist without being described.
public enum OpenAPIDocument {
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func array(_ name: String) -> [String: Any] { ["type": "array", "items": ref(name)] }

    static let commonProblems: [(String, String)] = [
        ("400", "Malformed request: the problem names the JSON path."),
        ("401", "Not authenticated."),
        ("403", "The caller's role may not use this route."),
        ("422", "Invalid input: every issue with its path, code and message."),
        ("413", "The body is larger than the route takes; the problem names the limit."),
    ]

    /// The document as a JSON-compatible dictionary.
    public static func make() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for spec in RouteCatalogue.all {
            let details = spec.operation
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
                parameters.append(["name": q.name, "in": "query", "required": q.required, "description": q.description, "schema": q.type.schema])
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let schema = details.requestSchema {
                operation["requestBody"] = ["required": true, "content": [details.requestMedia.rawValue: ["schema": ref(schema)]]]
            }
            var responses: [String: Any] = [:]
            for r in details.responses {
                var response: [String: Any] = ["description": r.description]
                if let schema = r.schema { response["content"] = [r.media.rawValue: ["schema": ref(schema)]] }
                else if r.media != .json || r.status != "204" { response["content"] = [r.media.rawValue: ["schema": ["type": "string"]]] }
                if r.status == "204" { response.removeValue(forKey: "content") }
                responses[r.status] = response
            }
            if spec.kind == .api {
                for (status, description) in commonProblems where responses[status] == nil {
                    if status == "400" || status == "422", details.requestSchema == nil, details.query.isEmpty { continue }
                    if status == "413", details.requestSchema == nil { continue }
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

    /// Every schema the operations name, each service's beside its routes.
    static var schemas: [String: Any] {
        sharedSchemas.merging(outpatientSchemas) { _, _ in preconditionFailure("a schema is declared twice") }
            .merging(fhirSchemas) { _, _ in preconditionFailure("a schema is declared twice") }
    }
}
