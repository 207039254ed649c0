import Foundation
import Logging
import ServiceLifecycle

/// Sends the outbox's due messages every `interval` while the server runs: a lifecycle `Service`
/// added to the application, stopping between runs when the application shuts down gracefully.
public struct OutboxDispatcher: Service {
    private let notifications: NotificationService
    private let sender: any MessageSender
    /// Time between runs.
    public let interval: Duration
    private let logger = Logger(label: "kairos.outbox")

    /// A dispatcher sending through `sender` every `interval`.
    public init(notifications: NotificationService, sender: any MessageSender, interval: Duration = .seconds(30)) {
        self.notifications = notifications
        self.sender = sender
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await runOnce()
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
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
