import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingServices
import Testing
import SchedulingDomain
import SchedulingTestSupport
@testable import SchedulingWeb

@Suite("Login, CSRF and pages")
struct WebSessionTests {
    @Test("log in through the form, see the home page for the role, log out")
    func loginFlow() async throws {
        let kit = try WebTestKit()
        try await kit.harness.user("bea", role: .bookingCoordinator)
        try await kit.run { client in
            let form = try await client.page("/login?next=%2Fpatients", cookie: nil)
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<label for="username">"#) && form.text.contains(#"<main id="main""#))
            let csrf = try #require(form.cookie(Cookies.loginCSRF))
            #expect(form.text.contains(csrf))

            let wrong = try await client.page("/login", .post, cookie: "\(Cookies.loginCSRF)=\(csrf)",
                                              form: ["_csrf": csrf, "username": "bea", "password": "wrong password!"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Unknown username or wrong password."))

            let forged = try await client.page("/login", .post, cookie: "\(Cookies.loginCSRF)=\(csrf)",
                                               form: ["_csrf": "forged", "username": "bea", "password": "correct horse battery"])
            #expect(forged.status == .forbidden)

            let ok = try await client.page("/login", .post, cookie: "\(Cookies.loginCSRF)=\(csrf)",
                                           form: ["_csrf": csrf, "username": "bea", "password": "correct horse battery", "next": "/patients"])
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/patients")
            let line = try #require(ok.setCookieLine(Cookies.session))
            #expect(line.contains("HttpOnly") && line.contains("Secure") && line.contains("SameSite=Lax"))
            let cookie = "\(Cookies.session)=\(try #require(ok.cookie(Cookies.session)))"

            let home = try await client.page("/", cookie: cookie)
            #expect(home.status == .ok)
            #expect(home.text.contains("Booking coordinator"))
            #expect(home.text.contains("/services/outpatients") && !home.text.contains("/services/transport"))
            let marker = try #require(home.text.range(of: #"name="_csrf" value=""#))
            let sessionCSRF = home.text[marker.upperBound...].prefix { $0 != "\"" }
            #expect(try await client.page("/logout", .post, cookie: cookie, form: ["_csrf": "nope"]).status == .forbidden)
            let out = try await client.page("/logout", .post, cookie: cookie, form: ["_csrf": String(sessionCSRF)])
            #expect(out.status == .seeOther)
            #expect(try await client.page("/", cookie: cookie).status == .seeOther)
        }
    }

    @Test("repeated wrong passwords lock the name: the login page answers 429 with Retry-After and says how long to wait")
    func throttledLogin() async throws {
        let kit = try WebTestKit()
        try await kit.harness.user("bea", role: .bookingCoordinator)
        try await kit.run { client in
            let csrf = try #require(try await client.page("/login", cookie: nil).cookie(Cookies.loginCSRF))
            func attempt(_ password: String) async throws -> TestResponse {
                try await client.page("/login", .post, cookie: "\(Cookies.loginCSRF)=\(csrf)", form: ["_csrf": csrf, "username": "bea", "password": password])
            }
            for _ in 1...4 { #expect(try await attempt("wrong password!").status == .unauthorized) }
            let locked = try await attempt("correct horse battery")
            #expect(locked.status == .tooManyRequests && locked.headers[.retryAfter] == "5")
            #expect(locked.text.contains("Too many failed logins for this username or from this address. Try again in 5 seconds."))
            #expect(locked.text.contains(#"value="bea""#), "the form keeps the name typed")
        }
    }

    @Test("open redirects are refused after login")
    func safeNext() {
        #expect(PagesController.safeNext("//evil.example") == "/")
        #expect(PagesController.safeNext("https://evil.example") == "/")
        #expect(PagesController.safeNext("/\\evil") == "/")
        #expect(PagesController.safeNext("/patients?nhsNumber=1") == "/patients?nhsNumber=1")
    }

    @Test("a user with a one-time password is sent to change it before anything else")
    func oneTimePassword() async throws {
        let kit = try WebTestKit()
        let created = try await kit.services.shared.accounts.createUser(username: "new", displayName: "New", role: .scheduler, by: TestHarness.system)
        let login = try await kit.services.shared.accounts.login(username: "new", password: created.oneTimePassword, requestID: nil)
        let cookie = "\(Cookies.session)=\(login.sessionToken)"
        try await kit.run { client in
            let home = try await client.page("/", cookie: cookie)
            #expect(home.status == .seeOther && home.headers[.location] == "/account/password")
            // Wrong current password, too short a new one: each error beside its box, in words.
            let wrong = try await client.page("/account/password", .post, cookie: cookie, form: [
                "_csrf": login.session.csrfToken, "currentPassword": "not it at all", "newPassword": "short",
            ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains(#"<p class="error" id="newPassword-error">The new password must have at least 12 characters.</p>"#))
            #expect(!wrong.text.contains("newPassword must") && !wrong.text.contains("currentPassword is"))
            let changed = try await client.page("/account/password", .post, cookie: cookie, form: [
                "_csrf": login.session.csrfToken, "currentPassword": created.oneTimePassword, "newPassword": "my own long password",
            ])
            #expect(changed.status == .ok)
            #expect(try await client.page("/", cookie: cookie).status == .ok)
        }
    }

    @Test("the patient pages find a patient by NHS number, name, date of birth or postcode, and show the record with its banner")
    func patientPages() async throws {
        let kit = try WebTestKit()
        _ = try await kit.services.shared.demo.load(seed: 3, patientCount: 5)
        let session = try await kit.session(role: .bookingCoordinator)
        let patient = DemoOrganisation(seed: 3, patientCount: 5).patients[0]
        try await kit.run { client in
            // One patient by NHS number: straight to the record.
            let search = try await client.page("/patients?nhsNumber=\(patient.nhsNumber.digits)", cookie: session.cookie)
            #expect(search.status == .seeOther && search.headers[.location] == "/patients/\(patient.id)")
            // Typed as the app shows it ("999 001 1117", which a GET form sends with + for the
            // spaces) or with dashes: found.
            let digits = Array(patient.nhsNumber.digits)
            let spaced = "\(String(digits[0..<3]))+\(String(digits[3..<6]))+\(String(digits[6...]))"
            let typed = try await client.page("/patients?q=\(spaced)", cookie: session.cookie)
            #expect(typed.status == .seeOther && typed.headers[.location] == "/patients/\(patient.id)")
            let dashed = try await client.page("/patients?q=\(spaced.replacingOccurrences(of: "+", with: "-"))", cookie: session.cookie)
            #expect(dashed.status == .seeOther && dashed.headers[.location] == "/patients/\(patient.id)")
            // Nobody with that number: the box keeps what was typed, with spaces.
            let nobody = try await client.page("/patients?q=943+476+5919", cookie: session.cookie)
            #expect(nobody.status == .ok && nobody.text.contains("No patient matches."))
            #expect(nobody.text.contains("value=\"943 476 5919\""), "the box shows the number as typed, with spaces")
            // By name, by name and date of birth, by postcode: a list of names, newest spelling of dates.
            let family = patient.familyName.replacingOccurrences(of: " ", with: "+")
            let byName = try await client.page("/patients?q=\(family)", cookie: session.cookie)
            #expect(byName.status == .ok && byName.text.contains("/patients/\(patient.id)"))
            #expect(byName.text.contains("\(patient.familyName), \(patient.givenName)".replacingOccurrences(of: "'", with: "&#39;")))
            let born = "\(patient.birthDate.day)/\(patient.birthDate.month)/\(patient.birthDate.year)"
            let byBirth = try await client.page("/patients?birthDate=\(born)", cookie: session.cookie)
            #expect(byBirth.text.contains("/patients/\(patient.id)"))
            let outcode = patient.address.postcode.split(separator: " ")[0]
            let byPostcode = try await client.page("/patients?postcode=\(outcode)", cookie: session.cookie)
            #expect(byPostcode.text.contains("/patients/\(patient.id)"))
            // A bad date: 422, the error beside its field, the form keeps what was typed.
            let badDate = try await client.page("/patients?q=\(family)&birthDate=31%2F02%2F1950", cookie: session.cookie)
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.text.contains("<p class=\"error\" id=\"birthDate-error\">Date of birth must be a date such as 14/03/1950.</p>"))
            #expect(badDate.text.contains("value=\"31/02/1950\""))
            let record = try await client.page("/patients/\(patient.id)", cookie: session.cookie)
            #expect(record.text.contains(patient.nhsNumber.formatted))
            #expect(record.text.contains("class=\"patient-banner\"") && record.text.contains("years)"))
            let bad = try await client.page("/patients?nhsNumber=123", cookie: session.cookie)
            #expect(bad.status == .unprocessableContent)
            // A hospital number, in any case: straight to the record, whose banner shows it with the GP.
            let hospitalNumber = try #require(patient.hospitalNumber)
            let byHospitalNumber = try await client.page("/patients?q=\(hospitalNumber.lowercased())", cookie: session.cookie)
            #expect(byHospitalNumber.status == .seeOther && byHospitalNumber.headers[.location] == "/patients/\(patient.id)")
            let banner = try await client.page("/patients/\(patient.id)", cookie: session.cookie)
            #expect(banner.text.contains("<span class=\"banner-label\">Hospital number</span> \(hospitalNumber)"))
            #expect(banner.text.contains("<span class=\"banner-label\">GP</span> \(try #require(patient.gpPractice))"))
            // A UBRN from an e-Referral, typed in fours: straight to its pathway, which shows it.
            let referrals = try await kit.services.outpatients.referrals.referrals(patientID: patient.id, by: TestHarness.system)
            let referral = try #require(referrals.first { $0.ubrn != nil }, "four demo referrals in five have a UBRN")
            let ubrn = try #require(referral.ubrn)
            let byUBRN = try await client.page("/patients?q=\(ubrn.formatted.replacingOccurrences(of: " ", with: "+"))", cookie: session.cookie)
            #expect(byUBRN.status == .seeOther && byUBRN.headers[.location] == "/outpatients/referrals/\(referral.id)")
            #expect(try await client.page("/outpatients/referrals/\(referral.id)", cookie: session.cookie).text.contains("<dd>\(ubrn.formatted)</dd>"))
            let noUBRN = try await client.page("/patients?q=9999+9999+9999", cookie: session.cookie)
            #expect(noUBRN.status == .ok && noUBRN.text.contains("No referral has the UBRN 9999 9999 9999."))
            let outpatients = try await client.page("/services/outpatients", cookie: session.cookie)
            #expect(outpatients.text.contains("Irwell Royal Infirmary"))
            #expect(try await client.page("/services/home-care", cookie: session.cookie).status == .forbidden)
        }
    }

    @Test("admins add users from the page and see the one-time password once")
    func adminUsers() async throws {
        let kit = try WebTestKit()
        let admin = try await kit.session(role: .admin)
        try await kit.run { client in
            let created = try await client.page("/admin/users", .post, cookie: admin.cookie, form: [
                "_csrf": admin.csrf, "username": "carer.one", "displayName": "Carer One", "role": "carer",
            ])
            #expect(created.status == .created)
            #expect(created.text.contains("One-time password"))
            let invalid = try await client.page("/admin/users", .post, cookie: admin.cookie, form: [
                "_csrf": admin.csrf, "username": "X", "displayName": "", "role": "carer",
            ])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains(#"<p class="error" id="username-error">The username must have 3 to 40 characters.</p>"#))
            #expect(invalid.text.contains(#"value="X""#) && invalid.text.contains(#"<option value="carer" selected>"#), "the form keeps what was typed")
            let audit = try await client.page("/admin/audit", cookie: admin.cookie)
            #expect(audit.text.contains("hash chain is intact"))
            // Who by name, when in UK local time: never raw UTC or a user id.
            #expect(audit.text.contains("Administrator") && !audit.text.contains(">usr_"))
            #expect(audit.text.firstMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d/) == nil)
        }
        #expect(try await kit.services.shared.accounts.user(named: "carer.one").role == .carer)
    }
}

@Suite("Observability and API description")
struct ObservabilityTests {
    @Test("every response carries a request id; a sane incoming one is echoed")
    func requestID() async throws {
        let kit = try WebTestKit()
        try await kit.run { client in
            let generated = try await client.json("/health", token: nil)
            #expect(generated.headers[.init("X-Request-ID")!]?.count == 36)
            let echoed = try await client.json("/health", token: nil, headers: [.init("X-Request-ID")!: "abc-123"])
            #expect(echoed.headers[.init("X-Request-ID")!] == "abc-123")
            let hostile = try await client.json("/health", token: nil, headers: [.init("X-Request-ID")!: "<script>"])
            #expect(hostile.headers[.init("X-Request-ID")!] != "<script>")
        }
    }

    @Test("health checks the database; metrics count requests by route and list solver jobs")
    func healthAndMetrics() async throws {
        let kit = try WebTestKit()
        try await kit.run { client in
            let health = try await client.json("/health", token: nil)
            #expect(health.status == .ok)
            #expect(health.text.contains(#""status":"ok""#))
            _ = try await client.json("/api/v1/me", token: nil)
            let metrics = try await client.json("/metrics", token: nil)
            #expect(metrics.text.contains(#"kairos_http_requests_total{method="GET",route="/health",status="200"} 1"#))
            #expect(metrics.text.contains(#"kairos_http_requests_total{method="GET",route="/api/v1/me",status="401"} 1"#))
            #expect(metrics.text.contains("kairos_http_request_duration_seconds_bucket"))
            // Later requests count on the same series (the handles are looked up once).
            _ = try await client.json("/api/v1/me", token: nil)
            _ = try await client.json("/api/v1/me", token: nil)
            let again = try await client.json("/metrics", token: nil)
            #expect(again.text.contains(#"kairos_http_requests_total{method="GET",route="/api/v1/me",status="401"} 3"#))
            #expect(again.text.contains(#"kairos_http_request_duration_seconds_count{method="GET",route="/api/v1/me"} 3"#))
            #expect(metrics.text.contains(#"kairos_solver_jobs_started_total{kind="transport-plan"} 0"#))
        }
        kit.metrics.jobStarted(kind: "rota")
        kit.metrics.jobFinished(kind: "rota", outcome: "succeeded", duration: .seconds(2))
        let text = kit.metrics.render()
        #expect(text.contains(#"kairos_solver_jobs_started_total{kind="rota"} 1"#))
        #expect(text.contains(#"kairos_solver_job_duration_seconds_count{kind="rota",outcome="succeeded"} 1"#))
    }

    @Test("the OpenAPI document names exactly the registered routes")
    func openAPIMatchesRouter() async throws {
        let kit = try WebTestKit()
        let registered = Set(try await kit.router().routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.data()) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var described = Set<String>()
        for (path, methods) in paths {
            for method in methods.keys { described.insert("\(method.uppercased()) \(path)") }
        }
        #expect(registered.subtracting(described).isEmpty, "registered but not described: \(registered.subtracting(described))")
        #expect(described.subtracting(registered).isEmpty, "described but not registered: \(described.subtracting(registered))")
        #expect(document["openapi"] as? String == "3.1.0")
        try await kit.run { client in
            let served = try await client.json("/openapi.json", token: nil)
            #expect(served.status == .ok)
            #expect(Data(buffer: served.body) == OpenAPIDocument.data())
        }
    }
}
