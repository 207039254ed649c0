import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/reports/…` and the waiting-list chart (OP-12, BR-04).
struct ReportsController {
    let outpatients: OutpatientServices

    func register(_ routes: RouteRegistrar) {
        routes.add(OutpatientRoutes.apiReportWaitingList) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let specialty = reader.text("specialtyId").map { Specialty.ID($0) }
            let days = reader.integer("days", minimum: 1) ?? 28
            try reader.finish()
            let report = try await outpatients.reports.waitingList(specialtyID: specialty, days: days, by: context.caller())
            return try JSONResponse(value: report).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiReportProjection) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let projection = ReportService.ProjectionRequest(
                specialtyID: reader.text("specialtyId").map { .init($0) }, weeks: reader.integer("weeks", minimum: 1) ?? 26,
                extraPerWeek: reader.integer("extraPerWeek", minimum: 0) ?? 0, capacityPerWeek: reader.integer("capacityPerWeek", minimum: 0),
                referralsPerWeek: reader.integer("referralsPerWeek", minimum: 0))
            try reader.finish()
            let result = try await outpatients.reports.projection(projection, by: context.caller())
            return try JSONResponse(value: result).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.waitingListChart) { request, context in
            let specialty = request.uri.queryParameters.get("specialtyId").map { Specialty.ID($0) }
            let report = try await outpatients.reports.waitingList(specialtyID: specialty, by: context.caller())
            let name = report.bySpecialty.first { $0.specialtyID == specialty }?.name
            let svg = WaitingListChart.svg(report.shape, title: "Waiting list by weeks waited" + (name.map { ": \($0)" } ?? ""))
            return Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"], body: .init(byteBuffer: .init(string: svg)))
        }
    }
}
