import Foundation
import SchedulingDomain

/// An optional tile layer under the route maps, for a trust that has a tile server (PT-03): a
/// URL template with `{z}`, `{x}` and `{y}` (Web Mercator tiles of 256 pixels) and the
/// attribution its licence asks for. Without it the maps draw routes alone, needing nothing.
public struct MapTiles: Codable, Sendable, Equatable {
    public var url: String
    public var attribution: String

    /// Creates a tile layer.
    public init(url: String, attribution: String) {
        self.url = url
        self.attribution = attribution
    }

    /// The settings key the layer is stored under.
    public static let key = "transport.mapTiles"

    /// The tile at zoom `z`, column `x` and row `y`.
    public func tile(z: Int, x: Int, y: Int) -> String {
        url.replacingOccurrences(of: "{z}", with: String(z)).replacingOccurrences(of: "{x}", with: String(x)).replacingOccurrences(of: "{y}", with: String(y))
    }

    /// Where the tiles come from (`https://tiles.example.nhs.uk`), for the page's security policy.
    public var origin: String? {
        guard let parts = URLComponents(string: tile(z: 0, x: 0, y: 0)), let scheme = parts.scheme, let host = parts.host, !host.isEmpty else { return nil }
        return "\(scheme)://\(host)" + (parts.port.map { ":\($0)" } ?? "")
    }

    /// Every rule broken.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        let forbidden = CharacterSet(charactersIn: " \t\r\n\"'<>\\`")
        if url.count > 300 || !url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}") || url.rangeOfCharacter(from: forbidden) != nil
            || tile(z: 0, x: 0, y: 0).contains("{") || origin == nil || !(url.hasPrefix("https://") || url.hasPrefix("http://"))
        {
            c.add("url", "tiles.url", "url must be an http or https address of at most 300 characters with {z}, {x} and {y} in it (https://tiles.example.org/{z}/{x}/{y}.png).")
        }
        _ = c.requireText(attribution, at: "attribution", maxLength: 200)
        return c.issues
    }
}

extension TransportBookingService {
    /// The tile layer under the route maps, if one is set.
    public func mapTiles(by caller: Caller) async throws -> MapTiles? {
        try caller.require(anyOf: Self.officeRoles, to: "read the map tile layer")
        return try await env.store.read { try await Self.mapTiles(in: $0) }
    }

    /// Sets the tile layer, or with `nil` removes it (audited).
    public func setMapTiles(_ tiles: MapTiles?, by caller: Caller) async throws -> MapTiles? {
        try caller.require(anyOf: Self.contractRoles, to: "set the map tile layer")
        if let tiles {
            let issues = tiles.validate()
            guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        }
        let now = env.clock.now()
        try await env.store.write { session in
            if let tiles { try await session.settings.setEncoded(tiles, for: MapTiles.key) } else { try await session.settings.remove(MapTiles.key) }
            try await AuditTrail.record(.init(action: tiles == nil ? "transport.mapTiles.remove" : "transport.mapTiles.set", entityType: "transport-map",
                                              entityID: MapTiles.key), by: caller, at: now, in: session)
        }
        return tiles
    }

    static func mapTiles(in session: any StoreSession) async throws -> MapTiles? {
        try await session.settings.decoded(MapTiles.self, for: MapTiles.key, what: "map tile layer")
    }
}
