import Foundation
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Synchronization
import Testing

/// Password guessing is slowed down per username and per address (issue 15, item 2).
@Suite("Login throttling")
struct LoginThrottleTests {
    /// Counts the passwords it checks (to show a locked login checks none).
    final class CountingHasher: PasswordHasher {
        let inner: any PasswordHasher
        private let checks = Mutex(0)
        init(_ inner: any PasswordHasher) { self.inner = inner }
        var count: Int { checks.withLock { $0 } }
        func hash(_ password: String) async throws -> String { try await inner.hash(password) }
        func verify(_ password: String, against hash: String) async throws -> Bool {
            checks.withLock { $0 += 1 }
            return try await inner.verify(password, against: hash)
        }
    }

    static func setUp() async throws -> (TestHarness, AccountService, CountingHasher) {
        let harness = try TestHarness()
        try await harness.user("amy", role: .scheduler)
        var environment = harness.services.shared.environment
        let hasher = CountingHasher(environment.passwordHasher)
        environment.passwordHasher = hasher
        return (harness, AccountService(environment), hasher)
    }

    static func attempt(_ accounts: AccountService, _ user: String, _ password: String, from address: String = "10.0.0.1") async -> ServiceError? {
        do {
            _ = try await accounts.login(username: user, password: password, requestID: nil, clientAddress: address)
            return nil
        } catch let error as ServiceError { return error } catch { return .forbidden("unexpected \(error)") }
    }

    @Test("three wrong passwords are free; then each failure locks the name for twice as long, even against the right password, without checking it")
    func account() async throws {
        let (harness, accounts, hasher) = try await Self.setUp()
        for _ in 1...3 { #expect(await Self.attempt(accounts, "amy", "wrong password!") == .unauthenticated("Unknown username or wrong password.")) }
        #expect(await Self.attempt(accounts, "amy", "wrong password!") == .unauthenticated("Unknown username or wrong password."))
        let checked = hasher.count
        let locked = await Self.attempt(accounts, "amy", "correct horse battery")
        #expect(locked == .tooManyRequests("Too many failed logins for this username or from this address. Try again in 5 seconds.", retryAfter: 5))
        #expect(hasher.count == checked, "a locked login checks no password")
        harness.clock.advance(by: 6)
        #expect(await Self.attempt(accounts, "amy", "wrong password!") == .unauthenticated("Unknown username or wrong password."))
        #expect(await Self.attempt(accounts, "amy", "correct horse battery") == .tooManyRequests(
            "Too many failed logins for this username or from this address. Try again in 10 seconds.", retryAfter: 10))
        harness.clock.advance(by: 11)
        #expect(await Self.attempt(accounts, "amy", "correct horse battery") == nil)
        // A success clears the name's failures.
        for _ in 1...3 { _ = await Self.attempt(accounts, "amy", "wrong password!") }
        #expect(await Self.attempt(accounts, "amy", "correct horse battery") == nil)
        let locks = try await harness.services.shared.audit.recent(entityType: "user", by: TestHarness.system).filter { $0.action == "session.login-locked" }
        #expect(locks.count == 2 && locks.allSatisfy { $0.detail?.hasPrefix("failures=") == true })
    }

    @Test("an unknown name is answered exactly like a known one, and never written to the audit log")
    func unknownNames() async throws {
        let (harness, accounts, _) = try await Self.setUp()
        var known: [ServiceError?] = [], unknown: [ServiceError?] = []
        for _ in 1...5 {
            known.append(await Self.attempt(accounts, "amy", "wrong password!", from: "10.0.0.2"))
            unknown.append(await Self.attempt(accounts, "nobody-here", "wrong password!", from: "10.0.0.3"))
        }
        #expect(known == unknown)
        let audit = try await harness.services.shared.audit.recent(limit: 1000, by: TestHarness.system)
        #expect(!audit.contains { ($0.entityID ?? "").contains("nobody") || ($0.detail ?? "").contains("nobody") })
        #expect(audit.contains { $0.action == "session.login-locked" && $0.detail?.contains("username=unknown") == true })
    }

    @Test("one address guessing many names is locked after ten failures, other addresses are not")
    func address() async throws {
        let (_, accounts, _) = try await Self.setUp()
        for k in 1...10 { #expect(await Self.attempt(accounts, "user\(k)", "wrong password!", from: "192.0.2.7") == .unauthenticated("Unknown username or wrong password.")) }
        #expect(await Self.attempt(accounts, "user11", "wrong password!", from: "192.0.2.7") == .unauthenticated("Unknown username or wrong password."))
        if case .tooManyRequests = await Self.attempt(accounts, "amy", "correct horse battery", from: "192.0.2.7") {} else { Issue.record("the address is not locked") }
        #expect(await Self.attempt(accounts, "amy", "correct horse battery", from: "198.51.100.1") == nil)
    }
}
