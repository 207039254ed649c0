import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingServices
import Testing
import SchedulingDomain
import SchedulingTestSupport
@testable import SchedulingWeb

@Suite("Route × role access")
struct RouteAccessTests {
    /// The path with every parameter replaced by a value that names nothing.
    static func concrete(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "no-such-id" : String($0) }.joined(separator: "/")
    }

    @Test("every route answers every role as the catalogue says: allowed, or 403")
    func matrix() async throws {
        // One application and one database for the whole matrix; the roles run concurrently.
        let kit = try WebTestKit()
        var tokens: [Role: String] = [:]
        for role in Role.allCases { tokens[role] = try await kit.harness.user("api-\(role.rawValue)", role: role).token }
        let allTokens = tokens
        try await kit.run { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for role in Role.allCases {
                    group.addTask { try await Self.check(role: role, token: allTokens[role]!, kit: kit, client: client) }
                }
                try await group.waitForAll()
            }
        }
    }

    /// Calls every route as `role` and checks the answer against the catalogue.
    static func check(role: Role, token: String, kit: WebTestKit, client: any TestClientProtocol) async throws {
        for spec in RouteCatalogue.all {
            let uri = RouteAccessTests.concrete(spec.path)
            let response: TestResponse
            switch spec.kind {
            case .api, .meta, .fhir:
                response = try await client.json(uri, spec.method, token: token, body: [.post, .put].contains(spec.method) ? "{}" : nil)
            case .page:
                // A fresh session per request (logout ends it); forms carry valid CSRF tokens.
                let session = try await kit.session(role: role)
                let csrf = session.csrf
                response = try await client.page(
                    uri, spec.method, cookie: "\(session.cookie); \(Cookies.loginCSRF)=\(csrf)",
                    form: spec.method == .post
                        ? ["_csrf": csrf, "username": session.username, "password": "correct horse battery"] : nil)
            }
            let status = response.status.code
            if spec.access.allows(role) {
                #expect(status != 403 && status != 401, "\(role.rawValue) \(spec.method) \(spec.path) → \(status)")
            } else {
                #expect(status == 403, "\(role.rawValue) \(spec.method) \(spec.path) → \(status), expected 403")
            }
        }
    }

    @Test("without credentials: API 401 with problem JSON, pages redirect to login, public routes open")
    func anonymous() async throws {
        let kit = try WebTestKit()
        try await kit.run { client in
            for spec in RouteCatalogue.all {
                let uri = RouteAccessTests.concrete(spec.path)
                switch (spec.access, spec.kind) {
                case (.everyone, _):
                    let response = try await client.page(uri, spec.method, cookie: nil, form: spec.method == .post ? [:] : nil)
                    #expect(response.status.code != 401, "\(spec.path)")
                case (_, .page):
                    let response = try await client.page(uri, spec.method, cookie: nil, form: spec.method == .post ? [:] : nil)
                    #expect(response.status == .seeOther, "\(spec.path)")
                    #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
                case (_, .fhir):
                    let response = try await client.json(uri, spec.method, token: nil)
                    #expect(response.status == .unauthorized, "\(spec.path)")
                    #expect(response.headers[.contentType] == "application/fhir+json; charset=utf-8")
                    #expect(response.text.contains("OperationOutcome"))
                default:
                    let response = try await client.json(uri, spec.method, token: nil)
                    #expect(response.status == .unauthorized, "\(spec.path)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.headers[.wwwAuthenticate] != nil)
                }
            }
        }
    }

    @Test("a revoked or unknown token is 401")
    func badTokens() async throws {
        let kit = try WebTestKit()
        try await kit.run { client in
            #expect(try await client.json("/api/v1/me", token: "kairos_deadbeef").status == .unauthorized)
            let (user, token) = try await kit.harness.user("rev", role: .admin)
            #expect(try await client.json("/api/v1/me", token: token).status == .ok)
            let id = try await kit.services.shared.accounts.tokens(of: .init(principal: .init(user: user)))[0].id
            #expect(try await client.json("/api/v1/tokens/\(id)", .delete, token: token).status == .noContent)
            #expect(try await client.json("/api/v1/me", token: token).status == .unauthorized)
        }
    }
}
