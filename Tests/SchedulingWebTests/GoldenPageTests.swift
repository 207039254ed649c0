import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

/// Rendered pages compared with golden files in `Golden/`. Secrets (CSRF tokens) and the server's
/// push key (made anew for each store) are masked.
/// To accept a deliberate change, run with `KAIROS_UPDATE_GOLDEN=1` and review the diff.
@Suite("Golden pages")
struct GoldenPageTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func mask(_ html: String) -> String {
        html.replacingOccurrences(of: #"value="[0-9a-f]{32}""#, with: #"value="CSRF""#, options: .regularExpression)
            .replacingOccurrences(of: #"data-csrf="[0-9a-f]{32}""#, with: #"data-csrf="CSRF""#, options: .regularExpression)
            .replacingOccurrences(of: #"data-push-key="[A-Za-z0-9_-]{87}""#, with: #"data-push-key="KEY""#, options: .regularExpression)
    }

    static func compare(_ html: String, golden name: String) throws {
        let url = directory.appendingPathComponent(name)
        let actual = mask(html)
        if ProcessInfo.processInfo.environment["KAIROS_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from its golden file; KAIROS_UPDATE_GOLDEN=1 to accept")
    }

    @Test("the login page")
    func login() async throws {
        let kit = try WebTestKit()
        try await kit.run { client in
            let page = try await client.page("/login", cookie: nil)
            #expect(!page.text.contains("nil") && !page.text.contains("role=\"alert\""))
            try GoldenPageTests.compare(page.text, golden: "login.html")
        }
    }

    @Test("the home page of a booking coordinator in the demo trust")
    func home() async throws {
        let kit = try WebTestKit()
        _ = try await kit.services.shared.demo.load(seed: 1, patientCount: 0)
        let session = try await kit.session(role: .bookingCoordinator, username: "golden")
        try await kit.run { client in
            let page = try await client.page("/", cookie: session.cookie)
            try GoldenPageTests.compare(page.text, golden: "home-booking-coordinator.html")
        }
    }

    @Test("the error page of a forbidden request")
    func forbidden() async throws {
        let kit = try WebTestKit()
        let session = try await kit.session(role: .carer, username: "golden-carer")
        try await kit.run { client in
            let page = try await client.page("/admin/users", cookie: session.cookie)
            #expect(page.status == .forbidden)
            let masked = page.text.replacingOccurrences(of: #"<code>[0-9a-f-]{36}</code>"#, with: "<code>REQUEST-ID</code>", options: .regularExpression)
            try GoldenPageTests.compare(masked, golden: "error-forbidden.html")
        }
    }
}
