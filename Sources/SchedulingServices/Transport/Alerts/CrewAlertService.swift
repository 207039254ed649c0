import Crypto
import Foundation
import SchedulingDomain

/// Where crews' run-sheet alerts may be pushed (the browser makers' push services, and any the
/// operator adds), and the contact the push services see.
public struct PushConfiguration: Sendable, Equatable {
    /// The operator's contact given to push services (VAPID `sub`): a `mailto:` or `https:` URL.
    public var contact: String
    /// Origins (`https://push.example.org`) of push services accepted beside the browser makers'.
    public var extraOrigins: [String]

    /// Creates a configuration.
    public init(contact: String, extraOrigins: [String] = []) {
        self.contact = contact
        self.extraOrigins = extraOrigins
    }

    /// The browser makers' services only, and a contact on this machine.
    public static let standard = PushConfiguration(contact: "mailto:transport-office@localhost")

    /// The push services of Chrome and Edge (FCM), Firefox (autopush), Safari (Apple) and Windows (WNS).
    static let knownHosts: Set<String> = ["fcm.googleapis.com", "updates.push.services.mozilla.com", "push.services.mozilla.com", "web.push.apple.com"]
    static let knownSuffixes = [".push.apple.com", ".notify.windows.com"]

    /// Whether Kairos may post alerts to `url`: over HTTPS to a browser maker's push service, or
    /// to an origin the operator added. Anything else would let a subscriber make the server post
    /// to an address of their choosing.
    func accepts(_ url: URL) -> Bool {
        guard let origin = WebPush.origin(of: url) else { return false }
        if extraOrigins.contains(where: { $0.lowercased() == origin }) { return true }
        guard url.scheme?.lowercased() == "https", url.port == nil || url.port == 443, let host = url.host?.lowercased() else { return false }
        return Self.knownHosts.contains(host) || Self.knownSuffixes.contains { host.hasSuffix($0) }
    }

    /// Every rule the configuration breaks, by option.
    public func validate() -> [String] {
        var problems: [String] = []
        if !(contact.hasPrefix("mailto:") || contact.hasPrefix("https://")) || contact.count < 10 {
            problems.append("--push-contact must be a mailto: or https: address push services can reach the operator at, such as mailto:transport@trust.nhs.uk.")
        }
        for origin in extraOrigins {
            guard let url = URL(string: origin), WebPush.origin(of: url) == origin.lowercased(), url.path.isEmpty else {
                problems.append("--push-service must be an origin such as https://push.example.org (scheme, host and port, no path): \(origin) is not.")
                continue
            }
        }
        return problems
    }
}

/// A browser's subscription as the browser gives it (`PushSubscription.toJSON()`).
public struct PushSubscriptionInput: Codable, Sendable, Equatable {
    public struct Keys: Codable, Sendable, Equatable {
        public var p256dh: String?
        public var auth: String?
        public init(p256dh: String?, auth: String?) {
            self.p256dh = p256dh
            self.auth = auth
        }
    }

    public var endpoint: String?
    public var keys: Keys?

    /// Creates input.
    public init(endpoint: String?, keys: Keys?) {
        self.endpoint = endpoint
        self.keys = keys
    }
}

/// Posts a push message to its push service (the HTTP adapter).
public protocol PushGateway: Sendable {
    /// Sends `delivery`; the HTTP status the push service answered. Throws when it could not be reached.
    func send(_ delivery: WebPush.Delivery) async throws -> Int
}

/// Run-sheet alerts pushed to crews' phones (PT-07: run sheets sent to the crew's device), with
/// the browser closed: a crew member's browser subscribes with Kairos's public key; whenever the
/// crew member's run sheets for today change (a re-plan committed, a journey cancelled, a stop
/// recorded by the other crew member), each of their browsers gets an encrypted message through
/// its push service that raises a notification. The message names vehicles and counts stops,
/// never a patient.
public struct CrewAlertService: Sendable {
    let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Who takes alerts: crews.
    public static let subscribers: Set<Role> = [.crew]
    /// Browsers a crew member may have subscribed at once (the oldest gives way).
    static let perUser = 5
    static let keySetting = "transport.pushKey"
    /// How long a push service keeps an alert for a phone that is off (seconds).
    static let timeToLive = 4 * 3600

    /// Kairos's public key (base64url) that browsers subscribe with; made on first use.
    public func publicKey() async throws -> String {
        WebPush.base64URL(try await signingKey().publicKey.x963Representation)
    }

    func signingKey() async throws -> P256.Signing.PrivateKey {
        var raw = try await env.store.read { try await Self.storedKey(in: $0) }
        if raw == nil {
            raw = try await env.store.write { session in
                if let raw = try await Self.storedKey(in: session) { return raw }
                let raw = P256.Signing.PrivateKey().rawRepresentation
                try await session.settings.set(WebPush.base64URL(raw), for: Self.keySetting)
                return raw
            }
        }
        guard let raw, let key = try? P256.Signing.PrivateKey(rawRepresentation: raw) else {
            throw StoreError.failure("setting \(Self.keySetting): not a P-256 private key")
        }
        return key
    }

    /// The stored private key's bytes.
    private static func storedKey(in session: any StoreSession) async throws -> Data? {
        guard let text = try await session.settings.value(for: keySetting) else { return nil }
        guard let raw = WebPush.data(base64URL: text) else { throw StoreError.failure("setting \(keySetting): not base64url") }
        return raw
    }

    /// Subscribes the caller's browser (audited). The same browser subscribing again replaces its
    /// subscription, also when another crew member signed in on it since; beyond five browsers the
    /// oldest gives way. The first alert goes at the next change of today's run sheets.
    public func subscribe(_ input: PushSubscriptionInput, by caller: Caller) async throws -> PushSubscription {
        try caller.require(anyOf: Self.subscribers, to: "take run-sheet alerts")
        let (endpoint, receiver, auth) = try validated(input)
        let env = self.env
        let now = env.clock.now(), today = env.today
        let subscription = try await env.store.write { session in
            let sheets = try await RunSheetService.sheets(crewMember: caller.principal.actorID, on: today, in: session)
            let s = PushSubscription(id: env.ids.make(prefix: "psub"), userID: caller.principal.actorID, endpoint: endpoint, receiverKey: receiver,
                                     authSecret: auth, createdAt: now, lastStamp: try RunSheetService.stamp(of: sheets), stampDate: today.iso)
            try await session.pushSubscriptions.save(s)
            for old in try await session.pushSubscriptions.subscriptions(userID: s.userID).dropLast(Self.perUser) {
                _ = try await session.pushSubscriptions.remove(id: old.id)
            }
            try await AuditTrail.record(.init(action: "transport.alerts.subscribe", entityType: "push-subscription", entityID: s.id), by: caller, at: now, in: session)
            return s
        }
        return subscription
    }

    /// The caller's subscribed browsers.
    public func subscriptions(by caller: Caller) async throws -> [PushSubscription] {
        try caller.require(anyOf: Self.subscribers, to: "take run-sheet alerts")
        return try await env.store.read { try await $0.pushSubscriptions.subscriptions(userID: caller.principal.actorID) }
    }

    /// Stops alerts to one of the caller's browsers, by Kairos's id or by the browser's endpoint
    /// (audited); not found if it is not the caller's.
    public func unsubscribe(id: String? = nil, endpoint: String? = nil, by caller: Caller) async throws {
        try caller.require(anyOf: Self.subscribers, to: "take run-sheet alerts")
        let now = env.clock.now()
        try await env.store.write { session in
            let mine = try await session.pushSubscriptions.subscriptions(userID: caller.principal.actorID)
            guard let s = mine.first(where: { $0.id == id || $0.endpoint == endpoint }), try await session.pushSubscriptions.remove(id: s.id) else {
                throw ServiceError.notFound(entity: "Alert subscription", id: id ?? "for this browser")
            }
            try await AuditTrail.record(.init(action: "transport.alerts.unsubscribe", entityType: "push-subscription", entityID: s.id), by: caller, at: now, in: session)
        }
    }

    private func validated(_ input: PushSubscriptionInput) throws -> (String, String, String) {
        var c = ValidationCollector()
        let endpoint = input.endpoint?.trimmingCharacters(in: .whitespaces) ?? ""
        if endpoint.isEmpty {
            c.add("endpoint", "field.required", "endpoint is required: the push service's address the browser gives.")
        } else if endpoint.count > 2000 || URL(string: endpoint).map({ !env.push.accepts($0) }) ?? true {
            c.add("endpoint", "push.service", "endpoint must be the address of a browser's push service (Chrome's, Edge's, Firefox's or Safari's), as the browser gives it.")
        }
        let receiver = WebPush.data(base64URL: input.keys?.p256dh ?? "")
        if receiver.flatMap({ try? P256.KeyAgreement.PublicKey(x963Representation: $0) }) == nil || receiver?.count != 65 {
            c.add("keys.p256dh", "push.key", "keys.p256dh must be the browser's P-256 public key: 65 bytes, base64url.")
        }
        let auth = WebPush.data(base64URL: input.keys?.auth ?? "")
        if auth?.count != 16 {
            c.add("keys.auth", "push.secret", "keys.auth must be the browser's authentication secret: 16 bytes, base64url.")
        }
        guard c.issues.isEmpty, let receiver, let auth else { throw ServiceError.invalid(c.issues) }
        return (endpoint, WebPush.base64URL(receiver), WebPush.base64URL(auth))
    }
}
