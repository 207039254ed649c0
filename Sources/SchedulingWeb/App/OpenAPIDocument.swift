import Foundation
import SchedulingDomain
import SchedulingServices

/// Builds the OpenAPI 3.1 description of every route in ``RouteCatalogue``: the paths and
/// methods come from the catalogue itself, so a route cannot exist without being described.
public enum OpenAPIDocument {
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func array(_ name: String) -> [String: Any] { ["type": "array", "items": ref(name)] }

    /// A path parameter: any text without control characters (the server refuses those with 400).
    static var pathParameterSchema: [String: Any] { ["type": "string", "minLength": 1, "pattern": "^[^\\u0000-\\u001F\\u007F]+$"] }

    /// The answers every route of its kind can give besides its own: malformed paths and bodies,
    /// authentication and roles, CSRF on page forms, oversized bodies, a busy server.
    static func commonAnswers(_ spec: RouteSpec, hasPathParameters: Bool) -> [(String, String)] {
        let details = spec.operation
        var answers: [(String, String)] = []
        let hasBody = details.requestSchema != nil
        if hasPathParameters || hasBody || (spec.kind == .api && !details.query.isEmpty) {
            answers.append(("400", "Malformed request: a path with a control character, a body that cannot be read (a form field given twice, JSON that does not parse); the answer names what."))
        }
        if spec.kind == .api && (hasBody || !details.query.isEmpty) {
            answers.append(("422", "Invalid input: every issue with its path, code and message."))
        }
        if hasBody { answers.append(("413", "The body is larger than the route takes; the answer names the limit.")) }
        if spec.access != .everyone {
            switch spec.kind {
            case .api, .fhir: answers.append(("401", "Not authenticated: no valid bearer token."))
            case .page: answers.append(("303", "Not logged in: a redirect to the login page, which comes back here."))
            case .meta: break
            }
        }
        if spec.kind == .page && spec.method == .post {
            answers.append(("403", "The form's CSRF token is missing or wrong, or the role may not use this page."))
        } else if case .roles = spec.access {
            answers.append(("403", "The caller's role may not use this route."))
        }
        if spec.lane != .direct {
            answers.append(("503", "The server is busy: try again after the seconds in Retry-After."))
        }
        return answers
    }

    /// One answer. A redirect has no body; a page's errors come as HTML to browsers and as
    /// problem JSON to clients that do not accept HTML.
    static func response(_ description: String, schema: String?, media: OpenAPIOperation.Media, status: String, kind: RouteKind) -> [String: Any] {
        var response: [String: Any] = ["description": description]
        if status.hasPrefix("3") || status == "204" { return response }
        var content: [String: Any] = [media.rawValue: ["schema": schema.map(ref) ?? ["type": "string"]]]
        if kind == .page, status.hasPrefix("4") || status.hasPrefix("5") {
            content[OpenAPIOperation.Media.html.rawValue] = ["schema": ["type": "string"]]
            content[OpenAPIOperation.Media.problem.rawValue] = ["schema": ref("Problem")]
        }
        response["content"] = content
        return response
    }

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
            let pathParameters = spec.path.split(separator: "/").filter { $0.hasPrefix(":") }
            var parameters: [[String: Any]] = pathParameters.map {
                ["name": String($0.dropFirst()), "in": "path", "required": true, "schema": pathParameterSchema]
            }
            for q in details.query {
                parameters.append(["name": q.name, "in": "query", "required": q.required, "description": q.description, "schema": q.type.schema(required: q.required)])
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let schema = details.requestSchema {
                operation["requestBody"] = ["required": true, "content": [details.requestMedia.rawValue: ["schema": ref(schema)]]]
            }
            var responses: [String: Any] = [:]
            for r in details.responses {
                responses[r.status] = response(r.description, schema: r.schema, media: r.media, status: r.status, kind: spec.kind)
            }
            for (status, description) in commonAnswers(spec, hasPathParameters: !pathParameters.isEmpty) where responses[status] == nil {
                let media: OpenAPIOperation.Media = spec.kind == .fhir ? .fhir : spec.kind == .page ? .html : .problem
                let schema = spec.kind == .fhir ? "FHIROperationOutcome" : spec.kind == .page ? nil : "Problem"
                responses[status] = response(description, schema: schema, media: media, status: status, kind: spec.kind)
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
    /// Text the server requires: not blank, at most `maxLength` characters.
    static func text(_ maxLength: Int) -> [String: Any] { ["type": "string", "minLength": 1, "maxLength": maxLength, "pattern": "\\S"] }
    /// A day that may be left empty (absent).
    static var optionalDate: [String: Any] { ["anyOf": [date, ["type": "string", "maxLength": 0]]] }
    /// A time of day, `HH:MM`.
    static var timeOfDay: [String: Any] { ["type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"] }
    /// An NHS number as typed: ten digits, spaces and dashes allowed.
    static var nhsNumberInput: [String: Any] { ["type": "string", "pattern": "^[ -]*([0-9][ -]*){10}$"] }
    static var dateTime: [String: Any] { ["type": "string", "format": "date-time"] }
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    static var slotType: [String: Any] { ["type": "string", "enum": SlotType.allCases.map(\.rawValue)] }
    static var roleSchema: [String: Any] { ["type": "string", "enum": Role.allCases.map(\.rawValue)] }

    /// Every schema the operations name, each service's beside its routes.
    static var schemas: [String: Any] {
        sharedSchemas.merging(outpatientSchemas) { _, _ in preconditionFailure("a schema is declared twice") }
            .merging(fhirSchemas) { _, _ in preconditionFailure("a schema is declared twice") }
            .merging(transportSchemas) { _, _ in preconditionFailure("a schema is declared twice") }
            .merging(alertSchemas) { _, _ in preconditionFailure("a schema is declared twice") }
    }
}
