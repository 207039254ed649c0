import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// Clusters through the real application: the API by code, a vehicle's and a plan job's cluster,
/// the settings page's cluster form, and the day board and indicators per cluster; each route
/// for its roles.
@Suite("Transport clusters through the API and pages")
struct TransportClusterWebTests {
    typealias Day = TransportWebTests.Day
    static let date = TransportWebTests.date
    static let van = #"{"name":"North van 1","capacity":{"seats":4,"wheelchairSpaces":1,"stretchers":0},"clusterID":"north"}"#

    @Test("the API lists, saves and removes clusters (managers only); vehicles and plan jobs name a cluster on record; the first and one in use stay")
    func api() async throws {
        let day = try await Day()
        let (_, managerToken) = try await day.kit.harness.user("mgr", role: .transportManager)
        try await day.kit.run { client in
            let north = #"{"name":"North operations centre"}"#
            #expect(try await client.json("/api/v1/transport/clusters/north", .put, token: day.plannerToken, body: north).status == .forbidden)
            let saved = try await client.json("/api/v1/transport/clusters/north", .put, token: managerToken, body: north)
            #expect(saved.status == .ok && saved.text.contains("\"id\":\"main\"") && saved.text.contains("North operations centre"), "\(saved.text)")
            let bad = try await client.json("/api/v1/transport/clusters/North%20Side", .put, token: managerToken, body: #"{"name":""}"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("\"path\":\"id\"") && bad.text.contains("\"path\":\"name\""), "\(bad.text)")
            #expect(try await client.json("/api/v1/transport/clusters", token: day.plannerToken).text.contains("North operations centre"))
            #expect(try await client.json("/api/v1/transport/clusters", token: day.crewToken).status == .forbidden)
            let stray = try await client.json("/api/v1/transport/vehicles/nv-1", .put, token: managerToken, body: Self.van.replacingOccurrences(of: "north", with: "south"))
            #expect(stray.status == .unprocessableContent && stray.text.contains("clusterID: no cluster has the code south"), "\(stray.text)")
            #expect(try await client.json("/api/v1/transport/vehicles/nv-1", .put, token: managerToken, body: Self.van).text.contains("\"clusterID\":\"north\""))
            let unknown = try await client.json("/api/v1/transport/plan-jobs", .post, token: day.plannerToken, body: #"{"date":"\#(Self.date)","cluster":"south"}"#)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("cluster: no cluster has the code south"), "\(unknown.text)")
            let inUse = try await client.json("/api/v1/transport/clusters/north", .delete, token: managerToken)
            #expect(inUse.status == .conflict && inUse.text.contains("1 vehicle"), "\(inUse.text)")
            #expect(try await client.json("/api/v1/transport/clusters/main", .delete, token: managerToken).status == .conflict)
            #expect(try await client.json("/api/v1/transport/clusters/south", .delete, token: managerToken).status == .notFound)
            // The north cluster has no journeys: its plan job has nothing to plan, and its plan is not the main one's.
            let plan = try await client.json("/api/v1/transport/plans/\(Self.date)?cluster=north", token: day.plannerToken)
            #expect(plan.status == .notFound)
        }
    }

    @Test("a manager adds a cluster on the page (an error beside its field, what was typed kept); the board, the fleet form and the indicators choose the cluster; planners cannot add one")
    func pages() async throws {
        let day = try await Day()
        let manager = try await day.kit.session(role: .transportManager, username: "clusters-manager")
        let planner = try await day.kit.session(role: .transportPlanner, username: "clusters-planner")
        try await day.kit.run { client in
            let one = try await client.page("/transport/day?date=\(Self.date)", cookie: planner.cookie)
            #expect(one.status == .ok && !one.text.contains("id=\"clusters\""), "one cluster: no choice to make")
            let blank = try await client.page("/transport/settings/clusters", .post, cookie: manager.cookie, form: ["_csrf": manager.csrf, "name": " ", "code": "North Side"])
            #expect(blank.status == .unprocessableContent && blank.text.contains("value=\"North Side\"") && blank.text.contains("class=\"error\""), "\(blank.text.prefix(300))")
            #expect(try await client.page("/transport/settings/clusters", .post, cookie: planner.cookie, form: ["_csrf": planner.csrf, "name": "North"]).status == .forbidden)
            let added = try await client.page("/transport/settings/clusters", .post, cookie: manager.cookie, form: ["_csrf": manager.csrf, "name": "North operations centre"])
            #expect(added.status == .seeOther)
            let clusters = try await day.kit.services.transport.bookings.clusters(by: TestHarness.system)
            #expect(clusters.map(\.id) == ["main", "north-operations-centre"])
            let settings = try await client.page("/transport/settings", cookie: manager.cookie)
            #expect(settings.text.contains("North operations centre") && settings.text.contains("name=\"clusterId\""))
            let vehicle = try await client.page("/transport/fleet/vehicles", .post, cookie: manager.cookie,
                                                form: ["_csrf": manager.csrf, "name": "North van 1", "seats": "4", "wheelchairSpaces": "1", "clusterId": "north-operations-centre"])
            #expect(vehicle.status == .seeOther)
            #expect(try await day.kit.services.transport.bookings.vehicles(by: TestHarness.system).first?.clusterID == "north-operations-centre")
            let board = try await client.page("/transport/day?date=\(Self.date)&cluster=north-operations-centre", cookie: planner.cookie)
            #expect(board.status == .ok && board.text.contains("id=\"clusters\"") && board.text.contains("Transport day board: Tue 8 Dec 2026, North operations centre"))
            #expect(board.text.contains("name=\"cluster\" value=\"north-operations-centre\"") && board.text.contains("Add vehicle shifts for this day before planning it."))
            let main = try await client.page("/transport/day?date=\(Self.date)", cookie: planner.cookie)
            #expect(main.text.contains("<strong aria-current=\"page\">Operations centre</strong>") && main.text.contains("Plan this day"))
            #expect(try await client.page("/transport/day?date=\(Self.date)&cluster=nowhere", cookie: planner.cookie).status == .unprocessableContent)
            let report = try await client.page("/transport/reports?from=\(Self.date)&to=\(Self.date)&cluster=north-operations-centre", cookie: planner.cookie)
            #expect(report.status == .ok && report.text.contains(", North operations centre</h1>"))
            // A journey booked under the north cluster's contract: on to that cluster's board.
            let contract = TransportContract(id: "north-renal", name: "North renal", clusterID: "north-operations-centre")
            _ = try await day.kit.services.transport.bookings.saveContract(contract, by: TestHarness.system)
            let booked = try await client.page("/transport/journeys", .post, cookie: planner.cookie, form: [
                "_csrf": planner.csrf, "nhsNumber": "999 000 0018", "date": Self.date, "direction": "to-appointment", "time": "11:00", "destination": "loc_mri",
                "mobility": "walking", "escorts": "0", "contract": "north-renal"])
            #expect(booked.status == .seeOther && booked.headers[.location] == "/transport/day?date=\(Self.date)&cluster=north-operations-centre&booked=1",
                    "\(booked.headers[.location] ?? "")")
        }
    }
}

/// A site's clinic-list address through the real application: the API and the clinic list page
/// (managers set it; planners see it; crew refused).
@Suite("Clinic-list addresses through the API and pages")
struct ClinicListAddressWebTests {
    typealias Day = TransportWebTests.Day
    static let date = TransportWebTests.date

    @Test("a manager records a site's address on the list page (an error beside the field, what was typed kept) and through the API; planners see it and may not change it")
    func address() async throws {
        let day = try await Day()
        let (_, managerToken) = try await day.kit.harness.user("mgr", role: .transportManager)
        let manager = try await day.kit.session(role: .transportManager, username: "address-manager")
        let planner = try await day.kit.session(role: .transportPlanner, username: "address-planner")
        try await day.kit.run { client in
            let page = "/transport/clinic-list?siteId=loc_mri&date=\(Self.date)"
            #expect(try await client.page(page, cookie: planner.cookie).text.contains("No email address on record for Manchester Royal Infirmary"))
            let bad = try await client.page("/transport/clinic-list/address", .post, cookie: manager.cookie,
                                            form: ["_csrf": manager.csrf, "siteId": "loc_mri", "date": Self.date, "email": "reception at mri"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Email address must look like name@domain") && bad.text.contains("value=\"reception at mri\""),
                    "\(bad.status) \(bad.text.components(separatedBy: "clinic-list-address").dropFirst().first?.prefix(900) ?? "")")
            #expect(try await client.page("/transport/clinic-list/address", .post, cookie: planner.cookie,
                                          form: ["_csrf": planner.csrf, "siteId": "loc_mri", "email": "a@b.uk"]).status == .forbidden)
            let saved = try await client.page("/transport/clinic-list/address", .post, cookie: manager.cookie,
                                              form: ["_csrf": manager.csrf, "siteId": "loc_mri", "date": Self.date, "email": "reception@mri.nhs.uk"])
            #expect(saved.status == .seeOther && saved.headers[.location] == "\(page)&saved=address", "\(saved.headers[.location] ?? "")")
            let read = try await client.page(page, cookie: planner.cookie)
            #expect(read.text.contains("Lists for Manchester Royal Infirmary are emailed to reception@mri.nhs.uk.") && !read.text.contains("save-address"))
            let sent = try await client.json("/api/v1/transport/clinic-lists/loc_mri/messages?date=\(Self.date)", .post, token: day.plannerToken)
            #expect(sent.status == .accepted && sent.text.contains("\"address\":\"reception@mri.nhs.uk\""), "\(sent.text)")
            let api = try await client.json("/api/v1/transport/clinic-lists/loc_mri/address", .put, token: managerToken, body: #"{"email":"desk@mri.nhs.uk"}"#)
            #expect(api.status == .ok && api.text.contains("desk@mri.nhs.uk"))
            #expect(try await client.json("/api/v1/transport/clinic-lists/loc_mri/address", .put, token: day.plannerToken, body: #"{"email":"x@y.uk"}"#).status == .forbidden)
            #expect(try await client.json("/api/v1/transport/clinic-lists/loc_none/address", .put, token: managerToken, body: #"{"email":"x@y.uk"}"#).status == .notFound)
            #expect(try await client.json("/api/v1/transport/clinic-lists/loc_mri/address", .delete, token: managerToken).status == .noContent)
            #expect(try await client.page(page, cookie: manager.cookie).text.contains("No email address on record"))
        }
    }
}
