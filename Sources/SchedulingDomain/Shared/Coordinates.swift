import Foundation

/// A WGS84 position in decimal degrees.
public struct Coordinates: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Latitude, −90…90.
    public var latitude: Double
    /// Longitude, −180…180.
    public var longitude: Double

    /// Creates a position without checking it; call ``validate()`` on user input.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Every rule the position breaks, paths relative to the position.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if !latitude.isFinite || !(-90...90).contains(latitude) {
            issues.append(.init(path: "latitude", code: "coordinates.latitude", message: "latitude must be between -90 and 90 degrees."))
        }
        if !longitude.isFinite || !(-180...180).contains(longitude) {
            issues.append(.init(path: "longitude", code: "coordinates.longitude", message: "longitude must be between -180 and 180 degrees."))
        }
        return issues
    }

    /// Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m).
    public func greatCircleMeters(to other: Coordinates) -> Double {
        let r = 6_371_008.8
        let φ1 = latitude * .pi / 180, φ2 = other.latitude * .pi / 180
        let dφ = (other.latitude - latitude) * .pi / 180
        let dλ = (other.longitude - longitude) * .pi / 180
        let a = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * r * atan2(a.squareRoot(), (1 - a).squareRoot())
    }

    public var description: String { String(format: "%.5f,%.5f", latitude, longitude) }
}
