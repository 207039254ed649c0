import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// The optional tile layer under the route maps: set and removed by a manager, refused by field
/// when it is not a tile template, drawn in Web Mercator beneath the routes, and allowed by the
/// page's security policy only while it is set.
@Suite("Transport map tiles")
struct TransportMapTilesWebTests {
    typealias T = TransportWebTests

    @Test("a place in Web Mercator world pixels, and tiles at the zoom nearest the map's scale lie under it")
    func projection() {
        let origin = TransportCharts.mercator(Coordinates(latitude: 0, longitude: 0))
        #expect(abs(origin.x - 128) < 1e-9 && abs(origin.y - 128) < 1e-9)
        let north = TransportCharts.mercator(Coordinates(latitude: 53.48, longitude: -2.24))
        #expect(north.y < 128 && north.x < 128)
        let tiles = MapTiles(url: "https://tiles.example.org/{z}/{x}/{y}.png", attribution: "© Example")
        // A map of a city: ~2,000 screen pixels per zoom-0 pixel → zoom 11, tiles of ~250 pixels.
        let layer = TransportCharts.tileLayer(tiles, scale: 2_000, left: -north.x * 2_000 + 360, top: -north.y * 2_000 + 280, width: 720, height: 560)
        let tileX = Int(north.x * 2_048 / 256), tileY = Int(north.y * 2_048 / 256)
        #expect(layer.contains("href=\"https://tiles.example.org/11/\(tileX)/\(tileY).png\""), "\(layer.prefix(400))")
        #expect(layer.components(separatedBy: "<image").count - 1 <= 16)
    }

    @Test("a manager sets, reads and removes the layer (audited); a bad template is refused by field; crew and planners may not set it")
    func api() async throws {
        let day = try await T.Day()
        let (_, manager) = try await day.kit.harness.user("mgr", role: .transportManager)
        try await day.kit.run { client in
            #expect(try await client.json("/api/v1/transport/map-tiles", token: day.plannerToken).status == .notFound)
            let good = #"{"url":"https://tiles.example.org/{z}/{x}/{y}.png","attribution":"© Example contributors"}"#
            #expect(try await client.json("/api/v1/transport/map-tiles", .put, token: day.plannerToken, body: good).status == .forbidden)
            for bad in [#"{"url":"https://tiles.example.org/{z}/{x}.png","attribution":"A"}"#, #"{"url":"ftp://x/{z}/{x}/{y}","attribution":"A"}"#,
                        #"{"url":"https://x/{z}/{x}/{y}\" onload=\"x","attribution":"A"}"#]
            {
                let refused = try await client.json("/api/v1/transport/map-tiles", .put, token: manager, body: bad)
                #expect(refused.status == .unprocessableContent && refused.text.contains("url must be an http or https address"), "\(bad)")
            }
            #expect(try await client.json("/api/v1/transport/map-tiles", .put, token: manager, body: good).status == .ok)
            #expect(try await client.json("/api/v1/transport/map-tiles", token: day.plannerToken).text.contains("tiles.example.org"))
            #expect(try await client.json("/api/v1/transport/map-tiles", token: day.crewToken).status == .forbidden)
            #expect(try await client.json("/api/v1/transport/map-tiles", .delete, token: manager).status == .noContent)
            #expect(try await client.json("/api/v1/transport/map-tiles", token: day.plannerToken).status == .notFound)
        }
        #expect(try day.kit.harness.count("audit_log", where: "action LIKE 'transport.mapTiles.%'") == 2)
    }

    @Test("the board draws the tiles under its routes and its policy allows their origin; without a layer neither")
    func board() async throws {
        let day = try await T.Day()
        let journeys = try await day.kit.services.shared.environment.store.read { try await $0.transportJourneys.journeys(on: LocalDate(iso: T.date)!) }
        try await day.commit(TransportPlan(date: LocalDate(iso: T.date)!, runs: [
            .init(shiftID: day.mine.id, departure: 8 * 3600, back: 13 * 3600, stops: [
                .init(journeyID: journeys[0].id, kind: .pickup, arrival: 9 * 3600, start: 9 * 3600),
                .init(journeyID: journeys[0].id, kind: .dropOff, arrival: 9 * 3600 + 1800, start: 9 * 3600 + 1800),
            ], metres: 9_000),
        ], unplanned: []))
        let planner = try await day.kit.session(role: .transportPlanner, username: "map-planner")
        try await day.kit.run { client in
            let plain = try await client.page("/transport/day?date=\(T.date)", cookie: planner.cookie)
            #expect(!plain.text.contains("<image") && plain.headers[.contentSecurityPolicy]?.contains("img-src 'self' data:;") == true)
            let (m, _) = try await day.kit.harness.user("mgr", role: .transportManager)
            _ = try await day.kit.services.transport.bookings.setMapTiles(MapTiles(url: "https://tiles.example.org/{z}/{x}/{y}.png", attribution: "© Example"),
                                                                          by: Caller(principal: Principal(user: m)))
            let tiled = try await client.page("/transport/day?date=\(T.date)", cookie: planner.cookie)
            #expect(tiled.text.contains("<image") && tiled.text.contains("https://tiles.example.org/") && tiled.text.contains(">© Example</text>"))
            #expect(tiled.headers[.contentSecurityPolicy]?.contains("img-src 'self' data: https://tiles.example.org;") == true)
        }
    }
}
