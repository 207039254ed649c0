import Foundation
import Hummingbird
import Logging
import SchedulingServices
import ServiceLifecycle

/// How the web server is set up.
public struct WebConfiguration: Sendable {
    /// Interface to listen on.
    public var host: String
    /// Port to listen on (0: any free port).
    public var port: Int
    /// Whether cookies carry the `Secure` attribute (on unless serving plain HTTP to another host).
    public var secureCookies: Bool
    /// Log level.
    public var logLevel: Logger.Level
    /// Whether responses carry `Strict-Transport-Security` (serving behind a TLS proxy).
    public var strictTransportSecurity: Bool

    /// Creates a configuration; the defaults serve 127.0.0.1:8080.
    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = true, logLevel: Logger.Level = .info,
                strictTransportSecurity: Bool? = nil)
    {
        self.strictTransportSecurity = strictTransportSecurity ?? !WebConfiguration.isLoopback(host)
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.logLevel = logLevel
    }
}

extension WebConfiguration {
    /// Whether `host` is this machine only (no TLS proxy in front: no HSTS by default).
    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}

/// Builds the router with every middleware and route. Tests call this too.
public func buildRouter(
    services: KairosServices, pages: PageRenderer, metrics: KairosMetrics, secureCookies: Bool = true, strictTransportSecurity: Bool = false,
    lanes: ExecutionLanes = .shared
) -> Router<KairosRequestContext> {
    let router = Router(context: KairosRequestContext.self)
    // Middleware first: Hummingbird applies middleware only to routes added after it.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: strictTransportSecurity))
    router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware(pages: pages, metrics: metrics))
    router.add(middleware: PathSafetyMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(routes: RouteCatalogue.all))
    router.add(middleware: FormQueryMiddleware())
    if let publicDirectory = PageRenderer.publicDirectory {
        router.add(middleware: FileMiddleware(publicDirectory, urlBasePath: "/static", cacheControl: .init([(MediaType(type: .text, subType: "css"), [.maxAge(3600)])])))
    }
    router.add(middleware: LaneMiddleware(lane: lanes.requests))
    router.add(middleware: AuthenticationMiddleware(accounts: services.shared.accounts))

    let routes = RouteRegistrar(router: router, lanes: lanes)
    // Each controller receives only the service groups it serves.
    MetaController(shared: services.shared, metrics: metrics, openAPIDocument: OpenAPIDocument.data()).register(routes)
    PagesController(shared: services.shared, outpatients: services.outpatients, pages: pages, secureCookies: secureCookies).register(routes)
    AccountsAPIController(accounts: services.shared.accounts).register(routes)
    JobsAPIController(jobs: services.shared.jobs).register(routes)
    RecordsAPIController(shared: services.shared).register(routes)
    ReferralsAPIController(shared: services.shared, outpatients: services.outpatients).register(routes)
    ClinicsAPIController(outpatients: services.outpatients).register(routes)
    AppointmentsAPIController(shared: services.shared, outpatients: services.outpatients).register(routes)
    ReportsController(outpatients: services.outpatients).register(routes)
    OutpatientPagesController(shared: services.shared, outpatients: services.outpatients, pages: pages).register(routes)
    TransportAPIController(shared: services.shared, transport: services.transport).register(routes)
    TransportPagesController(shared: services.shared, transport: services.transport, pages: pages).register(routes)
    CrewAlertController(alerts: services.transport.alerts).register(routes)
    FHIRController(shared: services.shared, outpatients: services.outpatients).register(routes)
    return router
}

/// Builds the whole application: router, server configuration, logger and the background
/// services that run beside the server (outbox dispatch, solve-job workers), all shut down
/// gracefully together. The executable and the end-to-end tests both use it.
public func buildApplication(
    configuration: WebConfiguration, services: KairosServices, metrics: KairosMetrics = KairosMetrics(),
    lanes: ExecutionLanes = .shared, background: [any Service] = [],
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "kairos")
    logger.logLevel = configuration.logLevel
    let router = buildRouter(
        services: services, pages: try await PageRenderer.load(), metrics: metrics,
        secureCookies: configuration.secureCookies, strictTransportSecurity: configuration.strictTransportSecurity, lanes: lanes)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Kairos"),
        services: background,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}
