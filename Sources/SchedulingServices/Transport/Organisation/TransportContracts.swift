import Foundation
import SchedulingDomain

/// The cluster's contracts (PT-02): the lead contract (the first; a journey naming no contract is
/// under it, and its fleet cost is the fleet's) and the others the same fleet carries. Managers
/// set them; the transport office reads them.
extension TransportBookingService {
    /// The lead contract (the usual standards until a manager sets them).
    public func contract(by caller: Caller) async throws -> TransportContract {
        try caller.require(anyOf: Self.officeRoles, to: "read the transport contract")
        return try await env.store.read { try await Self.contract(in: $0) }
    }

    /// Every contract of the cluster, the lead first.
    public func contracts(by caller: Caller) async throws -> [TransportContract] {
        try caller.require(anyOf: Self.officeRoles, to: "read the transport contracts")
        return try await env.store.read { try await Self.contracts(in: $0) }
    }

    /// Sets the lead contract's terms (audited). Its code may change: journeys under it name no
    /// code. Another contract's code is refused.
    public func setContract(_ contract: TransportContract, by caller: Caller) async throws -> TransportContract {
        try caller.require(anyOf: Self.contractRoles, to: "set the transport contract")
        try await change(Self.contractList, id: contract.id, action: "transport.contract.set", by: caller) { list, session in
            try await Self.checked(contract, in: list, at: 0, session: session)
            list[0] = contract
        }
        return contract
    }

    /// Adds `contract`, or replaces the one with its code (audited); the lead is changed with
    /// ``setContract(_:by:)`` or by its code here.
    public func saveContract(_ contract: TransportContract, by caller: Caller) async throws -> [TransportContract] {
        try caller.require(anyOf: Self.contractRoles, to: "set the transport contracts")
        return try await change(Self.contractList, id: contract.id, action: "transport.contracts.save", by: caller) { list, session in
            let k = list.firstIndex(where: { $0.id == contract.id })
            try await Self.checked(contract, in: list, at: k, session: session)
            try list.put(contract, maximum: TransportContract.maximumCount, code: "contract.tooMany", message: "The clusters run at most \(TransportContract.maximumCount) contracts.")
        }
    }

    /// Removes the contract `id` (audited). The lead stays, and so does a contract any journey
    /// names (its reports and prices depend on it).
    public func removeContract(id: String, by caller: Caller) async throws -> [TransportContract] {
        try caller.require(anyOf: Self.contractRoles, to: "set the transport contracts")
        return try await change(Self.contractList, id: id, action: "transport.contracts.remove", by: caller) { list, session in
            guard let k = list.firstIndex(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Contract", id: id) }
            guard k > 0 else {
                throw ServiceError.conflict(code: "contract.lead", message: "Contract \(id) is the lead contract: journeys that name no contract are under it. Change it instead.")
            }
            let used = try await session.transportJourneys.count(contractID: id)
            guard used == 0 else {
                throw ServiceError.conflict(code: "contract.inUse", message: "Contract \(id) is named by \(used) journey\(used == 1 ? "" : "s"); it stays while they are on record.")
            }
            list.remove(at: k)
        }
    }

    /// Throws every rule `contract` breaks as the `k`th of `list` (nil: a new one): its own, a
    /// code another contract has, and a clinic location the organisation does not have.
    private static func checked(_ contract: TransportContract, in list: [TransportContract], at k: Int?, session: any StoreSession) async throws {
        var issues = contract.validate()
        if !contract.locationIDs.isEmpty {
            let known = Set(try await session.organisation.locations().map(\.id))
            for id in contract.locationIDs where !known.contains(id) {
                issues.append(.init(path: "locationIDs", code: "location.unknown", message: "locationIDs: no clinic location has the id \(id.rawValue)."))
            }
        }
        if list.enumerated().contains(where: { $0.offset != k && $0.element.id == contract.id }) {
            issues.append(.init(path: "id", code: "contract.duplicate", message: "id \(contract.id) is another contract's code; choose another."))
        }
        issues += try await clusterIssues(contract.clusterID, in: session)
        if k == 0, contract.cluster != TransportCluster.mainID {
            issues.append(.init(path: "clusterID", code: "contract.leadCluster",
                                message: "clusterID: the lead contract stays in the first cluster (\(TransportCluster.mainID)): journeys that name no contract are under it."))
        }
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        if let k, list[k].cluster != contract.cluster, case let used = try await session.transportJourneys.count(contractID: contract.id), used > 0 {
            throw ServiceError.conflict(code: "contract.moveInUse",
                                        message: "Contract \(contract.id) is named by \(used) journey\(used == 1 ? "" : "s") planned in cluster \(list[k].cluster); it stays in that cluster while they are on record.")
        }
    }

    /// The code of the contract other than the lead that serves the clinic location `id` (the
    /// first such), or nil: a journey there is under the lead.
    public static func contract(serving id: ClinicLocation.ID, among contracts: [TransportContract]) -> String? {
        contracts.dropFirst().first { $0.locationIDs.contains(id) }?.id
    }

    /// The lead contract.
    static func contract(in session: any StoreSession) async throws -> TransportContract {
        try await contracts(in: session)[0]
    }

    /// The cluster's contracts, the lead first (one with the usual terms until a manager sets them;
    /// a lead stored before there were several is read as the list's only one).
    static func contracts(in session: any StoreSession) async throws -> [TransportContract] {
        if let list = try await session.settings.decoded([TransportContract].self, for: TransportContract.listKey, what: "transport contracts"), !list.isEmpty {
            return list
        }
        return [try await session.settings.decoded(TransportContract.self, for: TransportContract.key, what: "transport contract") ?? TransportContract()]
    }
}
