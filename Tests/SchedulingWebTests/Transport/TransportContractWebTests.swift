import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// A cluster's contracts through the real application: the API by code, the settings page's
/// contract form (add, change, remove), the booking form's contract, the day board's tag and the
/// report's split by contract; each route for its roles.
@Suite("Transport contracts through the API and pages")
struct TransportContractWebTests {
    typealias Day = TransportWebTests.Day
    static let date = TransportWebTests.date
    static let renal = #"{"name":"Renal dialysis","commissioner":"NHS Greater Manchester ICB","locationIDs":["loc_mri"],"standards":{"earliestArrivalMinutes":20,"collectWithinMinutes":30,"maxOnVehicleMinutes":45,"overrides":[]},"pricePerJourneyPence":3200,"ecjPricePence":6400}"#

    @Test("the API lists, saves by code and removes contracts; managers only change them; the journey names its contract; crew refused")
    func api() async throws {
        let day = try await Day()
        let (_, managerToken) = try await day.kit.harness.user("mgr", role: .transportManager)
        try await day.kit.run { client in
            #expect(try await client.json("/api/v1/transport/contracts/renal", .put, token: day.plannerToken, body: Self.renal).status == .forbidden)
            let saved = try await client.json("/api/v1/transport/contracts/renal", .put, token: managerToken, body: Self.renal)
            #expect(saved.status == .ok && saved.text.contains("\"id\":\"main\"") && saved.text.contains("\"id\":\"renal\""))
            let bad = try await client.json("/api/v1/transport/contracts/Renal%20Unit", .put, token: managerToken,
                                            body: Self.renal.replacingOccurrences(of: "loc_mri", with: "loc_none"))
            #expect(bad.status == .unprocessableContent && bad.text.contains("\"path\":\"id\"") && bad.text.contains("no clinic location has the id loc_none"))
            let list = try await client.json("/api/v1/transport/contracts", token: day.plannerToken)
            #expect(list.status == .ok && list.text.contains("Renal dialysis") && !list.text.contains("Renal Unit"))
            #expect(try await client.json("/api/v1/transport/contracts", token: day.crewToken).status == .forbidden)
            let journey = #"{"patientID":"pat_x","date":"\#(Self.date)","direction":"to-appointment","time":"10:30","destination":{"latitude":53.4627,"longitude":-2.2251},"mobility":"walking","contract":"dental"}"#
            let unknown = try await client.json("/api/v1/transport/journeys", .post, token: day.plannerToken, body: journey)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("contract dental is not a contract on record"))
            let patient = try await day.kit.services.shared.environment.store.read { try await $0.transportJourneys.journeys(on: LocalDate(iso: Self.date)!)[0].patientID }
            let booked = try await client.json("/api/v1/transport/journeys", .post, token: day.plannerToken,
                                               body: journey.replacingOccurrences(of: "pat_x", with: patient.rawValue).replacingOccurrences(of: "dental", with: "renal"))
            #expect(booked.status == .created && booked.text.contains("\"contractID\":\"renal\""), "\(booked.text)")
            let inUse = try await client.json("/api/v1/transport/contracts/renal", .delete, token: managerToken)
            #expect(inUse.status == .conflict && inUse.text.contains("named by 1 journey"))
            #expect(try await client.json("/api/v1/transport/contracts/main", .delete, token: managerToken).status == .conflict)
            #expect(try await client.json("/api/v1/transport/contracts/none", .delete, token: managerToken).status == .notFound)
            #expect(try await client.json("/api/v1/transport/contracts/renal", .delete, token: day.plannerToken).status == .forbidden)
        }
    }

    @Test("a manager adds a contract on the page (errors beside their fields, what was typed kept), changes it, and removes it; planners read; the booking form offers it")
    func page() async throws {
        let day = try await Day()
        let manager = try await day.kit.session(role: .transportManager, username: "contracts-manager")
        let planner = try await day.kit.session(role: .transportPlanner, username: "contracts-planner")
        let bookings = day.kit.services.transport.bookings
        try await day.kit.run { client in
            let blank = try await client.page("/transport/settings?contract=new", cookie: manager.cookie)
            #expect(blank.text.contains("Add a contract</h3>") && blank.text.contains("name=\"code\"") && !blank.text.contains("name=\"fleetCost\""))
            var form = ["_csrf": manager.csrf, "new": "1", "name": "Renal dialysis", "code": "Renal Unit", "commissioner": "NHS GM", "locations[]": "loc_mri",
                        "price": "32", "ecjPrice": "sixty", "earliestArrival": "20", "collectWithin": "30", "maxOnVehicle": "45"]
            let refused = try await client.page("/transport/settings/contract", .post, cookie: manager.cookie, form: form)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("ECJ price must be an amount in pounds") && refused.text.contains("value=\"sixty\"") && refused.text.contains("value=\"Renal Unit\""))
            #expect(refused.text.contains("value=\"loc_mri\" checked") && refused.text.contains("Code must be 1 to 40 lower-case letters"), "every field judged at once")
            #expect(try await bookings.contracts(by: TestHarness.system).count == 1)
            form["ecjPrice"] = "64"
            let codeRefused = try await client.page("/transport/settings/contract", .post, cookie: manager.cookie, form: form)
            #expect(codeRefused.status == .unprocessableContent && codeRefused.text.contains("Code must be 1 to 40 lower-case letters"))
            form["code"] = ""
            #expect(try await client.page("/transport/settings/contract", .post, cookie: manager.cookie, form: form).status == .seeOther)
            let stored = try await bookings.contracts(by: TestHarness.system)
            #expect(stored.map(\.id) == ["main", "renal-dialysis"] && stored[1].locationIDs == ["loc_mri"] && stored[1].ecjPricePence == 6_400
                && stored[1].standards.maxOnVehicleMinutes == 45 && stored[1].fleetPencePerKm == nil)
            // A booking from the form at a hospital it serves is under it unless another is chosen.
            let booked = try await client.page("/transport/journeys", .post, cookie: planner.cookie, form: [
                "_csrf": planner.csrf, "nhsNumber": "999 000 0018", "date": Self.date, "direction": "to-appointment", "time": "11:00", "destination": "loc_mri",
                "mobility": "walking", "escorts": "0", "contract": ""])
            #expect(booked.status == .seeOther)
            let journeys = try await bookings.journeys(on: LocalDate(iso: Self.date)!, by: TestHarness.system)
            #expect(journeys.map(\.contractID).filter { $0 != nil } == ["renal-dialysis"])
            let wrong = try await client.page("/transport/journeys", .post, cookie: planner.cookie, form: [
                "_csrf": planner.csrf, "nhsNumber": "999 000 0018", "date": Self.date, "direction": "to-appointment", "time": "11:00", "destination": "loc_mri",
                "mobility": "walking", "escorts": "0", "contract": "dental"])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("The contract dental is not a contract on record"))
            // Change: the form comes filled in for it; the first contract's form keeps the fleet cost.
            let change = try await client.page("/transport/settings?contract=renal-dialysis", cookie: manager.cookie)
            #expect(change.text.contains("Change Renal dialysis</h3>") && change.text.contains("value=\"32.00\"") && !change.text.contains("name=\"fleetCost\""))
            #expect(try await client.page("/transport/settings", cookie: manager.cookie).text.contains("name=\"fleetCost\""))
            let changed = try await client.page("/transport/settings/contract", .post, cookie: manager.cookie, form: [
                "_csrf": manager.csrf, "contractId": "renal-dialysis", "name": "Renal dialysis", "price": "33.50", "ecjPrice": "64", "earliestArrival": "20",
                "collectWithin": "30", "maxOnVehicle": "45"])
            #expect(changed.status == .seeOther)
            #expect(try await bookings.contracts(by: TestHarness.system)[1].pricePerJourneyPence == 3_350)
            #expect(try await bookings.contracts(by: TestHarness.system)[1].locationIDs.isEmpty, "no box ticked: it serves no hospital")
            let read = try await client.page("/transport/settings", cookie: planner.cookie)
            #expect(read.text.contains("Renal dialysis") && read.text.contains("£33.50 a journey") && !read.text.contains("save-contract"))
            let booking = try await client.page("/transport/journeys/new?date=\(Self.date)", cookie: planner.cookie)
            #expect(booking.text.contains("<option value=\"renal-dialysis\">Renal dialysis</option>"))
            #expect(try await client.page("/transport/settings/contract", .post, cookie: planner.cookie,
                                          form: ["_csrf": planner.csrf, "remove": "renal-dialysis"]).status == .forbidden)
            let lead = try await client.page("/transport/settings/contract", .post, cookie: manager.cookie, form: ["_csrf": manager.csrf, "remove": "main"])
            #expect(lead.status == .conflict && lead.text.contains("is the lead contract"))
            let used = try await client.page("/transport/settings/contract", .post, cookie: manager.cookie, form: ["_csrf": manager.csrf, "remove": "renal-dialysis"])
            #expect(used.status == .conflict && used.text.contains("is named by 1 journey; it stays while they are on record."))
            _ = try await bookings.saveContract(TransportContract(id: "school", name: "School runs"), by: TestHarness.system)
            #expect(try await client.page("/transport/settings/contract", .post, cookie: manager.cookie,
                                          form: ["_csrf": manager.csrf, "remove": "school"]).status == .seeOther)
            #expect(try await bookings.contracts(by: TestHarness.system).map(\.id) == ["main", "renal-dialysis"])
        }
    }

    @Test("a journey under another contract is tagged on the day board, and the report splits by contract")
    func boardAndReport() async throws {
        let day = try await Day()
        let (m, _) = try await day.kit.harness.user("mgr", role: .transportManager)
        let bookings = day.kit.services.transport.bookings
        let renal = TransportContract(id: "renal", name: "Renal dialysis", pricePerJourneyPence: 3_200, ecjPricePence: 6_400)
        _ = try await bookings.saveContract(renal, by: Caller(principal: Principal(user: m)))
        let patient = try await day.kit.services.shared.environment.store.read { try await $0.transportJourneys.journeys(on: LocalDate(iso: Self.date)!)[0].patientID }
        let caller = try await day.kit.services.shared.environment.store.read { try await $0.users.find(username: "planner")!.0 }
        _ = try await bookings.book(JourneyInput(patientID: patient.rawValue, date: Self.date, direction: "to-appointment", time: "11:30",
                                                 destination: TransportWebTests.hospital, mobility: "walking", contract: "renal"), by: Caller(principal: Principal(user: caller)))
        let session = try await day.kit.session(role: .transportManager, username: "reader")
        try await day.kit.run { client in
            let board = try await client.page("/transport/day?date=\(Self.date)", cookie: session.cookie)
            #expect(board.text.components(separatedBy: "<span class=\"tag\">Renal dialysis</span>").count == 2 && !board.text.contains("<span class=\"tag\"></span>"))
            let report = try await client.page("/transport/reports?from=\(Self.date)&to=\(Self.date)", cookie: session.cookie)
            #expect(report.text.contains("id=\"report-contracts\"") && report.text.contains("Transport indicators: all contracts"))
            let json = try await client.json("/api/v1/transport/reports?from=\(Self.date)&to=\(Self.date)", token: day.plannerToken)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            let parts = try #require((body["days"] as? [[String: Any]])?.first?["contracts"] as? [[String: Any]])
            #expect(parts.map { $0["contractID"] as? String } == ["main", "renal"] && parts.map { $0["journeys"] as? Int } == [2, 1])
            #expect((body["contracts"] as? [[String: Any]])?.count == 2)
        }
    }
}
