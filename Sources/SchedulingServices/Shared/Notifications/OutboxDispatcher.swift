import Foundation
import Logging
import ServiceLifecycle

/// Sends the outbox's due messages every `interval` while the server runs: a lifecycle `Service`
/// added to the application, stopping between runs when the application shuts down gracefully.
/// Writing messages from their templates is CPU work: given an executor (the server's heavy
/// lane), each run happens there, off Swift's cooperative threads.
public struct OutboxDispatcher: Service {
    private let notifications: NotificationService
    private let sender: any MessageSender
    private let executor: (any TaskExecutor)?
    /// Time between runs.
    public let interval: Duration
    private let logger = Logger(label: "kairos.outbox")

    /// A dispatcher sending through `sender` every `interval`, on `executor` when given.
    public init(notifications: NotificationService, sender: any MessageSender, interval: Duration = .seconds(30), executor: (any TaskExecutor)? = nil) {
        self.notifications = notifications
        self.sender = sender
        self.interval = interval
        self.executor = executor
    }

    public func run() async throws {
        await runPeriodically(every: interval, on: executor) { await runOnce() }
    }

    /// Sends what is due now; failures are logged (by type only) and retried next time.
    func runOnce() async {
        do {
            let report = try await notifications.dispatchDue(through: sender)
            if report != .init() {
                logger.info("outbox run", metadata: ["sent": "\(report.sent)", "retrying": "\(report.retrying)", "failed": "\(report.failed)"])
            }
        } catch {
            logger.error("outbox run failed", metadata: ["error_type": "\(type(of: error))"])
        }
    }
}

/// Runs `round` every `interval` until the application shuts down gracefully (a background
/// service's loop), on `executor` when given; a shutdown cuts the wait between rounds short.
func runPeriodically(every interval: Duration, on executor: (any TaskExecutor)?, _ round: @escaping @Sendable () async -> Void) async {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
        await withTaskExecutorPreference(executor) { await round() }
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
}
