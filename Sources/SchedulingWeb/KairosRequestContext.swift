import Hummingbird
import SchedulingServices

/// Per-request facts: request id, and who is calling once authentication middleware has run.
public struct KairosRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Request id (from `X-Request-ID` if the client sent a sane one, else generated).
    public var requestID: String = ""
    /// Who is calling, if authenticated.
    public var principal: Principal?
    /// The browser session, when authenticated by cookie.
    public var webSession: WebSession?
    /// The session cookie's secret, when authenticated by cookie (for logout).
    public var sessionToken: String?
    /// Whether the user must change a one-time password before doing anything else.
    public var passwordChangeRequired = false

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The caller for services, carrying the request id and an optional reason.
    public func caller(reason: String? = nil) throws -> Caller {
        guard let principal else { throw ServiceError.unauthenticated("Authentication is required.") }
        return Caller(principal: principal, requestID: requestID, reason: reason)
    }

    /// Uploads above 1 MiB are refused.
    public var maxUploadSize: Int { 1 << 20 }
}
