import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// What the abuse and fault probes found (issue 15): control characters in paths, bodies larger
/// than a route takes, HSTS behind TLS, and a store that can no longer write.
@Suite("Hardening")
struct HardeningTests {
    /// A store whose writes fail as on a full disk; reads work.
    struct DiskFullStore: Store {
        let inner: any Store
        func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T { try await inner.read(body) }
        func write<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
            throw StoreError.failure("SQLite error 13: database or disk is full")
        }
    }

    @Test("a NUL byte or another control character in a path is 400, never a file served as a page")
    func controlCharacters() async throws {
        let kit = try WebTestKit()
        try await kit.run { client in
            for path in ["/static/kairos.css%00.html", "/static/kairos.css%0a", "/api/v1/patients%00", "/login%7f"] {
                let response = try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"])
                #expect(response.status == .badRequest, "\(path) → \(response.status)")
                #expect(response.headers[.contentType] != "text/html", "\(path)")
            }
            #expect(try await client.execute(uri: "/static/kairos.css", method: .get).status == .ok)
        }
    }

    @Test("a body larger than the route takes is 413 naming the limit, for JSON, CSV and FHIR alike")
    func tooLarge() async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("booker", role: .bookingCoordinator)
        try await kit.run { client in
            let big = "{\"givenName\": \"" + String(repeating: "x", count: 2 << 20) + "\"}"
            let json = try await client.json("/api/v1/patients", .post, token: token, body: big)
            #expect(json.status == .contentTooLarge)
            let problem = try json.decode(Problem.self)
            #expect(problem.issues?.first?.code == "body.tooLarge" && problem.detail.contains("1 MB"))
            let csv = "nhs_number,specialty_code,referrer,priority,received\n" + String(repeating: "9990000018,CARD,GP,routine,2026-11-01\n", count: 150_000)
            let imported = try await client.execute(uri: "/api/v1/referrals/import", method: .post,
                                                    headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: csv))
            #expect(imported.status == .contentTooLarge && imported.text.contains("4 MB"))
            let fhir = try await client.execute(uri: "/fhir/Appointment", method: .post,
                                                headers: [.authorization: "Bearer \(token)", .contentType: "application/fhir+json"], body: ByteBuffer(string: big))
            #expect(fhir.status == .contentTooLarge && fhir.text.contains("too-long"))
        }
        #expect(try kit.harness.count("patients") == 0)
        #expect(try kit.harness.count("referrals") == 0)
    }

    @Test("Strict-Transport-Security is sent when configured, and by default only off loopback")
    func hsts() async throws {
        #expect(WebConfiguration(host: "0.0.0.0").strictTransportSecurity && !WebConfiguration(host: "127.0.0.1").strictTransportSecurity)
        #expect(!WebConfiguration(host: "0.0.0.0", strictTransportSecurity: false).strictTransportSecurity)
        let kit = try WebTestKit()
        let router = buildRouter(services: kit.services, pages: try await PageRenderer.load(), metrics: kit.metrics, strictTransportSecurity: true)
        try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/login", method: .get)
            #expect(response.headers[.init("Strict-Transport-Security")!] == "max-age=31536000; includeSubDomains")
        }
        try await kit.run { client in
            let response = try await client.execute(uri: "/login", method: .get)
            #expect(response.headers[.init("Strict-Transport-Security")!] == nil)
        }
    }

    @Test("when the store cannot write, readiness is 503 (logged and counted) while liveness stays 200; ready again afterwards")
    func readiness() async throws {
        let kit = try WebTestKit()
        try await kit.run { client in
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .ok && ready.text.contains("\"writable\":true"))
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
        var environment = kit.services.shared.environment
        environment.store = DiskFullStore(inner: environment.store)
        let broken = KairosServices(environment: environment)
        let metrics = KairosMetrics()
        let router = buildRouter(services: broken, pages: try await PageRenderer.load(), metrics: metrics)
        try await Application(router: router).test(.router) { client in
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .serviceUnavailable && ready.text.contains("\"database\":\"read-only\""))
            #expect(try await client.execute(uri: "/health", method: .get).status == .serviceUnavailable)
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
            let scrape = try await client.execute(uri: "/metrics", method: .get).text
            #expect(scrape.contains("kairos_readiness_failures_total 2") && scrape.contains("kairos_ready 0"))
        }
    }
    @Test("a method a path does not answer is 405 with Allow, in the API, FHIR and pages; an unknown path stays 404")
    func methodNotAllowed() async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("booker", role: .bookingCoordinator)
        try await kit.run { client in
            let api = try await client.execute(uri: "/api/v1/patients", method: .delete, headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .methodNotAllowed)
            #expect(api.headers[.allow] == "GET, POST")
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(try api.decode(Problem.self).detail == "This address answers only GET, POST.")
            let withID = try await client.execute(uri: "/api/v1/jobs/job_1", method: .post, headers: [.authorization: "Bearer \(token)"])
            #expect(withID.status == .methodNotAllowed && withID.headers[.allow] == "DELETE, GET")
            let fhir = try await client.execute(uri: "/fhir/Patient/pat_1", method: .delete, headers: [.authorization: "Bearer \(token)"])
            #expect(fhir.status == .methodNotAllowed && fhir.headers[.allow] == "GET" && fhir.text.contains("OperationOutcome"))
            let page = try await client.execute(uri: "/health", method: .put)
            #expect(page.status == .methodNotAllowed && page.headers[.allow] == "GET")
            let unknown = try await client.execute(uri: "/api/v1/no-such-thing", method: .delete, headers: [.authorization: "Bearer \(token)"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test("control characters in a name are refused naming the field, never a store failure (a NUL ended SQLite's length check)")
    func controlCharactersInText() async throws {
        let kit = try WebTestKit()
        let (_, admin) = try await kit.harness.user("boss", role: .admin)
        try await kit.run { client in
            for name in ["\\u0000\\u008c", "Ann\\u0000", "Ann\\nSmith"] {
                let response = try await client.json("/api/v1/users", .post, token: admin,
                                                     body: #"{"username": "someone", "displayName": "\#(name)", "role": "clinician"}"#)
                #expect(response.status == .unprocessableContent, "\(name) → \(response.status)")
                #expect(try response.decode(Problem.self).issues?.first?.path == "displayName")
            }
            let token = try await client.json("/api/v1/tokens", .post, token: admin, body: #"{"name": "\u0000"}"#)
            #expect(token.status == .unprocessableContent)
        }
        #expect(try kit.harness.count("users") == 1)
    }
}
