import Foundation
import SchedulingDomain

/// The contract's indicators (PT-08) per day: the committed plan's promise, the crews' records,
/// income and third-party spend, and each journey planned against actual (PT-07). For the
/// transport office and its managers.
public struct TransportReportService: Sendable {
    private let env: ServiceEnvironment

    /// Most days one report covers.
    public static let maximumDays = 62

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Cluster `cluster`'s contracts (nil: the first cluster's; its lead first) and its report per
    /// day from `from` to `to` (both included), each with every contract's share.
    public func reports(from: LocalDate, to: LocalDate, cluster: String? = nil, by caller: Caller) async throws -> (contracts: [TransportContract], days: [TransportDayReport]) {
        try caller.require(anyOf: TransportBookingService.officeRoles, to: "read transport reports")
        guard from <= to else {
            throw ServiceError.invalid([.init(path: "to", code: "report.order", message: "to \(to) is before from \(from).")])
        }
        var dates: [LocalDate] = [from]
        while let last = dates.last, last < to {
            guard dates.count < Self.maximumDays else {
                throw ServiceError.invalid([.init(path: "to", code: "report.tooLong", message: "A report covers at most \(Self.maximumDays) days; choose a shorter span.")])
            }
            dates.append(last.adding(days: 1))
        }
        let span = dates
        return try await env.store.read { session in
            let code = try await TransportBookingService.cluster(cluster, at: "cluster", in: session).id
            var days: [TransportDayReport] = [], contracts: [TransportContract] = []
            for date in span {
                let (day, committed) = try await TransportPlanService.day(on: date, cluster: code, in: session)
                contracts = day.contracts
                days.append(TransportDayReport.of(day, plan: committed?.plan, version: committed?.version,
                                                  thirdParty: committed?.thirdParty.map { ($0.journeyID, $0.pricePence) } ?? [],
                                                  contracts: contracts))
            }
            return (contracts, days)
        }
    }
}
