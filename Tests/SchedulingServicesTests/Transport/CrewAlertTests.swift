import Crypto
import Foundation
import SchedulingDomain
@testable import SchedulingServices
import SchedulingTestSupport
import Synchronization
import Testing

/// Run-sheet alerts pushed to crews' phones (PT-07, Web Push): the encryption against RFC 8291's
/// example, the server's signed token, which push services are accepted, subscriptions by field,
/// and a round of alerts end to end through a gateway that decrypts what it is given.
@Suite("Crew run-sheet alerts")
struct CrewAlertTests {
    typealias Office = TransportServiceTests.Office

    static func bytes(_ text: String) -> Data { WebPush.data(base64URL: text)! }

    @Test("the message is encrypted exactly as RFC 8291's example (Appendix A)")
    func rfcExample() throws {
        let sender = try P256.KeyAgreement.PrivateKey(rawRepresentation: Self.bytes("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"))
        let body = try WebPush.encrypt(Data("When I grow up, I want to be a watermelon".utf8),
                                       receiver: Self.bytes("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
                                       authSecret: Self.bytes("BTBZMqHH6r4Tts7J_aSIgg"), sender: sender, salt: Self.bytes("DGv6ra1nlYgDCS1FRnbzlw"))
        #expect(WebPush.base64URL(body) == """
            DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN
            """)
    }

    @Test("a fresh message decrypts with the browser's private key and secret, and no two are alike")
    func roundTrip() throws {
        let browser = P256.KeyAgreement.PrivateKey(), auth = WebPush.randomBytes(16)
        let text = Data(#"{"title":"x"}"#.utf8)
        let a = try WebPush.encrypt(text, receiver: browser.publicKey.x963Representation, authSecret: auth)
        let b = try WebPush.encrypt(text, receiver: browser.publicKey.x963Representation, authSecret: auth)
        #expect(a != b)
        #expect(try Self.decrypt(a, browser: browser, auth: auth) == text)
        #expect(throws: (any Error).self) { try Self.decrypt(a, browser: browser, auth: WebPush.randomBytes(16)) }
    }

    @Test("the VAPID token names the push service's origin, expires in 12 hours, and verifies with the server's public key")
    func vapid() throws {
        let key = P256.Signing.PrivateKey(), now = Date(timeIntervalSince1970: 1_800_000_000)
        let header = try WebPush.authorization(endpoint: URL(string: "https://fcm.googleapis.com/fcm/send/abc:def")!, subject: "mailto:ops@trust.nhs.uk",
                                               key: key, now: now)
        let parts = header.split(separator: " ")
        #expect(parts.first == "vapid")
        let token = String(parts[1].dropFirst(2).dropLast()), publicKey = String(parts[2].dropFirst(2))
        #expect(publicKey == WebPush.base64URL(key.publicKey.x963Representation))
        let pieces = token.split(separator: ".").map(String.init)
        #expect(pieces.count == 3)
        let claims = try JSONSerialization.jsonObject(with: Self.bytes(pieces[1])) as? [String: Any]
        #expect(claims?["aud"] as? String == "https://fcm.googleapis.com" && claims?["sub"] as? String == "mailto:ops@trust.nhs.uk")
        #expect(claims?["exp"] as? Int == 1_800_000_000 + 12 * 3600)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: Self.bytes(pieces[2]))
        #expect(key.publicKey.isValidSignature(signature, for: Data("\(pieces[0]).\(pieces[1])".utf8)))
    }

    @Test("alerts go only to the browser makers' push services over HTTPS, or to origins the operator added", arguments: [
        ("https://fcm.googleapis.com/fcm/send/x", true), ("https://updates.push.services.mozilla.com/wpush/v2/x", true),
        ("https://web.push.apple.com/QGx", true), ("https://db5p.notify.windows.com/w/?token=x", true),
        ("http://fcm.googleapis.com/fcm/send/x", false), ("https://fcm.googleapis.com:8443/x", false), ("https://fcm.googleapis.com.evil.example/x", false),
        ("https://169.254.169.254/latest/meta-data", false), ("https://localhost/x", false), ("http://127.0.0.1:9000/push/1", true),
        ("http://127.0.0.1:9001/push/1", false), ("file:///etc/passwd", false),
    ])
    func services(endpoint: String, accepted: Bool) {
        let configuration = PushConfiguration(contact: "mailto:ops@trust.nhs.uk", extraOrigins: ["http://127.0.0.1:9000"])
        #expect(configuration.accepts(URL(string: endpoint)!) == accepted)
    }

    @Test("the operator's settings are checked by option")
    func configuration() {
        #expect(PushConfiguration.standard.validate().isEmpty)
        #expect(PushConfiguration(contact: "ops", extraOrigins: []).validate().first?.hasPrefix("--push-contact") == true)
        #expect(PushConfiguration(contact: "mailto:ops@trust.nhs.uk", extraOrigins: ["https://push.example.org/path"]).validate().first?.hasPrefix("--push-service") == true)
    }

    @Test("a subscription with a bad endpoint or keys is refused by field and stores nothing; only crews subscribe; a crew member removes only their own")
    func subscriptions() async throws {
        let office = try await Office()
        let alerts = office.harness.services.transport.alerts
        let browser = Browser()
        let bad = await TransportServiceTests.issues {
            _ = try await alerts.subscribe(.init(endpoint: "https://evil.example/steal", keys: .init(p256dh: "AAAA", auth: "short")), by: office.crew.a)
        }
        #expect(bad.map(\.path) == ["endpoint", "keys.p256dh", "keys.auth"], "\(bad)")
        #expect(bad.allSatisfy { !$0.message.contains("evil") }, "the endpoint is not echoed")
        let missing = await TransportServiceTests.issues { _ = try await alerts.subscribe(.init(endpoint: nil, keys: nil), by: office.crew.a) }
        #expect(missing.map(\.code) == ["field.required", "push.key", "push.secret"])
        #expect(try office.harness.count("push_subscriptions") == 0)
        await #expect(throws: ServiceError.self) { _ = try await alerts.subscribe(browser.input, by: office.planner) }
        let s = try await alerts.subscribe(browser.input, by: office.crew.a)
        #expect(try await alerts.subscriptions(by: office.crew.a).map(\.id) == [s.id])
        #expect(try await alerts.subscriptions(by: office.crew.b).isEmpty)
        await #expect(throws: ServiceError.self) { try await alerts.unsubscribe(id: s.id, by: office.crew.b) }
        // The same browser again (crew B signed in on the phone): one subscription, now B's.
        let again = try await alerts.subscribe(browser.input, by: office.crew.b)
        #expect(try office.harness.count("push_subscriptions") == 1)
        #expect(try await alerts.subscriptions(by: office.crew.a).isEmpty)
        // At most five browsers each: the oldest gives way.
        for _ in 0..<5 { _ = try await alerts.subscribe(Browser().input, by: office.crew.b) }
        let five = try await alerts.subscriptions(by: office.crew.b)
        #expect(five.count == 5 && !five.contains { $0.id == again.id })
        try await alerts.unsubscribe(endpoint: five[0].endpoint, by: office.crew.b)
        #expect(try office.harness.count("push_subscriptions") == 4)
        #expect(try office.harness.count("audit_log", where: "action LIKE 'transport.alerts.%'") == 8)
        // The key is made once and kept.
        #expect(try await alerts.publicKey() == alerts.publicKey())
    }

    @Test("a change to a crew member's sheets today is pushed once to each of their browsers, encrypted, naming the vehicle and no patient; gone browsers are dropped, busy services retried")
    func alertsRound() async throws {
        let office = try await Office()
        let alerts = office.harness.services.transport.alerts
        _ = try await office.shift("Ambulance 7", crew: [office.crew.a])
        let journeys = try await office.book()
        let job = try await office.runJob(.init(date: TransportServiceTests.date, timeLimitSeconds: 1))
        _ = try await office.plans.commit(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        let phone = Browser(), tablet = Browser(), other = Browser()
        _ = try await alerts.subscribe(phone.input, by: office.crew.a)
        _ = try await alerts.subscribe(tablet.input, by: office.crew.a)
        _ = try await alerts.subscribe(other.input, by: office.crew.b)
        let gateway = Gateway()
        // The day of the shift comes: its sheets are noted, nobody is alerted at first look.
        office.harness.clock.advance(by: 16 * 86_400 - 4 * 3600)
        #expect(office.harness.services.shared.environment.today.iso == TransportServiceTests.date)
        #expect(try await alerts.pushChanges(through: gateway) == .init())
        #expect(try await alerts.pushChanges(through: gateway) == .init())
        // A browser subscribing on the day is told nothing until the sheets change (the round sees them as the subscription did).
        let late = try await alerts.subscribe(Browser().input, by: office.crew.a)
        #expect(try await alerts.pushChanges(through: gateway) == .init())
        try await alerts.unsubscribe(id: late.id, by: office.crew.a)
        // Crew A arrives at the first pickup: both of A's browsers hear of it; B's does not.
        _ = try await office.harness.services.transport.runSheets.record(journeyID: journeys[0].id, .init(event: "arrived"), by: office.crew.a)
        gateway.answer(201)
        #expect(try await alerts.pushChanges(through: gateway) == .init(sent: 2))
        let sent = gateway.taken()
        #expect(Set(sent.map(\.endpoint)) == [phone.endpoint, tablet.endpoint])
        for delivery in sent {
            let browser = delivery.endpoint == phone.endpoint ? phone : tablet
            let text = String(decoding: try Self.decrypt(delivery.body, browser: browser.key, auth: browser.auth), as: UTF8.self)
            #expect(text.contains("Your run sheet has changed") && text.contains("Ambulance 7: 4 stops"), "\(text)")
            #expect(!text.contains("Test") && !text.contains(journeys[0].patientID.rawValue), "no patient in an alert")
            let headers = Dictionary(uniqueKeysWithValues: delivery.headers)
            #expect(headers["Content-Encoding"] == "aes128gcm" && headers["TTL"] == "14400" && headers["Authorization"]?.hasPrefix("vapid t=") == true)
        }
        #expect(try await alerts.pushChanges(through: gateway) == .init(), "told once")
        // A busy push service: tried again next round. A browser gone: dropped. A refusal for good: not tried again.
        _ = try await office.harness.services.transport.runSheets.record(journeyID: journeys[0].id, .init(event: "picked-up"), by: office.crew.a)
        gateway.answer(503)
        #expect(try await alerts.pushChanges(through: gateway) == .init(failed: 2))
        gateway.answer(410, for: tablet.endpoint)
        gateway.answer(400, for: phone.endpoint)
        #expect(try await alerts.pushChanges(through: gateway) == .init(removed: 1, failed: 1))
        #expect(try await alerts.subscriptions(by: office.crew.a).map(\.endpoint) == [phone.endpoint])
        gateway.answer(201)
        #expect(try await alerts.pushChanges(through: gateway) == .init())
    }

    @Test("the dispatcher pushes a change on its own round and stops with the server")
    func dispatcher() async throws {
        let office = try await Office()
        let alerts = office.harness.services.transport.alerts
        office.harness.clock.advance(by: 16 * 86_400 - 4 * 3600)
        let phone = Browser()
        _ = try await alerts.subscribe(phone.input, by: office.crew.a)
        _ = try await office.shift("Ambulance 3", crew: [office.crew.a])
        let gateway = Gateway()
        try await runService(CrewAlertDispatcher(alerts: alerts, gateway: gateway, interval: .milliseconds(20))) {
            try await alerts.subscriptions(by: office.crew.a).first?.lastSentAt != nil
        }
        let sent = gateway.taken()
        #expect(sent.count == 1 && sent.first?.endpoint == phone.endpoint)
        let text = String(decoding: try Self.decrypt(sent[0].body, browser: phone.key, auth: phone.auth), as: UTF8.self)
        #expect(text.contains("Ambulance 3: no journeys planned"), "\(text)")
    }

    /// A browser's keys and endpoint.
    struct Browser {
        let key = P256.KeyAgreement.PrivateKey()
        let auth = WebPush.randomBytes(16)
        let endpoint = "https://fcm.googleapis.com/fcm/send/" + UUID().uuidString
        var input: PushSubscriptionInput {
            .init(endpoint: endpoint, keys: .init(p256dh: WebPush.base64URL(key.publicKey.x963Representation), auth: WebPush.base64URL(auth)))
        }
    }

    /// A push service that keeps what it is given and answers as told (by endpoint, or for all).
    final class Gateway: PushGateway, Sendable {
        private let state = Mutex<(taken: [WebPush.Delivery], answers: [String: Int], all: Int)>(([], [:], 201))
        func answer(_ status: Int, for endpoint: String? = nil) {
            state.withLock { s in
                if let endpoint { s.answers[endpoint] = status } else { s = (s.taken, [:], status) }
            }
        }
        func taken() -> [WebPush.Delivery] { state.withLock { s in defer { s.taken = [] }; return s.taken } }
        func send(_ delivery: WebPush.Delivery) async throws -> Int {
            state.withLock { s in
                s.taken.append(delivery)
                return s.answers[delivery.endpoint] ?? s.all
            }
        }
    }

    /// Decrypts a push message as the browser does (RFC 8291 §3.4, RFC 8188 §2).
    static func decrypt(_ body: Data, browser: P256.KeyAgreement.PrivateKey, auth: Data) throws -> Data {
        let bytes = [UInt8](body)
        let salt = Data(bytes[0..<16]), keyLength = Int(bytes[20])
        let sender = Data(bytes[21..<(21 + keyLength)]), sealed = Data(bytes[(21 + keyLength)...])
        let shared = try browser.sharedSecretFromKeyAgreement(with: .init(x963Representation: sender))
        let ikm = shared.hkdfDerivedSymmetricKey(using: SHA256.self, salt: auth,
                                                 sharedInfo: Data("WebPush: info".utf8) + [0] + browser.publicKey.x963Representation + sender, outputByteCount: 32)
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: Data("Content-Encoding: aes128gcm".utf8) + [0], outputByteCount: 16)
        let nonce = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: Data("Content-Encoding: nonce".utf8) + [0], outputByteCount: 12)
        let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce.withUnsafeBytes { Data($0) }), ciphertext: sealed.dropLast(16), tag: sealed.suffix(16))
        let plain = try AES.GCM.open(box, using: key)
        guard plain.last == 2 else { throw CryptoKitError.authenticationFailure }
        return plain.dropLast()
    }
}
