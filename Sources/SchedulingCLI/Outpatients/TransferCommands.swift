import ArgumentParser
import Foundation
import SchedulingDomain
import SchedulingServices

/// `kairos import referrals FILE`: referrals from CSV, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data from files.", subcommands: [Referrals.self])

    struct Referrals: EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put every referral of a CSV file on its waiting list (columns: \(ReferralService.importRequiredColumns.joined(separator: ", ")); "
                + "optional: \(ReferralService.importOptionalColumns.joined(separator: ", "))). Nothing is stored if any row is wrong.")

        @OptionGroup var store: DatabaseOption

        @Argument(help: "The CSV file (UTF-8, a header row).")
        var file: String

        func run(in environment: CLIEnvironment) async throws {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw CLIFailure(message: "cannot read \(file) as UTF-8 text.", exitCode: 2)
            }
            let services = try await environment.openServices(store.database)
            let result = try await services.outpatients.referrals.importCSV(text, by: Caller(principal: .system("cli"), reason: "kairos import referrals"))
            environment.output("Imported \(result.created) referrals.")
        }
    }
}

/// `kairos export tracking-list`: the patient tracking list as CSV.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export data to files.", subcommands: [TrackingList.self])

    struct TrackingList: EnvironmentCommand {
        static let configuration = CommandConfiguration(
            commandName: "tracking-list", abstract: "Write the patient tracking list as CSV (the export is audited).")

        @OptionGroup var store: DatabaseOption

        @Option(help: "Write to this file instead of standard output.")
        var out: String?

        @Option(help: "Only this specialty (its id).")
        var specialty: String?

        @Flag(help: "Only pathways past their 18-week breach date.")
        var breached = false

        func run(in environment: CLIEnvironment) async throws {
            let services = try await environment.openServices(store.database)
            let csv = try await services.outpatients.referrals.trackingListCSV(
                .init(specialtyID: specialty.map { .init($0) }, breachedOnly: breached), by: Caller(principal: .system("cli"), reason: "kairos export tracking-list"))
            if let out {
                do { try csv.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                    throw CLIFailure(message: "cannot write \(out).", exitCode: 1)
                }
                environment.output("Wrote \(csv.split(separator: "\r\n").count - 1) pathways to \(out).")
            } else {
                environment.output(String(csv.dropLast(2)).replacingOccurrences(of: "\r\n", with: "\n"))
            }
        }
    }
}
