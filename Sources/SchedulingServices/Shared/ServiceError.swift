import SchedulingDomain

/// Why a use case refused. Adapters map each case to an HTTP status or an exit code.
///
/// Messages name ids and fields, never patient details.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Well-formed input that breaks rules; every issue found (HTTP 422).
    case invalid([ValidationIssue])
    /// No such entity, or not one the caller may see (HTTP 404).
    case notFound(entity: String, id: String)
    /// The change conflicts with stored state, e.g. a duplicate (HTTP 409).
    case conflict(code: String, message: String)
    /// Not logged in, or wrong credentials (HTTP 401).
    case unauthenticated(String)
    /// Logged in but not allowed (HTTP 403).
    case forbidden(String)
    /// Too many attempts: try again after `retryAfter` seconds (HTTP 429 with `Retry-After`).
    case tooManyRequests(String, retryAfter: Int)
    /// The server is too busy to take this now: try again after `retryAfter` seconds (HTTP 503
    /// with `Retry-After`).
    case busy(String, retryAfter: Int)

    public var description: String {
        switch self {
        case .invalid(let issues): "Invalid input: " + issues.map(\.description).joined(separator: "; ")
        case .notFound(let entity, let id): "\(entity) \(id) was not found."
        case .conflict(_, let message): message
        case .unauthenticated(let message): message
        case .forbidden(let message): message
        case .tooManyRequests(let message, _): message
        case .busy(let message, _): message
        }
    }

    /// Wraps a domain validation error.
    public init(_ error: ValidationError) { self = .invalid(error.issues) }
}

extension ServiceError {
    /// Maps a store uniqueness error to a conflict with a message naming the field, rethrowing others.
    static func mapUnique(_ error: any Error, _ mapping: [String: (code: String, message: String)]) -> any Error {
        if case StoreError.uniqueViolation(let constraint) = error, let hit = mapping[constraint] {
            return ServiceError.conflict(code: hit.code, message: hit.message)
        }
        return error
    }
}
