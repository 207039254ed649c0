/// Reading and verifying the audit log.
public struct AuditService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Newest entries first (admins only), optionally for one entity.
    public func recent(limit: Int = 100, offset: Int = 0, entityType: String? = nil, entityID: String? = nil, by caller: Caller) async throws -> [AuditEntry] {
        try caller.require(anyOf: [.admin], to: "read the audit log")
        guard (1...1000).contains(limit) else {
            throw ServiceError.invalid([.init(path: "limit", code: "limit.range", message: "limit must be between 1 and 1000.")])
        }
        return try await env.store.read { try await $0.audit.recent(limit: limit, offset: max(0, offset), entityType: entityType, entityID: entityID) }
    }

    /// Recomputes the whole chain and names the first broken entry.
    public func verify(by caller: Caller) async throws -> AuditVerification {
        try caller.require(anyOf: [.admin], to: "verify the audit log")
        return try await env.store.read { try await AuditTrail.verify(in: $0) }
    }
}
