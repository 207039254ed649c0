import Crypto
import Foundation
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing

@testable import SchedulingWeb

/// Run-sheet alerts through the server: the crew's run sheet page offers them with Kairos's
/// key, its script subscribes the browser through a form post, and the API keeps a crew
/// member's browsers; nobody but crews may use any of it.
@Suite("Crew run-sheet alerts through the server")
struct CrewAlertWebTests {
    typealias Day = TransportWebTests.Day

    static func browser() -> (endpoint: String, p256dh: String, auth: String) {
        let key = P256.KeyAgreement.PrivateKey()
        let auth = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
        func b64(_ d: Data) -> String { d.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "") }
        return ("https://fcm.googleapis.com/fcm/send/" + UUID().uuidString, b64(key.publicKey.x963Representation), b64(auth))
    }

    @Test("the crew's page carries the key; the page's script subscribes and stops alerts with the form's token; the office's page offers none")
    func page() async throws {
        let day = try await Day()
        let office = try await day.kit.session(role: .transportPlanner, username: "alerts-office")
        try await day.kit.run { client in
            let sheet = try await client.page("/transport/run-sheet", cookie: day.crewSession)
            let key = try #require(sheet.text.components(separatedBy: "data-push-key=\"").dropFirst().first?.prefix { $0 != "\"" })
            #expect(key.count == 87, "a 65-byte key, base64url")
            #expect(!(try await client.page("/transport/run-sheet", cookie: office.cookie).text.contains("data-push-key")))
            let b = Self.browser()
            let fields = ["_csrf": day.crewCSRF, "endpoint": b.endpoint, "p256dh": b.p256dh, "auth": b.auth]
            var stale = fields
            stale["_csrf"] = "forged"
            #expect(try await client.page("/transport/run-sheet/alerts", .post, cookie: day.crewSession, form: stale).status == .forbidden)
            var wrong = fields
            wrong["endpoint"] = "http://169.254.169.254/latest"
            #expect(try await client.page("/transport/run-sheet/alerts", .post, cookie: day.crewSession, form: wrong).status == .unprocessableContent)
            #expect(try await client.page("/transport/run-sheet/alerts", .post, cookie: office.cookie, form: fields.merging(["_csrf": office.csrf]) { $1 }).status == .forbidden)
            #expect(try day.kit.harness.count("push_subscriptions") == 0)
            #expect(try await client.page("/transport/run-sheet/alerts", .post, cookie: day.crewSession, form: fields).status == .noContent)
            #expect(try day.kit.harness.count("push_subscriptions") == 1)
            let listed = try await client.json("/api/v1/transport/push-subscriptions", token: day.crewToken)
            #expect(listed.status == .ok && listed.text.contains("\"service\":\"https://fcm.googleapis.com\"") && !listed.text.contains(b.p256dh), "\(listed.text)")
            let stop = ["_csrf": day.crewCSRF, "endpoint": b.endpoint, "stop": "1"]
            #expect(try await client.page("/transport/run-sheet/alerts", .post, cookie: day.crewSession, form: stop).status == .noContent)
            #expect(try await client.page("/transport/run-sheet/alerts", .post, cookie: day.crewSession, form: stop).status == .notFound)
            #expect(try day.kit.harness.count("push_subscriptions") == 0)
        }
    }

    @Test("the API: the key, subscribe (201; fields named when wrong), list and remove one's own; other roles refused")
    func api() async throws {
        let day = try await Day()
        try await day.kit.run { client in
            let key = try await client.json("/api/v1/transport/push-key", token: day.crewToken)
            #expect(key.status == .ok && key.text.contains("\"publicKey\":\""))
            #expect(try await client.json("/api/v1/transport/push-key", token: day.plannerToken).status == .forbidden)
            #expect(try await client.json("/api/v1/transport/push-subscriptions", token: day.plannerToken).status == .forbidden)
            let b = Self.browser()
            let body = #"{"endpoint":"\#(b.endpoint)","expirationTime":null,"keys":{"p256dh":"\#(b.p256dh)","auth":"\#(b.auth)"}}"#
            #expect(try await client.json("/api/v1/transport/push-subscriptions", .post, token: day.plannerToken, body: body).status == .forbidden)
            let bad = try await client.json("/api/v1/transport/push-subscriptions", .post, token: day.crewToken,
                                            body: #"{"endpoint":"https://example.org/x","keys":{"p256dh":"x","auth":"\#(b.auth)"}}"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("\"endpoint\"") && bad.text.contains("keys.p256dh") && !bad.text.contains("keys.auth"), "\(bad.text)")
            let added = try await client.json("/api/v1/transport/push-subscriptions", .post, token: day.crewToken, body: body)
            #expect(added.status == .created, "\(added.text)")
            let id = try #require((try JSONSerialization.jsonObject(with: Data(added.text.utf8)) as? [String: Any])?["id"] as? String)
            #expect(try await client.json("/api/v1/transport/push-subscriptions", token: day.crewToken).text.contains(id))
            #expect(try await client.json("/api/v1/transport/push-subscriptions/\(id)", .delete, token: day.plannerToken).status == .forbidden)
            #expect(try await client.json("/api/v1/transport/push-subscriptions/\(id)", .delete, token: day.crewToken).status == .noContent)
            #expect(try await client.json("/api/v1/transport/push-subscriptions/\(id)", .delete, token: day.crewToken).status == .notFound)
        }
    }
}
