import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The reports page: 18-week performance, the list's shape, breaches, utilisation, DNA rate and
/// the what-if projection.
extension OutpatientPagesController {
    func reports(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        let parameters = request.uri.queryParameters
        var reader = QueryReader(parameters)
        let specialty = reader.text("specialtyId").map { Specialty.ID($0) }
        let extra = reader.integer("extraPerWeek", minimum: 0) ?? 0
        let weeks = reader.integer("weeks", minimum: 1) ?? 26
        let names = Names(try await shared.organisation.overview(by: caller))
        // The form keeps what was typed, right or wrong.
        var data: [String: Any] = [
            "specialties": names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == specialty] },
            "extraPerWeek": parameters.get("extraPerWeek") ?? "\(extra)", "weeks": parameters.get("weeks") ?? "\(weeks)",
        ]
        let report: WaitingListReport, check: ReportService.ProjectionCheck
        do {
            try reader.finish()
            report = try await outpatients.reports.waitingList(specialtyID: specialty, by: caller)
            check = try await outpatients.reports.projectionCheck(.init(specialtyID: specialty, weeks: weeks, extraPerWeek: extra), by: caller)
        } catch let error as ServiceError {
            // A bad figure: the form again with the error beside its field, not a dead end.
            let problem = PageRenderer.formProblem(error)
            data.merge(problem.data) { $1 }
            return try pages.page("outpatients/reports", title: "Waiting-list reports", data, context: context, status: problem.status)
        }
        let projection = check.projection
        data.merge([
            "shown": true,
            "chart": "/reports/waiting-list-shape.svg" + (specialty.map { "?specialtyId=\($0.rawValue)" } ?? ""),
            "asOf": Display.day(report.asOf), "waiting": report.waiting, "breached": report.breached,
            "withinStandard": Self.percent(report.withinStandard, of: report.waiting) as Any,
            "bySpecialty": report.bySpecialty.map { ["name": $0.name, "waiting": $0.waiting, "breached": $0.breached,
                                                     "withinStandard": Self.percent($0.withinStandard, of: $0.waiting) as Any, "longestWeeks": $0.longestWeeks] },
            "utilisation": ["from": Display.day(report.utilisation.from), "through": Display.day(report.utilisation.through), "slots": report.utilisation.slots,
                            "booked": report.utilisation.booked, "rate": Self.percent(report.utilisation.rate), "cancelled": report.utilisation.cancelled],
            "attendance": ["attended": report.attendance.attended, "dna": report.attendance.dna, "unrecorded": report.attendance.unrecorded,
                           "dnaRate": Self.percent(report.attendance.dnaRate)],
            "projection": [
                "capacity": projection.assumptions.capacityPerWeek, "extra": projection.assumptions.extraPerWeek,
                "referrals": projection.assumptions.referralsPerWeek, "urgentShare": Self.percent(projection.assumptions.urgentShare),
                "dnaRate": Self.percent(check.dnaRate), "gap": Self.percent(check.largestGap), "agrees": check.largestGap <= 0.1,
                "over18": projection.startOver18Weeks, "weeksToClear": projection.weeksToClear.map { "\($0)" } ?? "not within \(weeks) weeks",
                "weeksTo92": projection.weeksTo92Percent.map { "\($0)" } ?? "not within \(weeks) weeks",
                "chart": ProjectionChart.svg(projection, simulation: check.simulation),
                "series": zip(projection.series, check.simulation).filter { $0.0.week % 4 == 0 || $0.0.week == projection.series.count }.map { p, s in
                    ["week": p.week, "starting": Display.day(p.starting), "waiting": p.waiting, "over18": p.over18Weeks, "within": Self.percent(p.withinStandard),
                     "simWaiting": s.waiting, "simOver18": s.over18Weeks]
                },
            ] as [String: Any],
        ]) { $1 }
        return try pages.page("outpatients/reports", title: "Waiting-list reports", data, context: context)
    }
}
