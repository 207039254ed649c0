import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The reports page: 18-week performance, the list's shape, breaches, utilisation, DNA rate and
/// the what-if projection.
extension OutpatientPagesController {
    func reports(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let specialty = reader.text("specialtyId").map { Specialty.ID($0) }
        let extra = reader.integer("extraPerWeek", minimum: 0) ?? 0
        let weeks = reader.integer("weeks", minimum: 1) ?? 26
        try reader.finish()
        let report = try await outpatients.reports.waitingList(specialtyID: specialty, by: caller)
        let projection = try await outpatients.reports.projection(.init(specialtyID: specialty, weeks: weeks, extraPerWeek: extra), by: caller)
        let names = Names(try await shared.organisation.overview(by: caller))
        let data: [String: Any] = [
            "specialties": names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == specialty] },
            "chart": "/reports/waiting-list-shape.svg" + (specialty.map { "?specialtyId=\($0.rawValue)" } ?? ""),
            "asOf": report.asOf.iso, "waiting": report.waiting, "breached": report.breached, "withinStandard": Self.percent(report.withinStandard, of: report.waiting) as Any,
            "bySpecialty": report.bySpecialty.map { ["name": $0.name, "waiting": $0.waiting, "breached": $0.breached,
                                                     "withinStandard": Self.percent($0.withinStandard, of: $0.waiting) as Any, "longestWeeks": $0.longestWeeks] },
            "utilisation": ["from": report.utilisation.from.iso, "through": report.utilisation.through.iso, "slots": report.utilisation.slots,
                            "booked": report.utilisation.booked, "rate": Self.percent(report.utilisation.rate), "cancelled": report.utilisation.cancelled],
            "attendance": ["attended": report.attendance.attended, "dna": report.attendance.dna, "unrecorded": report.attendance.unrecorded,
                           "dnaRate": Self.percent(report.attendance.dnaRate)],
            "extraPerWeek": extra, "weeks": weeks,
            "projection": [
                "capacity": projection.assumptions.capacityPerWeek, "referrals": projection.assumptions.referralsPerWeek,
                "over18": projection.startOver18Weeks, "weeksToClear": projection.weeksToClear.map(String.init) ?? "not within \(weeks) weeks",
                "weeksTo92": projection.weeksTo92Percent.map(String.init) ?? "not within \(weeks) weeks",
                "series": projection.series.filter { $0.week % 4 == 0 || $0.week == projection.series.count }.map {
                    ["week": $0.week, "starting": $0.starting.iso, "waiting": $0.waiting, "over18": $0.over18Weeks, "within": Self.percent($0.withinStandard)]
                },
            ] as [String: Any],
        ]
        return try pages.page("outpatients/reports", title: "Waiting-list reports", data, context: context)
    }
}
