import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The patient tracking list page: open pathways by priority then due day, with filters, 100 a
/// page, and its CSV download.
extension OutpatientPagesController {
    func trackingList(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let specialty = reader.text("specialtyId").map { Specialty.ID($0) }
        let priorityText = reader.text("priority")
        let minimumWeeks = reader.integer("minWeeks", minimum: 0)
        let breached = reader.text("breached") != nil
        let page = reader.integer("page", minimum: 1) ?? 1
        var issues: [ValidationIssue] = []
        let priority = priorityText.flatMap { text -> ClinicalPriority? in
            guard let p = ClinicalPriority(rawValue: text) else {
                issues.append(.init(path: "priority", code: "field.enum", message: "priority must be one of: \(ClinicalPriority.allCases.map(\.rawValue).joined(separator: ", ")).")); return nil
            }
            return p
        }
        do { try reader.finish() } catch ServiceError.invalid(let found) { issues += found }
        let names = Names(try await shared.organisation.overview(by: caller))
        var data: [String: Any] = [
            "specialties": names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == specialty] },
            "priorities": ClinicalPriority.allCases.map { ["id": $0.rawValue, "label": Display.priority($0), "selected": $0 == priority] },
            "minWeeks": minimumWeeks.map(String.init) ?? "", "breached": breached,
        ]
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues))
            data.merge(problem.data) { $1 }
            return try pages.page("outpatients/tracking", title: "Patient tracking list", data, context: context, status: problem.status)
        }
        let list = try await outpatients.referrals.trackingList(
            .init(specialtyID: specialty, priority: priority, minimumWeeks: minimumWeeks, breachedOnly: breached), by: caller)
        let pageSize = 100
        let shown = list.entries.dropFirst((page - 1) * pageSize).prefix(pageSize)
        let safe = CharacterSet.alphanumerics.union(.init(charactersIn: "-_."))
        var query = request.uri.queryParameters.filter { $0.key != "page" && !$0.value.isEmpty }
            .map { "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: safe) ?? "")" }.joined(separator: "&")
        if !query.isEmpty { query += "&" }
        data["count"] = list.entries.count
        data["breachedCount"] = list.entries.filter(\.breached).count
        data["withinStandard"] = Self.percent(list.withinStandard, of: list.entries.count) as Any
        let rows = try await outpatients.referrals.worklist(Array(shown), by: caller)
        let today = shared.environment.today
        data["entries"] = shown.map { e -> [String: Any] in
            let row = rows[e.referralID]
            let booking: String
            switch row?.booking {
            case .booked(let day, let time)?: booking = "Booked \(Display.dateTime(day, time))"
            case .awaitingDecision?: booking = "DNA: decision pending"
            case .toBook?, nil: booking = e.seenOn == nil ? "To book" : "Seen; follow-up to book"
            }
            return ["referralId": e.referralID.rawValue, "priority": Display.priorityShort(e.priority), "priorityTitle": Display.priority(e.priority),
                    "urgent": e.priority.isUrgent,
                    "patient": row.map { "\($0.patient.familyName), \($0.patient.givenName)" } ?? "Unknown patient",
                    "nhsNumber": row?.patient.nhsNumber.formatted ?? "", "booking": booking,
                    "toBook": row?.booking == .toBook && e.seenOn == nil,
                    "overdue": e.dueBy < today && e.seenOn == nil,
                    "specialty": names.specialties[e.specialtyID] ?? "Unknown specialty", "received": Display.day(e.received), "weeks": e.weeksWaited,
                    "breachDate": Display.day(e.breachDate), "dueBy": Display.day(e.dueBy), "breached": e.breached,
                    "seenOn": e.seenOn.map(Display.day) as Any]
        }
        data["csv"] = "/outpatients/tracking-list.csv" + (query.isEmpty ? "" : "?" + query.dropLast())
        data["empty"] = list.entries.isEmpty
        data["range"] = list.entries.isEmpty ? "" : "\((page - 1) * pageSize + 1)–\((page - 1) * pageSize + shown.count) of \(list.entries.count)"
        if page > 1 { data["previous"] = "?\(query)page=\(page - 1)" }
        if page * pageSize < list.entries.count { data["next"] = "?\(query)page=\(page + 1)" }
        return try pages.page("outpatients/tracking", title: "Patient tracking list", data, context: context)
    }

    /// The CSV download of the list with the page's filters (audited).
    func trackingListCSV(_ request: Request, context: KairosRequestContext) async throws -> Response {
        try await ReferralsAPIController.trackingListCSV(request, context: context, shared: shared, outpatients: outpatients)
    }
}
