import Foundation

extension RoutingSolution {
    /// The answer for a coupled plan: each route leaves as late as keeps its first start, stops
    /// start at the plan's least schedule.
    init(coupled plan: CoupledPlan, model: CoupledModel, iterations: Int) {
        let p = model.p
        var routes: [Route] = []
        for r in 0..<p.resourceCount where !plan.routes[r].isEmpty {
            let stops = plan.routes[r]
            let departure = plan.departure[r]
            let taken = model.breaks[r].indices.filter { plan.breakStart[r][$0] >= 0 }.map { b in
                TakenBreak(index: b, afterSteps: plan.breakAfter[r][b], start: plan.breakStart[r][b],
                           end: plan.breakStart[r][b] + model.breaks[r][b].duration)
            }
            var load = (0..<p.dims).map { d in stops.reduce(0) { $0 + p.startLoad[$1 * p.dims + d] } }
            var steps: [Step] = []
            var time = departure, location = p.startLocation[r], distance = 0
            for (k, v) in stops.enumerated() {
                for d in 0..<p.dims { load[d] += p.loadDelta[v * p.dims + d] }
                for b in taken where b.afterSteps == k { time = b.end }
                let arrival = time + model.travel(r, location, p.location[v])
                distance += model.distance(r, location, p.location[v])
                let kind: StopKind = p.partner[v] < 0 ? .visit : (p.partner[v] > v ? .pickup : .delivery)
                steps.append(Step(kind: kind, task: kind == .visit ? v : p.taskOfNode[v] - p.visitCount, location: p.location[v],
                                  arrival: arrival, start: plan.start[v], departure: plan.start[v] + p.service[v], load: load))
                time = plan.start[v] + p.service[v]
                location = p.location[v]
            }
            for b in taken where b.afterSteps == stops.count { time = b.end }
            let end = time + model.travel(r, location, p.endLocation[r])
            distance += model.distance(r, location, p.endLocation[r])
            let cost = p.fixedCost[r] + p.costPerDistance[r] * distance + p.costPerDuration[r] * (end - departure)
                + p.overtimeCost(r, end - departure, end: end)
            routes.append(Route(resource: r, start: departure, end: end, steps: steps, distance: distance, duration: end - departure, cost: cost,
                                breaks: taken))
        }
        let c = plan.cost
        let breakdown = CostBreakdown(
            fixed: c.fixed, distance: c.distance, duration: c.duration, overtime: c.overtime, unassigned: c.unassigned,
            lateness: model.latenessCost * c.lateness, maxLateness: model.maxLatenessCost * c.maxLateness, total: c.total)
        var unassigned: [Unassigned] = []
        for t in plan.unassigned.sorted() {
            if model.isRequest[t] { unassigned.append(Self.explain(coupledRequest: t, model: model, plan: plan)); continue }
            for v in model.members[t] { unassigned.append(Self.explain(coupledTask: t, visit: v, model: model, plan: plan)) }
        }
        unassigned.sort { ($0.kind == "request" ? 1 : 0, $0.task) < ($1.kind == "request" ? 1 : 0, $1.task) }
        self.init(routes: routes, unassigned: unassigned, cost: breakdown, iterations: iterations)
        priceAssignments(p)
    }

    /// Why an unserved visit of the coupled model is unserved: no resource allowed, no set of
    /// distinct resources for its group, its window or the shift alone, or no room in this plan.
    /// The relaxation looks at the visit's own window and the shift end at each place of the
    /// plan (delays it would push onto later stops are not counted), or at one more resource.
    static func explain(coupledTask t: Int, visit v: Int, model: CoupledModel, plan: CoupledPlan) -> Unassigned {
        let p = model.p
        let allowed = (0..<p.resourceCount).filter { p.allowed[v * p.resourceCount + $0] }
        if allowed.isEmpty {
            return Unassigned(kind: "visit", task: v, code: "skills", feasibleAlone: [], relaxations: p.resourceRelaxation(task: v))
        }
        var alone: [Int] = []
        for r in allowed {
            var single = CoupledPlan(model: model)
            single.routes[r].append(v)
            single.routeOf[v] = r
            single.unassigned.removeAll()
            if model.schedule(&single) { alone.append(r) }
        }
        let members = model.members[t]
        if alone.isEmpty {
            let u = v
            let overCapacity = allowed.allSatisfy { r in
                (0..<p.dims).contains { d in p.startLoad[u * p.dims + d] + abs(p.loadDelta[u * p.dims + d]) > p.capacity[r * p.dims + d] }
            }
            let outsideShift = allowed.allSatisfy { r in model.latest[u] < p.shiftStart[r] || p.early[u] > p.shiftEnd[r] }
            return Unassigned(kind: "visit", task: v, code: overCapacity ? "capacity" : (outsideShift ? "shift" : "timeWindow"), feasibleAlone: [],
                              relaxations: overCapacity ? nil : leastTimeViolation(v, allowed, model, CoupledPlan(model: model)))
        }
        if members.count > 1 && !Self.distinctResourcesExist(members.map { m in (0..<p.resourceCount).filter { p.allowed[m * p.resourceCount + $0] } }) {
            return Unassigned(kind: "visit", task: v, code: "group", feasibleAlone: alone,
                              relaxations: [Relaxation(constraint: "resources", resource: alone[0], amount: 1)])
        }
        var relaxations = leastTimeViolation(v, allowed, model, plan)
        if relaxations == nil || relaxations!.reduce(0, { $0 + $1.amount }) > 3600 {
            relaxations = [Relaxation(constraint: "resources", resource: alone[0], amount: 1)]
        }
        return Unassigned(kind: "visit", task: v, code: "noRoom", feasibleAlone: alone, relaxations: relaxations)
    }

    /// Why an unserved request of the coupled model is unserved: no resource allowed, over every
    /// allowed resource's capacity, a direct ride longer than its limit, its windows or the shift
    /// alone, or no room in this plan (one more resource like one that could serve it alone).
    static func explain(coupledRequest t: Int, model: CoupledModel, plan: CoupledPlan) -> Unassigned {
        let p = model.p
        let task = model.compiledTask[t], index = task - p.visitCount
        let u = model.members[t][0], w = model.members[t][1]
        let allowed = (0..<p.resourceCount).filter { p.allowed[task * p.resourceCount + $0] }
        if allowed.isEmpty {
            return Unassigned(kind: "request", task: index, code: "skills", feasibleAlone: [], relaxations: p.resourceRelaxation(task: task))
        }
        var alone: [Int] = []
        for r in allowed {
            var single = CoupledPlan(model: model)
            single.routes[r] += [u, w]
            single.routeOf[u] = r; single.routeOf[w] = r
            single.unassigned.removeAll()
            if model.schedule(&single) { alone.append(r) }
        }
        if !alone.isEmpty {
            return Unassigned(kind: "request", task: index, code: "noRoom", feasibleAlone: alone,
                              relaxations: [Relaxation(constraint: "resources", resource: alone[0], amount: 1)])
        }
        // Capacity, when the load exceeds every allowed resource: the smallest excess.
        var excess: (amount: Int, resource: Int, dimension: Int)?
        var everyOver = true
        for r in allowed {
            var over = false
            for d in 0..<p.dims where p.loadDelta[u * p.dims + d] > p.capacity[r * p.dims + d] {
                over = true
                let amount = p.loadDelta[u * p.dims + d] - p.capacity[r * p.dims + d]
                if excess == nil || amount < excess!.amount { excess = (amount, r, d) }
            }
            everyOver = everyOver && over
        }
        if everyOver, let excess {
            return Unassigned(kind: "request", task: index, code: "capacity", feasibleAlone: [],
                              relaxations: [Relaxation(constraint: "capacity", resource: excess.resource, amount: excess.amount, dimension: excess.dimension)])
        }
        if model.rideLimit[w] >= 0 {
            let shortest = allowed.map { (model.travel($0, p.location[u], p.location[w]), $0) }.min { $0 < $1 }!
            if shortest.0 > model.rideLimit[w] {
                return Unassigned(kind: "request", task: index, code: "rideTime", feasibleAlone: [],
                                  relaxations: [Relaxation(constraint: "rideTime", resource: shortest.1, amount: shortest.0 - model.rideLimit[w])])
            }
        }
        let outsideShift = allowed.allSatisfy { r in
            [u, w].contains { model.latest[$0] < p.shiftStart[r] || p.early[$0] > p.shiftEnd[r] }
        }
        return Unassigned(kind: "request", task: index, code: outsideShift ? "shift" : "timeWindow", feasibleAlone: [],
                          relaxations: leastTimeViolation(u, allowed, model, CoupledPlan(model: model)))
    }

    /// The place in `plan` where `v` would start least past its last window and its route end
    /// least past the shift (knock-on delays not counted); `nil` if there is no such place.
    static func leastTimeViolation(_ v: Int, _ resources: [Int], _ model: CoupledModel, _ plan: CoupledPlan) -> [Relaxation]? {
        let p = model.p
        var best: (Int, [Relaxation])?
        for r in resources {
            let route = plan.routes[r]
            for k in p.frozenCount[r]...route.count {
                let previousDeparture = k == 0 ? p.shiftStart[r] : plan.start[route[k - 1]] + p.service[route[k - 1]]
                let previousLocation = k == 0 ? p.startLocation[r] : p.location[route[k - 1]]
                let start = model.earliestStart(v, previousDeparture + model.travel(r, previousLocation, p.location[v]))
                var out: [Relaxation] = []
                if start > model.latest[v] { out.append(Relaxation(constraint: "timeWindow", resource: r, amount: start - model.latest[v], position: k)) }
                let end = k == route.count ? start + p.service[v] + model.travel(r, p.location[v], p.endLocation[r]) : plan.end[r]
                if end > p.shiftEnd[r] { out.append(Relaxation(constraint: "shift", resource: r, amount: end - p.shiftEnd[r], position: k)) }
                let size = out.reduce(0) { $0 + $1.amount }
                if !out.isEmpty && (best == nil || size < best!.0) { best = (size, out) }
            }
        }
        return best?.1
    }

    /// Whether every member can get its own resource (bipartite matching by augmenting paths).
    static func distinctResourcesExist(_ options: [[Int]]) -> Bool {
        var owner: [Int: Int] = [:]
        func augment(_ m: Int, _ seen: inout Set<Int>) -> Bool {
            for r in options[m] where !seen.contains(r) {
                seen.insert(r)
                if owner[r] == nil || augment(owner[r]!, &seen) { owner[r] = m; return true }
            }
            return false
        }
        for m in options.indices {
            var seen = Set<Int>()
            if !augment(m, &seen) { return false }
        }
        return true
    }
}
