import Foundation
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing

@testable import SchedulingWeb

/// Crew overtime through the API and on the board (PT-03).
@Suite("Shift overtime through the server")
struct ShiftOvertimeWebTests {
    @Test("a shift allowing overtime is stored and shown on the board with its latest return; too much is named by field and stores nothing")
    func overtime() async throws {
        let day = try await TransportWebTests.Day()
        let office = try await day.kit.session(role: .transportPlanner, username: "overtime-office")
        try await day.kit.run { client in
            func shift(_ minutes: Int) -> String {
                #"{"date":"\#(TransportWebTests.date)","vehicleName":"Late van","seats":3,"crewSize":1,"base":{"latitude":53.47,"longitude":-2.21},"start":"08:00","end":"16:00","overtimeMinutes":\#(minutes)}"#
            }
            let before = try day.kit.harness.count("vehicle_shifts")
            let bad = try await client.json("/api/v1/transport/shifts", .post, token: day.plannerToken, body: shift(300))
            #expect(bad.status == .unprocessableContent && bad.text.contains("overtimeMinutes"), "\(bad.text)")
            #expect(try day.kit.harness.count("vehicle_shifts") == before)
            let made = try await client.json("/api/v1/transport/shifts", .post, token: day.plannerToken, body: shift(45))
            #expect(made.status == .created && made.text.contains("\"overtimeMinutes\":45"), "\(made.text)")
            let board = try await client.page("/transport/day?date=\(TransportWebTests.date)", cookie: office.cookie)
            #expect(board.text.contains("<span class=\"nowrap\">08:00–16:00</span><br><span class=\"muted\">overtime to 16:45</span>"))
        }
    }
}
