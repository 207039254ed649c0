import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The day board (PT-03, PT-09): the committed plan's vehicles on a timeline and on the map, the
/// journeys it leaves out with their reasons, the indicators, the day's journeys and shifts, and
/// the forms that plan the day or re-plan it after a breakdown.
extension TransportPagesController {
    func dayPage(_ date: LocalDate, cluster: String? = nil, issues: [ValidationIssue] = [], extra: [String: Any], context: KairosRequestContext,
                 status: HTTPResponse.Status = .ok) async throws -> Response
    {
        let caller = try context.caller()
        let board = try await transport.plans.board(on: date, cluster: cluster, by: caller)
        let patients = try await transport.bookings.patients(of: board.day.journeys, by: caller)
        var data: [String: Any] = ["date": date.iso, "day": Display.day(date), "previous": date.adding(days: -1).iso, "next": date.adding(days: 1).iso]
        data.merge(Self.clusterChoice(board.cluster, among: board.clusters)) { $1 }
        data["mapCluster"] = board.cluster.id
        if !issues.isEmpty { data.merge(PageRenderer.formProblem(.invalid(issues)).data) { $1 } }
        let planned = board.committed?.plan.pickups ?? [:]
        let vehicles = Dictionary(board.day.shifts.map { ($0.id, $0.vehicleName) }, uniquingKeysWith: { a, _ in a })
        let contractNames = Dictionary(board.day.contracts.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        data["journeys"] = board.day.journeys.map { j -> [String: Any] in
            var row = Self.journeyRow(j, patients)
            // A journey under a contract other than the cluster's first says which.
            if let id = j.contractID, id != board.day.contracts.first?.id, let name = contractNames[id] { row["contract"] = name }
            if let (shift, pickup) = planned[j.id] {
                row["vehicle"] = vehicles[shift] ?? ""
                row["pickup"] = TransportCharts.clock(pickup)
            }
            return row
        }
        // Shifts a period off the road takes out or cuts, in a planner's words.
        data["offRoad"] = board.offRoad.map { o -> [String: Any] in
            let when = "\(o.shift.vehicleName), off the road \(Self.span(o.period)) (\(o.period.reason))"
            guard let left = o.left else { return ["note": when + ": its shift \(Display.time(o.shift.start))–\(Display.time(o.shift.end)) is not planned."] }
            var row: [String: Any] = ["note": when + ": its shift \(Display.time(o.shift.start))–\(Display.time(o.shift.end)) is planned \(Display.time(left.start))–\(Display.time(left.end))."]
            // Back from the workshop within the shift: the crew may carry on in a second shift.
            if o.shift.split(around: o.period, afterID: o.shift.id) != nil {
                row["splitShiftId"] = o.shift.id.rawValue
                row["splitLabel"] = "Carry on from \(Display.time(o.period.to.time)) to \(Display.time(o.shift.end)) (a second shift, same crew)"
            }
            return row
        }
        data["hasOffRoad"] = !board.offRoad.isEmpty
        data["journeyCount"] = board.day.journeys.count
        data["liveCount"] = board.day.liveJourneys.count
        let backs = Dictionary((board.committed?.plan.runs ?? []).map { ($0.shiftID, $0.back) }, uniquingKeysWith: { a, _ in a })
        data["shifts"] = board.day.shifts.map { s -> [String: Any] in
            [
                "id": s.id.rawValue, "vehicle": s.vehicleName, "space": s.spaceDescription,
                "hours": "\(Display.time(s.start))–\(Display.time(s.end))", "overtime": Self.overtime(of: s, back: backs[s.id]) as Any,
                "base": s.baseName ?? "Its own base",
                "crew": (s.crewSize == 2 ? "Two" : "One") + (s.bariatric ? ", bariatric" : "") + (s.crewSize == 2 && !s.stretcherTrained ? ", not trained for stretchers" : ""),
                "break": s.restBreak.map { "\($0.minutes) min between \(Display.time($0.earliest)) and \(Display.time($0.latest))" } ?? "None",
                "selected": (extra["breakdownShiftId"] as? String) == s.id.rawValue,
            ]
        }
        data["hasShifts"] = !board.day.shifts.isEmpty
        if let committed = board.committed, let kpis = board.kpis {
            data["committed"] = ["version": committed.version, "at": Display.instant(committed.committedAt)]
            data["kpis"] = Self.kpiFacts(kpis, thirdParty: committed.thirdParty)
            data.merge(Self.board(board.day, plan: committed.plan, patients: patients, title: "Plan for \(Display.day(date))", thirdParty: committed.thirdParty,
                                  mapVehicle: extra["mapVehicle"] as? String, tiles: board.mapTiles)) { $1 }
            data["mapAction"] = "/transport/day#map-head"
            data["mapCluster"] = board.cluster.id
            data.merge(Self.editForm(board.day, plan: committed.plan, patients: patients, action: "/transport/day/edits", extra: extra)) { $1 }
        }
        if let committed = board.committed, committed.basis != TransportPlanService.fingerprint(board.day) {
            data["dayChanged"] = true
        }
        let chosenReady = extra["readyJourneyId"] as? String
        data["readyJourneys"] = board.day.journeys.filter { $0.direction == .home && $0.isLive && $0.progress.pickedUp == nil }
            .sorted { ($0.time, $0.id.rawValue) < ($1.time, $1.id.rawValue) }
            .map { j -> [String: Any] in
                let row = Self.journeyRow(j, patients)
                return ["id": j.id.rawValue, "label": "\(row["patient"] ?? ""), ready \(row["time"] ?? "")", "selected": chosenReady == j.id.rawValue]
            }
        data["hasReadyJourneys"] = !(data["readyJourneys"] as? [Any] ?? []).isEmpty
        data["readyTime"] = extra["readyTime"] as? String ?? ""
        data["canPlan"] = !board.day.liveJourneys.isEmpty && !board.day.shifts.isEmpty
        data["breakdownAt"] = extra["breakdownAt"] as? String ?? ""
        data.merge(try await shiftChoices(cluster: board.cluster, extra: extra, caller: caller)) { $1 }
        data.merge(extra) { $1 }
        return Self.allowingTiles(try pages.page("transport/day", title: "Transport day board", data, context: context, status: status), board.mapTiles)
    }

    struct PlanForm: Decodable {
        var csrf: String?
        var date: String?
        var timeLimitSeconds: String?
        var breakdownAt: String?
        var breakdownShiftId: String?
        var cluster: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", date, timeLimitSeconds, breakdownAt, breakdownShiftId, cluster }
    }

    /// `&cluster=…` for a link to cluster `code`'s pages: empty for the first (or a code that is none).
    static func clusterQuery(_ code: String?) -> String {
        guard let code, code != TransportCluster.mainID, TransportContract.isCode(code) else { return "" }
        return "&cluster=\(code)"
    }

    /// The cluster shown and the others to choose (only when there are several), and the query
    /// that keeps it on the page's links (`&cluster=…`; empty for the first).
    static func clusterChoice(_ cluster: TransportCluster, among clusters: [TransportCluster]) -> [String: Any] {
        var data: [String: Any] = ["cluster": cluster.id, "clusterQuery": clusterQuery(cluster.id)]
        if clusters.count > 1 {
            data["clusterName"] = cluster.name
            data["clusters"] = clusters.map { ["id": $0.id, "name": $0.name, "current": $0.id == cluster.id] as [String: Any] }
        }
        return data
    }

    /// Starts a plan job (or a re-plan, with a breakdown) and goes to it; the board again with the error if it cannot start.
    func submitPlan(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(PlanForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let replan = form.breakdownShiftId != nil || form.breakdownAt != nil
        let seconds = form.timeLimitSeconds.flatMap { Int($0) }
        let plan = TransportPlanService.PlanRequest(
            date: form.date, cluster: form.cluster.flatMap { $0.isEmpty ? nil : $0 }, timeLimitSeconds: seconds,
            breakdown: replan ? .init(at: form.breakdownAt.flatMap { $0.isEmpty ? nil : $0 }, shiftIDs: form.breakdownShiftId.map { $0.isEmpty ? [] : [$0] }) : nil)
        do {
            let job = try await transport.plans.start(plan, jobs: shared.jobs, by: context.caller())
            return .redirect(to: "/transport/plan-jobs/\(job.id.rawValue)", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error, fields: [
                "breakdown.at": .init("breakdownAt", "The time to re-plan from", whenMissing: "Give the time to re-plan from (when the vehicle went off the road)."),
                "breakdown.shiftIDs": .init("breakdownShiftId", "The vehicle", whenMissing: "Choose the vehicle that broke down."),
                "date": .init("date", "The day"),
            ])
            if case .invalid(let issues) = error, issues.contains(where: { $0.path == "cluster" }) { throw error }
            var extra = problem.data
            extra["breakdownAt"] = form.breakdownAt ?? ""
            extra["breakdownShiftId"] = form.breakdownShiftId ?? ""
            let date = form.date.flatMap(LocalDate.init(iso:)) ?? shared.environment.today.adding(days: 1)
            return try await dayPage(date, cluster: form.cluster, extra: extra, context: context, status: problem.status)
        }
    }
}

extension TransportPagesController {
    struct ReadyForm: Decodable {
        var csrf: String?
        var date: String?
        var journeyId: String?
        var time: String?
        var cluster: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", date, journeyId, time, cluster }
    }

    /// A patient ready early or late (PT-04): changes the ready time and goes back to the board,
    /// which then says the day differs from its plan; the board again with the error if it cannot.
    func submitReady(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(ReadyForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let date = form.date.flatMap(LocalDate.init(iso:)) ?? shared.environment.today.adding(days: 1)
        do {
            guard let id = form.journeyId, !id.isEmpty else {
                throw ServiceError.invalid([.init(path: "journeyId", code: "field.required", message: "Choose the patient.")])
            }
            _ = try await transport.bookings.changeReadyTime(id: .init(id), time: form.time.flatMap { $0.isEmpty ? nil : $0 }, by: context.caller())
            return .redirect(to: "/transport/day?date=\(date.iso)\(Self.clusterQuery(form.cluster))#ready-form", type: .normal)
        } catch let error as ServiceError {
            if case .notFound = error { throw error }
            let problem = PageRenderer.formProblem(error, fields: [
                "journeyId": .init("readyJourneyId", "The patient", whenMissing: "Choose the patient."),
                "time": .init("readyTime", "The time", whenMissing: "Give the time the patient is now ready."),
            ])
            var extra = problem.data
            extra["readyJourneyId"] = form.journeyId ?? ""
            extra["readyTime"] = form.time ?? ""
            return try await dayPage(date, cluster: form.cluster, extra: extra, context: context, status: problem.status)
        }
    }
}

extension TransportPagesController {
    struct SplitForm: Decodable {
        var csrf: String?
        var shiftId, date, cluster: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", shiftId, date, cluster }
    }

    /// Carries a shift on after its vehicle's repair (a second shift, same crew) and goes back to
    /// the board, which then says the day changed; the board again with the reason if it cannot.
    func submitShiftSplit(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(SplitForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let date = form.date.flatMap(LocalDate.init(iso:)) ?? shared.environment.today.adding(days: 1)
        do {
            _ = try await transport.bookings.splitShift(id: .init(form.shiftId ?? ""), by: context.caller())
            return .redirect(to: "/transport/day?date=\(date.iso)\(Self.clusterQuery(form.cluster))#shifts-head", type: .normal)
        } catch let error as ServiceError {
            guard case .conflict = error else { throw error }
            let problem = PageRenderer.formProblem(error)
            return try await dayPage(date, cluster: form.cluster, extra: problem.data, context: context, status: problem.status)
        }
    }

    /// The overtime a shift allows ("overtime to 18:00") and, when the plan brings the crew back
    /// after the end, by how much ("back 17:35, 35 min over"); nil without overtime.
    static func overtime(of s: VehicleShift, back: Int?) -> String? {
        guard s.overtimeMinutes > 0, let latest = LocalTime(minuteOfDay: s.latestBack / 60) else { return nil }
        var text = "overtime to \(Display.time(latest))"
        if let back, case let over = s.overtime(back: back), over > 0, let at = LocalTime(minuteOfDay: (back + 59) / 60) {
            text += "; back \(Display.time(at)), \(over) min over"
        }
        return text
    }
}

