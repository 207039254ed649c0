/// An operations centre's cluster (PT-02): the contracts it runs and the vehicles it sends out.
/// A cluster's contracts share its fleet, and one plan a day carries their journeys; each cluster
/// is planned, re-planned and reported on its own. The first cluster (code `main`) is always
/// there: a contract or vehicle that names no cluster is in it, and so is the lead contract.
public struct TransportCluster: Codable, Sendable, Equatable, Hashable {
    /// A short code (`north-west`), as the office writes it.
    public var id: String
    /// The name planners know it by ("Manchester North operations centre").
    public var name: String

    /// The first cluster's code.
    public static let mainID = "main"
    /// The settings key the clusters are stored under, the first first.
    public static let key = "transport.clusters"
    /// Most clusters one trust runs.
    public static let maximumCount = 10

    /// Creates a cluster; call ``validate()`` on user input.
    public init(id: String = TransportCluster.mainID, name: String = "Operations centre") {
        self.id = id
        self.name = name
    }

    /// Every rule broken, paths relative to the cluster.
    public func validate() -> [ValidationIssue] {
        var c = ValidationCollector()
        if !TransportContract.isCode(id) {
            c.add("id", "cluster.code", "id must be 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit (such as north-west).")
        }
        c.requireText(name, at: "name", maxLength: 120)
        return c.issues
    }

    /// The code `clusterID` stands for (nil: the first cluster).
    public static func code(_ clusterID: String?) -> String { clusterID ?? mainID }
}

extension TransportContract {
    /// The code of the cluster it is in.
    public var cluster: String { TransportCluster.code(clusterID) }
}

extension TransportVehicle {
    /// The code of the cluster it works for.
    public var cluster: String { TransportCluster.code(clusterID) }
}

extension TransportDay {
    /// The journeys of `all` under one of `contracts` (a journey naming no contract is under the
    /// lead, `all`'s first): the cluster's share of a day's bookings.
    public static func journeys(_ all: [TransportJourney], under contracts: [TransportContract], lead: TransportContract) -> [TransportJourney] {
        let codes = Set(contracts.map(\.id))
        return all.filter { codes.contains($0.contractID ?? lead.id) }
    }
}
