import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// A plan job's page (PT-03, PT-04): its progress while it runs (the page refreshes itself), then
/// the proposed plan on the board with its indicators and, for a re-plan, what changes against
/// the committed plan (journeys that move vehicle, pickups that move by more than 15 minutes,
/// journeys now left out) before the planner commits it.
extension TransportPagesController {
    func planJobPage(_ id: SolveJob.ID, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller()
        let job = try await shared.jobs.job(id: id, by: caller)
        guard job.kind == TransportPlanService.jobKind else { throw ServiceError.notFound(entity: "Plan job", id: id.rawValue) }
        var data: [String: Any] = [
            "jobId": id.rawValue, "status": job.status.rawValue, "progress": Int((job.progress * 100).rounded()), "note": job.note,
            "running": !job.status.isFinal, "started": Display.instant(job.createdAt),
        ]
        if !job.status.isFinal { data["refreshSeconds"] = 2 }
        if let error = job.error { data["error"] = error }
        var tiles: MapTiles?
        if let result = job.result, let proposal = try? JSONDecoder().decode(TransportPlanService.Proposal.self, from: Data(result.utf8)) {
            let board = try await transport.plans.board(on: proposal.date, cluster: proposal.cluster, by: caller)
            data.merge(Self.clusterChoice(board.cluster, among: board.clusters)) { $1 }
            tiles = board.mapTiles
            let patients = try await transport.bookings.patients(of: board.day.journeys, by: caller)
            data["date"] = proposal.date.iso
            data["day"] = Display.day(proposal.date)
            data["proposal"] = true
            data["checked"] = proposal.checked
            data["violations"] = proposal.violations.map { ["text": $0] }
            data["kpis"] = Self.kpiFacts(proposal.kpis, thirdParty: proposal.thirdParty)
            data["isReplan"] = proposal.replan != nil
            if let r = proposal.replan {
                let names = Dictionary(board.day.shifts.map { ($0.id, $0.vehicleName) }, uniquingKeysWith: { a, _ in a })
                let vehicles = r.brokenShiftIDs.compactMap { names[$0] }.joined(separator: ", ")
                data["replan"] = ["at": Display.time(r.at), "vehicles": (vehicles.isEmpty ? nil : vehicles) as Any,
                                  "rescues": r.rescues, "rescued": r.rescued, "frozenMoved": r.frozenMoved]
            }
            if let committed = board.committed {
                let changes = Self.changes(from: committed.plan, to: proposal.plan, day: board.day, patients: patients)
                data["changes"] = changes
                data["hasChanges"] = !changes.isEmpty
                data["comparedWith"] = committed.version
            }
            data.merge(Self.board(board.day, plan: proposal.plan, patients: patients, title: "Proposed plan for \(Display.day(proposal.date))",
                                  thirdParty: proposal.thirdParty, mapVehicle: extra["mapVehicle"] as? String, tiles: tiles)) { $1 }
            data["mapAction"] = "/transport/plan-jobs/\(id.rawValue)#map-head"
            let stale = !proposal.isCurrent(for: board.day, committed: board.committed)
            let authorised = try await transport.plans.authorisations(jobID: id, by: caller)
            let waiting = proposal.thirdParty.filter { b in !authorised.contains { $0.journeyID == b.journeyID } }
            data["stale"] = stale
            data["hasThirdParty"] = !proposal.thirdParty.isEmpty
            data["thirdPartyCount"] = proposal.thirdParty.count == 1 ? "1 journey" : "\(proposal.thirdParty.count) journeys"
            data["thirdPartyCost"] = Self.pounds(proposal.thirdParty.reduce(0) { $0 + $1.pricePence })
            data["awaitingAuthorisation"] = !waiting.isEmpty
            data["canAuthorise"] = !waiting.isEmpty && !stale && caller.principal.holds(anyOf: TransportPlanService.managerRoles)
            data["canCommit"] = proposal.checked && !stale && waiting.isEmpty
            if let edit = proposal.edit {
                let findings = Self.findingRows(edit.findings, day: board.day, patients: patients)
                data["edit"] = ["from": edit.fromJobID.map { "the plan proposed by job \($0.rawValue)" } ?? "committed plan version \(edit.fromVersion ?? 0)",
                                "fromJobId": edit.fromJobID?.rawValue as Any, "moves": edit.moves.count]
                data["findings"] = findings
                data["hasFindings"] = !findings.isEmpty
            }
            if !stale && job.status == .succeeded {
                data.merge(Self.editForm(board.day, plan: proposal.plan, patients: patients, action: "/transport/plan-jobs/\(id.rawValue)/edits", extra: extra)) { $1 }
            }
        }
        data.merge(extra) { $1 }
        return Self.allowingTiles(try pages.page("transport/plan-job", title: "Transport plan", data, context: context, status: status), tiles)
    }

    /// What a proposal changes against the committed plan: journeys on another vehicle, pickups
    /// more than 15 minutes earlier or later, journeys now left out.
    static func changes(from old: TransportPlan, to new: TransportPlan, day: TransportDay, patients: [Patient.ID: Patient]) -> [[String: Any]] {
        let before = old.pickups, after = new.pickups
        let names = Dictionary(day.shifts.map { ($0.id, $0.vehicleName) }, uniquingKeysWith: { a, _ in a })
        return day.journeys.compactMap { j -> [String: Any]? in
            guard let (oldShift, oldTime) = before[j.id] else { return nil }
            var row = journeyRow(j, patients)
            guard let (newShift, newTime) = after[j.id] else {
                row["change"] = "Left out (was on \(names[oldShift] ?? "a vehicle") at \(TransportCharts.clock(oldTime)))"
                return row
            }
            var parts: [String] = []
            if newShift != oldShift { parts.append("\(names[oldShift] ?? "?") → \(names[newShift] ?? "?")") }
            if abs(newTime - oldTime) > 15 * 60 { parts.append("pickup \(TransportCharts.clock(oldTime)) → \(TransportCharts.clock(newTime))") }
            guard !parts.isEmpty else { return nil }
            row["change"] = parts.joined(separator: "; ")
            return row
        }
    }

    /// "£140.00".
    static func pounds(_ pence: Int) -> String { String(format: "£%d.%02d", pence / 100, pence % 100) }

    /// A transport manager authorises the plan's third-party journeys and goes back to the plan.
    func submitAuthorisation(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = SolveJob.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(CSRFForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        do {
            _ = try await transport.plans.authorise(jobID: id, jobs: shared.jobs, by: context.caller())
            return .redirect(to: "/transport/plan-jobs/\(id.rawValue)", type: .normal)
        } catch let error as ServiceError {
            if case .notFound = error { throw error }
            let problem = PageRenderer.formProblem(error)
            return try await planJobPage(id, extra: problem.data, context: context, status: problem.status)
        }
    }

    /// The manager's queue of plans whose third-party journeys await authorisation.
    func authorisationQueue(context: KairosRequestContext) async throws -> Response {
        let waiting = try await transport.plans.awaitingAuthorisation(by: context.caller())
        let clusters = try await transport.bookings.clusters(by: context.caller())
        let clusterName = Dictionary(clusters.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let data: [String: Any] = [
            "hasPlans": !waiting.isEmpty,
            "plans": waiting.map { job, proposal -> [String: Any] in
                let cluster = clusters.count > 1 ? clusterName[TransportCluster.code(proposal.cluster)].map { ", \($0)" } ?? "" : ""
                return ["jobId": job.id.rawValue, "day": Display.day(proposal.date) + cluster, "made": Display.instant(job.finishedAt ?? job.createdAt),
                        "journeys": proposal.thirdParty.count, "cost": Self.pounds(proposal.thirdParty.reduce(0) { $0 + $1.pricePence }),
                        "providers": Set(proposal.thirdParty.map(\.providerName)).sorted().joined(separator: ", ")]
            },
        ]
        return try pages.page("transport/authorisations", title: "Third-party authorisations", data, context: context)
    }

    struct CSRFForm: Decodable {
        var csrf: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf" }
    }

    /// Commits the proposal and goes back to the day; the job again with the reason if it cannot.
    func submitCommit(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let id = SolveJob.ID(try context.parameters.require("id"))
        let form = try await request.decodeForm(CSRFForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        do {
            let committed = try await transport.plans.commit(jobID: id, jobs: shared.jobs, by: context.caller())
            return .redirect(to: "/transport/day?date=\(committed.plan.date.iso)\(Self.clusterQuery(committed.clusterID))&committed=\(committed.version)", type: .normal)
        } catch let error as ServiceError {
            if case .notFound = error { throw error }
            let problem = PageRenderer.formProblem(error)
            return try await planJobPage(id, extra: problem.data, context: context, status: problem.status)
        }
    }
}
