import Foundation
import HTTPTypes
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

@Suite("Problem responses (RFC 9457)")
struct ProblemResponseTests {
    struct State: Equatable {
        var patients: Int
        var audit: Int
    }

    func state(_ kit: WebTestKit) throws -> State {
        State(patients: try kit.harness.count("patients"), audit: try kit.harness.count("audit_log"))
    }

    @Test("malformed JSON is 400 naming the JSON path, and changes nothing", arguments: [
        ("{", ""),
        ("[]", ""),
        (#"{"nhsNumber": 9990000018}"#, "nhsNumber"),
        (#"{"address": {"lines": "1 High St"}}"#, "address.lines"),
        (#"{"address": {"lines": ["a", 7]}}"#, "address.lines[1]"),
        (#"{"address": {"latitude": "north"}}"#, "address.latitude"),
    ])
    func malformed(body: String, path: String) async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("booker", role: .bookingCoordinator)
        let before = try state(kit)
        try await kit.run { client in
            let response = try await client.json("/api/v1/patients", .post, token: token, body: body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.decode(Problem.self)
            #expect(problem.status == 400)
            #expect(problem.type == "urn:kairos:problem:malformed-request")
            #expect(problem.issues?.first?.path == path)
            #expect(problem.instance == "/api/v1/patients")
            #expect(problem.requestId == response.headers[.init("X-Request-ID")!])
            #expect(!response.text.contains("9990000018") && !response.text.contains("High St"))
        }
        #expect(try state(kit) == before)
    }

    @Test("wrong content type and empty bodies are 400")
    func contentType() async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("booker", role: .bookingCoordinator)
        try await kit.run { client in
            let plain = try await client.execute(uri: "/api/v1/patients", method: .post,
                                                 headers: [.authorization: "Bearer \(token)", .contentType: "text/plain"],
                                                 body: .init(string: "{}"))
            #expect(plain.status == .badRequest)
            let empty = try await client.json("/api/v1/patients", .post, token: token, body: "")
            #expect(empty.status == .badRequest)
        }
    }

    @Test("invalid input is 422 listing every issue with path, code and message, and changes nothing")
    func invalid() async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("booker", role: .bookingCoordinator)
        let before = try state(kit)
        let body = #"{"nhsNumber": "9990000017", "givenName": "", "birthDate": "2090-01-01", "address": {"lines": ["1 High St"], "town": "Leeds", "postcode": "XX"}}"#
        try await kit.run { client in
            let response = try await client.json("/api/v1/patients", .post, token: token, body: body)
            #expect(response.status == .unprocessableContent)
            let problem = try response.decode(Problem.self)
            let issues = try #require(problem.issues)
            #expect(issues.map(\.path) == ["nhsNumber", "givenName", "familyName", "address.postcode"])
            #expect(issues.map(\.code) == ["nhsNumber.checkDigit", "field.blank", "field.required", "address.postcode"])
            #expect(issues.allSatisfy { !$0.message.isEmpty })
            #expect(!response.text.contains("9990000017") && !response.text.contains("High St"))
        }
        #expect(try state(kit) == before)
    }

    @Test("a valid patient is 201 with a Location; the same NHS number again is 409")
    func createAndConflict() async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("booker", role: .bookingCoordinator)
        let body = String(decoding: try JSONEncoder().encode(TestHarness.patientInput()), as: UTF8.self)
        try await kit.run { client in
            let created = try await client.json("/api/v1/patients", .post, token: token, body: body)
            #expect(created.status == .created)
            let patient = try created.decode(Patient.self)
            #expect(created.headers[.location] == "/api/v1/patients/\(patient.id)")
            let before = try state(kit)
            let again = try await client.json("/api/v1/patients", .post, token: token, body: body)
            #expect(again.status == .conflict)
            #expect(try again.decode(Problem.self).issues?.first?.code == "nhsNumber.taken")
            #expect(try state(kit) == before)
            let read = try await client.json("/api/v1/patients/\(patient.id)", token: token, headers: [.init("X-Kairos-Reason")!: "test"])
            #expect(try read.decode(Patient.self) == patient)
            let search = try await client.json("/api/v1/patients?nhsNumber=9990000018", token: token)
            #expect(try search.decode([Patient].self).map(\.id) == [patient.id])
            let missing = try await client.json("/api/v1/patients/pat_nope", token: token)
            #expect(missing.status == .notFound)
        }
    }

    @Test("unknown routes are 404 problems for the API and HTML pages for browsers")
    func notFound() async throws {
        let kit = try WebTestKit()
        try await kit.run { client in
            let api = try await client.json("/api/v1/nothing-here", token: nil)
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
            let page = try await client.page("/nothing-here", cookie: nil)
            #expect(page.status == .notFound)
            #expect(page.text.contains("<main"))
        }
    }
}
