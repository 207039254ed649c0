import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// Every list API answers a page at a time (issue 15, item 3): `limit` (1 to a documented
/// maximum) entries from `offset`, with the total and the next page's link.
@Suite("Paging")
struct PagingTests {
    @Test("the tracking list answers one page with the total and links to the next and previous pages; bad limits are 422")
    func trackingList() async throws {
        let kit = try WebTestKit()
        let (user, token) = try await kit.harness.user("booker", role: .bookingCoordinator)
        let caller = Caller(principal: Principal(user: user))
        try await kit.services.shared.environment.store.write { try await $0.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology")) }
        for k in 0..<5 {
            let patient = try await kit.services.shared.patients.register(TestHarness.patientInput(nhsNumber: ["9990000018", "9990000026", "9990000034", "9990000042", "9990000050"][k]), by: caller)
            _ = try await kit.services.outpatients.referrals.create(
                .init(patientID: patient.id.rawValue, specialtyID: "spc_cardio", referrer: "GP", priority: "routine", received: "2026-0\(k + 1)-10"), by: caller)
        }
        try await kit.run { client in
            let page = try await client.json("/api/v1/tracking-list?limit=2&offset=2&priority=routine", token: token)
            #expect(page.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(page.text.utf8)) as? [String: Any])
            #expect(body["count"] as? Int == 5 && body["limit"] as? Int == 2 && body["offset"] as? Int == 2)
            #expect((body["entries"] as? [Any])?.count == 2)
            #expect(page.headers[.init("X-Total-Count")!] == "5")
            let link = try #require(page.headers[.init("Link")!])
            #expect(link.contains("offset=4") && link.contains("rel=\"next\"") && link.contains("offset=0") && link.contains("rel=\"prev\""))
            #expect(link.contains("priority=routine") && link.contains("limit=2"))
            let whole = try await client.json("/api/v1/tracking-list", token: token)
            #expect(whole.headers[.init("Link")!] == nil)
            for bad in ["limit=0", "limit=1001", "offset=-1", "limit=ten"] {
                let response = try await client.json("/api/v1/tracking-list?\(bad)", token: token)
                #expect(response.status == .unprocessableContent, "\(bad)")
            }
        }
    }

    @Test("lists kept as arrays stay arrays: a page of them, with X-Total-Count")
    func arrays() async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("admin", role: .admin)
        for k in 0..<4 { try await kit.harness.user("user\(k)", role: .scheduler) }
        try await kit.run { client in
            let users = try await client.json("/api/v1/users?limit=3", token: token)
            #expect(users.status == .ok && users.headers[.init("X-Total-Count")!] == "5")
            #expect((try JSONSerialization.jsonObject(with: Data(users.text.utf8)) as? [Any])?.count == 3)
            let audit = try await client.json("/api/v1/audit?limit=2&offset=1", token: token)
            #expect(audit.status == .ok && audit.headers[.init("Link")!]?.contains("offset=3") == true)
        }
    }
}
