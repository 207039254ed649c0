import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// Hand edits from the pages (PT-03 item 4): the "Move a journey" form on the day board (edits
/// the committed plan) and on a plan job's page (edits its proposal). Submitting starts an edit
/// job — the engine times the edited plan without searching — and goes to its page, where the
/// new times and every rule the edit breaks are shown before anything is committed.
extension TransportPagesController {
    struct EditForm: Decodable {
        var csrf: String?
        var date: String?
        var journeyId: String?
        var shiftId: String?
        var pickupStop: String?
        var dropOffStop: String?
        var cluster: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", date, journeyId, shiftId, pickupStop, dropOffStop, cluster }
    }

    /// The form's data for `plan` of `day`: the live journeys by time, each with the vehicle the
    /// plan has it on, the vehicles, and what was typed (`extra`'s `edit…` keys).
    static func editForm(_ day: TransportDay, plan: TransportPlan, patients: [Patient.ID: Patient], action: String, extra: [String: Any]) -> [String: Any] {
        let vehicles = Dictionary(day.shifts.map { ($0.id, $0.vehicleName) }, uniquingKeysWith: { a, _ in a })
        var stopNumber: [TransportJourney.ID: (vehicle: String, pickup: Int, dropOff: Int)] = [:]
        for run in plan.runs {
            for (k, stop) in run.stops.enumerated() {
                var entry = stopNumber[stop.journeyID] ?? (vehicles[run.shiftID] ?? "", 0, 0)
                if stop.kind == .pickup { entry.pickup = k + 1 } else { entry.dropOff = k + 1 }
                stopNumber[stop.journeyID] = entry
            }
        }
        let chosenJourney = extra["editJourneyId"] as? String, chosenShift = extra["editShiftId"] as? String
        let journeys = day.liveJourneys.sorted { ($0.time, $0.id.rawValue) < ($1.time, $1.id.rawValue) }.map { j -> [String: Any] in
            let row = journeyRow(j, patients)
            let place = stopNumber[j.id].map { "\($0.vehicle), stops \($0.pickup) and \($0.dropOff)" } ?? "left out"
            return ["id": j.id.rawValue, "selected": chosenJourney == j.id.rawValue,
                    "label": "\(row["time"] ?? "") \((row["direction"] as? String ?? "").lowercased()): \(row["patient"] ?? "") (\(place))"]
        }
        let shifts = day.shifts.map { ["id": $0.id.rawValue, "vehicle": $0.vehicleName, "selected": chosenShift == $0.id.rawValue] as [String: Any] }
        return ["editAction": action, "editJourneys": journeys, "editShifts": shifts, "editLeaveOut": chosenShift == Self.leaveOut,
                "editPickupStop": extra["editPickupStop"] as? String ?? "", "editDropOffStop": extra["editDropOffStop"] as? String ?? ""]
    }

    /// Every rule an edited plan breaks, in a planner's words: the vehicle, the patient, the stop
    /// and by how much.
    static func findingRows(_ findings: [TransportPlanEdit.Finding], day: TransportDay, patients: [Patient.ID: Patient]) -> [[String: String]] {
        let vehicles = Dictionary(day.shifts.map { ($0.id, $0.vehicleName) }, uniquingKeysWith: { a, _ in a })
        let journeys = Dictionary(day.journeys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<String> = []
        return findings.map { f -> [String: String] in
            let vehicle = f.shiftID.flatMap { vehicles[$0] } ?? "A vehicle"
            let patient = f.journeyID.flatMap { journeys[$0] }.flatMap { patients[$0.patientID] }.map(Display.name) ?? "a patient"
            let stop = f.stop == .pickup ? "pickup" : "drop-off"
            let by = f.excess.map { f.rule == "capacity" ? "by \($0) place\($0 == 1 ? "" : "s")" : "by \(Self.minutes($0))" } ?? ""
            let text: String = switch f.rule {
            case "timeWindow": "\(patient)'s \(stop) misses the time the contract allows \(by)."
            case "rideTime": "\(patient) would be on board longer than the contract's limit \(by)."
            case "capacity": "\(vehicle) would carry more than it has room for \(by) at \(patient)'s \(stop)."
            case "skills": "\(vehicle)'s crew cannot carry \(patient) (a crew of two is needed)."
            case "shift": "\(vehicle) would be out beyond its shift \(by)."
            case "break": "The crew's break on \(vehicle) no longer fits its window with nobody on board."
            default: "The edited plan breaks the rule “\(f.rule)”\(f.journeyID == nil ? "" : " at \(patient)'s \(stop)")."
            }
            return ["vehicle": f.shiftID.flatMap { vehicles[$0] } ?? "", "text": text]
        }.filter { seen.insert($0["text"] ?? "").inserted }  // a rule broken at the pickup and the drop-off alike is said once
    }

    /// The vehicle choice that leaves the journey out of the plan.
    static let leaveOut = "leave-out"

    /// "1 h 12 min", "25 min".
    static func minutes(_ seconds: Int) -> String {
        let m = (seconds + 59) / 60
        return m >= 60 ? "\(m / 60) h \(m % 60) min" : "\(m) min"
    }

    /// Starts an edit of plan job `:id`'s proposal.
    func submitJobEdit(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let id = SolveJob.ID(try context.parameters.require("id"))
        return try await submitEdit(request, fromJob: id, context: context)
    }

    /// Starts an edit (of a plan job's proposal, or with none of the committed plan) and goes to
    /// its page; the page the form was on again, what was typed kept, each error beside its field.
    func submitEdit(_ request: Request, fromJob: SolveJob.ID?, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(EditForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        func number(_ text: String?) -> Int? { text.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        let move = TransportPlanService.PlanRequest.Edit.Move(journeyID: form.journeyId.flatMap { $0.isEmpty ? nil : $0 },
                                                              shiftID: form.shiftId.flatMap { $0.isEmpty || $0 == Self.leaveOut ? nil : $0 },
                                                              pickupAt: number(form.pickupStop), dropOffAt: number(form.dropOffStop))
        var extra: [String: Any] = ["editJourneyId": form.journeyId ?? "", "editShiftId": form.shiftId ?? "",
                                    "editPickupStop": form.pickupStop ?? "", "editDropOffStop": form.dropOffStop ?? ""]
        var issues: [ValidationIssue] = []
        if (form.journeyId ?? "").isEmpty { issues.append(.init(path: "journeyId", code: "field.required", message: "Choose the journey to move.")) }
        if (form.shiftId ?? "").isEmpty {
            issues.append(.init(path: "shiftId", code: "field.required", message: "Choose the vehicle to put it on, or to leave it out of the plan."))
        }
        for (text, value, field, label) in [(form.pickupStop, move.pickupAt, "pickupStop", "Pickup stop"), (form.dropOffStop, move.dropOffAt, "dropOffStop", "Drop-off stop")]
        where !(text ?? "").trimmingCharacters(in: .whitespaces).isEmpty && value == nil {
            issues.append(.init(path: field, code: "edit.position", message: "\(label) must be a whole number, or left empty to keep time order."))
        }
        let date = form.date.flatMap(LocalDate.init(iso:))
        do {
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            let edit = TransportPlanService.PlanRequest.Edit(fromJobID: fromJob?.rawValue, moves: [move])
            let job = try await transport.plans.start(.init(date: form.date, cluster: form.cluster.flatMap { $0.isEmpty ? nil : $0 }, edit: edit), jobs: shared.jobs,
                                                      by: context.caller())
            return .redirect(to: "/transport/plan-jobs/\(job.id.rawValue)", type: .normal)
        } catch let error as ServiceError {
            if case .notFound = error { throw error }
            let problem = PageRenderer.formProblem(error, fields: [
                "edit.moves[0].journeyID": .init("journeyId", "The journey", whenMissing: "Choose the journey to move."),
                "edit.moves[0].shiftID": .init("shiftId", "The vehicle", whenMissing: "Choose the vehicle to put it on."),
                "edit.moves[0].pickupAt": .init("pickupStop", "Pickup stop"),
                "edit.moves[0].dropOffAt": .init("dropOffStop", "Drop-off stop"),
                "pickupStop": .init("pickupStop", "Pickup stop"), "dropOffStop": .init("dropOffStop", "Drop-off stop"), "shiftId": .init("shiftId", "The vehicle"), "journeyId": .init("journeyId", "The journey"),
                "edit.fromJobID": .init("journeyId", "The plan"),
                "date": .init("date", "The day"),
            ])
            if case .invalid(let issues) = error, issues.contains(where: { $0.path == "cluster" }) { throw error }
            extra.merge(problem.data) { $1 }
            if let fromJob { return try await planJobPage(fromJob, extra: extra, context: context, status: problem.status) }
            return try await dayPage(date ?? shared.environment.today.adding(days: 1), cluster: form.cluster, extra: extra, context: context, status: problem.status)
        }
    }
}
