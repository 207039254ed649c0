import Foundation
import Planning
import SchedulingDomain

/// A cluster's day as planning reads it from the store, and the third-party providers it shares
/// with the other clusters.
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

    /// The providers planning may offer cluster `cluster`'s journeys on `date` to — each daily
    /// limit less what the other clusters' committed plans already give it that day (a provider
    /// with none left is not offered) — and the cost of driving of the cluster's lead contract.
    static func outsourcing(of cluster: String, on date: LocalDate, in session: any StoreSession) async throws -> TransportOutsourcing {
        let all = try await TransportBookingService.contracts(in: session)
        let contract = all.first { $0.cluster == cluster } ?? all[0]
        let used = try await usedByOthers(than: cluster, on: date, in: session)
        let providers = try await providers(in: session).compactMap { p -> ThirdPartyProvider? in
            var left = p
            left.dailyLimit -= used[p.id, default: 0]
            return left.dailyLimit > 0 ? left : nil
        }
        return TransportOutsourcing(providers: providers, fleetPencePerKm: contract.fleetPencePerKm ?? TransportContract.defaultFleetPencePerKm,
                                    overtimePencePerCrewHour: contract.overtimePencePerCrewHour ?? TransportContract.defaultOvertimePencePerCrewHour)
    }

    /// Throws a conflict when `bookings` and the other clusters' committed plans on `date` give a
    /// provider more journeys than its daily limit (another cluster committed in between).
    static func checkProviderLimits(_ bookings: [ThirdPartyBooking], cluster: String, on date: LocalDate, in session: any StoreSession) async throws {
        guard !bookings.isEmpty else { return }
        let used = try await usedByOthers(than: cluster, on: date, in: session)
        for provider in try await providers(in: session) {
            let mine = bookings.filter { $0.providerID == provider.id }.count
            guard mine > 0, used[provider.id, default: 0] + mine > provider.dailyLimit else { continue }
            throw ServiceError.conflict(code: "plan.providerFull",
                                        message: "\(provider.name) takes at most \(provider.dailyLimit) journeys a day and other clusters' plans give it \(used[provider.id, default: 0]) on \(date); plan this cluster again.")
        }
    }

    /// Journeys per provider in the committed plans of every cluster but `cluster` on `date`.
    private static func usedByOthers(than cluster: String, on date: LocalDate, in session: any StoreSession) async throws -> [String: Int] {
        var used: [String: Int] = [:]
        for plan in try await session.transportPlans.committed(on: date) where plan.clusterID != cluster {
            for booking in plan.thirdParty { used[booking.providerID, default: 0] += 1 }
        }
        return used
    }
}
