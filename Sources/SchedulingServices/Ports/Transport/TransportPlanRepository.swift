import Foundation
import SchedulingDomain

/// Stores each day's committed journey plan (PT-03), one per day.
public protocol TransportPlanRepository: Sendable {
    /// The plan committed for cluster `cluster`'s day.
    func committed(on date: LocalDate, cluster: String) async throws -> CommittedTransportPlan?
    /// Every cluster's plan committed for a day, by cluster code.
    func committed(on date: LocalDate) async throws -> [CommittedTransportPlan]
    /// Stores `plan` if its cluster's day's stored version is still `previous` (nil: none stored yet).
    /// Returns false, storing nothing, when another commit came first.
    func save(_ plan: CommittedTransportPlan, replacing previous: Int?) async throws -> Bool
}
