import ArgumentParser
import Logging
import SchedulingServices

/// `kairos serve`: the web server with the JSON API and pages.
struct ServeCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web server (JSON API, pages, metrics) on an embedded SQLite store.")

    @OptionGroup var store: DatabaseOption

    @Option(help: "Interface to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port and prints it).")
    var port = 8080

    @Flag(help: "Load the demo organisation (once) and print the demo logins.")
    var demo = false

    @Option(help: "Seed of the demo organisation (same seed, same data).")
    var demoSeed: UInt64 = DemoService.defaultSeed

    @Flag(help: "Send cookies without the Secure attribute (only for plain HTTP to a host other than localhost).")
    var insecureCookies = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @Option(help: "Folder the outbox writes letters, texts and emails to as they fall due (checked every 30 seconds).")
    var outbox = "./outbox"

    @Flag(help: "Do not send outbox messages from this server (another process sends them, e.g. `kairos outbox send`).")
    var noDispatch = false

    @Option(help: "Where push services can reach the operator about run-sheet alerts (VAPID contact): a mailto: or https: address.")
    var pushContact = PushConfiguration.standard.contact

    @Option(name: .customLong("push-service"), help: "A push service's origin to accept beside the browser makers' (repeatable; e.g. a self-hosted push service).")
    var pushServices: [String] = []

    @Option(help: "Seconds between looks at crews' run sheets for alerts to push to their phones.")
    var alertSeconds = 20

    @Option(help: "Solve jobs this server runs at once (0: none, another server runs them).")
    var solveWorkers = 1

    @Option(help: "Threads serving ordinary requests (default: the cores, at least 2).")
    var requestThreads: Int?

    @Option(help: "Threads serving heavy requests: allocation previews, reports, the tracking list, imports (default: half the cores, at least 1).")
    var heavyThreads: Int?

    @Option(help: "Heavy requests that may wait for a thread; more are answered 503 with Retry-After (default 256).")
    var heavyQueue: Int?

    @Option(help: "Threads hashing passwords (default: half the cores, at least 1).")
    var hashThreads: Int?

    @Flag(inversion: .prefixedNo, help: "Send Strict-Transport-Security (for a server behind a TLS proxy; on by default unless --host is a loopback address).")
    var hsts: Bool?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard (1...3600).contains(alertSeconds) else { throw ValidationError("--alert-seconds must be between 1 and 3600.") }
        if let problem = PushConfiguration(contact: pushContact, extraOrigins: pushServices).validate().first { throw ValidationError(problem) }
        guard (0...64).contains(solveWorkers) else { throw ValidationError("--solve-workers must be between 0 and 64.") }
        for (name, value) in [("--request-threads", requestThreads), ("--heavy-threads", heavyThreads), ("--hash-threads", hashThreads)] {
            if let value, !(1...256).contains(value) { throw ValidationError("\(name) must be between 1 and 256.") }
        }
        if let heavyQueue, !(0...10_000).contains(heavyQueue) { throw ValidationError("--heavy-queue must be between 0 and 10000.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
    }

    func run(in environment: CLIEnvironment) async throws {
        let services = try await environment.openServices(store.database)
        if demo {
            let outcome = try await services.shared.demo.load(seed: demoSeed)
            environment.output(outcome.inserted
                ? "Loaded the demo organisation (seed \(outcome.seed))."
                : "The demo organisation (seed \(outcome.seed)) is already loaded.")
            environment.output("Demo logins (demo only — never use these passwords elsewhere):")
            for login in outcome.logins {
                let padded = login.username.padding(toLength: 18, withPad: " ", startingAt: 0)
                environment.output("  \(padded) \(login.password)   \(login.role.displayName)")
            }
        }
        try await environment.serve(
            ServeOptions(host: host, port: port, secureCookies: !insecureCookies, logLevel: Logger.Level(rawValue: logLevel)!,
                         outboxDirectory: noDispatch ? nil : outbox, solveWorkers: solveWorkers,
                         strictTransportSecurity: hsts, requestThreads: requestThreads, heavyThreads: heavyThreads, heavyQueue: heavyQueue,
                         hashThreads: hashThreads, push: PushConfiguration(contact: pushContact, extraOrigins: pushServices), alertSeconds: alertSeconds),
            services)
    }
}
