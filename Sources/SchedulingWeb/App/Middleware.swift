import Foundation
import Hummingbird
import Logging
import Prometheus
import SchedulingServices

/// Gives every request an id (`X-Request-ID`), puts it in every log line's metadata and in the
/// response, and logs one structured line per request.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[.init("X-Request-ID")!]
        let id = incoming.flatMap { $0.count <= 64 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? $0 : nil }
            ?? RandomIDGenerator.uuidString()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.init("X-Request-ID")!] = id
        let elapsed = ContinuousClock.now - started
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unmatched"),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .stringConvertible(Double(elapsed.nanoseconds) / 1_000_000),
            "user": .string(context.principal?.actorID ?? "-"),
        ])
        return response
    }
}

/// Counts requests and measures latency by route template and status.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext
    let metrics: KairosMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        metrics.recordRequest(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code,
            duration: ContinuousClock.now - started)
        return response
    }
}

/// Turns thrown errors into problem JSON (API and meta routes) or an HTML error page (pages),
/// and logs server errors without request content.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext
    let pages: PageRenderer
    let metrics: KairosMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let failure = error as? StoreError, case .failure = failure {
                metrics.recordStoreFailure()
                context.logger.error("the store failed", metadata: ["error": .string(ErrorMiddleware.safeDescription(error))])
            }
            if request.uri.path.hasPrefix("/fhir/") || request.uri.path == "/fhir" {
                let (status, outcome) = FHIRController.outcome(for: error)
                if status.code >= 500 {
                    context.logger.error("request failed", metadata: ["error_type": .string(String(describing: type(of: error))),
                                                                      "error": .string(ErrorMiddleware.safeDescription(error))])
                }
                var response = FHIRController.respond(outcome, status: status)
                if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"kairos\"" }
                Self.addHeaders(of: ErrorMapping.of(error), to: &response)
                return response
            }
            var problem = ProblemMapper.problem(for: error)
            problem.instance = request.uri.path
            problem.requestId = context.requestID
            let mapping = ErrorMapping.of(error)
            if problem.status >= 500 && mapping.retryAfter == nil {
                context.logger.error("request failed", metadata: ["error_type": .string(String(describing: type(of: error))),
                                                                  "error": .string(ErrorMiddleware.safeDescription(error))])
            }
            if ErrorMiddleware.wantsHTML(request) {
                var page = try pages.errorPage(problem: problem, context: context)
                Self.addHeaders(of: mapping, to: &page)
                return page
            }
            var response = try JSONResponse(
                value: problem, status: .init(code: problem.status), contentType: "application/problem+json"
            ).response(from: request, context: context)
            if problem.status == 401 { response.headers[.wwwAuthenticate] = "Bearer realm=\"kairos\"" }
            Self.addHeaders(of: mapping, to: &response)
            return response
        }
    }

    /// The headers an error's mapping asks for: `Retry-After` (429, 503) and `Allow` (405).
    static func addHeaders(of mapping: ErrorMapping, to response: inout Response) {
        if let retryAfter = mapping.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        if let allow = mapping.allow { response.headers[.allow] = allow.joined(separator: ", ") }
    }

    /// Pages (not the API, not meta routes) answer browsers with HTML.
    static func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/fhir/") || path == "/health" || path == "/metrics" || path == "/openapi.json" { return false }
        return (request.headers[.accept] ?? "text/html").contains("text/html") || request.headers[.accept] == nil
    }

    /// Store and internal errors may carry SQL text but never bound values; keep only the type
    /// and message of our own errors.
    static func safeDescription(_ error: any Error) -> String {
        if let error = error as? StoreError { return "\(error)" }
        return String(describing: type(of: error))
    }
}

/// Resolves the bearer token (API) or session cookie (pages) into a principal. It never refuses
/// a request: each route's ``Access`` decides that.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context  // the identity fields below are shared with outer middleware
        if request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/fhir/") {
            if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
                let secret = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
                if let user = try await accounts.authenticate(bearer: secret) {
                    context.principal = Principal(user: user)
                }
            }
        } else if let token = request.cookies[Cookies.session]?.value,
            let (user, session) = try await accounts.authenticate(sessionToken: token)
        {
            context.principal = Principal(user: user)
            context.webSession = session
            context.sessionToken = token
            context.passwordChangeRequired = user.passwordChangeRequired
        }
        if let principal = context.principal {
            context.logger[metadataKey: "user"] = .string(principal.actorID)
        }
        return try await next(request, context)
    }
}

/// Security headers on every response: no framing, no sniffing, same-origin resources only.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext
    /// Whether browsers are told to use HTTPS only (`Strict-Transport-Security`): for a server
    /// behind a TLS-terminating proxy.
    var strictTransportSecurity = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if strictTransportSecurity { response.headers[.init("Strict-Transport-Security")!] = "max-age=31536000; includeSubDomains" }
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if response.headers[.contentSecurityPolicy] == nil {  // a page may set a stricter or hash-extended one
            response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"
        }
        if response.headers[.cacheControl] == nil, !request.uri.path.hasPrefix("/static/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// Moves every request but the meta routes (`/health…`, `/metrics`, `/openapi.json`, static
/// files) off the cooperative threads onto the requests lane, with everything after it:
/// authentication's store reads, the handler and its store work.
struct LaneMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext
    let lane: ExecutionLane

    static func isMeta(_ path: String) -> Bool {
        path == "/health" || path.hasPrefix("/health/") || path == "/metrics" || path == "/openapi.json" || path.hasPrefix("/static/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isMeta(request.uri.path) { return try await next(request, context) }
        return try await lane.admit { try await next(request, context) }
    }
}

/// Refuses a path that holds a control character once percent-decoded (a NUL byte would end a
/// file name early: `/static/kairos.css%00.html` must not be served as a page).
struct PathSafetyMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // Most paths hold no escape and no control byte: nothing to decode.
        if !path.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 < 0x20 || $0 == 0x7F }) { return try await next(request, context) }
        let decoded = path.removingPercentEncoding ?? path
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) || path.removingPercentEncoding == nil {
            throw MalformedRequest(path: "", message: "The request path holds a character that is not allowed.")
        }
        return try await next(request, context)
    }
}

/// Reads a query string as HTML forms write it: a `+` is a space (a GET form sends
/// "999 001 1117" as `999+001+1117`). FHIR keeps `+` as it is (a dateTime's offset).
struct FormQueryMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let query = request.uri.query, query.contains("+"), !request.uri.path.hasPrefix("/fhir"), var head = Optional(request.head) else {
            return try await next(request, context)
        }
        head.path = request.uri.path + "?" + query.replacingOccurrences(of: "+", with: "%20")
        return try await next(Request(head: head, body: request.body), context)
    }
}

/// A request with a method its path does not answer: 405 naming the methods it does (`Allow`),
/// instead of the router's 404.
struct MethodNotAllowed: MappedError {
    let allowed: [String]

    var mapping: ErrorMapping {
        let text = "This address answers only \(allowed.joined(separator: ", "))."
        return ErrorMapping(status: .methodNotAllowed, kind: .http, detail: text, issues: [], allow: allowed)
    }
}

/// Turns the router's 404 for a path that exists under other methods into a 405 with `Allow`.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = KairosRequestContext
    /// Each route's path segments (`nil` for a parameter) and method.
    let routes: [(segments: [Substring?], method: String)]

    init(routes: [RouteSpec]) {
        self.routes = routes.map { spec in
            (spec.path.split(separator: "/").map { $0.hasPrefix(":") ? nil : $0 }, spec.method.rawValue)
        }
    }

    /// The methods the routes answer at `path`, in a fixed order.
    func methods(at path: String) -> [String] {
        let segments = path.split(separator: "/")
        let methods = routes.filter { route in
            route.segments.count == segments.count && zip(route.segments, segments).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
        }.map(\.method)
        return Array(Set(methods)).sorted()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = methods(at: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            throw MethodNotAllowed(allowed: allowed)
        }
    }
}

/// Cookie names.
enum Cookies {
    /// The session cookie (HttpOnly, SameSite=Lax, Secure unless configured off for plain-HTTP dev).
    static let session = "kairos_session"
    /// The pre-login CSRF cookie (double-submit).
    static let loginCSRF = "kairos_login_csrf"
}
