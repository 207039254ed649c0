import Foundation

/// One candidate placement of a visit: route, position, earliest start there, estimated cost.
struct CoupledSlot {
    var route: Int
    var position: Int
    var ready: Int
    var delta: Int
}

/// Break `index` of route `route` held back until at least `notBefore` stops precede it
/// (``CoupledPlan/breakNotBefore``).
struct CoupledBreakShift: Equatable {
    var route: Int
    var index: Int
    var notBefore: Int
}

/// Ruin-and-recreate with simulated annealing over coupled plans.
struct CoupledSearch {
    let model: CoupledModel
    let parameters: SolverParameters
    let cancellation: CancellationFlag?
    let progress: (@Sendable (SolverProgress) -> Void)?
    var rng: EngineRandom
    var iteration = 0
    let budget: SearchBudget
    /// The annealing temperature scale (``CompiledProblem/temperatureScale()``).
    let scale: Double
    /// Distance of each task's first visit from the first resource's start, for ordering.
    let depotDistance: [Int]
    /// Whether insertion skips places at random (``SolverParameters/blinkRate``): in recreate,
    /// not in the local search, whose moves must be priced the same way twice.
    var blinks = true
    /// Whether insertion may move a break when no place fits as the breaks stand
    /// (``exact(_:_:shiftingBreaks:)``): in the local search only.
    var shiftsBreaks = false
    /// The tasks the last ruin took out.
    var lastRemoved: [Int] = []
    /// Per task: left out of the plan the iteration started from. While ``restrictsLeftOut``,
    /// recreate offers such a task only the routes the iteration has changed (``touched``): the
    /// others are as they were when it last found no place (no group ties routes), and trying
    /// every task left out against every route each iteration took most of the time on a day
    /// with more requests than the fleet can carry.
    var leftOut: [Bool]
    /// Per route: changed by this iteration's ruin or recreate.
    var touched: [Bool]
    var restrictsLeftOut = false

    init(model: CoupledModel, parameters: SolverParameters, cancellation: CancellationFlag?,
         progress: (@Sendable (SolverProgress) -> Void)?)
    {
        self.model = model
        self.parameters = parameters
        self.cancellation = cancellation
        self.progress = progress
        rng = EngineRandom(seed: parameters.seed)
        let p = model.p, n = p.locationCount
        budget = SearchBudget(parameters: parameters)
        scale = p.temperatureScale()
        depotDistance = model.members.map { m in p.distances[0][p.startLocation[0] * n + p.location[m[0]]] }
        leftOut = Array(repeating: false, count: model.taskCount)
        touched = Array(repeating: false, count: p.resourceCount)
    }

    func fraction() -> Double { budget.fraction(iteration: iteration) }

    func report(_ best: CoupledPlan, _ f: Double) {
        progress?(SolverProgress(iteration: iteration, bestCost: best.cost.total, routes: best.routes.filter { !$0.isEmpty }.count,
                                 unassigned: best.unassigned.count, fraction: f))
    }

    mutating func run(warmStart: [PlanEvaluator.PlannedRoute]? = nil) -> CoupledPlan {
        var best = CoupledPlan(model: model)
        if let warmStart {
            load(warmStart, into: &best)
            // Dropping a partial group or request can move a break; start afresh if that breaks a rule.
            if !model.schedule(&best) { best = CoupledPlan(model: model) }
        }
        _ = model.schedule(&best)
        if !recreate(&best) {
            best = CoupledPlan(model: model)
            _ = model.schedule(&best)
        }
        if model.p.fixedCost.contains(where: { $0 > 0 }) { best = minimiseFleet(from: best, until: parameters.fleetShare) }
        var current = best
        // Placing what is left unserved, breaks moved if need be, costs too much to do for every
        // new best (a third of the iterations for no gain): it is done once, at the end.
        let enabled = parameters.localSearch ? parameters.operators : []
        let polish = CoupledLocalSearch(model: model, enabled: enabled.subtracting([.coupledInsert]))
        let finish = CoupledLocalSearch(model: model, enabled: enabled.intersection([.coupledInsert]))
        let t0 = parameters.startTemperature * scale, tf = parameters.endTemperature * scale
        var f = fraction()
        var checkEvery = 0
        var absence = AbsenceCounters(taskCount: model.taskCount)
        // An iteration limit is kept exactly; the clock is read every 8 iterations.
        let iterationCap = parameters.iterationLimit ?? Int.max
        while iteration < iterationCap {
            if checkEvery == 0 {
                f = fraction()
                if f >= 1 || cancellation?.isCancelled == true { break }
                if iteration % 1000 == 0 { report(best, f) }
                checkEvery = 8
            }
            checkEvery -= 1
            iteration += 1
            let temperature = t0 * pow(tf / t0, f)
            var candidate = current
            for t in current.unassigned { leftOut[t] = true }
            for r in touched.indices { touched[r] = false }
            restrictsLeftOut = model.groupTasks.isEmpty
            // A plan that breaks a rule after ruin or recreate (a break moved by the change) is dropped.
            let remade = ruin(&candidate) && recreate(&candidate)
            restrictsLeftOut = false
            for t in current.unassigned { leftOut[t] = false }
            guard remade else { continue }
            // Polish only candidates that would become the new best (as the main search does),
            // and only what this iteration moved: each move is priced by rescheduling, as dear
            // as an insertion.
            if !polish.isEmpty && candidate.cost.total < best.cost.total {
                let changed = candidate.routes.indices.filter { candidate.routes[$0] != current.routes[$0] }
                polish.descend(&candidate, tasks: lastRemoved, routes: changed, search: &self)
            }
            // Between plans leaving out as many tasks at the same penalty, absences decide.
            absence.record(candidate.unassigned)
            let decided = absence.decide(candidate: candidate.unassigned, current: current.unassigned, penalty: model.penalty)
            if decided ?? (Double(candidate.cost.total) < Double(current.cost.total) - temperature * log(rng.unit() + 1e-300)) {
                current = candidate
                if candidate.cost.total < best.cost.total { best = candidate }
            }
        }
        if !finish.isEmpty && !best.unassigned.isEmpty {
            // At most 64 of them, so that the time limit is kept when a day far exceeds the fleet.
            finish.descend(&best, tasks: Array(best.unassigned.prefix(64)), routes: [], search: &self, rounds: 1)
        }
        report(best, 1)
        return best
    }

    /// Starts from a given plan (re-planning): its stops are kept in order where every hard rule
    /// still holds, a group only whole and a request only with both stops; the search inserts the rest.
    /// Each route is tried whole first (a plan that kept the rules keeps them as it was, and a
    /// route cut short mid-ride can break one its whole form keeps, such as a break forced while a
    /// patient is on board); a route that no longer keeps them is taken stop by stop.
    func load(_ warmStart: [PlanEvaluator.PlannedRoute], into plan: inout CoupledPlan) {
        let p = model.p
        for route in warmStart {
            let r = route.resource
            // Breaks where the plan had them (stops it loses can shift them a little).
            for taken in route.breaks ?? [] where model.breaks[r].indices.contains(taken.index) {
                plan.breakNotBefore[r][taken.index] = taken.afterSteps
            }
            // Whole: after the frozen prefix, the plan's stops in its order, the deliveries owed
            // for patients already on board where the plan had them.
            let owed = Set(p.openDeliveries[r])
            let opening = plan.routes[r]
            var tail: [Int] = []
            for stop in route.stops {
                if stop.kind == .delivery, case let v = p.firstNode[p.visitCount + stop.task] + 1, owed.contains(v) {
                    tail.append(v)
                    continue
                }
                guard let v = loadable(stop, on: r, plan) else { continue }
                tail.append(v)
                plan.routeOf[v] = r
            }
            let missing = p.openDeliveries[r].filter { !tail.contains($0) }
            plan.routes[r] = p.frozenNodes[r] + tail + missing
            if tail.isEmpty || model.schedule(&plan) { continue }
            for v in tail where !owed.contains(v) { plan.routeOf[v] = -1 }
            plan.routes[r] = opening
            _ = model.schedule(&plan)
            for stop in route.stops {
                guard let v = loadable(stop, on: r, plan) else { continue }
                plan.routes[r].append(v)
                plan.routeOf[v] = r
                if !model.schedule(&plan) {
                    plan.routes[r].removeLast()
                    plan.routeOf[v] = -1
                }
            }
        }
        // Groups and requests not placed whole leave the plan.
        for t in 0..<model.taskCount where model.members[t].count > 1 && model.members[t].contains(where: { plan.routeOf[$0] < 0 }) {
            for v in model.members[t] where plan.routeOf[v] >= 0 {
                plan.routes[plan.routeOf[v]].removeAll { $0 == v }
                plan.routeOf[v] = -1
            }
        }
        plan.unassigned = (0..<model.taskCount).filter { t in model.members[t].contains { plan.routeOf[$0] < 0 } }
    }

    /// The node `stop` is on route `r` if the plan can take it there now: not placed yet, not
    /// locked, allowed on `r`, a delivery only after its pickup on `r`, a group's members on
    /// distinct routes.
    private func loadable(_ stop: PlanEvaluator.PlannedStop, on r: Int, _ plan: CoupledPlan) -> Int? {
        let p = model.p
        let v: Int
        switch stop.kind {
        case .visit: v = stop.task
        case .pickup: v = p.firstNode[p.visitCount + stop.task]
        case .delivery:
            v = p.firstNode[p.visitCount + stop.task] + 1
            guard plan.routeOf[p.partner[v]] == r else { return nil }
        }
        let task = p.taskOfNode[v]
        guard plan.routeOf[v] < 0, !p.locked[task], p.allowed[task * p.resourceCount + r],
              model.isRequest[model.taskOfNode[v]] || !model.members[model.taskOfNode[v]].contains(where: { plan.routeOf[$0] == r })
        else { return nil }
        return v
    }
}
