import SchedulingDomain

/// The organisation's reference data, read by every service.
public struct OrganisationService: Sendable {
    /// Everything a page or integration needs about the organisation in one read.
    public struct Overview: Codable, Sendable, Equatable {
        /// The organisation, if set up.
        public var organisation: Organisation?
        /// Specialties by code.
        public var specialties: [Specialty]
        /// Clinic locations by name.
        public var locations: [ClinicLocation]
        /// Clinicians by name.
        public var clinicians: [Clinician]
    }

    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Reads the overview (office roles only).
    public func overview(by caller: Caller) async throws -> Overview {
        try caller.require(anyOf: Role.office, to: "read the organisation's reference data")
        return try await env.store.read { session in
            Overview(
                organisation: try await session.organisation.organisation(),
                specialties: try await session.organisation.specialties(),
                locations: try await session.organisation.locations(),
                clinicians: try await session.organisation.clinicians())
        }
    }
}
