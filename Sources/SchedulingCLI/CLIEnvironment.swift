import Logging
import SchedulingServices

/// What the commands need from the composition root: services over a database, and a way to run
/// the web server. The executable builds it with the SQLite store and the Hummingbird server;
/// tests build it with temporary databases.
public struct CLIEnvironment: Sendable {
    /// Opens (creating and migrating if needed) the database at a path and composes the services.
    public var openServices: @Sendable (_ databasePath: String) async throws -> KairosServices
    /// Runs the web server until it is stopped.
    public var serve: @Sendable (_ options: ServeOptions, _ services: KairosServices) async throws -> Void
    /// Where command output goes (standard output by default; captured in tests).
    public var output: @Sendable (String) -> Void

    /// Creates an environment.
    public init(
        openServices: @escaping @Sendable (String) async throws -> KairosServices,
        serve: @escaping @Sendable (ServeOptions, KairosServices) async throws -> Void,
        output: @escaping @Sendable (String) -> Void = { print($0) }
    ) {
        self.openServices = openServices
        self.serve = serve
        self.output = output
    }
}

/// Options of `kairos serve`, passed to the server.
public struct ServeOptions: Sendable, Equatable {
    /// Interface.
    public var host: String
    /// Port (0: any free port; the bound port is printed).
    public var port: Int
    /// Whether cookies are marked Secure.
    public var secureCookies: Bool
    /// Log level.
    public var logLevel: Logger.Level
    /// Where the outbox's file sender writes messages as they fall due; `nil`: no sending.
    public var outboxDirectory: String?
    /// Solve jobs run at once by this server (0: none; another server runs them).
    public var solveWorkers: Int
    /// Whether responses carry `Strict-Transport-Security`; `nil`: on unless serving a loopback host.
    public var strictTransportSecurity: Bool?
    /// Threads for ordinary requests, heavy requests and password hashing (`nil`: from the cores),
    /// and how many heavy requests may wait.
    public var requestThreads: Int?
    public var heavyThreads: Int?
    public var heavyQueue: Int?
    public var hashThreads: Int?
    /// Where crews' run-sheet alerts may be pushed, and the contact push services see.
    public var push: PushConfiguration
    /// Seconds between looks at crews' run sheets for alerts to push.
    public var alertSeconds: Int

    /// Creates options.
    public init(host: String, port: Int, secureCookies: Bool, logLevel: Logger.Level, outboxDirectory: String? = nil, solveWorkers: Int = 1,
                strictTransportSecurity: Bool? = nil, requestThreads: Int? = nil, heavyThreads: Int? = nil, heavyQueue: Int? = nil,
                hashThreads: Int? = nil, push: PushConfiguration = .standard, alertSeconds: Int = 20)
    {
        self.push = push
        self.alertSeconds = alertSeconds
        self.requestThreads = requestThreads
        self.heavyThreads = heavyThreads
        self.heavyQueue = heavyQueue
        self.hashThreads = hashThreads
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.logLevel = logLevel
        self.outboxDirectory = outboxDirectory
        self.solveWorkers = solveWorkers
        self.strictTransportSecurity = strictTransportSecurity
    }
}
