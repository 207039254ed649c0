import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

/// Builds the real application over a test harness and runs requests against it without sockets.
struct WebTestKit {
    let harness: TestHarness
    let metrics = KairosMetrics()

    init() throws { harness = try TestHarness() }

    var services: KairosServices { harness.services }

    func router() async throws -> Router<KairosRequestContext> {
        buildRouter(services: services, pages: try await PageRenderer.load(), metrics: metrics)
    }

    func run<T: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: try await router())
        return try await app.test(.router, test)
    }

    /// A logged-in browser session for a new user of `role`: the cookie secret and the CSRF token.
    func session(role: Role, username: String? = nil) async throws -> (cookie: String, csrf: String, username: String) {
        let name = username ?? "web-\(role.rawValue)-\(UUID().uuidString.prefix(6).lowercased())"
        try await harness.user(name, role: role)
        let login = try await services.shared.accounts.login(username: name, password: "correct horse battery", requestID: nil)
        return ("\(Cookies.session)=\(login.sessionToken)", login.session.csrfToken, name)
    }
}

extension TestClientProtocol {
    /// Sends JSON with a bearer token.
    func json(_ uri: String, _ method: HTTPRequest.Method = .get, token: String?, body: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> TestResponse
    {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Sends a form (or a page GET) with a session cookie.
    func page(_ uri: String, _ method: HTTPRequest.Method = .get, cookie: String?, form: [String: String]? = nil) async throws -> TestResponse {
        try await page(uri, method, cookie: cookie, fields: form.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } })
    }

    /// Sends a form whose fields may repeat (`clinicianIds[]`), in order, with a session cookie.
    func page(_ uri: String, _ method: HTTPRequest.Method = .post, cookie: String?, fields: [(String, String)]?) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html"]
        if let cookie { headers[.cookie] = cookie }
        var body: ByteBuffer?
        if let fields {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: fields.map {
                "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            }.joined(separator: "&"))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder.iso.decode(T.self, from: Data(text.utf8))
    }

    /// The value of a `Set-Cookie` with this name.
    func cookie(_ name: String) -> String? {
        for field in headers where field.name == .setCookie {
            let first = field.value.split(separator: ";")[0]
            if first.hasPrefix("\(name)=") { return String(first.dropFirst(name.count + 1)) }
        }
        return nil
    }

    func setCookieLine(_ name: String) -> String? {
        headers.filter { $0.name == .setCookie }.map(\.value).first { $0.hasPrefix("\(name)=") }
    }
}

extension JSONDecoder {
    static let iso: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
