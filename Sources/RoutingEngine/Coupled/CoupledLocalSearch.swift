import Foundation

/// The contract of the coupled search's local-search operators — the main search's
/// (``LocalSearchOperator``) on coupled plans: `evaluate` prices the move it proposes and returns
/// the change of the plan's total cost when that improves, `nil` otherwise, leaving the plan as it
/// found it; `apply` carries out the move the last `evaluate` proposed, changing the total by
/// exactly that much; `supports` says whether the operator has anything to do on a model; the
/// operator counts what it did. A move in one route can shift times in another, so moves are
/// priced by scheduling the routes they change, not from cached segments.
protocol CoupledOperator: AnyObject {
    /// The operator's stable id.
    static var id: OperatorID { get }
    /// A new operator.
    init()
    /// Whether the operator can find any move on `model`.
    static func supports(_ model: CoupledModel) -> Bool
    /// What it did so far.
    var statistics: OperatorStatistics { get set }
    /// The change of the total cost of the improving move it proposes for task `t` (task
    /// operators) or route `t` (route operators), or `nil`.
    func evaluate(_ plan: inout CoupledPlan, _ t: Int, search: inout CoupledSearch) -> Int?
    /// Applies the move the last `evaluate` proposed.
    func apply(_ plan: inout CoupledPlan, search: inout CoupledSearch)
}

extension CoupledOperator {
    /// Counts an evaluation and its outcome, and passes the delta on when it improves.
    func counted(_ delta: Int?) -> Int? {
        statistics.evaluations += 1
        guard let delta, delta < 0 else { return nil }
        statistics.improving += 1
        return delta
    }
}

/// First-improvement descent of the coupled search: each given task tries the task operators,
/// then each given route the route operators, until a pass improves nothing.
struct CoupledLocalSearch {
    /// Operators that move one task, in the order the descent tries them.
    static var taskRegistry: [any CoupledOperator.Type] { [CoupledRelocate.self, CoupledInsert.self] }
    /// Operators that change one route.
    static var routeRegistry: [any CoupledOperator.Type] { [BreakShift.self] }

    let taskOperators: [any CoupledOperator]
    let routeOperators: [any CoupledOperator]

    /// The operators in `enabled` that `model` supports.
    init(model: CoupledModel, enabled: Set<OperatorID>) {
        taskOperators = Self.taskRegistry.filter { enabled.contains($0.id) && $0.supports(model) }.map { $0.init() }
        routeOperators = Self.routeRegistry.filter { enabled.contains($0.id) && $0.supports(model) }.map { $0.init() }
    }

    var isEmpty: Bool { taskOperators.isEmpty && routeOperators.isEmpty }

    /// Improves `plan` by moves of `tasks` and changes of `routes`, first improvement, at most
    /// `rounds` passes.
    func descend(_ plan: inout CoupledPlan, tasks: [Int], routes: [Int], search: inout CoupledSearch, rounds: Int = 2) {
        var tasks = tasks
        for k in stride(from: tasks.count - 1, to: 0, by: -1) { tasks.swapAt(k, search.rng.below(k + 1)) }
        search.blinks = false
        search.shiftsBreaks = true
        defer {
            search.blinks = true
            search.shiftsBreaks = false
        }
        var improved = true, round = 0
        while improved && round < rounds {
            improved = false
            round += 1
            for t in tasks {
                for op in taskOperators where op.evaluate(&plan, t, search: &search) != nil {
                    op.apply(&plan, search: &search)
                    improved = true
                    break
                }
            }
            for r in routes {
                for op in routeOperators where op.evaluate(&plan, r, search: &search) != nil {
                    op.apply(&plan, search: &search)
                    improved = true
                }
            }
        }
    }
}

/// A visit (outside groups) or a request leaves its route for its cheapest place in any route,
/// its own included, priced as recreate prices an insertion.
final class CoupledRelocate: CoupledOperator {
    static let id = OperatorID.coupledRelocate
    static func supports(_ model: CoupledModel) -> Bool { (0..<model.taskCount).contains { model.members[$0].count == 1 || model.isRequest[$0] } }
    var statistics = OperatorStatistics()
    private var move: (t: Int, placement: CoupledSearch.CoupledPlacement)?

    init() {}

    func evaluate(_ plan: inout CoupledPlan, _ t: Int, search: inout CoupledSearch) -> Int? {
        let model = search.model
        let members = model.members[t]
        guard members.count == 1 || model.isRequest[t], !model.locked[t], plan.routeOf[members[0]] >= 0 else { return counted(nil) }
        let r = plan.routeOf[members[0]]
        let before = plan.cost
        let positions = members.map { plan.routes[r].firstIndex(of: $0)! }
        let kept = model.groupTasks.isEmpty ? CoupledRouteTimes(route: r, of: plan) : nil
        var best: CoupledSearch.CoupledPlacement?
        if take(t, from: &plan, model) {
            best = search.bestPlacement(t, &plan)
        }
        // Put the task back where it was, with the times it had.
        for (v, k) in zip(members, positions) {
            plan.routes[r].insert(v, at: k)
            plan.routeOf[v] = r
        }
        if let kept { kept.restore(into: &plan) } else { _ = model.schedule(&plan) }
        plan.cost = before
        guard let best, best.total < before.total else { return counted(nil) }
        move = (t, best)
        return counted(best.total - before.total)
    }

    func apply(_ plan: inout CoupledPlan, search: inout CoupledSearch) {
        guard let (t, placement) = move else { return }
        move = nil
        let ok = take(t, from: &plan, search.model)
        precondition(ok, "a task taken out in evaluation must come out again")
        search.commit(placement.placements, shift: placement.shift, &plan)
        statistics.applied += 1
    }

    /// Takes task `t` out of its route and reschedules that route (the task counted as served
    /// elsewhere, so no penalty); `false` if the route left breaks a rule.
    private func take(_ t: Int, from plan: inout CoupledPlan, _ model: CoupledModel) -> Bool {
        let r = plan.routeOf[model.members[t][0]]
        for v in model.members[t] {
            plan.routes[r].remove(at: plan.routes[r].firstIndex(of: v)!)
            plan.routeOf[v] = -1
        }
        return model.schedule(&plan, changed: [r])
    }
}

/// An unserved visit (outside groups) or request goes to its cheapest place where serving it
/// costs less than leaving it out; when no place fits as the breaks stand, a break of the route
/// may move to make room (``CoupledSearch/exact(_:_:shiftingBreaks:)``).
final class CoupledInsert: CoupledOperator {
    static let id = OperatorID.coupledInsert
    static func supports(_ model: CoupledModel) -> Bool { CoupledRelocate.supports(model) }
    var statistics = OperatorStatistics()
    private var move: (t: Int, placement: CoupledSearch.CoupledPlacement)?

    init() {}

    func evaluate(_ plan: inout CoupledPlan, _ t: Int, search: inout CoupledSearch) -> Int? {
        let model = search.model
        guard model.members[t].count == 1 || model.isRequest[t], !model.locked[t], let k = plan.unassigned.firstIndex(of: t)
        else { return counted(nil) }
        let before = plan.cost
        plan.unassigned.remove(at: k)
        let best = search.bestPlacement(t, &plan)
        plan.unassigned.insert(t, at: k)
        if !model.groupTasks.isEmpty { _ = model.schedule(&plan) }  // a trial leaves stale times there
        plan.cost = before
        guard let best, best.total < before.total else { return counted(nil) }
        move = (t, best)
        return counted(best.total - before.total)
    }

    func apply(_ plan: inout CoupledPlan, search: inout CoupledSearch) {
        guard let (t, placement) = move else { return }
        move = nil
        plan.unassigned.removeAll { $0 == t }
        search.commit(placement.placements, shift: placement.shift, &plan)
        statistics.applied += 1
    }
}

/// A break of a route is taken at another point (``CoupledPlan/breakNotBefore``): where the rule
/// first allows it, or one stop before or one or two stops after where it is now.
final class BreakShift: CoupledOperator {
    static let id = OperatorID.breakShift
    static func supports(_ model: CoupledModel) -> Bool { model.breaks.contains { !$0.isEmpty } }
    var statistics = OperatorStatistics()
    private var move: CoupledBreakShift?

    init() {}

    func evaluate(_ plan: inout CoupledPlan, _ r: Int, search: inout CoupledSearch) -> Int? {
        let model = search.model
        guard !model.breaks[r].isEmpty, !plan.routes[r].isEmpty else { return counted(nil) }
        let before = plan.cost
        let kept = model.groupTasks.isEmpty ? CoupledRouteTimes(route: r, of: plan) : nil
        let at = plan.breakAfter[r]
        var best: (total: Int, shift: CoupledBreakShift)?
        for b in model.breaks[r].indices where at[b] >= 0 {
            let now = plan.breakNotBefore[r][b]
            var tried: [Int] = [now]
            for value in [0, at[b] - 1, at[b] + 1, at[b] + 2] where value >= 0 && !tried.contains(value) {
                tried.append(value)
                plan.breakNotBefore[r][b] = value
                if model.schedule(&plan, changed: [r]), plan.cost.total < (best?.total ?? before.total) {
                    best = (plan.cost.total, CoupledBreakShift(route: r, index: b, notBefore: value))
                }
            }
            plan.breakNotBefore[r][b] = now
        }
        if let kept { kept.restore(into: &plan) } else { _ = model.schedule(&plan) }
        plan.cost = before
        guard let best else { return counted(nil) }
        move = best.shift
        return counted(best.total - before.total)
    }

    func apply(_ plan: inout CoupledPlan, search: inout CoupledSearch) {
        guard let shift = move else { return }
        move = nil
        plan.breakNotBefore[shift.route][shift.index] = shift.notBefore
        let ok = search.model.schedule(&plan, changed: [shift.route])
        precondition(ok, "a break moved in evaluation must stay feasible")
        statistics.applied += 1
    }
}
