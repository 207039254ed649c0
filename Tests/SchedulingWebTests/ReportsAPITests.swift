import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

@Suite("Reports API")
struct ReportsAPITests {
    /// Cardiology with three referrals: 2, 10 and 30 weeks waited.
    func setUp(_ kit: WebTestKit) async throws -> String {
        let (_, booker) = try await kit.harness.user("bea", role: .bookingCoordinator)
        try await kit.harness.services.shared.environment.store.write { session in
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
        }
        for (k, received) in ["2026-11-08", "2026-09-13", "2026-04-26"].enumerated() {
            let patient = try await kit.harness.services.shared.patients.register(TestHarness.patientInput(nhsNumber: ["9990000018", "9990000026", "9990000034"][k]),
                                                                        by: TestHarness.system)
            _ = try await kit.harness.services.outpatients.referrals.create(
                ReferralInput(patientID: patient.id.rawValue, specialtyID: "spc_cardio", referrer: "Dr Gray", priority: "routine", received: received),
                by: TestHarness.system)
        }
        return booker
    }

    @Test("the waiting-list report and the what-if projection as JSON; bad parameters are named")
    func reports() async throws {
        struct Report: Decodable { var waiting: Int; var breached: Int; var shape: WaitingListShape }
        struct Projection: Decodable { var weeksToClear: Int?; var series: [BacklogProjection.Week] }
        let kit = try WebTestKit()
        let booker = try await setUp(kit)
        try await kit.run { client in
            let report = try await client.json("/api/v1/reports/waiting-list?specialtyId=spc_cardio", token: booker)
            let body = try report.decode(Report.self)
            #expect(body.waiting == 3 && body.breached == 1 && body.shape.counts[2] == 1 && body.shape.counts[10] == 1 && body.shape.counts[30] == 1)
            let what = try await client.json("/api/v1/reports/backlog-projection?weeks=3&extraPerWeek=1&capacityPerWeek=0&referralsPerWeek=0", token: booker)
            let projection = try what.decode(Projection.self)
            #expect(projection.weeksToClear == 1 && projection.series.map(\.waiting) == [2, 1, 0])
            let bad = try await client.json("/api/v1/reports/backlog-projection?weeks=0&extraPerWeek=lots", token: booker)
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.decode(Problem.self).issues?.map(\.path) == ["weeks", "extraPerWeek"])
            #expect(try await client.json("/api/v1/reports/waiting-list?days=0", token: booker).status == .unprocessableContent)
        }
    }

    @Test("the waiting-list chart is an SVG with a bar per week waited and the 18-week line (golden file)")
    func chart() async throws {
        let kit = try WebTestKit()
        _ = try await setUp(kit)
        let (cookie, _, _) = try await kit.session(role: .teamLeader)
        try await kit.run { client in
            let chart = try await client.page("/reports/waiting-list-shape.svg?specialtyId=spc_cardio", cookie: cookie)
            #expect(chart.status == .ok && chart.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(chart.text.contains("<title id=\"chart-title\">Waiting list by weeks waited: Cardiology</title>"))
            #expect(chart.text.components(separatedBy: "<rect ").count - 1 == 3)
            try GoldenPageTests.compare(chart.text, golden: "waiting-list-shape.svg")
        }
    }
}
