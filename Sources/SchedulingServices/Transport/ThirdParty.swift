import Foundation
import SchedulingDomain

/// A transport manager's authorisation of a third-party booking a plan job proposes.
public struct ThirdPartyAuthorisation: Codable, Sendable, Equatable {
    public var jobID: SolveJob.ID
    public var journeyID: TransportJourney.ID
    public var providerID: String
    public var pricePence: Int
    public var authorisedBy: String
    public var authorisedAt: Date

    /// Creates a record.
    public init(jobID: SolveJob.ID, journeyID: TransportJourney.ID, providerID: String, pricePence: Int, authorisedBy: String, authorisedAt: Date) {
        self.jobID = jobID
        self.journeyID = journeyID
        self.providerID = providerID
        self.pricePence = pricePence
        self.authorisedBy = authorisedBy
        self.authorisedAt = authorisedAt
    }
}

extension TransportPlanService {
    /// Adds `provider`, or replaces the one with its id, in one write (audited): its own rules are
    /// named by field (`prices.walking`, `dailyLimit`), and the list stays within 50.
    public func saveProvider(_ provider: ThirdPartyProvider, by caller: Caller) async throws -> [ThirdPartyProvider] {
        try caller.require(anyOf: Self.managerRoles, to: "set third-party providers")
        let issues = provider.validate()
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        let now = env.clock.now()
        return try await env.store.write { session in
            let list = try await session.settings.updateList(ThirdPartyProvider.self, for: ThirdPartyProvider.key, what: "third-party providers") { list in
                if let k = list.firstIndex(where: { $0.id == provider.id }) { list[k] = provider } else { list.append(provider) }
                guard list.count <= 50 else { throw ServiceError.invalid([.init(path: "", code: "provider.tooMany", message: "At most 50 providers.")]) }
            }
            try await AuditTrail.record(.init(action: "transport.providers.save", entityType: "transport-provider", entityID: provider.id), by: caller, at: now, in: session)
            return list
        }
    }

    /// Removes the provider `id` (audited); plans already made keep the bookings they proposed.
    public func removeProvider(id: String, by caller: Caller) async throws -> [ThirdPartyProvider] {
        try caller.require(anyOf: Self.managerRoles, to: "set third-party providers")
        let now = env.clock.now()
        return try await env.store.write { session in
            let list = try await session.settings.updateList(ThirdPartyProvider.self, for: ThirdPartyProvider.key, what: "third-party providers") { list in
                guard let k = list.firstIndex(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Provider", id: id) }
                list.remove(at: k)
            }
            try await AuditTrail.record(.init(action: "transport.providers.remove", entityType: "transport-provider", entityID: id), by: caller, at: now, in: session)
            return list
        }
    }
}
