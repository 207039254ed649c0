import Foundation
import Logging
import ServiceLifecycle

/// Sends the outbox's due messages every `interval` while the server runs: a lifecycle `Service`
/// added to the application, stopping between runs when the application shuts down gracefully.
/// Writing messages from their templates is CPU work: given an executor (the server's heavy
/// lane), each run happens there, off Swift's cooperative threads.
public struct OutboxDispatcher: Service {
    private let periodic: PeriodicService

    /// A dispatcher sending through `sender` every `interval`, on `executor` when given.
    public init(notifications: NotificationService, sender: any MessageSender, interval: Duration = .seconds(30), executor: (any TaskExecutor)? = nil) {
        periodic = PeriodicService(label: "kairos.outbox", round: "outbox run", interval: interval, executor: executor) {
            let report = try await notifications.dispatchDue(through: sender)
            return report == .init() ? nil : ["sent": "\(report.sent)", "retrying": "\(report.retrying)", "failed": "\(report.failed)"]
        }
    }

    public func run() async throws { try await periodic.run() }
}

/// A background service's loop: one round of work every `interval` until the application shuts
/// down gracefully (a shutdown cuts the wait between rounds short), each round on `executor`
/// when given. A round that did something answers what to log; a failure is logged by its type
/// only (messages and sheets name patients) and the next round tries again.
struct PeriodicService: Service {
    let label: String
    /// What a round is called in the log ("outbox run").
    let round: String
    let interval: Duration
    let executor: (any TaskExecutor)?
    let work: @Sendable () async throws -> Logger.Metadata?

    init(label: String, round: String, interval: Duration, executor: (any TaskExecutor)?, work: @escaping @Sendable () async throws -> Logger.Metadata?) {
        self.label = label
        self.round = round
        self.interval = interval
        self.executor = executor
        self.work = work
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await withTaskExecutorPreference(executor) { await runOnce() }
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
    }

    /// One round, logged.
    func runOnce() async {
        let logger = Logger(label: label)
        do {
            if let done = try await work() { logger.info("\(round)", metadata: done) }
        } catch {
            logger.error("\(round) failed", metadata: ["error_type": "\(type(of: error))"])
        }
    }
}
