/// One route's stops and segment caches, as insertion pricing reads them: either a route of a
/// ``RouteSet`` as it stands (sharing its arrays, no copy) or that route with one request taken
/// out, built into reusable buffers (``RouteView/build(_:resource:from:without:)``) so that the
/// request moves price "the route without it" without copying the route set or refreshing it.
struct RouteView {
    var nodes: [Int] = []
    var prefix: [TimeSegment] = []
    var suffix: [TimeSegment] = []
    var prefixLoad: [LoadSegment] = []
    var suffixLoad: [LoadSegment] = []
    /// Routing cost of the stops (fixed, distance, duration, overtime), without assignment costs.
    var routingCost = 0
    /// Preference and stability costs of the stops.
    var assignment = 0
    /// Whether a stop's request has a maximum ride time (insertions need the exact check).
    var rideLimited = false
    /// Whether the resource may not open a new route.
    var closed = false

    /// The route's cost as ``RouteSet/routeCost`` counts it (hard mode).
    var cost: Int { routingCost + assignment }

    /// Rebuilds this view as route `r` of `s` without the stops of `task` (a request or a visit
    /// on it), reusing the buffers. Hard mode only.
    mutating func build(_ s: RouteSet, resource r: Int, without task: Int) {
        let p = s.problem, profile = p.profile[r]
        nodes.removeAll(keepingCapacity: true)
        for u in s.nodes[r] where p.taskOfNode[u] != task { nodes.append(u) }
        let n = nodes.count
        s.fillSegments(of: nodes, resource: r, prefix: &prefix, suffix: &suffix, prefixLoad: &prefixLoad, suffixLoad: &suffixLoad)
        rideLimited = false
        for u in nodes where p.maxRide[p.taskOfNode[u]] != Int.max {
            rideLimited = true
            break
        }
        closed = s.closed[r]
        assignment = s.assignmentCost(of: nodes[...], on: r)
        routingCost = s.cost(resource: r, full: s.merge(prefix[n], s.endSegment(r), profile: profile), count: n) ?? Int.max / 8
    }
}

extension RouteSet {
    /// The segment caches of the stops `route` on resource `r`, written into the given buffers
    /// (emptied first, their capacity kept): `prefix[i]` the start and the first `i` stops,
    /// `suffix[i]` the stops from `i` and the end, loads per dimension in the same layout.
    func fillSegments(of route: [Int], resource r: Int, prefix: inout [TimeSegment], suffix: inout [TimeSegment],
                      prefixLoad: inout [LoadSegment], suffixLoad: inout [LoadSegment])
    {
        let n = route.count, dims = problem.dims, profile = problem.profile[r]
        prefix.removeAll(keepingCapacity: true)
        var current = startSegment(r)
        prefix.append(current)
        for u in route {
            current = merge(current, nodeSegment(u), profile: profile)
            prefix.append(current)
        }
        suffix.removeAll(keepingCapacity: true)
        var back = endSegment(r)
        for _ in 0...n { suffix.append(back) }
        for i in stride(from: n - 1, through: 0, by: -1) {
            back = merge(nodeSegment(route[i]), back, profile: profile)
            suffix[i] = back
        }
        prefixLoad.removeAll(keepingCapacity: true)
        suffixLoad.removeAll(keepingCapacity: true)
        for _ in 0..<((n + 1) * dims) {
            prefixLoad.append(.empty)
            suffixLoad.append(.empty)
        }
        for d in 0..<dims {
            for i in 0..<n { prefixLoad[(i + 1) * dims + d] = LoadSegment.merge(prefixLoad[i * dims + d], nodeLoad(route[i], d)) }
            for i in stride(from: n - 1, through: 0, by: -1) {
                suffixLoad[i * dims + d] = LoadSegment.merge(nodeLoad(route[i], d), suffixLoad[(i + 1) * dims + d])
            }
        }
    }

    /// Route `r` as it stands, sharing the set's arrays.
    func view(_ r: Int) -> RouteView {
        RouteView(nodes: nodes[r], prefix: prefix[r], suffix: suffix[r], prefixLoad: prefixLoad[r], suffixLoad: suffixLoad[r],
                  routingCost: routeCost[r] - routeAssignment[r], assignment: routeAssignment[r], rideLimited: rideLimited[r], closed: closed[r])
    }

    /// The cheapest feasible way to insert `task` into the stops of `route` (resource `r`): the
    /// cost increase and positions in `route.nodes` (for a request, the pickup goes before the stop
    /// at `first`, the delivery before the stop at `second` of the view, `second >= first`). With
    /// `blinkRate` > 0 each candidate is skipped with that probability (SISR blinks). Only places
    /// cheaper than `cutoff` are wanted: when the cheapest costs `cutoff` or more, the answer may
    /// be `nil`. Hard rules only: not for a set in penalised mode.
    ///
    /// On a route priced by distance alone (``CompiledProblem/pricedByDistance``) a place's cost
    /// change is known from its legs, so a place that cannot beat the best so far skips the
    /// merging of times and loads and the ride-time check; the answer is the same, the blinks
    /// drawn the same.
    func bestInsertion(task: Int, resource r: Int, into route: RouteView, blinkRate: Double = 0, below cutoff: Int = Int.max,
                       rng: inout EngineRandom) -> (delta: Int, first: Int, second: Int)?
    {
        precondition(weights == nil, "insertion prices hard rules only")
        let p = problem
        if !p.allowed[task * p.resourceCount + r] { return nil }
        let stops = route.nodes, n = stops.count
        if n == 0 && route.closed { return nil }
        let dims = p.dims, profile = p.profile[r], base = route.routingCost - p.assignment[task * p.resourceCount + r]
        let frozen = p.frozenCount[r]
        let preLoad = route.prefixLoad, sufLoad = route.suffixLoad, pre = route.prefix, suf = route.suffix
        var best: (delta: Int, first: Int, second: Int)?
        // The cost change of a place by its legs: `offset` plus the metres it adds at this price.
        // Legs are read from the inserted stop's row (in cache across the positions; by symmetry
        // for legs into it) and the leg a place replaces from the distances of the segments.
        let byDistance = p.pricedByDistance[r] && route.routingCost < Int.max / 8
        let legs = p.legs[profile], L = p.locationCount, perMetre = p.costPerDistance[r], symmetric = p.symmetric[profile]
        let offset = (n == 0 ? p.fixedCost[r] : 0) + p.assignment[task * p.resourceCount + r]
        // The route's metres (an empty route costs none, whatever its start and end).
        let total = !byDistance || n == 0 ? 0 : pre[n].distance + Int(legs[pre[n].lastLocation * L + suf[n].firstLocation].metres) + suf[n].distance
        var bound = cutoff
        let u = p.firstNode[task], at = p.location[u]
        /// Metres added by putting location `x` between the stops before and after place `i`.
        @inline(__always) func detour(_ i: Int, _ x: Int) -> Int {
            let a = pre[i].lastLocation, b = suf[i].firstLocation
            let into = symmetric ? legs[x * L + a].metres : legs[a * L + x].metres
            return Int(into) + Int(legs[x * L + b].metres) - (total - pre[i].distance - suf[i].distance)
        }
        // Without reading a leg: a place is past the stop's window once the route before it cannot
        // end sooner than the stop's latest start (and so is every later place: the route is
        // feasible, so its earliest ends only grow); and it is too early while the stop cannot be
        // done before the latest start of the rest of the route (those latest starts only grow
        // too). Travel is never negative.
        let ready = p.early[u] + p.service[u]
        @inline(__always) func tooLate(_ i: Int) -> Bool { pre[i].earliest + pre[i].duration - pre[i].timeWarp > p.late[u] }
        if !p.isRequest[task] {
            let segment = nodeSegment(u)
            for i in frozen...n {
                if blinkRate > 0 && rng.unit() < blinkRate { continue }
                if tooLate(i) {
                    // The blinks of the places left are drawn as if they had been tried.
                    if blinkRate > 0 { for _ in i..<n { _ = rng.unit() } }
                    break
                }
                if ready > suf[i].latest { continue }
                if byDistance && offset + perMetre * detour(i, at) >= bound { continue }
                let full = merge(mergeInto(pre[i], segment, profile: profile), suf[i], profile: profile)
                guard let cost = cost(resource: r, full: full, count: n + 1) else { continue }
                var fits = true
                for d in 0..<dims {
                    let load = LoadSegment.merge(LoadSegment.merge(preLoad[i * dims + d], nodeLoad(u, d)), sufLoad[i * dims + d])
                    if load.maxLoad > p.capacity[r * dims + d] { fits = false; break }
                }
                if fits && route.rideLimited && (best == nil || cost - base < best!.delta) {
                    var withVisit = stops
                    withVisit.insert(u, at: i)
                    fits = RideTime.feasible(problem: p, resource: r, stops: withVisit)
                }
                if fits, best == nil || cost - base < best!.delta {
                    best = (cost - base, i, i)
                    bound = min(bound, cost - base)
                }
            }
            return best
        }
        let v = u + 1, to = p.location[v]
        let pickup = nodeSegment(u), delivery = nodeSegment(v)
        let rideLimit = p.maxRide[task], rideServices = p.service[u] + p.service[v]
        let needsExactRide = rideLimit != Int.max || route.rideLimited
        let direct = byDistance ? Int(legs[at * L + to].metres) : 0
        let lateDrop = p.late[v]
        // The loads from the start to the stop before the delivery, per dimension: on the stack
        // (an array here cost a tenth of the pricing in allocation and type metadata lookups).
        return withUnsafeTemporaryAllocation(of: LoadSegment.self, capacity: dims) { loads in
            for i in frozen...n {
                // Skipping these changes which blinks are drawn (the delivery loop draws them), not
                // the chance that a feasible place is skipped.
                if tooLate(i) { break }
                if ready > suf[i].latest { continue }
                var head = mergeInto(pre[i], pickup, profile: profile)
                if head.timeWarp > 0 { continue }
                for d in 0..<dims { loads[d] = LoadSegment.merge(preLoad[i * dims + d], nodeLoad(u, d)) }
                // Metres the pickup adds on its own (the delivery later, `j > i`).
                let pickupDetour = byDistance ? detour(i, at) : 0
                // Both stops together at place `i`: the pickup's legs, the ride between, the delivery's.
                let next = suf[i].firstLocation
                let adjacent = byDistance ? pickupDetour - Int(legs[at * L + next].metres) + direct + Int(legs[to * L + next].metres) : 0
                // The stretch from pickup to delivery: its minimal duration bounds the ride from below,
                // and only grows as the delivery moves later.
                var stretch = pickup
                var j = i
                while true {
                    if rideLimit != Int.max && mergeInto(stretch, delivery, profile: profile).duration - rideServices > rideLimit { break }
                    // The delivery cannot start before the stops before it are done: past its
                    // latest start here, past it at every later place too.
                    if head.earliest + head.duration - head.timeWarp > lateDrop { break }
                    if !(blinkRate > 0 && rng.unit() < blinkRate) {
                        let known = !byDistance ? Int.min : offset + perMetre * (j == i ? adjacent : pickupDetour + detour(j, to))
                        if known < bound {
                            let full = merge(mergeInto(head, delivery, profile: profile), suf[j], profile: profile)
                            if let cost = cost(resource: r, full: full, count: n + 2) {
                                var fits = true
                                for d in 0..<dims {
                                    let load = LoadSegment.merge(LoadSegment.merge(loads[d], nodeLoad(v, d)), sufLoad[j * dims + d])
                                    if load.maxLoad > p.capacity[r * dims + d] { fits = false; break }
                                }
                                if fits && needsExactRide && (best == nil || cost - base < best!.delta) {
                                    fits = RideTime.feasible(problem: p, resource: r, stops: stops, inserting: u, at: i, and: v, at: j)
                                }
                                if fits, best == nil || cost - base < best!.delta {
                                    best = (cost - base, i, j)
                                    bound = min(bound, cost - base)
                                }
                            }
                        }
                    }
                    if j == n { break }
                    head = merge(head, nodeSegment(stops[j]), profile: profile)
                    if head.timeWarp > 0 { break }
                    if rideLimit != Int.max { stretch = merge(stretch, nodeSegment(stops[j]), profile: profile) }
                    // Extending the stretch between pickup and delivery only raises its peak: once the
                    // load there exceeds capacity, no later delivery position can help.
                    var overfull = false
                    for d in 0..<dims {
                        loads[d] = LoadSegment.merge(loads[d], nodeLoad(stops[j], d))
                        if preLoad[n * dims + d].fromStart + loads[d].peak > p.capacity[r * dims + d] { overfull = true }
                    }
                    if overfull { break }
                    j += 1
                }
            }
            return best
        }
    }
}

/// Each request's route without it (``RouteView/build(_:resource:without:)``), kept and built
/// again only when that route has another version stamp (stamps are never reused, so a view
/// holds from one descent to the next): request swaps price the route of every near request
/// without it, many times over. Not for closed routes (fleet minimisation).
final class RemovalViews {
    private var views: [RouteView] = []
    private var stamps: [Int] = []

    /// Sized for `taskCount` tasks (keeping nothing the first time).
    func prepare(taskCount: Int) {
        guard stamps.count != taskCount else { return }
        views = Array(repeating: RouteView(), count: taskCount)
        stamps = Array(repeating: -1, count: taskCount)
    }

    /// Request `task`'s route (it must be on one) without it, as it stands in `s`.
    func view(_ s: RouteSet, task: Int) -> RouteView {
        let r = s.routeOf[s.problem.firstNode[task]]
        if task < stamps.count && !s.closed[r] {
            if stamps[task] != s.version[r] {
                views[task].build(s, resource: r, without: task)
                stamps[task] = s.version[r]
            }
            return views[task]
        }
        var view = RouteView()
        view.build(s, resource: r, without: task)
        return view
    }
}
