/// Insertion, removal and loading of tasks: each priced from the cached segments.
extension RouteSet {
    /// ``bestInsertion(task:resource:into:blinkRate:below:rng:)`` into route `r` as it stands
    /// (positions in the route's stops).
    func bestInsertion(task: Int, route r: Int, blinkRate: Double = 0, below cutoff: Int = Int.max, rng: inout EngineRandom)
        -> (delta: Int, first: Int, second: Int)?
    {
        bestInsertion(task: task, resource: r, into: view(r), blinkRate: blinkRate, below: cutoff, rng: &rng)
    }

    /// Loads a plan stop by stop, keeping each stop only if the route stays feasible (a request
    /// only if its pickup and delivery both fit); everything else stays unserved.
    mutating func load(_ plan: [PlanEvaluator.PlannedRoute]) {
        var seenTask = [Bool](repeating: false, count: problem.taskCount)
        for route in plan where (0..<problem.resourceCount).contains(route.resource)
            && nodes[route.resource].count == problem.frozenCount[route.resource] + problem.openDeliveries[route.resource].count
        {
            let r = route.resource
            for stop in route.stops {
                let task = stop.kind == .visit ? stop.task : problem.visitCount + stop.task
                guard task < problem.taskCount, !problem.locked[task], !seenTask[task] || stop.kind == .delivery else { continue }
                guard problem.allowed[task * problem.resourceCount + r] else { continue }
                let u = problem.firstNode[task]
                switch stop.kind {
                case .visit, .pickup:
                    seenTask[task] = true
                    nodes[r].append(u)
                    if stop.kind == .pickup { continue }  // judged together with its delivery
                case .delivery:
                    guard nodes[r].contains(u) else { continue }
                    nodes[r].append(u + 1)
                }
                refresh(r)
                if !isFeasible(r) {
                    nodes[r].removeAll { problem.taskOfNode[$0] == task }
                    refresh(r)
                } else if let index = unassigned.firstIndex(of: task) {
                    unassigned.remove(at: index)
                }
            }
            // A pickup whose delivery never came is dropped.
            let dangling = nodes[r].filter { problem.partner[$0] >= 0 && !nodes[r].contains(problem.partner[$0]) }
            if !dangling.isEmpty {
                nodes[r].removeAll { dangling.contains($0) }
                refresh(r)
            }
        }
    }

    /// Whether route `r` keeps every hard rule (windows, shift, duration, capacity, ride times).
    func isFeasible(_ r: Int) -> Bool {
        let n = nodes[r].count, dims = problem.dims
        if n == 0 { return true }
        let full = merge(prefix[r][n], endSegment(r), profile: problem.profile[r])
        if full.timeWarp > 0 || full.duration > problem.maxDuration[r] { return false }
        for d in 0..<dims where prefixLoad[r][n * dims + d].maxLoad > problem.capacity[r * dims + d] { return false }
        if rideLimited[r] && !RideTime.feasible(problem: problem, resource: r, stops: nodes[r]) { return false }
        return true
    }

    /// Inserts `task` into route `r` at the positions `bestInsertion` returned.
    mutating func insert(task: Int, route r: Int, first: Int, second: Int) {
        let u = problem.firstNode[task]
        if problem.isRequest[task] {
            nodes[r].insert(u + 1, at: second)
            nodes[r].insert(u, at: first)
        } else {
            nodes[r].insert(u, at: first)
        }
        if let index = unassigned.firstIndex(of: task) { unassigned.remove(at: index) }
        refresh(r)
    }

    /// Removes the given nodes' tasks (both nodes of a request) from their routes; refreshes each
    /// changed route once and appends the tasks to `unassigned`. Returns the tasks removed.
    @discardableResult
    mutating func remove(tasks: [Int]) -> [Int] {
        var touched: [Int] = []
        var removed: [Int] = []
        for task in tasks where !problem.locked[task] {
            let u = problem.firstNode[task]
            let r = routeOf[u]
            guard r >= 0 else { continue }
            nodes[r].removeAll { problem.taskOfNode[$0] == task }
            routeOf[u] = -1
            positionOf[u] = -1
            if problem.isRequest[task] {
                routeOf[u + 1] = -1
                positionOf[u + 1] = -1
            }
            if !touched.contains(r) { touched.append(r) }
            removed.append(task)
            unassigned.append(task)
        }
        for r in touched { refresh(r) }
        return removed
    }
}
