import Foundation
import SchedulingDomain

/// The trust's clusters (PT-02): each operations centre's contracts and vehicles, planned as one
/// day of its own. The first cluster (`main`) is always there and holds the lead contract; a
/// contract or vehicle that names no cluster is in it. Managers keep the list; the office reads it.
extension TransportBookingService {
    /// The clusters, the first first.
    public func clusters(by caller: Caller) async throws -> [TransportCluster] {
        try caller.require(anyOf: Self.officeRoles, to: "read transport clusters")
        return try await env.store.read { try await Self.clusters(in: $0) }
    }

    /// Adds `cluster`, or renames the one with its code (audited).
    public func saveCluster(_ cluster: TransportCluster, by caller: Caller) async throws -> [TransportCluster] {
        try caller.require(anyOf: Self.contractRoles, to: "set transport clusters")
        return try await change(Self.clusterList, id: cluster.id, action: "transport.clusters.save", by: caller) { list, _ in
            let issues = cluster.validate() + [list.nameTaken(by: cluster, code: "cluster.duplicateName", what: "cluster")].compactMap { $0 }
            guard issues.isEmpty else { throw ServiceError.invalid(issues) }
            try list.put(cluster, maximum: TransportCluster.maximumCount, code: "cluster.tooMany", message: "A trust runs at most \(TransportCluster.maximumCount) clusters.")
        }
    }

    /// Removes the cluster `id` (audited). The first stays, and so does a cluster a contract or
    /// a vehicle is in (move them first).
    public func removeCluster(id: String, by caller: Caller) async throws -> [TransportCluster] {
        try caller.require(anyOf: Self.contractRoles, to: "set transport clusters")
        return try await change(Self.clusterList, id: id, action: "transport.clusters.remove", by: caller) { list, session in
            guard let k = list.firstIndex(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Cluster", id: id) }
            guard k > 0 else {
                throw ServiceError.conflict(code: "cluster.first", message: "Cluster \(id) is the first cluster: the lead contract is in it. Rename it instead.")
            }
            let contracts = try await Self.contracts(in: session).filter { $0.cluster == id }.count
            let vehicles = try await Self.vehicles(in: session).filter { $0.cluster == id }.count
            guard contracts + vehicles == 0 else {
                throw ServiceError.conflict(code: "cluster.inUse",
                                            message: "Cluster \(id) runs \(contracts) contract\(contracts == 1 ? "" : "s") and \(vehicles) vehicle\(vehicles == 1 ? "" : "s"); move them to another cluster first.")
            }
            list.remove(at: k)
        }
    }

    /// The clusters, the first first (only the first, with its usual name, until a manager adds one).
    static func clusters(in session: any StoreSession) async throws -> [TransportCluster] {
        let stored = try await session.settings.decoded([TransportCluster].self, for: TransportCluster.key, what: "transport clusters") ?? []
        return stored.first?.id == TransportCluster.mainID ? stored : [TransportCluster()] + stored.filter { $0.id != TransportCluster.mainID }
    }

    /// The cluster `id` names (nil: the first), or a field error at `path` when there is none.
    static func cluster(_ id: String?, at path: String, in session: any StoreSession) async throws -> TransportCluster {
        let code = TransportCluster.code(id)
        guard let cluster = try await clusters(in: session).first(where: { $0.id == code }) else {
            throw ServiceError.invalid([.init(path: path, code: "cluster.unknown", message: "\(path): no cluster has the code \(code).")])
        }
        return cluster
    }

    /// What `clusterID` being set on a contract or a vehicle breaks: a cluster not on record.
    static func clusterIssues(_ clusterID: String?, in session: any StoreSession) async throws -> [ValidationIssue] {
        guard let clusterID, try await !clusters(in: session).contains(where: { $0.id == clusterID }) else { return [] }
        return [.init(path: "clusterID", code: "cluster.unknown", message: "clusterID: no cluster has the code \(clusterID).")]
    }

    /// The cluster's contracts, its lead (the first of them) first.
    static func contracts(of cluster: String, in session: any StoreSession) async throws -> [TransportContract] {
        try await contracts(in: session).filter { $0.cluster == cluster }
    }

    /// The shift's cluster: its vehicle's, or the first for a shift on no vehicle on record.
    static func cluster(of shift: VehicleShift, fleet: [TransportVehicle]) -> String {
        shift.vehicleID.flatMap { id in fleet.first { $0.id == id } }?.cluster ?? TransportCluster.mainID
    }
}
