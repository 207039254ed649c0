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

/// Maps any error to a problem document. The one place errors become HTTP statuses.
enum ProblemMapper {
    static func problem(for error: any Error) -> Problem {
        switch error {
        case let error as ServiceError:
            switch error {
            case .invalid(let issues):
                return Problem(
                    type: "urn:kairos:problem:invalid-input", title: "Invalid input", status: .unprocessableContent,
                    detail: "The request has \(issues.count) invalid field\(issues.count == 1 ? "" : "s"): " + issues.map(\.message).joined(separator: " "),
                    issues: issues)
            case .notFound(let entity, let id):
                return Problem(type: "urn:kairos:problem:not-found", title: "Not found", status: .notFound, detail: "\(entity) \(id) was not found.")
            case .conflict(let code, let message):
                return Problem(type: "urn:kairos:problem:conflict", title: "Conflict", status: .conflict, detail: message,
                               issues: [ValidationIssue(path: "", code: code, message: message)])
            case .unauthenticated(let message):
                return Problem(type: "urn:kairos:problem:unauthenticated", title: "Unauthenticated", status: .unauthorized, detail: message)
            case .forbidden(let message):
                return Problem(type: "urn:kairos:problem:forbidden", title: "Forbidden", status: .forbidden, detail: message)
            }
        case let error as MalformedRequest:
            return Problem(
                type: "urn:kairos:problem:malformed-request", title: "Malformed request", status: .badRequest,
                detail: error.path.isEmpty ? error.message : "At \(error.path): \(error.message)",
                issues: [ValidationIssue(path: error.path, code: "json.malformed", message: error.message)])
        case let error as any HTTPResponseError:
            let title = error.status.reasonPhrase
            return Problem(type: "about:blank", title: title, status: error.status, detail: "\(title).")
        default:
            return Problem(type: "urn:kairos:problem:internal", title: "Internal error", status: .internalServerError,
                           detail: "Something went wrong on the server. Quote the request id to support.")
        }
    }
}
