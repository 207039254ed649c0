import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// The fleet through the real application: the API by code, the fleet page's forms (a vehicle,
/// a period off the road), and the day board's note on a shift cut; each route for its roles.
@Suite("Transport fleet through the API and pages")
struct TransportFleetWebTests {
    typealias Day = TransportWebTests.Day
    static let date = TransportWebTests.date
    static let van = #"{"name":"Wheelchair van 21","capacity":{"seats":4,"wheelchairSpaces":2,"stretchers":0},"convertibleWheelchairSpaces":1}"#

    @Test("the API keeps the fleet and its periods off the road; managers only change it; a shift names its vehicle; crew refused")
    func api() async throws {
        let day = try await Day()
        let (_, managerToken) = try await day.kit.harness.user("mgr", role: .transportManager)
        try await day.kit.run { client in
            #expect(try await client.json("/api/v1/transport/vehicles/wv-21", .put, token: day.plannerToken, body: Self.van).status == .forbidden)
            let saved = try await client.json("/api/v1/transport/vehicles/wv-21", .put, token: managerToken, body: Self.van)
            #expect(saved.status == .ok && saved.text.contains("\"id\":\"wv-21\""), "\(saved.text)")
            let bad = try await client.json("/api/v1/transport/vehicles/wv-22", .put, token: managerToken, body: Self.van.replacingOccurrences(of: "\"seats\":4", with: "\"seats\":-1"))
            #expect(bad.status == .unprocessableContent && bad.text.contains("capacity.seats"))
            #expect(try await client.json("/api/v1/transport/vehicles", token: day.plannerToken).text.contains("Wheelchair van 21"))
            #expect(try await client.json("/api/v1/transport/vehicles", token: day.crewToken).status == .forbidden)
            let shift = #"{"date":"\#(Self.date)","crewSize":1,"vehicleID":"wv-21","base":{"latitude":53.47,"longitude":-2.21},"start":"07:00","end":"17:00"}"#
            let made = try await client.json("/api/v1/transport/shifts", .post, token: day.plannerToken, body: shift)
            #expect(made.status == .created && made.text.contains("\"vehicleID\":\"wv-21\"") && made.text.contains("Wheelchair van 21"), "\(made.text)")
            let period = #"{"from":"\#(Self.date)T12:00","to":"\#(Self.date)T14:00","reason":"Tail-lift repair"}"#
            let off = try await client.json("/api/v1/transport/vehicles/wv-21/off-road", .post, token: managerToken, body: period)
            #expect(off.status == .created && off.text.contains("\"cut\":[{") && off.text.contains("Tail-lift repair"), "\(off.text)")
            let backwards = try await client.json("/api/v1/transport/vehicles/wv-21/off-road", .post, token: managerToken,
                                                  body: period.replacingOccurrences(of: "T14:00", with: "T11:00"))
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("\"path\":\"to\""))
            #expect(try await client.json("/api/v1/transport/vehicles/wv-99/off-road", .post, token: managerToken, body: period).status == .notFound)
            #expect(try await client.json("/api/v1/transport/vehicles/wv-21/off-road", .post, token: day.plannerToken, body: period).status == .forbidden)
            #expect(try await client.json("/api/v1/transport/vehicles/wv-21/off-road/2", .delete, token: managerToken).status == .notFound)
            #expect(try await client.json("/api/v1/transport/vehicles/wv-21/off-road/0", .delete, token: managerToken).status == .notFound)
            let back = try await client.json("/api/v1/transport/vehicles/wv-21/off-road/1", .delete, token: managerToken)
            #expect(back.status == .ok && back.text.contains("\"offRoad\":[]"))
            #expect(try await client.json("/api/v1/transport/vehicles/wv-21", .delete, token: managerToken).status == .ok)
            #expect(try await client.json("/api/v1/transport/vehicles/wv-21", .delete, token: managerToken).status == .notFound)
        }
    }

    @Test("a manager adds a vehicle and takes it off the road on the page (errors beside their fields, what was typed kept); the board says the shift is cut; planners read; crew refused")
    func page() async throws {
        let day = try await Day()
        let manager = try await day.kit.session(role: .transportManager, username: "fleet-manager")
        let planner = try await day.kit.session(role: .transportPlanner, username: "fleet-planner")
        let bookings = day.kit.services.transport.bookings
        try await day.kit.run { client in
            let empty = try await client.page("/transport/fleet", cookie: manager.cookie)
            #expect(empty.status == .ok && empty.text.contains("No vehicles on record") && empty.text.contains("Add a vehicle"))
            var form = ["_csrf": manager.csrf, "vehicleId": "", "code": "", "name": "Wheelchair van 21", "seats": "four", "wheelchairSpaces": "2", "stretchers": "0", "folding": "3"]
            let refused = try await client.page("/transport/fleet/vehicles", .post, cookie: manager.cookie, form: form)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Seats must be a whole number.") && refused.text.contains("value=\"four\""))
            #expect(try await bookings.vehicles(by: TestHarness.system).isEmpty)
            form["seats"] = "4"
            let folding = try await client.page("/transport/fleet/vehicles", .post, cookie: manager.cookie, form: form)
            #expect(folding.status == .unprocessableContent && folding.text.contains("Folding must be between 0 and the seats there are to fold"))
            form["folding"] = "1"
            #expect(try await client.page("/transport/fleet/vehicles", .post, cookie: manager.cookie, form: form).status == .seeOther)
            #expect(try await bookings.vehicles(by: TestHarness.system).map(\.id) == ["wheelchair-van-21"])
            let change = try await client.page("/transport/fleet?vehicle=wheelchair-van-21", cookie: manager.cookie)
            #expect(change.text.contains("Change Wheelchair van 21") && change.text.contains("value=\"4\""))
            let shift = try await bookings.addShift(ShiftInput(date: Self.date, crewSize: 1, base: TransportWebTests.base, start: "08:00", end: "16:00",
                                                               vehicleID: "wheelchair-van-21"), by: TestHarness.system)
            var off = ["_csrf": manager.csrf, "vehicleId": "wheelchair-van-21", "fromDate": Self.date, "fromTime": "12:00", "toDate": Self.date, "toTime": "", "reason": ""]
            let bad = try await client.page("/transport/fleet/off-road", .post, cookie: manager.cookie, form: off)
            #expect(bad.status == .unprocessableContent && bad.text.contains("Until needs a time, like 09:00.") && bad.text.contains("Say why it is off the road")
                && bad.text.contains("value=\"12:00\""))
            (off["toTime"], off["reason"]) = ("14:00", "Tail-lift repair")
            let taken = try await client.page("/transport/fleet/off-road", .post, cookie: manager.cookie, form: off)
            #expect(taken.status == .seeOther && taken.headers[.location] == "/transport/fleet?saved=offRoad&cut=1")
            let read = try await client.page("/transport/fleet?saved=offRoad&cut=1", cookie: planner.cookie)
            #expect(read.text.contains("It cuts 1 shift on record") && read.text.contains("Tail-lift repair") && !read.text.contains("save-vehicle"))
            let board = try await client.page("/transport/day?date=\(Self.date)", cookie: planner.cookie)
            #expect(board.text.contains("id=\"off-road\"") && board.text.contains("its shift 08:00–16:00 is planned 08:00–12:00.")
                && board.text.contains("Carry on from 14:00 to 16:00 (a second shift, same crew)"), "\(shift.id)")
            // Back from the workshop at two: the crew carries on in a second shift on the same vehicle.
            let split = try await client.page("/transport/day/shift-splits", .post, cookie: planner.cookie,
                                              form: ["_csrf": planner.csrf, "shiftId": shift.id.rawValue, "date": Self.date])
            #expect(split.status == .seeOther && split.headers[.location] == "/transport/day?date=\(Self.date)#shifts-head")
            let onVan = try await day.kit.services.shared.environment.store.read { try await $0.vehicleShifts.shifts(on: LocalDate(iso: Self.date)!) }
                .filter { $0.vehicleID == "wheelchair-van-21" }.map { "\($0.start)–\($0.end)" }
            #expect(onVan == ["08:00–12:00", "14:00–16:00"])
            let after = try await client.page("/transport/day?date=\(Self.date)", cookie: planner.cookie)
            #expect(!after.text.contains("id=\"off-road\""), "nothing of the shifts is off the road any more")
            let again = try await client.page("/transport/day/shift-splits", .post, cookie: planner.cookie,
                                              form: ["_csrf": planner.csrf, "shiftId": shift.id.rawValue, "date": Self.date])
            #expect(again.status == .conflict && again.text.contains("no period off the road within its hours"))
            #expect(try await client.page("/transport/day/shift-splits", .post, cookie: day.crewSession,
                                          form: ["_csrf": day.crewCSRF, "shiftId": shift.id.rawValue]).status == .forbidden)
            #expect(try await client.page("/transport/fleet/off-road", .post, cookie: planner.cookie, form: off.merging(["_csrf": planner.csrf]) { $1 }).status == .forbidden)
            #expect(try await client.page("/transport/fleet/off-road", .post, cookie: manager.cookie,
                                          form: ["_csrf": manager.csrf, "end": "wheelchair-van-21#1"]).status == .seeOther)
            #expect(try await bookings.vehicles(by: TestHarness.system)[0].offRoad.isEmpty)
            #expect(try await client.page("/transport/fleet", cookie: day.crewSession).status == .forbidden)
        }
    }

    @Test("crew training through the API and the fleet page: managers record it, planners read it, crew refused; the board names an untrained crew")
    func crewTraining() async throws {
        let day = try await Day()
        let (_, managerToken) = try await day.kit.harness.user("mgr", role: .transportManager)
        let manager = try await day.kit.session(role: .transportManager, username: "crew-manager")
        let planner = try await day.kit.session(role: .transportPlanner, username: "crew-planner")
        let crewA = try await day.kit.services.shared.environment.store.read { try await $0.users.find(username: "crew-a")!.0 }
        try await day.kit.run { client in
            let list = try await client.json("/api/v1/transport/crew", token: day.plannerToken)
            #expect(list.status == .ok && list.text.contains("\"userID\":\"\(crewA.id.rawValue)\"") && !list.text.contains("\"skills\""))
            #expect(try await client.json("/api/v1/transport/crew", token: day.crewToken).status == .forbidden)
            let body = #"{"skills":["stretcher"]}"#
            #expect(try await client.json("/api/v1/transport/crew/\(crewA.id.rawValue)/skills", .put, token: day.plannerToken, body: body).status == .forbidden)
            let set = try await client.json("/api/v1/transport/crew/\(crewA.id.rawValue)/skills", .put, token: managerToken, body: body)
            #expect(set.status == .ok && set.text.contains("\"skills\":[\"stretcher\"]"), "\(set.text)")
            #expect(try await client.json("/api/v1/transport/crew/usr_nobody/skills", .put, token: managerToken, body: body).status == .notFound)
            #expect(try await client.json("/api/v1/transport/crew/\(crewA.id.rawValue)/skills", .put, token: managerToken, body: #"{"skills":["flying"]}"#).status.code >= 400)
            let page = try await client.page("/transport/fleet", cookie: manager.cookie)
            #expect(page.text.contains("id=\"crew\"") && page.text.contains("value=\"stretcher\" checked"))
            let saved = try await client.page("/transport/fleet/crew", .post, cookie: manager.cookie,
                                              form: ["_csrf": manager.csrf, "userId": crewA.id.rawValue, "skills[]": "bariatric"])
            #expect(saved.status == .seeOther)
            let read = try await client.page("/transport/fleet", cookie: planner.cookie)
            #expect(read.text.contains("Trained for bariatric patients") && !read.text.contains("name=\"skills[]\""))
            #expect(try await client.page("/transport/fleet/crew", .post, cookie: planner.cookie,
                                          form: ["_csrf": planner.csrf, "userId": crewA.id.rawValue]).status == .forbidden)
        }
        // Van 7 (crew-a alone, a crew of one) is unchanged; a crew of two not trained for stretchers is named on the board.
        let crewB = try await day.kit.services.shared.environment.store.read { try await $0.users.find(username: "crew-b")!.0 }
        let planning = Caller(principal: Principal(user: try await day.kit.services.shared.environment.store.read { try await $0.users.find(username: "planner")!.0 }))
        _ = try await day.kit.services.transport.bookings.addShift(ShiftInput(date: Self.date, vehicleName: "Ambulance 3", seats: 2, stretchers: 1, crewSize: 2,
                                                                              base: TransportWebTests.base, start: "08:00", end: "16:00",
                                                                              crewUserIDs: [crewA.id.rawValue, crewB.id.rawValue]), by: planning)
        _ = try await day.kit.services.transport.bookings.setCrewSkills(userID: crewB.id, [.stretcher], by: TestHarness.system)
        try await day.kit.run { client in
            let board = try await client.page("/transport/day?date=\(Self.date)", cookie: planner.cookie)
            #expect(board.text.contains("Two, not trained for stretchers"))
        }
    }
}
