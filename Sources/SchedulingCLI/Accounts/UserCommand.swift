import ArgumentParser
import SchedulingDomain
import SchedulingServices

/// `kairos user …`: manage users from the command line.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users and their API tokens.",
        subcommands: [Add.self, Token.self, List.self])

    /// `kairos user add --role ROLE NAME`.
    struct Add: EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user and print a one-time password (to be changed at first login).")

        @OptionGroup var store: DatabaseOption

        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        @Option(help: "Full name shown in the application (defaults to the username).")
        var displayName: String?

        @Argument(help: "Login name: 3–40 of a-z, 0-9, '.', '_', '-'.")
        var name: String

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if let issue = AccountService.validate(username: name).first { throw ValidationError("NAME: \(issue.message)") }
        }

        func run(in environment: CLIEnvironment) async throws {
            let services = try await environment.openServices(store.database)
            let created = try await services.shared.accounts.createUser(
                username: name, displayName: displayName ?? name, role: Role(rawValue: role),
                by: Caller(principal: .system("cli"), reason: "kairos user add"))
            environment.output("Created user \(created.user.username) (\(created.user.role.displayName)).")
            environment.output("One-time password: \(created.oneTimePassword)")
            environment.output("It is shown only now; the user must change it at first login.")
        }
    }

    /// `kairos user token NAME`.
    struct Token: EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new API token for a user and print it (for scripts and integrations).")

        @OptionGroup var store: DatabaseOption

        @Option(help: "A label for the token, e.g. \"nightly export\".")
        var label = "cli"

        @Argument(help: "Login name of the user.")
        var name: String

        func run(in environment: CLIEnvironment) async throws {
            let services = try await environment.openServices(store.database)
            let issued = try await services.shared.accounts.issueToken(
                for: name, name: label, by: Caller(principal: .system("cli"), reason: "kairos user token"))
            environment.output(issued.secret)
        }
    }

    /// `kairos user list`.
    struct List: EnvironmentCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their roles.")

        @OptionGroup var store: DatabaseOption

        func run(in environment: CLIEnvironment) async throws {
            let services = try await environment.openServices(store.database)
            let users = try await services.shared.accounts.listUsers(by: Caller(principal: .system("cli")))
            for user in users {
                environment.output("\(user.username.padding(toLength: 20, withPad: " ", startingAt: 0)) \(user.role.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(user.active ? "active" : "inactive")")
            }
        }
    }
}
