import HTTPTypes
import SchedulingDomain
import SchedulingServices

/// Who may call a route.
public enum Access: Sendable, Equatable {
    /// Anyone, logged in or not.
    case everyone
    /// Any logged-in user.
    case authenticated
    /// Logged-in users holding one of these roles.
    case roles(Set<Role>)

    /// Whether a user with `role` may call the route.
    public func allows(_ role: Role) -> Bool {
        switch self {
        case .everyone, .authenticated: true
        case .roles(let roles): roles.contains(role)
        }
    }
}

/// What a route answers with: JSON (bearer token), HTML pages (session cookie), or plain
/// machine endpoints (health, metrics, the API description).
public enum RouteKind: String, Sendable {
    case api, page, meta
    /// The FHIR R4 interface: bearer tokens, FHIR JSON, OperationOutcome errors.
    case fhir
}

/// Where a route's handler runs (see ``ExecutionLanes``).
public enum RouteLane: Sendable, Equatable {
    /// On the cooperative threads: meta routes, which must answer while the lanes are busy.
    case direct
    /// On the requests lane: ordinary API, page and FHIR requests.
    case request
    /// On the heavy lane, behind admission control: previews and reads that take seconds.
    case heavy
}

/// One route: method, path (Hummingbird syntax, `:id` for a parameter), who may call it, and
/// its one-line description. Every route of the application is declared here and nowhere else.
public struct RouteSpec: Sendable, Hashable {
    /// HTTP method.
    public let method: HTTPRequest.Method
    /// Path with `:name` parameters.
    public let path: String
    /// Who may call it.
    public let access: Access
    /// JSON, page or meta.
    public let kind: RouteKind
    /// Unique operation id, also used in the OpenAPI document.
    public let operationID: String
    /// One-line summary.
    public let summary: String
    /// Its OpenAPI description: body, query parameters and answers.
    let operation: OpenAPIOperation
    /// Where its handler runs.
    public let lane: RouteLane

    /// Declares a route with its description.
    init(method: HTTPRequest.Method, path: String, access: Access, kind: RouteKind, operationID: String, summary: String, operation: OpenAPIOperation,
         lane: RouteLane? = nil)
    {
        self.lane = lane ?? (kind == .meta ? .direct : .request)
        self.method = method
        self.path = path
        self.access = access
        self.kind = kind
        self.operationID = operationID
        self.summary = summary
        self.operation = operation
    }

    public static func == (a: Self, b: Self) -> Bool { a.operationID == b.operationID }
    public func hash(into hasher: inout Hasher) { hasher.combine(operationID) }

    /// The path in OpenAPI syntax (`{id}`).
    public var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }
}
