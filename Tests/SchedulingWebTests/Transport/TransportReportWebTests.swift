import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// The contract's indicators (PT-08) through the real application: charts and a table over days,
/// a single day's journeys planned against recorded, the same as JSON; the crew may not read them.
@Suite("Transport indicators through the API and pages")
struct TransportReportWebTests {
    typealias Day = TransportWebTests.Day
    static let date = TransportWebTests.date

    @Test("the report page draws the charts and names each day; a single day lists each journey planned against recorded; JSON alike; crew refused")
    func reports() async throws {
        let day = try await Day()
        let session = try await day.kit.session(role: .transportManager)
        try await day.kit.run { client in
            _ = try await TransportEditWebTests.committed(day, client)
            let span = try await client.page("/transport/reports?from=2026-12-07&to=2026-12-09", cookie: session.cookie)
            #expect(span.status == .ok)
            for id in ["chart-arrivals", "chart-onboard", "chart-money", "chart-fleet"] { #expect(span.text.contains("id=\"\(id)\"")) }
            #expect(span.text.contains("Tue 8 Dec 2026") && span.text.contains("Version 1") && span.text.contains("£90.00") && !span.text.contains("report-lines"))
            let single = try await client.page("/transport/reports?from=\(Self.date)&to=\(Self.date)", cookie: session.cookie)
            #expect(single.text.contains("id=\"report-lines\"") && single.text.contains("Test Patient") && single.text.contains(" / —"))
            let bad = try await client.page("/transport/reports?from=2026-12-09&to=2026-12-01", cookie: session.cookie)
            #expect(bad.status == .ok && bad.text.contains("is before from"))
            let json = try await client.json("/api/v1/transport/reports?from=\(Self.date)&to=\(Self.date)", token: day.plannerToken)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            let days = try #require(body["days"] as? [[String: Any]])
            #expect(days.count == 1 && (days[0]["lines"] as? [Any])?.count == 2 && (days[0]["money"] as? [String: Any])?["incomePence"] as? Int == 9_000)
            let long = try await client.json("/api/v1/transport/reports?from=2026-01-01&to=2026-12-31", token: day.plannerToken)
            #expect(long.status == .unprocessableContent && long.text.contains("at most 62 days"))
            #expect(try await client.json("/api/v1/transport/reports", token: day.crewToken).status == .forbidden)
            #expect(try await client.page("/transport/reports", cookie: day.crewSession).status == .forbidden)
        }
    }
}
