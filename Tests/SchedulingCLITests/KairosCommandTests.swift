import Foundation
import Synchronization
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import StorageSQLite
import SchedulingWeb
@testable import SchedulingCLI

/// Runs commands against a temporary database and captures their output.
final class CLIHarness: Sendable {
    let file = TemporaryDatabase()
    private let lines = Mutex<[String]>([])
    let served = Mutex<ServeOptions?>(nil)

    var environment: CLIEnvironment {
        CLIEnvironment(
            openServices: { path in
                KairosServices(environment: ServiceEnvironment(
                    store: SQLiteStore(database: try AppDatabase.open(path: path)), passwordHasher: BcryptPasswordHasher(cost: 4)))
            },
            serve: { options, _ in self.served.withLock { $0 = options } },
            output: { line in self.lines.withLock { $0.append(line) } })
    }

    func run(_ arguments: [String]) async -> (code: Int32, output: [String]) {
        lines.withLock { $0 = [] }
        let code = await KairosCommand.run(arguments: arguments + ["--database", file.path], environment: environment)
        return (code, lines.withLock { $0 })
    }

    /// Runs a command that takes no database (solve, bench).
    func runWithoutDatabase(_ arguments: [String]) async -> (code: Int32, output: [String]) {
        lines.withLock { $0 = [] }
        let code = await KairosCommand.run(arguments: arguments, environment: environment)
        return (code, lines.withLock { $0 })
    }

    func services() async throws -> KairosServices { try await environment.openServices(file.path) }
}

@Suite("kairos command line")
struct KairosCommandTests {
    @Test("help for the tool and each command shows that command's usage", arguments: [
        (["--help"], "USAGE: kairos <subcommand>"), ([], "USAGE: kairos <subcommand>"), (["help", "bench"], "USAGE: kairos bench <subcommand>"),
        (["bench", "--help"], "USAGE: kairos bench <subcommand>"), (["bench", "routing", "--help"], "USAGE: kairos bench routing [<options>] <family>"),
        (["help", "bench", "outpatients"], "USAGE: kairos bench outpatients <scenario>"), (["user"], "USAGE: kairos user <subcommand>"),
    ])
    func help(arguments: [String], usage: String) async {
        let (code, output) = await CLIHarness().runWithoutDatabase(arguments)
        #expect(code == 0)
        #expect(output.joined(separator: "\n").contains(usage), "\(arguments): \(output)")
    }

    @Test("user add prints a one-time password that logs in; user token prints a working token")
    func userAddAndToken() async throws {
        let cli = CLIHarness()
        let added = await cli.run(["user", "add", "--role", "scheduler", "--display-name", "Sam Scheduler", "sam"])
        #expect(added.code == 0)
        let passwordLine = try #require(added.output.first { $0.hasPrefix("One-time password: ") })
        let password = String(passwordLine.dropFirst("One-time password: ".count))
        let services = try await cli.services()
        let login = try await services.shared.accounts.login(username: "sam", password: password, requestID: nil)
        #expect(login.user.role == .scheduler && login.user.passwordChangeRequired)

        let token = await cli.run(["user", "token", "sam"])
        #expect(token.code == 0)
        let secret = try #require(token.output.last)
        #expect(try await services.shared.accounts.authenticate(bearer: secret)?.username == "sam")
    }

    @Test("bad input exits 2 with a message naming the rule, and stores nothing", arguments: [
        (["user", "add", "--role", "wizard", "amy"], "--role must be one of"),
        (["user", "add", "--role", "carer", "Amy!"], "username may use only"),
        (["user", "add", "--role", "carer", "jo"], "username must have 3 to 40 characters"),
        (["user", "token", "nobody"], "User nobody was not found."),
        (["serve", "--port", "70000"], "--port must be between 0 and 65535."),
    ])
    func badInput(arguments: [String], message: String) async throws {
        let cli = CLIHarness()
        let result = await cli.run(arguments)
        #expect(result.code == 2, "\(result.output)")
        #expect(result.output.joined(separator: "\n").contains(message), "\(result.output)")
        let users = try await cli.services().shared.environment.store.read { try await $0.users.count() }
        #expect(users == 0)
    }

    @Test("a duplicate user is refused with exit code 2")
    func duplicate() async throws {
        let cli = CLIHarness()
        #expect(await cli.run(["user", "add", "--role", "carer", "kit"]).code == 0)
        let again = await cli.run(["user", "add", "--role", "carer", "kit"])
        #expect(again.code == 2)
        #expect(again.output.joined().contains("username is already taken"))
    }

    @Test("audit verify passes on an intact log and fails, naming the entry, on a tampered one")
    func auditVerify() async throws {
        let cli = CLIHarness()
        _ = await cli.run(["user", "add", "--role", "carer", "kit"])
        _ = await cli.run(["user", "add", "--role", "crew", "cris"])
        let ok = await cli.run(["audit", "verify"])
        #expect(ok.code == 0)
        #expect(ok.output == ["Audit chain intact: 2 entries verified."])

        let database = try AppDatabase.open(path: cli.file.path)
        try await database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET detail = 'role=admin' WHERE sequence = 1")
        }
        let broken = await cli.run(["audit", "verify"])
        #expect(broken.code == 1)
        #expect(broken.output.joined().contains("Audit chain broken at entry 1 (modified)"))
    }

    @Test("outbox send writes due messages to the folder and reports; outbox status counts them")
    func outbox() async throws {
        let cli = CLIHarness()
        #expect(await cli.run(["outbox", "status"]).output == ["The outbox is empty."])
        let services = try await cli.services()
        let patient = try await services.shared.patients.register(TestHarness.patientInput(), by: TestHarness.system)
        try await services.shared.environment.store.write { session in
            try await session.outbox.insert(OutboxMessage(
                id: "msg_1", kind: .removal, channel: .letter, recipient: .patient, patientID: patient.id, referralID: nil, appointmentID: nil,
                dueAt: Date(timeIntervalSince1970: 0), subject: "Waiting list", body: "<p>Removed.</p>", createdAt: Date(timeIntervalSince1970: 0)))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-cli-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sent = await cli.run(["outbox", "send", "--directory", folder.path])
        #expect(sent.code == 0 && sent.output == ["Sent 1; 0 to retry; 0 failed."])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("msg_1.html").path))
        #expect(await cli.run(["outbox", "status"]).output == ["sent       letter 1"])
        #expect(await cli.run(["outbox", "send", "--limit", "0"]).code == 2)
    }

    @Test("serve loads the demo once, prints every demo login, and passes its options to the server")
    func serveDemo() async throws {
        let cli = CLIHarness()
        let first = await cli.run(["serve", "--demo", "--port", "0", "--host", "127.0.0.1"])
        #expect(first.code == 0)
        #expect(first.output.first?.hasPrefix("Loaded the demo organisation") == true)
        #expect(first.output.filter { $0.hasPrefix("  ") }.count == Role.allCases.count)
        #expect(cli.served.withLock { $0 } == ServeOptions(host: "127.0.0.1", port: 0, secureCookies: true, logLevel: .info, outboxDirectory: "./outbox"))
        let second = await cli.run(["serve", "--demo", "--port", "0"])
        #expect(second.output.first?.contains("already loaded") == true)
        #expect(Array(second.output.dropFirst()) == Array(first.output.dropFirst()))
        let users = try await cli.services().shared.environment.store.read { try await $0.users.count() }
        #expect(users == Role.allCases.count)
    }
}
