import Foundation
import SchedulingDomain

/// The day-before confirmation calls (PT-06): the list of journeys still to confirm, with the
/// patient's phone, and each call's outcome — confirmed, declined (the journey is cancelled), or no
/// answer (call again). Outcomes are audited; the patient's details never are.
public struct ConfirmationCallService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// One journey to call about, with the patient.
    public struct Entry: Sendable, Equatable {
        public var journey: TransportJourney
        public var patient: Patient?
    }

    /// The day's live journeys not yet under way, those still to confirm first (fewest calls
    /// first), then by time.
    public func list(on date: LocalDate, by caller: Caller) async throws -> [Entry] {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "read the confirmation call list")
        return try await env.store.read { session in
            let journeys = try await session.transportJourneys.journeys(on: date).filter { [.booked, .confirmed, .planned].contains($0.status) }
            let patients = Dictionary(try await session.patients.find(ids: Array(Set(journeys.map(\.patientID)))).map { ($0.id, $0) },
                                      uniquingKeysWith: { a, _ in a })
            return journeys.map { Entry(journey: $0, patient: patients[$0.patientID]) }.sorted { a, b in
                let x = a.journey, y = b.journey
                return (x.calls.last == .confirmed ? 1 : 0, x.calls.attempts, x.time, x.id.rawValue) < (y.calls.last == .confirmed ? 1 : 0, y.calls.attempts, y.time, y.id.rawValue)
            }
        }
    }

    /// Records a call's outcome (`confirmed`, `declined` or `no-answer`), audited.
    public func record(journeyID: TransportJourney.ID, outcome: String?, by caller: Caller) async throws -> TransportJourney {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "record confirmation calls")
        var c = ValidationCollector()
        guard let result = c.requireChoice(outcome, TransportJourney.CallOutcome.self, at: "outcome") else { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now()
        return try await env.store.write { session in
            guard var journey = try await session.transportJourneys.find(id: journeyID) else { throw ServiceError.notFound(entity: "Journey", id: journeyID.rawValue) }
            do throws(DomainRuleBroken) { try journey.recordCall(result) } catch { throw ServiceError.conflict(code: error.code, message: error.message) }
            try await session.transportJourneys.update(journey)
            try await AuditTrail.record(.init(action: "transport.journey.call", entityType: "transport-journey", entityID: journeyID.rawValue,
                                              detail: "outcome=\(result.rawValue) attempts=\(journey.calls.attempts)"), by: caller, at: now, in: session)
            return journey
        }
    }
}
