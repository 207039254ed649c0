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
        return try await Self.providerList.change(in: env, id: provider.id, action: "transport.providers.save", by: caller) { list, _ in
            try list.put(provider, maximum: 50, code: "provider.tooMany", message: "At most 50 providers.")
        }
    }

    /// Removes the provider `id` (audited); plans already made keep the bookings they proposed.
    public func removeProvider(id: String, by caller: Caller) async throws -> [ThirdPartyProvider] {
        try caller.require(anyOf: Self.managerRoles, to: "set third-party providers")
        return try await Self.providerList.change(in: env, id: id, action: "transport.providers.remove", by: caller) { list, _ in
            guard let k = list.firstIndex(where: { $0.id == id }) else { throw ServiceError.notFound(entity: "Provider", id: id) }
            list.remove(at: k)
        }
    }
}
