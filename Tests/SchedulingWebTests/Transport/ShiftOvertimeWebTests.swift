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

    @Test("the board's form adds a shift on a vehicle of the fleet with its crew by name: errors beside their fields with what was typed kept, then the shift on the board")
    func boardForm() async throws {
        let day = try await TransportWebTests.Day()
        let (_, managerToken) = try await day.kit.harness.user("fleet-manager", role: .transportManager)
        let office = try await day.kit.session(role: .transportPlanner, username: "shift-office")
        try await day.kit.run { client in
            let van = #"{"name":"Relief van 40","capacity":{"seats":4,"wheelchairSpaces":1,"stretchers":0}}"#
            #expect(try await client.json("/api/v1/transport/vehicles/relief-40", .put, token: managerToken, body: van).status == .ok)
            let crewA = try await day.kit.services.shared.environment.store.read { try await $0.users.find(username: "crew-a")!.0 }
            let board = try await client.page("/transport/day?date=\(TransportWebTests.date)", cookie: office.cookie)
            #expect(board.text.contains("Relief van 40 (4 seats, 1 wheelchair space)") && board.text.contains(">Test crew-a</option>"))
            let before = try day.kit.harness.count("vehicle_shifts")
            var form = ["_csrf": office.csrf, "date": TransportWebTests.date, "crewSize": "1", "crew1": crewA.id.rawValue, "start": "15:00", "end": "09:00",
                        "breakMinutes": "half an hour", "overtimeMinutes": "30"]
            let bad = try await client.page("/transport/day/shifts", .post, cookie: office.cookie, form: form)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Choose the vehicle.") && bad.text.contains("The break&#39;s minutes must be a whole number of minutes.") || bad.text.contains("The break's minutes must be a whole number of minutes."),
                    "\(bad.text.components(separatedBy: "add-shift").dropFirst().first?.prefix(1500) ?? "")")
            #expect(bad.text.contains("value=\"half an hour\"") && bad.text.contains("<details id=\"add-shift\" class=\"no-print\" open>"))
            form["vehicleId"] = "relief-40"
            form["breakMinutes"] = ""
            let noBase = try await client.page("/transport/day/shifts", .post, cookie: office.cookie, form: form)
            #expect(noBase.status == .unprocessableContent && noBase.text.contains("Choose the base: this vehicle has none on record."))
            let bases = #"[{"id":"ardwick","name":"Ardwick station","location":{"latitude":53.4713,"longitude":-2.213}}]"#
            #expect(try await client.json("/api/v1/transport/bases", .put, token: managerToken, body: bases).status == .ok)
            #expect(try await client.page("/transport/day?date=\(TransportWebTests.date)", cookie: office.cookie).text.contains("<option value=\"ardwick\">Ardwick station</option>"))
            form["baseId"] = "ardwick"
            let ends = try await client.page("/transport/day/shifts", .post, cookie: office.cookie, form: form)
            #expect(ends.status == .unprocessableContent && ends.text.contains("End 09:00 must be after start 15:00."), "\(ends.text.components(separatedBy: "There is a problem").dropFirst().first?.prefix(800) ?? "")")
            #expect(try day.kit.harness.count("vehicle_shifts") == before)
            form["end"] = "21:00"
            let added = try await client.page("/transport/day/shifts", .post, cookie: office.cookie, form: form)
            #expect(added.status == .seeOther && added.headers[.location] == "/transport/day?date=\(TransportWebTests.date)#shifts-head", "\(added.status)")
            let after = try await client.page("/transport/day?date=\(TransportWebTests.date)", cookie: office.cookie)
            #expect(after.text.contains("<td>Relief van 40</td>") && after.text.contains("15:00–21:00</span><br><span class=\"muted\">overtime to 21:30</span>"))
            #expect(try await client.page("/transport/day/shifts", .post, cookie: day.crewSession, form: form.merging(["_csrf": day.crewCSRF]) { $1 }).status == .forbidden)
        }
    }
}
