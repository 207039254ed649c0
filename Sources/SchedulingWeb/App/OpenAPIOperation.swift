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
    }

    /// A query parameter.
    typealias Query = (name: String, description: String, required: Bool, type: String)
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
        .init(responses: [("200", "The \(type).", nil, .fhir), ("404", "No such \(type) (OperationOutcome).", nil, .fhir),
                          ("401", "No valid token (OperationOutcome).", nil, .fhir), ("403", "The role may not read it (OperationOutcome).", nil, .fhir)])
    }

    /// A FHIR search with these parameters, and its answers.
    static func fhirSearch(query: [Query]) -> OpenAPIOperation {
        .init(query: query, responses: [
            ("200", "A searchset Bundle.", nil, .fhir), ("422", "An unsupported or malformed parameter (OperationOutcome).", nil, .fhir),
            ("401", "No valid token (OperationOutcome).", nil, .fhir), ("403", "The role may not search (OperationOutcome).", nil, .fhir),
        ])
    }
}
