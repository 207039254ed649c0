import Foundation

/// A place vehicles leave from and return to (PT-02): an ambulance station or a depot, named as
/// crews and planners say it ("Ardwick station").
public struct TransportBase: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var location: Coordinates

    /// Creates a base.
    public init(id: String, name: String, location: Coordinates) {
        self.id = id
        self.name = name
        self.location = location
    }

    /// The settings key the bases are stored under.
    public static let key = "transport.bases"

    /// Every rule broken, paths relative to the base.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        c.requireText(id, at: "id", maxLength: 40)
        c.requireText(name, at: "name", maxLength: 80)
        c.add(contentsOf: location.validate(), under: "location")
        return c.issues
    }
}
