import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The clusters on the settings page (PT-02): each operations centre by name with the contracts
/// it runs and its vehicles; managers add one, rename one, or remove one nothing is in.
extension TransportPagesController {
    struct ClusterForm: Decodable {
        var csrf: String?
        var clusterId, name, code, remove: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", clusterId, name, code, remove }
    }

    /// The settings page's cluster table and form values.
    static func clusterData(_ clusters: [TransportCluster], contracts: [TransportContract], fleet: [TransportVehicle], chosen: String?) -> [String: Any] {
        let editing = clusters.first { $0.id == chosen }
        return [
            "clusters": clusters.enumerated().map { k, c -> [String: Any] in
                let names = contracts.filter { $0.cluster == c.id }.map(\.name)
                let vehicles = fleet.filter { $0.cluster == c.id }.count
                return ["id": c.id, "name": c.name, "first": k == 0, "contractNames": names.isEmpty ? "None yet" : names.joined(separator: ", "),
                        "vehicles": vehicles == 1 ? "1 vehicle" : "\(vehicles) vehicles"]
            },
            "severalClusters": clusters.count > 1,
            "clusterChoices": clusters.map { ["id": $0.id, "name": $0.name] },
            "editingCluster": editing != nil, "clusterId": editing?.id ?? "", "clusterName": editing?.name ?? "",
        ]
    }

    /// Adds a cluster or renames one, or removes one; the page again with the reason if it cannot.
    func submitCluster(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(ClusterForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        let existing = try await transport.bookings.clusters(by: caller)
        do {
            if let id = form.remove {
                _ = try await transport.bookings.removeCluster(id: id, by: caller)
                return .redirect(to: "/transport/settings?saved=clusterRemoved#clusters-head", type: .normal)
            }
            let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
            let typed = (form.code ?? "").trimmingCharacters(in: .whitespaces)
            let id = form.clusterId.flatMap { id in existing.contains { $0.id == id } ? id : nil }
                ?? (typed.isEmpty ? Self.newID(name, taken: Set(existing.map(\.id))) : typed)
            if form.clusterId?.isEmpty != false, existing.contains(where: { $0.id == id }) {
                throw ServiceError.invalid([.init(path: "id", code: "cluster.duplicate", message: "Code \(id) is another cluster's; choose another.")])
            }
            _ = try await transport.bookings.saveCluster(TransportCluster(id: id, name: name), by: caller)
            return .redirect(to: "/transport/settings?saved=cluster#clusters-head", type: .normal)
        } catch let error as ServiceError {
            if case .notFound = error { throw error }
            let problem = PageRenderer.formProblem(error, fields: ["name": .init("clusterName", "Name"), "id": .init("clusterCode", "Code")])
            let again: [String: Any] = ["clusterId": form.clusterId ?? "", "clusterName": form.name ?? "", "clusterCode": form.code ?? "",
                                        "editingCluster": form.clusterId?.isEmpty == false]
            return try await settings(context: context, extra: again.merging(problem.data) { $1 }, status: problem.status)
        }
    }
}
