import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("AccountService")
struct AccountServiceTests {
    @Test("SHA-256 in lower-case hex, as stored for tokens and the audit chain")
    func sha256() {
        #expect(SecretHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecretHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("creating a user gives a one-time password that logs in and must be changed")
    func createAndLogin() async throws {
        let harness = try TestHarness()
        let accounts = harness.services.shared.accounts
        let created = try await accounts.createUser(username: "joe", displayName: "Jo", role: .scheduler, by: TestHarness.system)
        #expect(created.oneTimePassword.count == 16)
        #expect(created.user.passwordChangeRequired)
        let login = try await accounts.login(username: "joe", password: created.oneTimePassword, requestID: "r1")
        #expect(login.user.id == created.user.id)
        let resolved = try #require(try await accounts.authenticate(sessionToken: login.sessionToken))
        #expect(resolved.0.username == "joe")
        // Only the hash of the cookie secret is stored.
        #expect(login.session.tokenHash == SecretHash.sha256Hex(login.sessionToken))
    }

    @Test("wrong passwords and unknown users get the same answer")
    func wrongPassword() async throws {
        let harness = try TestHarness()
        try await harness.user("amy", role: .clinician)
        for (user, password) in [("amy", "nope nope nope"), ("nobody", "whatever it is")] {
            await #expect(throws: ServiceError.unauthenticated("Unknown username or wrong password.")) {
                try await harness.services.shared.accounts.login(username: user, password: password, requestID: nil)
            }
        }
    }

    @Test("sessions expire")
    func expiry() async throws {
        let harness = try TestHarness()
        try await harness.user("amy", role: .clinician)
        let login = try await harness.services.shared.accounts.login(username: "amy", password: "correct horse battery", requestID: nil)
        harness.clock.advance(by: AccountService.sessionLifetime + 1)
        #expect(try await harness.services.shared.accounts.authenticate(sessionToken: login.sessionToken) == nil)
    }

    @Test("invalid input lists every issue; a duplicate username is a conflict; only admins create users")
    func validation() async throws {
        let harness = try TestHarness()
        let accounts = harness.services.shared.accounts
        do {
            _ = try await accounts.createUser(username: "A!", displayName: " ", role: nil, by: TestHarness.system)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["username", "displayName", "role"])
        }
        try await harness.user("sam", role: .scheduler)
        await #expect(throws: ServiceError.conflict(code: "username.taken", message: "username is already taken by another user.")) {
            try await accounts.createUser(username: "sam", displayName: "Sam", role: .carer, by: TestHarness.system)
        }
        let sam = Caller(principal: Principal(user: try await accounts.user(named: "sam")))
        await #expect(throws: ServiceError.self) {
            try await accounts.createUser(username: "eve", displayName: "Eve", role: .admin, by: sam)
        }
        #expect(try harness.count("users") == 1)
    }

    @Test("a valid token is remembered for a few seconds: a revocation here is seen at once, one made behind the service's back within the lifetime")
    func bearerCache() async throws {
        let harness = try TestHarness()
        let accounts = harness.services.shared.accounts
        let (user, secret) = try await harness.user("ana", role: .bookingCoordinator)
        #expect(try await accounts.authenticate(bearer: secret)?.id == user.id)
        // Revoked straight in the store (another process): still trusted until the lifetime ends.
        let tokens = try await accounts.tokens(of: Caller(principal: Principal(user: user)))
        try await harness.services.shared.environment.store.write { try await $0.credentials.revokeToken(id: tokens[0].id, at: harness.clock.now()) }
        #expect(try await accounts.authenticate(bearer: secret)?.id == user.id)
        harness.clock.advance(by: 5.5)
        #expect(try await accounts.authenticate(bearer: secret) == nil)
    }

    @Test("tokens are stored hashed, authenticate until revoked, and only the owner or an admin revokes")
    func tokens() async throws {
        let harness = try TestHarness()
        let accounts = harness.services.shared.accounts
        let (_, secret) = try await harness.user("tom", role: .transportPlanner)
        #expect(secret.hasPrefix("kairos_"))
        let tom = try #require(try await accounts.authenticate(bearer: secret))
        #expect(tom.username == "tom")
        #expect(try await accounts.authenticate(bearer: "kairos_0000") == nil)
        #expect(try await accounts.authenticate(bearer: "not-a-token") == nil)

        let tomCaller = Caller(principal: Principal(user: tom))
        let tokens = try await accounts.tokens(of: tomCaller)
        #expect(tokens.count == 1 && tokens[0].tokenHash == SecretHash.sha256Hex(secret))

        let (other, _) = try await harness.user("una", role: .crew)
        await #expect(throws: ServiceError.notFound(entity: "Token", id: tokens[0].id.rawValue)) {
            try await accounts.revokeToken(id: tokens[0].id, by: Caller(principal: Principal(user: other)))
        }
        try await accounts.revokeToken(id: tokens[0].id, by: tomCaller)
        #expect(try await accounts.authenticate(bearer: secret) == nil)
        await #expect(throws: ServiceError.self) { try await accounts.revokeToken(id: tokens[0].id, by: tomCaller) }
    }

    @Test("changing a password checks the current one and clears the change flag")
    func changePassword() async throws {
        let harness = try TestHarness()
        let accounts = harness.services.shared.accounts
        let created = try await accounts.createUser(username: "kim", displayName: "Kim", role: .carer, by: TestHarness.system)
        let caller = Caller(principal: Principal(user: created.user))
        await #expect(throws: ServiceError.self) {
            try await accounts.changePassword(current: "wrong", new: "a much longer password", by: caller)
        }
        await #expect(throws: ServiceError.self) {
            try await accounts.changePassword(current: created.oneTimePassword, new: "short", by: caller)
        }
        try await accounts.changePassword(current: created.oneTimePassword, new: "a much longer password", by: caller)
        let login = try await accounts.login(username: "kim", password: "a much longer password", requestID: nil)
        #expect(!login.user.passwordChangeRequired)
    }

    @Test("every change is audited with the actor")
    func audited() async throws {
        let harness = try TestHarness()
        try await harness.user("amy", role: .clinician)
        _ = try await harness.services.shared.accounts.login(username: "amy", password: "correct horse battery", requestID: "req-9")
        let entries = try await harness.services.shared.audit.recent(by: TestHarness.system)
        #expect(entries.map(\.action) == ["session.login", "token.issue", "user.create"])
        #expect(entries[0].requestID == "req-9")
        #expect(try await harness.services.shared.audit.verify(by: TestHarness.system).isIntact)
    }
}
