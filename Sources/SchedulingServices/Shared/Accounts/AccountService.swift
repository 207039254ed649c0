import Foundation
import Synchronization
import SchedulingDomain

/// Users, logins, browser sessions and API tokens (X-01).
public struct AccountService: Sendable {
    /// How long a browser session lasts.
    public static let sessionLifetime: TimeInterval = 12 * 3600
    /// Prefix of API tokens, so that leaked ones are easy to search for.
    public static let tokenPrefix = "kairos_"

    private let env: ServiceEnvironment
    /// Slows down password guessing (shared by every copy of the service).
    public let throttle: LoginThrottle
    /// Bearer tokens recently found valid (shared by every copy of the service).
    private let bearers = BearerCache()

    /// Creates the service.
    public init(_ environment: ServiceEnvironment, throttle: LoginThrottle = LoginThrottle()) {
        env = environment
        self.throttle = throttle
    }

    /// A new user and the one-time password to hand them.
    public struct CreatedUser: Sendable {
        /// The account.
        public var user: UserAccount
        /// Shown once; must be changed at first login unless created for the demo.
        public var oneTimePassword: String
    }

    /// What a successful login gives the browser.
    public struct LoginResult: Sendable {
        /// The cookie secret (store only its hash).
        public var sessionToken: String
        /// The session record.
        public var session: WebSession
        /// Who logged in.
        public var user: UserAccount
    }

    /// A new token and its secret, shown once.
    public struct IssuedToken: Sendable {
        /// The stored record.
        public var token: APIToken
        /// The bearer secret.
        public var secret: String
    }

    /// Rules for login names.
    public static func validate(username: String) -> [ValidationIssue] {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        if !(3...40).contains(username.count) {
            return [.init(path: "username", code: "username.length", message: "username must have 3 to 40 characters.")]
        }
        if !username.allSatisfy({ allowed.contains($0) }) || !(username.first!.isLetter || username.first!.isNumber) {
            return [.init(path: "username", code: "username.characters",
                          message: "username may use only lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.")]
        }
        return []
    }

    /// Creates a user with a generated one-time password (or `password`, for the demo).
    public func createUser(
        username rawUsername: String?, displayName: String?, role: Role?, password: String? = nil,
        passwordChangeRequired: Bool = true, by caller: Caller
    ) async throws -> CreatedUser {
        try caller.require(anyOf: [.admin], to: "create users")
        var c = ValidationCollector()
        let username = c.requireText(rawUsername, at: "username", maxLength: 40)
        if let username { c.add(contentsOf: AccountService.validate(username: username), under: "") }
        let name = c.requireText(displayName, at: "displayName", maxLength: 100)
        if role == nil { c.add("role", "field.required", "role is required.") }
        if let password { c.add(contentsOf: PasswordPolicy.validate(password, at: "password"), under: "") }
        do { try c.throwIfAny() } catch { throw ServiceError(error) }

        let secret = password ?? env.secrets.password(length: 16)
        let hash = try await env.passwordHasher.hash(secret)
        let user = UserAccount(
            id: .init(env.ids.make(prefix: "usr")), username: username!, displayName: name!, role: role!,
            passwordChangeRequired: passwordChangeRequired, createdAt: env.clock.now())
        let now = env.clock.now()
        do {
            try await env.store.write { session in
                try await session.users.insert(user, passwordHash: hash)
                try await AuditTrail.record(
                    .init(action: "user.create", entityType: "user", entityID: user.id.rawValue, detail: "role=\(user.role.rawValue)"),
                    by: caller, at: now, in: session)
            }
        } catch {
            throw ServiceError.mapUnique(error, [
                "users.username": ("username.taken", "username is already taken by another user."),
            ])
        }
        return CreatedUser(user: user, oneTimePassword: secret)
    }

    /// All users.
    public func listUsers(by caller: Caller) async throws -> [UserAccount] {
        try caller.require(anyOf: [.admin], to: "list users")
        return try await env.store.read { try await $0.users.list() }
    }

    /// The user with this login name.
    public func user(named username: String) async throws -> UserAccount {
        guard let found = try await env.store.read({ try await $0.users.find(username: username) }) else {
            throw ServiceError.notFound(entity: "User", id: username)
        }
        return found.0
    }

    /// Checks a password and opens a browser session. Guessing is slowed down per username and
    /// per client address (``LoginThrottle``): a locked key is refused at once with the seconds
    /// to wait, the same for names that exist and names that do not; each lock is audited.
    public func login(username: String, password: String, requestID: String?, clientAddress: String? = nil) async throws -> LoginResult {
        let keys = LoginThrottle.keys(username: username, address: clientAddress)
        if let wait = throttle.wait(keys, now: env.clock.now()) {
            throw ServiceError.tooManyRequests(
                "Too many failed logins for this username or from this address. Try again in \(wait) second\(wait == 1 ? "" : "s").",
                retryAfter: wait)
        }
        let found = try await env.store.read { try await $0.users.find(username: username.lowercased()) }
        // Verify even for an unknown user, so timing does not reveal which names exist.
        let hash = found?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKxGhuYkbD5NDVYHT/P3vS1uCxUSu9XwHY7wa"
        let matches = try await env.passwordHasher.verify(password, against: hash)
        guard let (user, _) = found, matches, user.active else {
            let now = env.clock.now()
            let locks = throttle.fail(keys, now: now)
            if found != nil || !locks.isEmpty {
                let system = Caller(principal: .system("login"), requestID: requestID)
                try await env.store.write { session in
                    if let (user, _) = found {
                        try await AuditTrail.record(
                            .init(action: "session.login-failed", entityType: "user", entityID: user.id.rawValue),
                            by: Caller(principal: Principal(user: user), requestID: requestID), at: now, in: session)
                    }
                    for lock in locks {
                        // The account's id when the name exists; an address as given; never an unknown name.
                        let isAccount = lock.key.hasPrefix("account:")
                        try await AuditTrail.record(
                            .init(action: "session.login-locked", entityType: isAccount ? "user" : "client",
                                  entityID: isAccount ? found?.0.id.rawValue : String(lock.key.dropFirst("address:".count)),
                                  detail: "failures=\(lock.failures) seconds=\(lock.seconds)\(isAccount && found == nil ? " username=unknown" : "")"),
                            by: system, at: now, in: session)
                    }
                }
            }
            throw ServiceError.unauthenticated("Unknown username or wrong password.")
        }
        throttle.succeed(username: username)
        let secret = env.secrets.hexToken(byteCount: 32)
        let now = env.clock.now()
        let webSession = WebSession(
            tokenHash: SecretHash.sha256Hex(secret), userID: user.id, csrfToken: env.secrets.hexToken(byteCount: 16),
            createdAt: now, expiresAt: now.addingTimeInterval(AccountService.sessionLifetime))
        try await env.store.write { session in
            _ = try await session.credentials.deleteSessions(expiredBefore: now)
            try await session.credentials.insertSession(webSession)
            try await AuditTrail.record(
                .init(action: "session.login", entityType: "user", entityID: user.id.rawValue),
                by: Caller(principal: Principal(user: user), requestID: requestID), at: now, in: session)
        }
        return LoginResult(sessionToken: secret, session: webSession, user: user)
    }

    /// The user and session behind a session cookie, if it is valid and unexpired.
    public func authenticate(sessionToken: String) async throws -> (UserAccount, WebSession)? {
        let now = env.clock.now()
        return try await env.store.read { store in
            guard let session = try await store.credentials.findSession(tokenHash: SecretHash.sha256Hex(sessionToken)),
                session.expiresAt > now,
                let user = try await store.users.find(id: session.userID), user.active
            else { return nil }
            return (user, session)
        }
    }

    /// Ends a browser session.
    public func logout(sessionToken: String, by caller: Caller) async throws {
        let now = env.clock.now()
        try await env.store.write { session in
            try await session.credentials.deleteSession(tokenHash: SecretHash.sha256Hex(sessionToken))
            try await AuditTrail.record(
                .init(action: "session.logout", entityType: "user", entityID: caller.principal.actorID),
                by: caller, at: now, in: session)
        }
    }

    /// Changes the caller's own password, ending their other sessions.
    public func changePassword(current: String?, new: String?, by caller: Caller) async throws {
        var c = ValidationCollector()
        c.requireText(current, at: "currentPassword", maxLength: 200)
        if let new { c.add(contentsOf: PasswordPolicy.validate(new, at: "newPassword"), under: "") } else {
            c.add("newPassword", "field.required", "newPassword is required.")
        }
        if let current, let new, current == new {
            c.add("newPassword", "password.unchanged", "newPassword must differ from the current password.")
        }
        do { try c.throwIfAny() } catch { throw ServiceError(error) }
        let found = try await env.store.read({ try await $0.users.find(username: caller.principal.username) })
        guard let found, try await env.passwordHasher.verify(current!, against: found.passwordHash) else {
            throw ServiceError.invalid([.init(path: "currentPassword", code: "password.wrong", message: "That is not your current password.")])
        }
        let hash = try await env.passwordHasher.hash(new!)
        let now = env.clock.now()
        try await env.store.write { session in
            try await session.users.setPassword(userID: found.0.id, hash: hash, changeRequired: false)
            try await AuditTrail.record(
                .init(action: "user.password-change", entityType: "user", entityID: found.0.id.rawValue),
                by: caller, at: now, in: session)
        }
    }

    /// Issues a new API token for `username` (admins for anyone, others for themselves).
    public func issueToken(for username: String, name: String?, by caller: Caller) async throws -> IssuedToken {
        if caller.principal.username != username {
            try caller.require(anyOf: [.admin], to: "issue tokens for other users")
        }
        var c = ValidationCollector()
        let label = c.requireText(name ?? "api", at: "name", maxLength: 80)
        do { try c.throwIfAny() } catch { throw ServiceError(error) }
        let user = try await self.user(named: username)
        let secret = AccountService.tokenPrefix + env.secrets.hexToken(byteCount: 24)
        let now = env.clock.now()
        let token = APIToken(
            id: .init(env.ids.make(prefix: "tok")), userID: user.id, name: label!,
            tokenHash: SecretHash.sha256Hex(secret), createdAt: now)
        try await env.store.write { session in
            try await session.credentials.insertToken(token)
            try await AuditTrail.record(
                .init(action: "token.issue", entityType: "token", entityID: token.id.rawValue, detail: "user=\(user.id.rawValue)"),
                by: caller, at: now, in: session)
        }
        return IssuedToken(token: token, secret: secret)
    }

    /// The user behind a bearer token, if it is valid and unrevoked.
    ///
    /// An API client sends its token with every request, so a token found valid is remembered for
    /// ``BearerCache/lifetime`` (by its hash, never the secret). Revoking a token here forgets
    /// every remembered one at once; a change made by another process (a revocation straight in
    /// the database) takes effect within that lifetime.
    public func authenticate(bearer secret: String) async throws -> UserAccount? {
        guard secret.hasPrefix(AccountService.tokenPrefix) else { return nil }
        let hash = SecretHash.sha256Hex(secret), now = env.clock.now()
        let generation = bearers.generation
        if let user = bearers.user(for: hash, at: now) { return user }
        let user = try await env.store.read { store -> UserAccount? in
            guard let token = try await store.credentials.findToken(tokenHash: hash),
                token.revokedAt == nil,
                let user = try await store.users.find(id: token.userID), user.active
            else { return nil }
            return user
        }
        if let user { bearers.remember(user, for: hash, at: now, ifStill: generation) }
        return user
    }

    /// The caller's own tokens (never their secrets).
    public func tokens(of caller: Caller) async throws -> [APIToken] {
        try await env.store.read { try await $0.credentials.tokens(userID: .init(caller.principal.actorID)) }
    }

    /// Revokes a token: one's own, or any for an admin.
    public func revokeToken(id: APIToken.ID, by caller: Caller) async throws {
        let now = env.clock.now()
        try await env.store.write { session in
            guard let token = try await session.credentials.findToken(id: id),
                token.userID.rawValue == caller.principal.actorID || caller.principal.holds(anyOf: [.admin])
            else { throw ServiceError.notFound(entity: "Token", id: id.rawValue) }
            guard token.revokedAt == nil else {
                throw ServiceError.conflict(code: "token.revoked", message: "Token \(id) is already revoked.")
            }
            try await session.credentials.revokeToken(id: id, at: now)
            try await AuditTrail.record(
                .init(action: "token.revoke", entityType: "token", entityID: id.rawValue),
                by: caller, at: now, in: session)
        }
        // After the commit: a lookup that began before it is not remembered, one after it sees the revocation.
        bearers.forgetAll()
    }
}

/// Bearer tokens found valid, by the SHA-256 of the secret, each for a short while: the store is
/// asked again after ``lifetime``, at once after ``forgetAll()``. A lookup that began before a
/// `forgetAll()` is not remembered (the generation moved on).
final class BearerCache: Sendable {
    /// How long a token found valid is trusted without asking the store.
    static let lifetime: TimeInterval = 5
    /// The most tokens remembered (an API client uses one; a flood of them is not kept).
    static let capacity = 1024

    private struct State {
        var users: [String: (user: UserAccount, until: Date)] = [:]
        var generation = 0
    }
    private let state = Mutex(State())

    /// Moves on at every `forgetAll()`.
    var generation: Int { state.withLock { $0.generation } }

    /// The user remembered for this token hash, if still fresh.
    func user(for hash: String, at now: Date) -> UserAccount? {
        state.withLock { state in
            guard let entry = state.users[hash] else { return nil }
            guard entry.until > now else {
                state.users[hash] = nil
                return nil
            }
            return entry.user
        }
    }

    /// Remembers a token found valid, unless everything was forgotten since the lookup began.
    func remember(_ user: UserAccount, for hash: String, at now: Date, ifStill generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.users.count >= Self.capacity { state.users.removeAll(keepingCapacity: true) }
            state.users[hash] = (user, now.addingTimeInterval(Self.lifetime))
        }
    }

    /// Forgets every remembered token (one was revoked).
    func forgetAll() {
        state.withLock { state in
            state.users.removeAll()
            state.generation += 1
        }
    }
}
