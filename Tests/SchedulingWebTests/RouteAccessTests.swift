import Foundation
import GRDB
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

    /// Routes that show outpatient records: pathways, appointments, clinics, the tracking list,
    /// letters and messages, reports.
    static func isOutpatientData(_ spec: RouteSpec) -> Bool {
        ["/outpatients", "/api/v1/referrals", "/api/v1/tracking-list", "/api/v1/appointments", "/api/v1/bookings", "/api/v1/slots",
         "/api/v1/reports", "/reports/", "/letters/", "/api/v1/messages", "/api/v1/message", "/fhir/Appointment", "/fhir/Slot", "/fhir/Schedule",
         "/api/v1/access-", "/api/v1/allocations", "/api/v1/session-cancellations", "/api/v1/clinic-templates"]
            .contains { spec.path.hasPrefix($0) }
    }

    @Test("transport and home-care roles are refused every outpatient page and API route, the CSV too")
    func outpatientDataStaysInOutpatients() async throws {
        let outsiders: [Role] = [.transportPlanner, .transportManager, .crew, .scheduler, .careManager, .carer]
        let outpatientRoutes = RouteCatalogue.all.filter(Self.isOutpatientData)
        #expect(outpatientRoutes.count > 30)
        for spec in outpatientRoutes {
            for role in outsiders { #expect(!spec.access.allows(role), "\(role.rawValue) may \(spec.method) \(spec.path)") }
        }
        // Home-care roles have no patient records to read here; the transport office reads them scoped.
        for spec in RouteCatalogue.all where spec.path.hasPrefix("/patients") || spec.path.hasPrefix("/api/v1/patients") || spec.path.hasPrefix("/fhir/Patient") {
            for role in [Role.scheduler, .careManager, .carer, .crew] { #expect(!spec.access.allows(role), "\(role.rawValue) may \(spec.path)") }
        }
        // Through the server, as a scheduler and a planner typing the URLs.
        let kit = try WebTestKit()
        try await kit.run { client in
            for role in [Role.scheduler, .transportPlanner] {
                let session = try await kit.session(role: role)
                for uri in ["/outpatients/tracking-list", "/outpatients/tracking-list.csv", "/outpatients/reports", "/outpatients/clinics",
                            "/outpatients/referrals/ref_1", "/letters/msg_1"] {
                    let response = try await client.page(uri, .get, cookie: session.cookie)
                    #expect(response.status == .forbidden, "\(role.rawValue) \(uri) → \(response.status.code)")
                    #expect(!response.text.contains("NHS number"))
                }
                let token = try await kit.harness.user("tok-\(role.rawValue)", role: role).token
                for uri in ["/api/v1/tracking-list", "/api/v1/tracking-list.csv", "/api/v1/messages", "/fhir/Appointment?patient=x"] {
                    #expect(try await client.json(uri, token: token).status == .forbidden, "\(role.rawValue) \(uri)")
                }
            }
        }
    }

    @Test("a transport planner sees only patients with a journey, and of them the record and the journeys, not the pathways")
    func transportScoping() async throws {
        let kit = try WebTestKit()
        _ = try await kit.services.shared.demo.load(seed: 3, patientCount: 400)
        let journeys = try await kit.services.shared.environment.store.read { session in
            try await session.journeyRequests.requests(from: LocalDate(iso: "2000-01-01")!, through: LocalDate(iso: "2100-01-01")!, status: .requested)
        }
        // Patients with a journey requested from outpatients or a transport journey not yet over (the demo day's).
        let booked = try await kit.harness.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT patient_id FROM transport_journeys WHERE status NOT IN ('cancelled', 'aborted', 'delivered')")
        }
        let carried = Set(journeys.map(\.patientID)).union(booked.map { Patient.ID($0) })
        let patients = DemoOrganisation(seed: 3, patientCount: 400).patients
        let requested = Set(journeys.map(\.patientID))
        let with = try #require(patients.first { requested.contains($0.id) }), without = try #require(patients.first { !carried.contains($0.id) })
        try await kit.run { client in
            let session = try await kit.session(role: .transportPlanner)
            let record = try await client.page("/patients/\(with.id)", cookie: session.cookie)
            #expect(record.status == .ok && record.text.contains(with.nhsNumber.formatted))
            #expect(record.text.contains("Transport") && record.text.contains("Requested"))
            #expect(!record.text.contains("Pathways") && !record.text.contains("/outpatients/referrals/"))
            let hidden = try await client.page("/patients/\(without.id)", cookie: session.cookie)
            #expect(hidden.status == .notFound && !hidden.text.contains(without.familyName))
            #expect(try await client.page("/patients?q=\(without.nhsNumber.digits)", cookie: session.cookie).text.contains("No patient matches."))
            let token = try await kit.harness.user("tp-api", role: .transportPlanner).token
            #expect(try await client.json("/api/v1/patients/\(without.id)", token: token).status == .notFound)
            #expect(try await client.json("/fhir/Patient/\(without.id)", token: token).status == .notFound)
            let listed = try await client.json("/api/v1/patients?postcode=M1", token: token)
            let ids = try JSONDecoder().decode([Patient].self, from: Data(listed.text.utf8)).map(\.id)
            #expect(!ids.isEmpty && ids.allSatisfy(carried.contains))
            // A booking coordinator sees both, with the pathways.
            let coordinator = try await kit.session(role: .bookingCoordinator)
            let full = try await client.page("/patients/\(without.id)", cookie: coordinator.cookie)
            #expect(full.status == .ok && full.text.contains("Pathways"))
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
