import Foundation
import Hummingbird
import Logging
import SchedulingCLI
import SchedulingServices
import SchedulingWeb
import StorageSQLite

// The composition root: the SQLite store, bcrypt, the Hummingbird server, and the CLI.
// KAIROS_LOG_FORMAT=json gives one JSON object per line; the default is readable key=value text.
let jsonLogs = ProcessInfo.processInfo.environment["KAIROS_LOG_FORMAT"]?.lowercased() == "json"
LoggingSystem.bootstrap { label in
    if jsonLogs { return JSONLogHandler(label: label) }
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .info
    return handler
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
    serve: { options, services in
        let app = try await buildApplication(
            configuration: WebConfiguration(host: options.host, port: options.port, secureCookies: options.secureCookies,
                                            logLevel: options.logLevel),
            services: services,
            onServerRunning: { port in
                writeLine("Kairos is listening on http://\(options.host):\(port)")
            })
        // The outbox: send what falls due every 30 seconds while the server runs.
        let dispatcher = Task {
            guard let folder = options.outboxDirectory else { return }
            let sender = FileMessageSender(directory: URL(fileURLWithPath: folder))
            let logger = Logger(label: "kairos.outbox")
            while !Task.isCancelled {
                do {
                    let report = try await services.notifications.dispatchDue(through: sender)
                    if report != .init() {
                        logger.info("outbox run", metadata: ["sent": "\(report.sent)", "retrying": "\(report.retrying)", "failed": "\(report.failed)"])
                    }
                } catch {
                    logger.error("outbox run failed", metadata: ["error": "\(type(of: error))"])
                }
                try? await Task.sleep(for: .seconds(30))
            }
        }
        defer { dispatcher.cancel() }
        try await app.runService()
    },
    output: writeLine)

exit(await KairosCommand.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment))
