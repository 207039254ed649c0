import Foundation
import Hummingbird
import Logging
import SchedulingCLI
import SchedulingServices
import SchedulingWeb
import ServiceLifecycle
import StorageSQLite

// The composition root: the SQLite store, bcrypt, the Hummingbird server, and the CLI.
// KAIROS_LOG_FORMAT=json gives one JSON object per line; the default is readable key=value text.
let jsonLogs = ProcessInfo.processInfo.environment["KAIROS_LOG_FORMAT"]?.lowercased() == "json"
LoggingSystem.bootstrap { label in
    if jsonLogs { return JSONLogHandler(label: label) }
    return TextLogHandler(label: label)
}

/// Unbuffered, so that scripts reading the output (the CI smoke test) see each line at once.
@Sendable func writeLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let environment = CLIEnvironment(
    openServices: { path in
        let store = SQLiteStore(database: try AppDatabase.open(path: path))
        return KairosServices(environment: ServiceEnvironment(store: store, passwordHasher: BcryptPasswordHasher()))
    },
    serve: { options, opened in
        // The server's own lanes: requests, heavy requests and password hashing, each off the
        // cooperative threads and admitting only so much work at once.
        var sizes = ExecutionLanes.Sizes.forCores()
        if let n = options.requestThreads { sizes.requestThreads = n }
        if let n = options.heavyThreads { sizes.heavyThreads = n }
        if let n = options.heavyQueue { sizes.heavyQueue = n }
        if let n = options.hashThreads { sizes.hashThreads = n }
        let lanes = ExecutionLanes(sizes)
        var environment = opened.shared.environment
        environment.passwordHasher = BcryptPasswordHasher(lane: lanes.hashing)
        environment.push = options.push
        let services = KairosServices(environment: environment)
        let metrics = KairosMetrics()
        // Background work runs as lifecycle services beside the HTTP server and stops with it.
        var background: [any Service] = []
        if let folder = options.outboxDirectory {
            background.append(OutboxDispatcher(notifications: services.shared.notifications, sender: FileMessageSender(directory: URL(fileURLWithPath: folder)),
                                               executor: lanes.heavy))
        }
        // Run-sheet alerts go with the outbox: a server that sends no messages pushes none.
        let pushClient = options.outboxDirectory == nil ? nil : HTTPPushGateway.makeClient()
        if let pushClient {
            background.append(CrewAlertDispatcher(alerts: services.transport.alerts, gateway: HTTPPushGateway(client: pushClient),
                                                  interval: .seconds(options.alertSeconds), executor: lanes.heavy))
        }
        if options.solveWorkers > 0 {
            background.append(SolveJobWorkers(services.shared.environment, jobs: services.shared.jobs, workers: options.solveWorkers, metrics: metrics))
        }
        let app = try await buildApplication(
            configuration: WebConfiguration(host: options.host, port: options.port, secureCookies: options.secureCookies,
                                            logLevel: options.logLevel, strictTransportSecurity: options.strictTransportSecurity),
            services: services, metrics: metrics, lanes: lanes, background: background,
            onServerRunning: { port in
                writeLine("Kairos is listening on http://\(options.host):\(port)")
            })
        try await app.runService()
        try await pushClient?.shutdown()
    },
    output: writeLine)

exit(await KairosCommand.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment))
