import Foundation
import SchedulingDomain

/// A cluster's day as planning reads it from the store.
extension TransportPlanService {
    /// The stored day of cluster `cluster`: its contracts (its lead first), the day's journeys
    /// under them, its shifts as planning sees them (the fleet's periods off the road taken out,
    /// the crews' training applied), and its committed plan.
    static func day(on date: LocalDate, cluster: String, in session: any StoreSession) async throws -> (TransportDay, CommittedTransportPlan?) {
        let (day, committed, _) = try await dayAndOffRoad(on: date, cluster: cluster, in: session)
        return (day, committed)
    }

    /// ``day(on:cluster:in:)`` and the shifts a period off the road takes out or cuts.
    static func dayAndOffRoad(on date: LocalDate, cluster: String, in session: any StoreSession) async throws -> (TransportDay, CommittedTransportPlan?, [OffRoadShift]) {
        let all = try await TransportBookingService.contracts(in: session)
        // A cluster with no contract of its own yet plans under the lead's standards and carries nothing.
        let contracts = all.filter { $0.cluster == cluster }
        let (shifts, offRoad) = try await TransportBookingService.planningShifts(on: date, cluster: cluster, in: session)
        let journeys = TransportDay.journeys(try await session.transportJourneys.journeys(on: date), under: contracts, lead: all[0])
        let day = TransportDay(date: date, contracts: contracts.isEmpty ? [all[0]] : contracts, journeys: journeys, shifts: shifts)
        return (day, try await session.transportPlans.committed(on: date, cluster: cluster), offRoad)
    }
}
