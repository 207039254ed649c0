import Foundation
import SchedulingDomain

/// A list the transport office keeps as one setting (the clusters, the contracts, the fleet, the
/// bases, the third-party providers): where it is stored, what the audit calls its items, and how
/// it is read (with its defaults).
struct SettingsList<Item: Codable & Sendable>: Sendable {
    let key: String
    let entityType: String
    let read: @Sendable (any StoreSession) async throws -> [Item]

    /// Reads the list, applies `edit`, stores it and audits `action` on the item `id`, in one
    /// write: two editors cannot lose each other's change.
    @discardableResult
    func change(in env: ServiceEnvironment, id: String, action: String, by caller: Caller,
                _ edit: @escaping @Sendable (inout [Item], any StoreSession) async throws -> Void) async throws -> [Item]
    {
        let now = env.clock.now()
        return try await env.store.write { session in
            var items = try await read(session)
            try await edit(&items, session)
            try await session.settings.setEncoded(items, for: key)
            try await AuditTrail.record(.init(action: action, entityType: entityType, entityID: id), by: caller, at: now, in: session)
            return items
        }
    }
}

extension TransportBookingService {
    static let clusterList = SettingsList<TransportCluster>(key: TransportCluster.key, entityType: "transport-cluster") { try await clusters(in: $0) }
    static let contractList = SettingsList<TransportContract>(key: TransportContract.listKey, entityType: "transport-contract") { try await contracts(in: $0) }
    static let fleetList = SettingsList<TransportVehicle>(key: TransportVehicle.key, entityType: "transport-vehicle") { try await vehicles(in: $0) }
    static let baseList = SettingsList<TransportBase>(key: TransportBase.key, entityType: "transport-base") { try await bases(in: $0) }

    /// Changes `list` as ``SettingsList/change(in:id:action:by:_:)`` does.
    @discardableResult
    func change<Item>(_ list: SettingsList<Item>, id: String, action: String, by caller: Caller,
                      _ edit: @escaping @Sendable (inout [Item], any StoreSession) async throws -> Void) async throws -> [Item]
    {
        try await list.change(in: env, id: id, action: action, by: caller, edit)
    }
}

extension TransportPlanService {
    static let providerList = SettingsList<ThirdPartyProvider>(key: ThirdPartyProvider.key, entityType: "transport-provider") { try await providers(in: $0) }
}

/// An item of such a list, known by its code and named.
protocol CodedItem {
    var id: String { get }
    var name: String { get }
}
extension TransportCluster: CodedItem {}
extension TransportContract: CodedItem {}
extension TransportVehicle: CodedItem {}
extension TransportBase: CodedItem {}
extension ThirdPartyProvider: CodedItem {}

extension Array where Element: CodedItem {
    /// Puts `item` in place of the one with its code, or at the end; more than `maximum` is
    /// refused as `code` with `message`, naming the item's code field.
    mutating func put(_ item: Element, maximum: Int, code: String, message: String) throws(ServiceError) {
        if let k = firstIndex(where: { $0.id == item.id }) { self[k] = item } else { append(item) }
        guard count <= maximum else { throw .invalid([.init(path: "id", code: code, message: message)]) }
    }

    /// The issue `code` when an item other than `item` has its name (whatever the case): each
    /// `what` ("cluster", "vehicle") needs a name of its own.
    func nameTaken(by item: Element, code: String, what: String) -> ValidationIssue? {
        guard contains(where: { $0.id != item.id && $0.name.lowercased() == item.name.lowercased() }) else { return nil }
        return .init(path: "name", code: code, message: "name: another \(what) is called \(item.name).")
    }
}
