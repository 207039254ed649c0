import Foundation

/// Ruin of the coupled search: related tasks leave whole (groups and requests together).
extension CoupledSearch {
    /// Removes tasks related to a random served stop: its nearest neighbours' tasks (in space and
    /// time, ``CompiledProblem/correlated``), or strings of consecutive stops from the routes
    /// nearby. Groups and requests leave whole. `false` when the plan left breaks a rule
    /// (removing stops can move a break into a ride or past a window). On the 600-request day
    /// with breaks, 30 s, seeds 1–4: 5.4 % and 2.7 % less distance on two, +0.6 and +0.3 % on two.
    mutating func ruin(_ plan: inout CoupledPlan) -> Bool {
        let p = model.p
        var served = 0
        for route in plan.routes { served += route.count }
        guard served > 0 else { return true }
        let target = min(1 + rng.below(2 * parameters.averageRemoved), model.taskCount)
        var seed = rng.below(p.nodeCount)
        while plan.routeOf[seed] < 0 { seed = rng.below(p.nodeCount) }
        var removed: [Int] = []
        let near = p.correlated[seed]
        if rng.unit() < 0.5 {
            for k in -1..<near.count where removed.count < target {
                let u = k < 0 ? seed : Int(near[k])
                guard plan.routeOf[u] >= 0 else { continue }
                let t = model.taskOfNode[u]
                if !model.locked[t] && !removed.contains(t) && rng.unit() < 0.9 { removed.append(t) }
            }
        } else {
            var ruinedRoutes: [Int] = []
            for k in -1..<near.count where removed.count < target {
                let u = k < 0 ? seed : Int(near[k])
                let r = plan.routeOf[u]
                guard r >= 0, !ruinedRoutes.contains(r) else { continue }
                ruinedRoutes.append(r)
                let route = plan.routes[r]
                let position = route.firstIndex(of: u)!
                let length = 1 + rng.below(min(parameters.maxStringLength, route.count))
                let first = max(0, min(position - rng.below(length), route.count - length))
                for k in first..<(first + length) {
                    let t = model.taskOfNode[route[k]]
                    if !model.locked[t] && !removed.contains(t) { removed.append(t) }
                }
            }
        }
        lastRemoved = removed
        return remove(tasks: removed, from: &plan)
    }

    /// Takes `tasks` out of `plan` and schedules it; `false` if the plan left breaks a rule.
    mutating func remove(tasks: [Int], from plan: inout CoupledPlan) -> Bool {
        var changed: [Int] = []
        for t in tasks {
            for v in model.members[t] {
                let r = plan.routeOf[v]
                guard r >= 0 else { continue }
                touched[r] = true
                plan.routes[r].remove(at: plan.routes[r].firstIndex(of: v)!)
                plan.routeOf[v] = -1
                if !changed.contains(r) { changed.append(r) }
            }
            plan.unassigned.append(t)
        }
        return model.schedule(&plan, changed: changed)
    }
}
