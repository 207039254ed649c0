import Foundation
import Hummingbird
import SchedulingServices

/// A route handler.
typealias Handler = @Sendable (Request, KairosRequestContext) async throws -> Response

/// Registers routes from the ``RouteCatalogue``, enforcing each route's ``Access`` in one place:
/// 401 (or a redirect to the login page) without a principal, 403 for a role the route does not
/// allow, and a redirect to the password page while a one-time password is still in use.
struct RouteRegistrar {
    let router: Router<KairosRequestContext>
    /// The lanes handlers run on (``RouteSpec/lane``).
    var lanes: ExecutionLanes = .shared

    func add(_ spec: RouteSpec, _ handler: @escaping Handler) {
        let heavy = lanes.heavy
        router.on(RouterPath(spec.path), method: spec.method) { request, context -> Response in
            if let refusal = try RouteRegistrar.authorise(spec, request: request, context: context) { return refusal }
            guard spec.lane == .heavy else { return try await handler(request, context) }
            return try await heavy.admit { try await handler(request, context) }
        }
    }

    /// A response that replaces the handler's (a redirect), `nil` to proceed, or a thrown error.
    static func authorise(_ spec: RouteSpec, request: Request, context: KairosRequestContext) throws -> Response? {
        if spec.access == .everyone { return nil }
        guard let principal = context.principal, let role = principal.role else {
            if spec.kind == .page {
                let next = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
                return .redirect(to: "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")", type: .normal)
            }
            throw ServiceError.unauthenticated("Authentication is required: send an API token as 'Authorization: Bearer …'.")
        }
        guard spec.access.allows(role) else {
            throw ServiceError.forbidden("The \(role.displayName) role may not use \(spec.method.rawValue) \(spec.path).")
        }
        if spec.kind == .page, context.passwordChangeRequired,
            ![SharedRoutes.passwordPage, SharedRoutes.passwordChange, SharedRoutes.logout].contains(spec)
        {
            return .redirect(to: "/account/password", type: .normal)
        }
        return nil
    }
}

/// Form CSRF checks.
enum CSRF {
    /// Throws 403 unless the submitted token equals the session's.
    static func check(_ submitted: String?, context: KairosRequestContext) throws {
        guard let expected = context.webSession?.csrfToken, let submitted,
            SecretHash.constantTimeEquals(submitted, expected)
        else { throw ServiceError.forbidden("The form has expired or did not come from Kairos; reload the page and try again.") }
    }
}
