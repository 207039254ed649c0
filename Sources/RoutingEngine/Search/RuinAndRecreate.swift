/// SISR (Christiaens & Vanden Berghe 2020): remove strings of consecutive stops from routes close
/// to a random seed stop, then reinsert every unserved task greedily with blinks. "Close" and
/// "near" are in space and time (``CompiledProblem/correlated``).
struct RuinAndRecreate {
    let problem: CompiledProblem
    let averageRemoved: Int
    let maxStringLength: Int
    let blinkRate: Double
    /// Distance of each task's first node from its first allowed resource's start, for ordering.
    let depotDistance: [Int]
    /// Total load of each task, for ordering.
    let demand: [Int]

    /// Each node's near nodes, nearest first: whom string removal and granular recreate look at.
    let nearNodes: [[Int32]]
    /// Granular recreate looks at this many routes' worth of a stop's near stops, at least
    /// ``nearStops`` (``nearRoutesWorth``, or 0 for the fleet phase's narrowest neighbourhood).
    let routesWorth: Int

    /// With `near` and `routesWorth` left out, the distance phase's: near in space and time,
    /// three routes' worth. The fleet phase asks for space alone and 0: there speed counts more
    /// than the insertion's price (wider, Gehring & Homberger's c2 lost a vehicle in 60 s).
    init(problem: CompiledProblem, parameters: SolverParameters, near: [[Int32]]? = nil, routesWorth: Int = nearRoutesWorth) {
        self.problem = problem
        nearNodes = near ?? problem.correlated
        self.routesWorth = routesWorth
        averageRemoved = parameters.averageRemoved
        maxStringLength = parameters.maxStringLength
        blinkRate = parameters.blinkRate
        let n = problem.locationCount
        depotDistance = (0..<problem.taskCount).map { task in
            let u = problem.firstNode[task]
            return problem.distances[0][problem.startLocation[0] * n + problem.location[u]]
        }
        demand = (0..<problem.taskCount).map { task in
            let u = problem.firstNode[task]
            return (0..<problem.dims).reduce(0) { $0 + problem.startLoad[u * problem.dims + $1] + abs(problem.loadDelta[u * problem.dims + $1]) }
        }
    }

    /// Removes strings around a random seed; returns the removed tasks (already in `unassigned`).
    func ruin(_ s: inout RouteSet, rng: inout EngineRandom) {
        var assignedNodes = 0, used = 0
        for route in s.nodes where !route.isEmpty {
            assignedNodes += route.count
            used += 1
        }
        guard used > 0 else { return }
        let stringLimit = Double(min(maxStringLength, max(1, assignedNodes / used)))
        let routeLimit = 4.0 * Double(averageRemoved) / (1 + stringLimit) - 1
        let routesToRuin = Int(1 + rng.unit() * max(routeLimit, 1))
        // A random assigned node as seed.
        var seed = rng.below(problem.nodeCount)
        while s.routeOf[seed] < 0 { seed = rng.below(problem.nodeCount) }
        var ruined: [Int] = []
        var tasks: [Int] = []
        func consider(_ c: Int) {
            let r = s.routeOf[c]
            guard r >= 0, !ruined.contains(r) else { return }
            let route = s.nodes[r]
            let lmax = min(Double(route.count), stringLimit)
            let length = Int(1 + rng.unit() * lmax)
            let position = s.positionOf[c]
            if route.count > length && rng.unit() < 0.5 {
                // Split string: a window of length + m stops of which m in the middle stay.
                var m = 1
                while length + m < route.count && rng.unit() >= 0.01 { m += 1 }
                let span = length + m
                let start = max(0, min(position - rng.below(span), route.count - span))
                let keepFrom = start + rng.below(length + 1)
                for k in start..<(start + span) where k < keepFrom || k >= keepFrom + m {
                    let task = problem.taskOfNode[route[k]]
                    if !tasks.contains(task) { tasks.append(task) }
                }
            } else {
                let start = max(0, min(position - rng.below(length), route.count - length))
                for k in start..<(start + length) {
                    let task = problem.taskOfNode[route[k]]
                    if !tasks.contains(task) { tasks.append(task) }
                }
            }
            ruined.append(r)
        }
        consider(seed)
        for c in nearNodes[seed] where ruined.count < routesToRuin {
            consider(Int(c))
        }
        s.remove(tasks: tasks)
    }

    /// Inserts every unserved task (in a random SISR order) at its cheapest feasible place. Tasks
    /// in `leftOut` (unserved in the plan the iteration started from, whose route versions were
    /// `versions`) are offered only the routes changed since: the others are as they were when
    /// those tasks found no place there, and trying every task left out against every route each
    /// iteration took most of the time on a day with more requests than the fleet can carry.
    func recreate(_ s: inout RouteSet, rng: inout EngineRandom, leftOut: [Int] = [], versions: [Int] = []) {
        var order = s.unassigned
        guard !order.isEmpty else { return }
        switch rng.below(11) {
        case 0..<4: order.shuffle(using: &rng)
        case 4..<8: order.sort { (demand[$0], $1) > (demand[$1], $0) }
        case 8..<10: order.sort { (depotDistance[$0], $1) > (depotDistance[$1], $0) }
        default: order.sort { (depotDistance[$0], $0) < (depotDistance[$1], $1) }
        }
        insertAll(order, into: &s, rng: &rng, leftOut: leftOut, versions: versions)
    }

    /// Above this many routes in use, recreate prices only the routes near a task (granular).
    static let granularAbove = 30
    /// How many of a stop's nearest served stops name its candidate routes in granular recreate,
    /// at least.
    static let nearStops = 40
    /// On plans with long routes, that many routes' worth of stops (at the plan's mean stops per
    /// route) instead, outside the fleet phase.
    static let nearRoutesWorth = 3

    /// Greedy insertion of `tasks` in this order. With many routes in use, a task is priced only
    /// on the routes of its nearest served stops and on one empty route per class, and on every
    /// route only if none of those takes it.
    func insertAll(_ tasks: [Int], into s: inout RouteSet, rng: inout EngineRandom, leftOut: [Int] = [], versions: [Int] = []) {
        let R = problem.resourceCount
        var opened = [Bool](repeating: false, count: problem.resourceClassCount)
        let used = s.usedRoutes, granular = used > Self.granularAbove
        // On a day of 50 vehicles with 24 stops each, 40 stops named too few routes: 72 gave
        // 0.2–3.8 % less distance in 30 s (seeds 1–4) in spite of 12 % fewer iterations.
        let nearStops = granular ? max(Self.nearStops, routesWorth * s.nodes.reduce(0) { $0 + $1.count } / used) : 0
        var mark = [Int](repeating: -1, count: granular ? R : 0)
        var near: [Int] = []
        for (k, task) in tasks.enumerated() {
            var best: (delta: Int, route: Int, first: Int, second: Int)?
            let onlyChanged = !versions.isEmpty && leftOut.contains(task)
            func price(_ routes: some Sequence<Int>) {
                for c in opened.indices { opened[c] = false }
                for r in routes where problem.allowed[task * R + r] && (!onlyChanged || s.version[r] != versions[r]) {
                    if s.nodes[r].isEmpty {
                        // One empty route per class of identical resources is enough to price opening one.
                        if s.closed[r] || opened[problem.resourceClass[r]] { continue }
                        opened[problem.resourceClass[r]] = true
                    }
                    if let found = s.bestInsertion(task: task, route: r, blinkRate: blinkRate, below: best?.delta ?? Int.max, rng: &rng),
                        best == nil || found.delta < best!.delta
                    {
                        best = (found.delta, r, found.first, found.second)
                    }
                }
            }
            problem.warmRows(of: task)
            if granular {
                near.removeAll(keepingCapacity: true)
                let u = problem.firstNode[task]
                for node in u...(problem.isRequest[task] ? u + 1 : u) {
                    var seen = 0
                    for vv in nearNodes[node] where seen < nearStops {
                        let r = s.routeOf[Int(vv)]
                        if r < 0 { continue }
                        seen += 1
                        if mark[r] != k { mark[r] = k; near.append(r) }
                    }
                }
                for r in 0..<R where s.nodes[r].isEmpty && mark[r] != k { near.append(r) }
                near.sort()
                price(near)
                if best == nil { price(0..<R) }
            } else {
                price(0..<R)
            }
            // A task whose cheapest place costs more than leaving it out stays out.
            if let best, best.delta < problem.penalty[task] { s.insert(task: task, route: best.route, first: best.first, second: best.second) }
        }
    }
}

extension RuinAndRecreate {
    /// Regret-2 insertion (Potvin & Rousseau 1993) to construct: the task whose cheapest place
    /// beats its cheapest place on any other route by the most goes first, so tasks with few good
    /// options are placed before the easy ones take their room. A task with one route left goes
    /// before every task with two; ties go to the cheaper insertion, then the lower task.
    ///
    /// Every task's cheapest place per route is cached (flat, task by route) and only the column
    /// of the route that changed is priced again. Empty routes of identical resources are one
    /// option: only the first open empty route of each class is priced.
    func regretInsert(_ tasks: [Int], into s: inout RouteSet, rng: inout EngineRandom) {
        let p = problem, R = p.resourceCount, T = tasks.count
        guard T > 0 else { return }
        let none = Int.max
        var delta = [Int](repeating: none, count: T * R)
        var first = [Int](repeating: 0, count: T * R), second = [Int](repeating: 0, count: T * R)
        var active = [Bool](repeating: false, count: R)
        // The empty route priced for each class of identical resources.
        var representative = [Int](repeating: -1, count: p.resourceClassCount)
        var placed = [Bool](repeating: false, count: T)
        var best1 = [Int](repeating: none, count: T), best2 = [Int](repeating: none, count: T), bestRoute = [Int](repeating: -1, count: T)

        func summarise(_ k: Int) {
            var b1 = none, b2 = none, route = -1
            for r in 0..<R where active[r] {
                let d = delta[k * R + r]
                if d < b1 { b2 = b1; b1 = d; route = r } else if d < b2 { b2 = d }
            }
            best1[k] = b1
            best2[k] = b2
            bestRoute[k] = route
        }
        // Prices route `r` for every task left; with `summarising`, a task whose two best options
        // this column was or becomes one of gets its summary again.
        func price(_ r: Int, summarising: Bool) {
            for k in 0..<T where !placed[k] {
                let old = delta[k * R + r]
                if let found = s.bestInsertion(task: tasks[k], route: r, rng: &rng) {
                    delta[k * R + r] = found.delta
                    first[k * R + r] = found.first
                    second[k * R + r] = found.second
                } else {
                    delta[k * R + r] = none
                }
                if summarising && (old <= best2[k] || delta[k * R + r] < best2[k]) { summarise(k) }
            }
        }
        func nextRepresentative(_ c: Int, summarising: Bool) {
            representative[c] = -1
            for r in 0..<R where p.resourceClass[r] == c && s.nodes[r].isEmpty && !s.closed[r] && !active[r] {
                representative[c] = r
                active[r] = true
                price(r, summarising: summarising)
                return
            }
        }
        for r in 0..<R where !s.nodes[r].isEmpty {
            active[r] = true
            price(r, summarising: false)
        }
        for c in 0..<p.resourceClassCount { nextRepresentative(c, summarising: false) }
        for k in 0..<T { summarise(k) }

        while true {
            // The task with the largest regret among those worth serving.
            var chosen = -1, chosenRegret = 0
            for k in 0..<T where !placed[k] && best1[k] != none && best1[k] < p.penalty[tasks[k]] {
                let regret = best2[k] == none ? Int.max : best2[k] - best1[k]
                if chosen < 0 || regret > chosenRegret || (regret == chosenRegret && best1[k] < best1[chosen]) {
                    chosen = k
                    chosenRegret = regret
                }
            }
            if chosen < 0 { break }
            let r = bestRoute[chosen], wasEmpty = s.nodes[r].isEmpty
            s.insert(task: tasks[chosen], route: r, first: first[chosen * R + r], second: second[chosen * R + r])
            placed[chosen] = true
            price(r, summarising: true)
            if wasEmpty && representative[p.resourceClass[r]] == r { nextRepresentative(p.resourceClass[r], summarising: true) }
        }
    }
}
