import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// The contract and providers page: planners read it; managers change the contract and the map
/// layer, each error beside its field with what was typed kept; crews may not open it.
@Suite("Transport settings page")
struct TransportSettingsWebTests {
    typealias T = TransportWebTests

    @Test("a manager changes the contract (errors beside their fields, what was typed kept) and the map layer; a planner reads; crew refused")
    func settings() async throws {
        let day = try await T.Day()
        let manager = try await day.kit.session(role: .transportManager, username: "settings-manager")
        let planner = try await day.kit.session(role: .transportPlanner, username: "settings-planner")
        try await day.kit.run { client in
            let page = try await client.page("/transport/settings", cookie: manager.cookie)
            #expect(page.status == .ok && page.text.contains("id=\"save-contract\"") && page.text.contains("value=\"45.00\"") && page.text.contains("value=\"1.00\""))
            let form = ["_csrf": manager.csrf, "name": "Irwell Valley", "price": "forty", "ecjPrice": "90.00", "fleetCost": "0.85", "overtimeCost": "thirty",
                        "earliestArrival": "500", "collectWithin": "60", "maxOnVehicle": "x"]
            let refused = try await client.page("/transport/settings/contract", .post, cookie: manager.cookie, form: form)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Price per journey must be an amount in pounds, like 45.00.") && refused.text.contains("value=\"forty\"")
                && refused.text.contains("On board at most must be a whole number of minutes.") && refused.text.contains("value=\"x\"")
                && refused.text.contains("An hour of overtime must be an amount in pounds, like 45.00.") && refused.text.contains("value=\"thirty\""))
            #expect(try await day.kit.services.transport.bookings.contract(by: TestHarness.system).pricePerJourneyPence == 4_500)
            var good = form
            (good["price"], good["maxOnVehicle"], good["earliestArrival"], good["overtimeCost"]) = ("42.50", "75", "45", "31.50")
            let saved = try await client.page("/transport/settings/contract", .post, cookie: manager.cookie, form: good)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/transport/settings?saved=contract#contract-head")
            let contract = try await day.kit.services.transport.bookings.contract(by: TestHarness.system)
            #expect(contract.pricePerJourneyPence == 4_250 && contract.fleetPencePerKm == 85 && contract.overtimePencePerCrewHour == 3_150 && contract.standards.maxOnVehicleMinutes == 75 && contract.name == "Irwell Valley")
            let badTiles = try await client.page("/transport/settings/map-tiles", .post, cookie: manager.cookie,
                                                 form: ["_csrf": manager.csrf, "url": "https://tiles.example.org/{z}.png", "attribution": "© Example"])
            #expect(badTiles.status == .unprocessableContent && badTiles.text.contains("Tile address must be an http or https address")
                && badTiles.text.contains("value=\"https://tiles.example.org/{z}.png\""))
            #expect(try await client.page("/transport/settings/map-tiles", .post, cookie: manager.cookie,
                                          form: ["_csrf": manager.csrf, "url": "https://tiles.example.org/{z}/{x}/{y}.png", "attribution": "© Example"]).status == .seeOther)
            let read = try await client.page("/transport/settings", cookie: planner.cookie)
            #expect(read.status == .ok && !read.text.contains("save-contract") && !read.text.contains("Where a category differs") && read.text.contains("£42.50") && read.text.contains("Tiles from https://tiles.example.org/"))
            #expect(try await client.page("/transport/settings/contract", .post, cookie: planner.cookie, form: ["_csrf": planner.csrf, "name": "X"]).status == .forbidden)
            #expect(try await client.page("/transport/settings", cookie: day.crewSession).status == .forbidden)
        }
    }

    @Test("a manager adds, changes and removes a provider from the page (audited); a bad price stays beside its field; a planner may not")
    func providers() async throws {
        let day = try await T.Day()
        let manager = try await day.kit.session(role: .transportManager, username: "providers-manager")
        let planner = try await day.kit.session(role: .transportPlanner, username: "providers-planner")
        let plans = day.kit.services.transport.plans
        try await day.kit.run { client in
            var form = ["_csrf": manager.csrf, "providerId": "", "name": "Northway Taxis", "walking": "32", "seated": "thirty", "wheelchair": "", "stretcher": "",
                        "dailyLimit": "12", "maxEscorts": "3"]
            let refused = try await client.page("/transport/settings/providers", .post, cookie: manager.cookie, form: form)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Seated, with help must be an amount in pounds, like 38.00")
                && refused.text.contains("value=\"thirty\"") && refused.text.contains("value=\"Northway Taxis\""))
            #expect(try await plans.providers(by: TestHarness.system).isEmpty)
            form["seated"] = "38.00"
            let added = try await client.page("/transport/settings/providers", .post, cookie: manager.cookie, form: form)
            #expect(added.status == .seeOther)
            let stored = try await plans.providers(by: TestHarness.system)
            #expect(stored.map(\.id) == ["northway-taxis"] && stored[0].price(for: .seated) == 3_800 && stored[0].dailyLimit == 12 && stored[0].maxEscorts == 3)
            // Change: the form comes filled in; the limit goes up.
            let change = try await client.page("/transport/settings?provider=northway-taxis", cookie: manager.cookie)
            #expect(change.text.contains("Change Northway Taxis") && change.text.contains("value=\"38.00\""))
            form["providerId"] = "northway-taxis"
            form["dailyLimit"] = "20"
            #expect(try await client.page("/transport/settings/providers", .post, cookie: manager.cookie, form: form).status == .seeOther)
            #expect(try await plans.providers(by: TestHarness.system).map(\.dailyLimit) == [20])
            #expect(try await client.page("/transport/settings/providers", .post, cookie: planner.cookie,
                                          form: ["_csrf": planner.csrf, "remove": "northway-taxis"]).status == .forbidden)
            #expect(try await client.page("/transport/settings/providers", .post, cookie: manager.cookie,
                                          form: ["_csrf": manager.csrf, "remove": "northway-taxis"]).status == .seeOther)
            #expect(try await plans.providers(by: TestHarness.system).isEmpty)
        }
        #expect(try day.kit.harness.count("audit_log", where: "action LIKE 'transport.providers.%'") == 3)
    }

    @Test("a manager adds, changes and removes a base from the page (audited); a bad latitude stays beside its field; a planner may not")
    func bases() async throws {
        let day = try await T.Day()
        let manager = try await day.kit.session(role: .transportManager, username: "bases-manager")
        let planner = try await day.kit.session(role: .transportPlanner, username: "bases-planner")
        let bookings = day.kit.services.transport.bookings
        try await day.kit.run { client in
            var form = ["_csrf": manager.csrf, "baseId": "", "name": "Ardwick station", "latitude": "95", "longitude": "-2.213"]
            let refused = try await client.page("/transport/settings/bases", .post, cookie: manager.cookie, form: form)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Latitude must be a number of degrees between -90 and 90")
                && refused.text.contains("value=\"95\""))
            #expect(try await bookings.bases(by: TestHarness.system).isEmpty)
            form["latitude"] = "53.4713"
            #expect(try await client.page("/transport/settings/bases", .post, cookie: manager.cookie, form: form).status == .seeOther)
            #expect(try await bookings.bases(by: TestHarness.system).map(\.id) == ["ardwick-station"])
            let change = try await client.page("/transport/settings?base=ardwick-station", cookie: manager.cookie)
            #expect(change.text.contains("Change Ardwick station") && change.text.contains("value=\"53.47130\""))
            form["baseId"] = "ardwick-station"
            form["name"] = "Ardwick ambulance station"
            #expect(try await client.page("/transport/settings/bases", .post, cookie: manager.cookie, form: form).status == .seeOther)
            #expect(try await bookings.bases(by: TestHarness.system).map(\.name) == ["Ardwick ambulance station"])
            #expect(try await client.page("/transport/settings/bases", .post, cookie: planner.cookie,
                                          form: ["_csrf": planner.csrf, "remove": "ardwick-station"]).status == .forbidden)
            #expect(try await client.page("/transport/settings/bases", .post, cookie: manager.cookie,
                                          form: ["_csrf": manager.csrf, "remove": "ardwick-station"]).status == .seeOther)
            #expect(try await bookings.bases(by: TestHarness.system).isEmpty)
        }
        #expect(try day.kit.harness.count("audit_log", where: "action LIKE 'transport.bases.%'") == 3)
    }
}
