import ArgumentParser
import Foundation
import SchedulingServices

/// `kairos outbox …`: the outbox of letters, texts, emails and phone tasks.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Send due outbox messages and show the outbox's state.", subcommands: [Send.self, Status.self])

    /// `kairos outbox send`.
    struct Send: EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send every due letter, text and email once, writing each to a folder (for a print room or gateway to collect).")

        @OptionGroup var store: DatabaseOption

        @Option(help: "Folder to write messages to.")
        var directory = "./outbox"

        @Option(help: "At most this many messages in this run (1–100000).")
        var limit = 5000

        func validate() throws {
            guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 100000.") }
        }

        func run(in environment: CLIEnvironment) async throws {
            let services = try await environment.openServices(store.database)
            let report = try await services.shared.notifications.dispatchDue(through: FileMessageSender(directory: URL(fileURLWithPath: directory)),
                                                                      limit: limit)
            environment.output("Sent \(report.sent); \(report.retrying) to retry; \(report.failed) failed.")
            if report.failed > 0 { throw CLIFailure(message: "\(report.failed) messages failed after every attempt.", exitCode: 1) }
        }
    }

    /// `kairos outbox status`.
    struct Status: EnvironmentCommand {
        static let configuration = CommandConfiguration(abstract: "Count messages by status and channel.")

        @OptionGroup var store: DatabaseOption

        func run(in environment: CLIEnvironment) async throws {
            let services = try await environment.openServices(store.database)
            let counts = try await services.shared.notifications.summary(by: Caller(principal: .system("cli")))
            if counts.isEmpty { environment.output("The outbox is empty.") }
            for c in counts { environment.output("\(c.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(c.channel.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(c.count)") }
        }
    }
}
