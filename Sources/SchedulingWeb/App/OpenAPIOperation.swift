/// The OpenAPI description of one route: its request body, query parameters and answers. Each
/// route carries its own (``RouteSpec/operation``), so a route cannot exist undescribed.
struct OpenAPIOperation: Sendable {
    /// Media types the routes speak.
    enum Media: String, Sendable {
        case json = "application/json"
        case problem = "application/problem+json"
        case html = "text/html"
        case form = "application/x-www-form-urlencoded"
        case fhir = "application/fhir+json"
        case csv = "text/csv"
        case svg = "image/svg+xml"
        case text = "text/plain"
        case calendar = "text/calendar"
    }

    /// A query parameter.
    typealias Query = (name: String, description: String, required: Bool, type: QueryType)
    /// An answer: status, description, schema name (in `components.schemas`), media type.
    typealias Answer = (status: String, description: String, schema: String?, media: Media)

    var requestSchema: String?
    var requestMedia: Media
    var query: [Query]
    var responses: [Answer]

    /// Describes an operation.
    init(requestSchema: String? = nil, requestMedia: Media = .json, query: [Query] = [], responses: [Answer]) {
        self.requestSchema = requestSchema
        self.requestMedia = requestMedia
        self.query = query
        self.responses = responses
    }

    /// A FHIR read's answers.
    static func fhirRead(_ type: String) -> OpenAPIOperation {
        .init(responses: [("200", "The \(type).", "FHIR\(type)", .fhir),
                          ("404", "No such \(type) (OperationOutcome).", "FHIROperationOutcome", .fhir),
                          ("401", "No valid token (OperationOutcome).", "FHIROperationOutcome", .fhir),
                          ("403", "The role may not read it (OperationOutcome).", "FHIROperationOutcome", .fhir)])
    }

    /// A FHIR search for `type` with these parameters, and its answers.
    static func fhirSearch(_ type: String, query: [Query]) -> OpenAPIOperation {
        .init(query: query, responses: [
            ("200", "A searchset Bundle of \(type) resources.", "FHIR\(type)Bundle", .fhir),
            ("422", "An unsupported or malformed parameter (OperationOutcome).", "FHIROperationOutcome", .fhir),
            ("401", "No valid token (OperationOutcome).", "FHIROperationOutcome", .fhir),
            ("403", "The role may not search (OperationOutcome).", "FHIROperationOutcome", .fhir),
        ])
    }
}

/// A query parameter's type with the rules the server enforces, so that the document is exactly
/// as strict as the server. A plain `"string"`, `"integer"`, `"number"` or `"boolean"` literal
/// means no further rule.
enum QueryType: Sendable, Equatable, ExpressibleByStringLiteral {
    case string, integer, number, boolean
    /// A whole number in a range, with its default.
    case integerIn(ClosedRange<Int>, defaultValue: Int?)
    /// A number in a range.
    case numberIn(ClosedRange<Double>)
    /// A day, `YYYY-MM-DD`.
    case date
    /// Text of at least `minLength` characters.
    case text(minLength: Int)
    /// One of these values.
    case choice([String])
    /// Text matching a regular expression.
    case pattern(String)
    /// A whole number of at least this, with its default.
    case integerFrom(Int, defaultValue: Int?)

    init(stringLiteral value: String) {
        switch value {
        case "integer": self = .integer
        case "number": self = .number
        case "boolean": self = .boolean
        default: self = .string
        }
    }

    /// A list's page size: 1–`maximum`, default `defaultLimit`.
    static func limit(_ maximum: Int = ListPage.maximum, defaultLimit: Int = ListPage.defaultLimit) -> QueryType {
        .integerIn(1...maximum, defaultValue: defaultLimit)
    }

    /// A list's offset: 0 or more.
    static var offset: QueryType { .integerIn(0...Int(Int32.max), defaultValue: 0) }

    /// The JSON schema.
    var schema: [String: Any] {
        switch self {
        case .string: return ["type": "string"]
        case .integer: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .integerIn(let range, let defaultValue):
            var schema: [String: Any] = ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
            if let defaultValue { schema["default"] = defaultValue }
            return schema
        case .numberIn(let range): return ["type": "number", "minimum": range.lowerBound, "maximum": range.upperBound]
        case .date: return ["type": "string", "format": "date"]
        case .text(let minLength): return ["type": "string", "minLength": minLength]
        case .choice(let values): return ["type": "string", "enum": values]
        case .pattern(let pattern): return ["type": "string", "pattern": pattern]
        case .integerFrom(let minimum, let defaultValue):
            var schema: [String: Any] = ["type": "integer", "minimum": minimum]
            if let defaultValue { schema["default"] = defaultValue }
            return schema
        }
    }

    /// The schema of a parameter. A blank optional text parameter counts as absent (a form's
    /// empty field), so an optional one with a rule also takes the empty string.
    func schema(required: Bool) -> [String: Any] {
        switch self {
        case .date, .choice, .pattern, .text:
            if required { return schema }
            return ["anyOf": [schema, ["type": "string", "maxLength": 0]]]
        default: return schema
        }
    }

    /// One of an enumeration's values.
    static func choice<T: RawRepresentable & CaseIterable>(of type: T.Type) -> QueryType where T.RawValue == String {
        .choice(type.allCases.map(\.rawValue))
    }
}
