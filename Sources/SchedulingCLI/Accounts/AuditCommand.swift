import ArgumentParser
import SchedulingServices

/// `kairos audit …`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Inspect the append-only audit log.", subcommands: [Verify.self])

    /// `kairos audit verify`.
    struct Verify: EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit hash chain; exit 1 naming the first broken entry if it was tampered with.")

        @OptionGroup var store: DatabaseOption

        func run(in environment: CLIEnvironment) async throws {
            let services = try await environment.openServices(store.database)
            let result = try await services.shared.audit.verify(by: Caller(principal: .system("cli")))
            if let broken = result.firstBroken {
                throw CLIFailure(message: "Audit chain broken at entry \(broken.sequence) (\(broken.problem.rawValue)): \(broken.message)", exitCode: 1)
            }
            environment.output("Audit chain intact: \(result.entriesChecked) entries verified.")
        }
    }
}
