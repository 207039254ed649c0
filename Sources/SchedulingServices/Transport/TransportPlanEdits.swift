import Foundation
import Planning
import SchedulingDomain

/// Hand edits (PT-03 item 4): a plan job that moves journeys in a proposal or in the committed
/// plan and works out the new times with the engine's evaluate-only mode. Its proposal names
/// every rule the edited plan breaks; only a plan that breaks none can be committed.
extension TransportPlanService.PlanRequest {
    /// The plan edited and the journeys moved.
    public struct Edit: Codable, Sendable, Equatable {
        /// The plan job whose proposal is edited; `nil`: the day's committed plan.
        public var fromJobID: String?
        public var moves: [Move]?

        /// Creates an edit.
        public init(fromJobID: String? = nil, moves: [Move]? = nil) {
            self.fromJobID = fromJobID
            self.moves = moves
        }

        /// One journey: to a vehicle shift (none: left out), its pickup and drop-off as the run's
        /// stops number `pickupAt` and `dropOffAt`, from 1 (none: in time order).
        public struct Move: Codable, Sendable, Equatable {
            public var journeyID: String?
            public var shiftID: String?
            public var pickupAt: Int?
            public var dropOffAt: Int?

            /// Creates a move.
            public init(journeyID: String? = nil, shiftID: String? = nil, pickupAt: Int? = nil, dropOffAt: Int? = nil) {
                self.journeyID = journeyID
                self.shiftID = shiftID
                self.pickupAt = pickupAt
                self.dropOffAt = dropOffAt
            }
        }

        func validated(_ c: inout ValidationCollector) -> TransportPlanService.ValidEdit? {
            let moves = self.moves ?? []
            if moves.isEmpty { c.add("edit.moves", "edit.noMoves", "edit.moves must name at least one journey to move.") }
            if moves.count > 50 { c.add("edit.moves", "edit.tooMany", "edit.moves may move at most 50 journeys at once.") }
            var out: [TransportPlanEdit.Move] = []
            for (k, move) in moves.prefix(50).enumerated() {
                let path = "edit.moves[\(k)]"
                let journey = c.requireText(move.journeyID, at: "\(path).journeyID", maxLength: 100)
                for (value, name) in [(move.pickupAt, "pickupAt"), (move.dropOffAt, "dropOffAt")] {
                    if let value, !(1...500).contains(value) { c.add("\(path).\(name)", "edit.position", "\(path).\(name) must be a stop number between 1 and 500.") }
                }
                if let p = move.pickupAt, let d = move.dropOffAt, d <= p {
                    c.add("\(path).dropOffAt", "edit.order", "\(path).dropOffAt must come after the pickup (more than \(p)).")
                }
                if move.shiftID == nil && (move.pickupAt != nil || move.dropOffAt != nil) {
                    c.add("\(path).shiftID", "edit.noShift", "\(path).shiftID is needed to place the journey; without one it is left out.")
                }
                if let journey {
                    out.append(.init(journeyID: .init(journey), shiftID: move.shiftID.map { .init($0) }, pickupAt: move.pickupAt, dropOffAt: move.dropOffAt))
                }
            }
            let job = fromJobID.map { c.requireText($0, at: "edit.fromJobID", maxLength: 100) } ?? nil
            return TransportPlanService.ValidEdit(fromJobID: job.map { SolveJob.ID($0) }, edit: TransportPlanEdit(moves: out))
        }
    }
}

extension TransportPlanService {
    /// An edit's values once read.
    struct ValidEdit: Sendable {
        var fromJobID: SolveJob.ID?
        var edit: TransportPlanEdit
    }

    /// What a hand-edited proposal was made from and what the edit breaks.
    public struct EditSummary: Codable, Sendable, Equatable {
        /// The plan job edited (nil: the committed plan of version ``fromVersion``).
        public var fromJobID: SolveJob.ID?
        public var fromVersion: Int?
        public var moves: [TransportPlanEdit.Move]
        /// Every rule the edited plan breaks (empty: it may be committed).
        public var findings: [TransportPlanEdit.Finding]
    }

    /// The plan an edit starts from and the version it would replace: a plan job's proposal, which
    /// must still answer the day, or the committed plan. Every journey moved must be live and not
    /// yet begun, and every shift named on the day.
    static func editSource(_ edit: ValidEdit, on date: LocalDate, cluster: String, in session: any StoreSession) async throws -> (plan: TransportPlan, version: Int?, day: TransportDay) {
        let (day, committed) = try await Self.day(on: date, cluster: cluster, in: session)
        let plan: TransportPlan, version: Int?
        if let id = edit.fromJobID {
            guard let job = try await session.solveJobs.find(id: id), job.kind == Self.jobKind else { throw ServiceError.notFound(entity: "Plan job", id: id.rawValue) }
            guard let result = job.result, let proposal = try? JSONDecoder().decode(Proposal.self, from: Data(result.utf8)) else {
                throw ServiceError.conflict(code: "plan.notReady", message: "Plan job \(id.rawValue) has no plan yet (\(job.status.rawValue)).")
            }
            guard proposal.date == date else {
                throw ServiceError.invalid([.init(path: "date", code: "edit.otherDay", message: "Plan job \(id.rawValue) plans \(proposal.date), not \(date).")])
            }
            guard TransportCluster.code(proposal.cluster) == cluster else {
                throw ServiceError.invalid([.init(path: "cluster", code: "edit.otherCluster",
                                                  message: "Plan job \(id.rawValue) plans cluster \(TransportCluster.code(proposal.cluster)), not \(cluster).")])
            }
            guard proposal.isCurrent(for: day, committed: committed) else {
                throw ServiceError.conflict(code: "plan.stale", message: "The day \(date) changed after plan job \(id.rawValue) was made; plan it again before editing it.")
            }
            (plan, version) = (proposal.plan, proposal.basedOnVersion)
        } else {
            guard let committed else {
                throw ServiceError.invalid([.init(path: "edit.fromJobID", code: "edit.noPlan", message: "\(date) has no committed plan; name the plan job to edit.")])
            }
            (plan, version) = (committed.plan, committed.version)
        }
        var c = ValidationCollector()
        let journeys = Dictionary(day.liveJourneys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shifts = Set(day.shifts.map(\.id))
        for (k, move) in edit.edit.moves.enumerated() {
            if let journey = journeys[move.journeyID] {
                if journey.progress.arrived != nil || journey.status == .pickedUp || journey.status == .delivered {
                    c.add("edit.moves[\(k)].journeyID", "edit.begun", "edit.moves[\(k)].journeyID names journey \(move.journeyID), which has begun: re-plan from a time instead.")
                }
            } else {
                c.add("edit.moves[\(k)].journeyID", "edit.unknownJourney", "edit.moves[\(k)].journeyID names journey \(move.journeyID), which is not a live journey on \(date).")
            }
            if let shift = move.shiftID, !shifts.contains(shift) {
                c.add("edit.moves[\(k)].shiftID", "edit.unknownShift", "edit.moves[\(k)].shiftID names shift \(shift), which is not on \(date).")
            }
        }
        guard c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        return (plan, version, day)
    }

    /// The edited plan as a proposal: timed by the engine, checked by it and in the service's terms.
    static func editedProposal(_ edit: ValidEdit, cluster: String, source: (plan: TransportPlan, version: Int?, day: TransportDay), outsourcing: TransportOutsourcing,
                               planning: TransportDayPlanning) throws(ServiceError) -> Proposal
    {
        let day = source.day
        let editor = TransportPlanEditor(planner: TransportPlanner(matrices: TravelMatrixBuilder(estimator: planning.estimator)))
        let outcome: TransportPlanEditor.Outcome
        do { outcome = try editor.apply(edit.edit, to: source.plan, day: day, outsourcing: outsourcing) } catch let invalid as TransportPlanEditor.Invalid {
            throw .invalid(invalid.issues.map { ValidationIssue(path: "edit." + $0.path, code: "edit.position", message: "edit." + $0.message) })
        } catch {
            throw .invalid([ValidationIssue(path: "edit", code: "edit.problem", message: "The edited plan could not be timed: \(error)")])
        }
        let domain = TransportPlanCheck.check(outcome.plan, day: day, travel: planning.estimator)
        let violations = outcome.findings.map(\.description) + domain.map(\.description)
        return Proposal(date: day.date, cluster: cluster, basis: fingerprint(day), basedOnVersion: source.version, plan: outcome.plan, checked: violations.isEmpty,
                        violations: violations, kpis: TransportKPIs.of(outcome.plan, day: day), cost: outcome.cost, replan: nil,
                        thirdParty: outcome.thirdParty,
                        edit: EditSummary(fromJobID: edit.fromJobID, fromVersion: edit.fromJobID == nil ? source.version : nil,
                                          moves: edit.edit.moves, findings: outcome.findings))
    }
}
