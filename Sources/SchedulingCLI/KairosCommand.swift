import ArgumentParser
import Foundation
import SchedulingServices

/// A subcommand that runs with the composed environment.
public protocol EnvironmentCommand: ParsableCommand {
    /// Runs the command.
    func run(in environment: CLIEnvironment) async throws
}

/// `kairos`: scheduling for health and care services.
public struct KairosCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kairos",
        abstract: "Scheduling for health and care services: outpatients, patient transport, home care.",
        subcommands: [ServeCommand.self, UserCommand.self, AuditCommand.self, OutboxCommand.self, ImportCommand.self, ExportCommand.self,
                      SolveCommand.self, EvaluateCommand.self, BenchCommand.self])

    public init() {}

    /// Parses `arguments`, runs the chosen command and returns the exit code (0 success, 2 bad
    /// input, 1 other failure), printing errors the way ArgumentParser does.
    public static func run(arguments: [String], environment: CLIEnvironment) async -> Int32 {
        do {
            let command = try parseAsRoot(arguments)
            guard let runnable = command as? any EnvironmentCommand else {
                // `kairos`, `kairos user`, `kairos --help`, `kairos help bench`: ArgumentParser's own
                // run asks for the help of the right command (caught below).
                var command = command
                try command.run()
                return 0
            }
            try await runnable.run(in: environment)
            return 0
        } catch let error as ServiceError {
            environment.output("Error: \(CLIErrors.message(for: error))")
            return 2
        } catch let error as CLIFailure {
            environment.output("Error: \(error.message)")
            return error.exitCode
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty { environment.output(message) }
            return code == .success ? 0 : (code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// A command failure with a message and an exit code.
public struct CLIFailure: Error, Sendable {
    /// Shown to the operator.
    public var message: String
    /// 1 for failures, 2 for bad input.
    public var exitCode: Int32
}

/// Error messages for the terminal.
enum CLIErrors {
    static func message(for error: ServiceError) -> String {
        switch error {
        case .invalid(let issues): issues.map { "\($0.path): \($0.message)" }.joined(separator: "\n       ")
        default: error.description
        }
    }
}

/// The database option shared by commands.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "Path of the SQLite database (created if missing).")
    var database: String = "./kairos.sqlite"

    func validate() throws {
        if database.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--database must name a file path.")
        }
    }
}
