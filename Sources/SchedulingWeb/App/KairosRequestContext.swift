import Foundation
import Hummingbird
import SchedulingServices
import Synchronization

/// Per-request facts: request id, and who is calling once authentication middleware has run.
///
/// The caller's identity lives in a box shared by every copy of the context, so middleware that
/// runs before authentication (error pages, the request log line) still sees who was calling.
public struct KairosRequestContext: RequestContext {
    /// What authentication found out about the caller.
    struct Identity: Sendable {
        var principal: Principal?
        var webSession: WebSession?
        var sessionToken: String?
        var passwordChangeRequired = false
    }

    public var coreContext: CoreRequestContextStorage
    /// Request id (from `X-Request-ID` if the client sent a sane one, else generated).
    public var requestID: String = ""
    private let identity = IdentityBox()

    /// The client's IP address as the socket shows it (a proxy's, behind one).
    public var clientAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Who is calling, if authenticated.
    public var principal: Principal? {
        get { identity.state.withLock { $0.principal } }
        nonmutating set { identity.state.withLock { $0.principal = newValue } }
    }

    /// The browser session, when authenticated by cookie.
    public var webSession: WebSession? {
        get { identity.state.withLock { $0.webSession } }
        nonmutating set { identity.state.withLock { $0.webSession = newValue } }
    }

    /// The session cookie's secret, when authenticated by cookie (for logout).
    public var sessionToken: String? {
        get { identity.state.withLock { $0.sessionToken } }
        nonmutating set { identity.state.withLock { $0.sessionToken = newValue } }
    }

    /// Whether the user must change a one-time password before doing anything else.
    public var passwordChangeRequired: Bool {
        get { identity.state.withLock { $0.passwordChangeRequired } }
        nonmutating set { identity.state.withLock { $0.passwordChangeRequired = newValue } }
    }

    /// The caller for services, carrying the request id and an optional reason.
    public func caller(reason: String? = nil) throws -> Caller {
        guard let principal else { throw ServiceError.unauthenticated("Authentication is required.") }
        return Caller(principal: principal, requestID: requestID, reason: reason)
    }

    /// The shared JSON encoder for responses Hummingbird encodes itself.
    public var responseEncoder: JSONEncoder { JSONCoding.encoder }
    /// The shared JSON decoder for bodies Hummingbird decodes itself.
    public var requestDecoder: JSONDecoder { JSONCoding.decoder }

    /// Uploads above 1 MiB are refused.
    public var maxUploadSize: Int { 1 << 20 }
}

/// Shared storage for ``KairosRequestContext``'s identity.
final class IdentityBox: Sendable {
    let state = Mutex(KairosRequestContext.Identity())
}
