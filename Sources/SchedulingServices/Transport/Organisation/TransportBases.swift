import Foundation
import SchedulingDomain

/// The bases vehicles leave from, on record (PT-02): set by a transport manager, chosen by name
/// when a shift is added, and named on the board and the crews' run sheets.
extension TransportBookingService {
    /// The bases, in the order they were set.
    public func bases(by caller: Caller) async throws -> [TransportBase] {
        try caller.require(anyOf: Self.officeRoles, to: "read transport bases")
        return try await env.store.read { try await Self.bases(in: $0) }
    }

    /// Sets the bases (audited). Shifts already made keep the place and name they were made with.
    public func setBases(_ bases: [TransportBase], by caller: Caller) async throws -> [TransportBase] {
        try caller.require(anyOf: Self.contractRoles, to: "set transport bases")
        var c = ValidationCollector()
        for (k, base) in bases.enumerated() { c.add(contentsOf: base.validate(), under: "[\(k)]") }
        if Set(bases.map(\.id)).count != bases.count { c.add("", "base.duplicate", "Each base needs its own id.") }
        if Set(bases.map { $0.name.lowercased() }).count != bases.count { c.add("", "base.duplicateName", "Each base needs its own name.") }
        if bases.count > 50 { c.add("", "base.tooMany", "At most 50 bases.") }
        guard c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now()
        try await env.store.write { session in
            try await session.settings.setEncoded(bases, for: TransportBase.key)
            try await AuditTrail.record(.init(action: "transport.bases.set", entityType: "transport-bases", entityID: TransportBase.key,
                                              detail: "bases=\(bases.count)"), by: caller, at: now, in: session)
        }
        return bases
    }

    static func bases(in session: any StoreSession) async throws -> [TransportBase] {
        try await session.settings.decoded([TransportBase].self, for: TransportBase.key, what: "transport bases") ?? []
    }

    /// Where a new shift leaves from: the base on record `input` names, or the place it gives.
    func base(of input: ShiftInput, _ c: inout ValidationCollector) async throws -> (place: Coordinates, name: String?)? {
        switch (input.baseID, input.base) {
        case (let id?, nil):
            let known = try await env.store.read { try await Self.bases(in: $0) }
            guard let base = known.first(where: { $0.id == id }) else {
                c.add("baseID", "shift.unknownBase", "baseID: \(id) is not a base on record\(known.isEmpty ? "" : " (\(known.map(\.id).joined(separator: ", ")))").")
                return nil
            }
            return (base.location, base.name)
        case (nil, let place?):
            return (place, nil)
        case (_?, _?):
            c.add("baseID", "shift.twoBases", "Give baseID or base, not both.")
            return nil
        case (nil, nil):
            c.add("baseID", "field.required", "baseID (a base on record) or base (its coordinates) is required.")
            return nil
        }
    }
}

extension TransportBookingService {
    /// Adds `base`, or replaces the one with its id, in one write (audited); its rules are named
    /// by field, and no two bases share a name.
    public func saveBase(_ base: TransportBase, by caller: Caller) async throws -> [TransportBase] {
        try caller.require(anyOf: Self.contractRoles, to: "set transport bases")
        let issues = base.validate()
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        return try await change(Self.baseList, id: base.id, action: "transport.bases.save", by: caller) { list, _ in
            if let taken = list.nameTaken(by: base, code: "base.duplicateName", what: "base") { throw ServiceError.invalid([taken]) }
            try list.put(base, maximum: 50, code: "base.tooMany", message: "At most 50 bases.")
        }
    }

    /// Removes the base `id` (audited); shifts made from it keep its name and place.
    public func removeBase(id: String, by caller: Caller) async throws -> [TransportBase] {
        try caller.require(anyOf: Self.contractRoles, to: "set transport bases")
        return try await change(Self.baseList, id: id, action: "transport.bases.remove", by: caller) { list, _ in
            guard let k = list.firstIndex(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Base", id: id) }
            list.remove(at: k)
        }
    }
}
