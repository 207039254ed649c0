import Foundation

/// Fleet minimisation of the coupled search, as the main search does it (SISR's): when vehicles
/// cost to use, whole routes are emptied one at a time, the smallest first, and their tasks must
/// find places in the routes left open; tasks that keep failing gain weight (absence counters)
/// so that the ruin-and-recreate steps in between favour plans that serve them.
extension CoupledSearch {
    /// The plan with as few routes as this search finds room for in `share` of its budget (less
    /// once removals stall, ``SolverParameters/fleetStall``), serving at least as
    /// many tasks as `start`.
    mutating func minimiseFleet(from start: CoupledPlan, until share: Double) -> CoupledPlan {
        let p = model.p
        var best = start
        var absence = AbsenceCounters(taskCount: model.taskCount)
        let phaseStart = fraction()
        var lastSuccess = phaseStart
        while fraction() < share && cancellation?.isCancelled != true {
            var current = best
            for r in 0..<p.resourceCount where current.routes[r].isEmpty { current.closed[r] = true }
            // Routes with a frozen prefix cannot be emptied; one route always stays.
            let open = (0..<p.resourceCount).filter { !current.routes[$0].isEmpty }
            guard open.count > 1, let victim = open.filter({ p.frozenCount[$0] == 0 && p.openDeliveries[$0].isEmpty })
                .min(by: { (current.routes[$0].count, $0) < (current.routes[$1].count, $1) }) else { break }
            var tasks: [Int] = []
            for v in current.routes[victim] where !tasks.contains(model.taskOfNode[v]) { tasks.append(model.taskOfNode[v]) }
            guard remove(tasks: tasks, from: &current) else { break }
            current.closed[victim] = true
            guard recreate(&current) else { break }
            let allowedOut = best.unassigned.count
            var succeeded = current.unassigned.count <= allowedOut
            var tries = 0
            while !succeeded {
                if tries % 8 == 0 && (parameters.fleetPhaseOver(now: fraction(), share: share, phaseStart: phaseStart, lastSuccess: lastSuccess)
                    || cancellation?.isCancelled == true) { break }
                tries += 1
                iteration += 1
                var candidate = current
                guard ruin(&candidate), recreate(&candidate) else { continue }
                if candidate.unassigned.count < current.unassigned.count || absence.sum(candidate.unassigned) < absence.sum(current.unassigned) {
                    current = candidate
                }
                absence.record(candidate.unassigned)
                succeeded = current.unassigned.count <= allowedOut
            }
            if !succeeded { break }
            for r in 0..<p.resourceCount { current.closed[r] = false }
            best = current
            lastSuccess = fraction()
            report(best, lastSuccess)
        }
        for r in 0..<p.resourceCount { best.closed[r] = false }
        return best
    }
}
