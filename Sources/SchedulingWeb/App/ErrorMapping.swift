import HTTPTypes
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The one place an error becomes an HTTP answer: its status, what kind of failure it is, and
/// what to tell the user. The JSON API renders it as problem JSON (``Problem``), FHIR as an
/// OperationOutcome, pages as the error page or the messages beside a form; none of them decides
/// a status on its own.
struct ErrorMapping: Sendable, Equatable {
    /// What kind of failure.
    enum Kind: Sendable, Equatable {
        /// Well-formed input that breaks rules (422).
        case invalid
        /// Input that cannot be read (400).
        case malformed
        /// No such entity, or not one the caller may see (404).
        case notFound
        /// A conflict with stored state (409), with its stable code (`slot.taken`).
        case conflict(code: String)
        /// Not logged in, or wrong credentials (401).
        case unauthenticated
        /// Logged in but not allowed (403).
        case forbidden
        /// Too many attempts (429); ``ErrorMapping/retryAfter`` says when to try again.
        case tooManyRequests
        /// The server is too busy now (503); ``ErrorMapping/retryAfter`` says when to try again.
        case busy
        /// A body larger than the route takes (413), with the limit in bytes.
        case tooLarge(limit: Int)
        /// A status the HTTP framework chose (no such route, a wrong method…).
        case http
        /// A defect or an outage (500): the user is told only to quote the request id.
        case internalError
    }

    /// The HTTP status.
    var status: HTTPResponse.Status
    /// What kind of failure.
    var kind: Kind
    /// What went wrong this time (ids and fields only, never patient details).
    var detail: String
    /// For invalid or malformed input, every issue with its path; a conflict's code and message.
    var issues: [ValidationIssue]
    /// Seconds to wait before trying again (`Retry-After`), for 429 and 503.
    var retryAfter: Int? = nil
    /// For 405, the methods the path answers (`Allow`).
    var allow: [String]? = nil

    /// The mapping of any error.
    static func of(_ error: any Error) -> ErrorMapping {
        switch error {
        case let error as any MappedError:
            return error.mapping
        case let error as ServiceError:
            switch error {
            case .invalid(let issues):
                return .init(status: .unprocessableContent, kind: .invalid,
                             detail: "The request has \(issues.count) invalid field\(issues.count == 1 ? "" : "s"): " + issues.map(\.message).joined(separator: " "),
                             issues: issues)
            case .notFound:
                return .init(status: .notFound, kind: .notFound, detail: error.description, issues: [])
            case .conflict(let code, let message):
                return .init(status: .conflict, kind: .conflict(code: code), detail: message, issues: [ValidationIssue(path: "", code: code, message: message)])
            case .unauthenticated(let message):
                return .init(status: .unauthorized, kind: .unauthenticated, detail: message, issues: [])
            case .forbidden(let message):
                return .init(status: .forbidden, kind: .forbidden, detail: message, issues: [])
            case .tooManyRequests(let message, let retryAfter):
                return .init(status: .tooManyRequests, kind: .tooManyRequests, detail: message, issues: [], retryAfter: retryAfter)
            case .busy(let message, let retryAfter):
                return .init(status: .serviceUnavailable, kind: .busy, detail: message, issues: [], retryAfter: retryAfter)
            }
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return BodyTooLarge(limit: 1 << 20).mapping
        case let error as any HTTPResponseError:
            return .init(status: error.status, kind: .http, detail: "\(error.status.reasonPhrase).", issues: [])
        default:
            return .init(status: .internalServerError, kind: .internalError,
                         detail: "Something went wrong on the server. Quote the request id to support.", issues: [])
        }
    }

    /// The messages to show a person: each invalid field's, or the one detail.
    var messages: [String] {
        kind == .invalid ? issues.map(\.message) : [detail]
    }
}

/// An adapter's own error that states its mapping (a malformed body, a FHIR resource of the
/// wrong shape).
protocol MappedError: Error {
    /// How it maps.
    var mapping: ErrorMapping { get }
}
