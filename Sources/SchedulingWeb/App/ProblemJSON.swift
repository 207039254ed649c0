import Foundation
import HTTPTypes
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// An RFC 9457 problem document (`application/problem+json`).
public struct Problem: Codable, Sendable, Equatable {
    /// Problem type URI.
    public var type: String
    /// Short summary of the type.
    public var title: String
    /// HTTP status.
    public var status: Int
    /// What went wrong this time (ids and fields only).
    public var detail: String
    /// The request path.
    public var instance: String?
    /// The request id, to quote to support.
    public var requestId: String?
    /// Every issue (400 and 422).
    public var issues: [ValidationIssue]?

    /// Creates a problem.
    public init(type: String, title: String, status: HTTPResponse.Status, detail: String, issues: [ValidationIssue]? = nil) {
        self.type = type
        self.title = title
        self.status = status.code
        self.detail = detail
        self.issues = issues
    }
}

/// Malformed request content (HTTP 400), naming where in the JSON it went wrong.
public struct MalformedRequest: Error, Sendable {
    /// Dotted JSON path (`address.lines[0]`), empty for the document itself.
    public var path: String
    /// What is wrong.
    public var message: String
}

extension MalformedRequest: MappedError {
    var mapping: ErrorMapping {
        ErrorMapping(status: .badRequest, kind: .malformed, detail: path.isEmpty ? message : "At \(path): \(message)",
                     issues: [ValidationIssue(path: path, code: "json.malformed", message: message)])
    }
}

/// Problem JSON, rendered from the one ``ErrorMapping``.
enum ProblemMapper {
    static func problem(for error: any Error) -> Problem {
        let mapped = ErrorMapping.of(error)
        let (type, title): (String, String)
        switch mapped.kind {
        case .invalid: (type, title) = ("urn:kairos:problem:invalid-input", "Invalid input")
        case .malformed: (type, title) = ("urn:kairos:problem:malformed-request", "Malformed request")
        case .notFound: (type, title) = ("urn:kairos:problem:not-found", "Not found")
        case .conflict: (type, title) = ("urn:kairos:problem:conflict", "Conflict")
        case .unauthenticated: (type, title) = ("urn:kairos:problem:unauthenticated", "Unauthenticated")
        case .forbidden: (type, title) = ("urn:kairos:problem:forbidden", "Forbidden")
        case .tooManyRequests: (type, title) = ("urn:kairos:problem:too-many-requests", "Too many requests")
        case .busy: (type, title) = ("urn:kairos:problem:busy", "Busy")
        case .tooLarge: (type, title) = ("urn:kairos:problem:too-large", "Content too large")
        case .http: (type, title) = ("about:blank", mapped.status.reasonPhrase)
        case .internalError: (type, title) = ("urn:kairos:problem:internal", "Internal error")
        }
        return Problem(type: type, title: title, status: mapped.status, detail: mapped.detail, issues: mapped.issues.isEmpty ? nil : mapped.issues)
    }
}
