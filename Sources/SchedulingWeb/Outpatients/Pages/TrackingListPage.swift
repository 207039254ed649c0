import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The patient tracking list page: open pathways by priority then due day, with filters, 100 a
/// page, and its CSV download.
/// The orders the tracking list can be sorted in, by its column headers.
enum TrackingSort: String, CaseIterable, Sendable {
    /// Most urgent first, then by the day each is due (the list's own order).
    case priority
    /// By family name, then given name.
    case patient
    /// Longest wait first.
    case weeks
    /// By the day each is due, earliest first.
    case due
    /// By the 18-week breach date, earliest first.
    case breach
}

extension OutpatientPagesController {
    func trackingList(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let specialty = reader.text("specialtyId").map { Specialty.ID($0) }
        let priorityText = reader.text("priority")
        let minimumWeeks = reader.integer("minWeeks", minimum: 0)
        let breached = reader.text("breached") != nil
        let viewText = reader.text("view")
        let sortText = reader.text("sort")
        let page = reader.integer("page", minimum: 1) ?? 1
        var issues: [ValidationIssue] = []
        let priority = priorityText.flatMap { text -> ClinicalPriority? in
            guard let p = ClinicalPriority(rawValue: text) else {
                issues.append(.init(path: "priority", code: "field.enum", message: "Choose a priority from the list.")); return nil
            }
            return p
        }
        let view = viewText.flatMap { text -> ReferralService.WorklistView? in
            guard let v = ReferralService.WorklistView(rawValue: text) else {
                issues.append(.init(path: "view", code: "field.enum", message: "Choose a view from the list.")); return nil
            }
            return v
        }
        let sort = sortText.flatMap { text -> TrackingSort? in
            guard let s = TrackingSort(rawValue: text) else {
                issues.append(.init(path: "sort", code: "field.enum", message: "The list can be sorted by patient, weeks waited, due day or breach date.")); return nil
            }
            return s
        } ?? .priority
        do { try reader.finish() } catch ServiceError.invalid(let found) {
            issues += found.map { issue in
                var issue = issue
                if issue.path == "minWeeks" { issue.message = "Weeks waited must be a whole number, 0 or more." }
                return issue
            }
        }
        let names = Names(try await shared.organisation.overview(by: caller))
        // Links keep the filters and the view; the sort and the page are set per link.
        let safe = CharacterSet.alphanumerics.union(.init(charactersIn: "-_."))
        let kept = request.uri.queryParameters.filter { !["page", "sort"].contains(String($0.key)) && !$0.value.isEmpty }
            .map { "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: safe) ?? "")" }
        let filters = kept.filter { !$0.hasPrefix("view=") }
        var data: [String: Any] = [
            "specialties": names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == specialty] },
            "priorities": ClinicalPriority.allCases.map { ["id": $0.rawValue, "label": Display.priority($0), "selected": $0 == priority] },
            "minWeeks": request.uri.queryParameters.get("minWeeks") ?? "", "breached": breached,
            "view": view?.rawValue as Any, "viewTitle": view?.title as Any,
            "views": [["href": "?" + filters.joined(separator: "&"), "title": "All open pathways", "current": view == nil]]
                + ReferralService.WorklistView.allCases.map { v in
                    ["href": "?" + (filters + ["view=\(v.rawValue)"]).joined(separator: "&"), "title": v.title, "current": v == view]
                },
            "sorts": TrackingSort.allCases.reduce(into: [String: Any]()) { links, s in
                links[s.rawValue] = ["href": "?" + (kept + (s == .priority ? [] : ["sort=\(s.rawValue)"])).joined(separator: "&"), "current": s == sort,
                                     "ariaSort": s == sort ? (s == .weeks ? "descending" : "ascending") : "none"]
            },
        ]
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues))
            data.merge(problem.data) { $1 }
            return try pages.page("outpatients/tracking", title: "Patient tracking list", data, context: context, status: problem.status)
        }
        let filter = PatientTrackingList.Filter(specialtyID: specialty, priority: priority, minimumWeeks: minimumWeeks, breachedOnly: breached)
        let list = try await outpatients.referrals.trackingList(filter, view: view, by: caller)
        var entries = list.entries
        switch sort {
        case .priority: break
        case .weeks: entries.sort { ($0.daysWaited, $1.referralID) > ($1.daysWaited, $0.referralID) }
        case .due: entries.sort { ($0.dueBy, -$0.daysWaited, $0.referralID) < ($1.dueBy, -$1.daysWaited, $1.referralID) }
        case .breach: entries.sort { ($0.breachDate, $0.referralID) < ($1.breachDate, $1.referralID) }
        case .patient:
            let patients = try await outpatients.referrals.worklistPatients(entries.map { $0.patientID }, by: caller)
            let key = { (e: PatientTrackingList.Entry) -> (String, String, String) in
                let p = patients[e.patientID]
                return ((p?.familyName ?? "").lowercased(), (p?.givenName ?? "").lowercased(), e.referralID.rawValue)
            }
            entries.sort { key($0) < key($1) }
        }
        let pageSize = 100
        let shown = entries.dropFirst((page - 1) * pageSize).prefix(pageSize)
        var query = (kept + (sort == .priority ? [] : ["sort=\(sort.rawValue)"])).joined(separator: "&")
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
                    "specialty": names.specialties[e.specialtyID] ?? "Unknown specialty", "received": Display.day(e.received), "weeks": e.weeksWaited, "weeksTitle": Display.weeks(e.weeksWaited),
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
