import Foundation

/// Recreate of the coupled search: unserved tasks go back, cheapest estimated place first, each
/// placement priced exactly by rescheduling the routes it touches.
extension CoupledSearch {
    /// Reinserts every unserved task, cheapest place first (estimates, then exact pricing of the
    /// best few), groups before single visits half of the time. `false` if the plan ends breaking
    /// a rule (a group member taken out again can move a break).
    @discardableResult
    mutating func recreate(_ plan: inout CoupledPlan) -> Bool {
        var order = plan.unassigned
        plan.unassigned.removeAll()
        switch rng.below(4) {
        case 0: order.sort { (model.p.early[model.members[$0][0]], $0) < (model.p.early[model.members[$1][0]], $1) }
        case 1: order.sort { (depotDistance[$0], $0) > (depotDistance[$1], $1) }
        case 2: order.sort { (depotDistance[$0], $0) < (depotDistance[$1], $1) }
        default:
            for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
        }
        if rng.unit() < 0.5 {
            let groups = order.filter { !model.isRequest[$0] && model.members[$0].count > 1 }
            let others = order.filter { model.isRequest[$0] || model.members[$0].count == 1 }
            order = groups + others
        }
        // Unserved tasks count against the plan while others are inserted.
        plan.unassigned = order
        _ = model.reprice(&plan)
        for t in order {
            plan.unassigned.remove(at: plan.unassigned.firstIndex(of: t)!)
            let placed: Bool
            if model.isRequest[t] || model.members[t].count == 1 { placed = insertAlone(t, &plan) }
            else {
                switch model.members[t].count {
                case 2: placed = insertPair(t, &plan)
                default: placed = insertSequentially(t, &plan)
                }
            }
            if !placed {
                plan.unassigned.append(t)
                _ = model.reprice(&plan)
            }
        }
        return model.reprice(&plan)
    }

    /// Candidate places for visit `v` in every allowed route (except `excluded`), with estimated costs.
    mutating func candidates(_ v: Int, _ plan: CoupledPlan) -> [CoupledSlot] {
        let p = model.p
        var out: [CoupledSlot] = []
        var openedEmptyClass = [Bool](repeating: false, count: p.resourceClassCount)
        let onlyTouched = restrictsLeftOut && leftOut[model.taskOfNode[v]]
        for r in 0..<p.resourceCount where p.allowed[p.taskOfNode[v] * p.resourceCount + r] && !plan.closed[r] && (!onlyTouched || touched[r]) {
            let route = plan.routes[r]
            if route.isEmpty {
                // Empty routes of one class are interchangeable: try one.
                if openedEmptyClass[p.resourceClass[r]] { continue }
                openedEmptyClass[p.resourceClass[r]] = true
            }
            var previousDeparture = p.shiftStart[r], previousLocation = p.startLocation[r]
            // Legs into and out of `v` read from `v`'s own row where the matrix is symmetric.
            let profile = p.profile[r], legs = p.legs[profile], symmetric = p.symmetric[profile]
            let n = p.locationCount, here = p.location[v]
            for k in p.frozenCount[r]...route.count {
                if k > 0 {
                    let u = route[k - 1]
                    previousDeparture = plan.start[u] + p.service[u]
                    previousLocation = p.location[u]
                }
                // Departures only grow along a route: once one is past the latest start of `v`,
                // so is every later place. Their blinks are drawn as if they had been tried.
                if previousDeparture > model.latest[v] {
                    if blinks { for _ in k...route.count { _ = rng.unit() } }
                    break
                }
                if blinks && rng.unit() < parameters.blinkRate { continue }
                let nextLocation = k < route.count ? p.location[route[k]] : p.endLocation[r]
                let into = legs[symmetric ? here * n + previousLocation : previousLocation * n + here]
                let ready = model.earliestStart(v, previousDeparture + Int(into.travel))
                if ready > model.latest[v] { continue }
                let added = Int(into.metres) + Int(legs[here * n + nextLocation].metres) - model.distance(r, previousLocation, nextLocation)
                var delta = p.costPerDistance[r] * added + model.latenessPrice(v, ready) + p.assignment[p.taskOfNode[v] * p.resourceCount + r]
                if route.isEmpty { delta += p.fixedCost[r] }
                out.append(CoupledSlot(route: r, position: k, ready: ready, delta: delta))
            }
        }
        return out
    }

    /// Estimated cost of starting `v` at `time` in `slot`, pushes on the route included; `nil` if infeasible.
    func estimate(_ v: Int, at time: Int, in slot: CoupledSlot, _ plan: CoupledPlan, worst: inout Int) -> Int? {
        let p = model.p
        let time = model.earliestStart(v, time)
        guard time <= model.latest[v] else { return nil }
        worst = max(worst, time - model.lateAfter[v])
        guard let push = model.pushCost(plan, route: slot.route, from: slot.position, departure: time + p.service[v],
                                        fromLocation: p.location[v], worst: &worst) else { return nil }
        return slot.delta - model.latenessPrice(v, slot.ready) + model.latenessPrice(v, time) + push
    }

    /// Exactly prices `plan` with visits placed as given; returns the total, and the break moved
    /// to make the placement fit if one had to be, or `nil` if no such plan keeps every rule. With
    /// `shiftingBreaks`, a placement that breaks a rule on a route with breaks is priced again
    /// with each of its breaks taken one stop later than it fell (or, if held back, at the first
    /// point the rule allows): a break placed by the rule alone can block a request that fits.
    /// The local search asks for that when no place fits as the breaks stand (recreate does not:
    /// it would halve its iterations). The plan is restored afterwards.
    /// The prices are restored afterwards too where only the changed routes were rescheduled
    /// (no groups); with groups every pricing reschedules the whole plan, so the times left from
    /// the trial are never read.
    func exact(_ placements: [(v: Int, slot: CoupledSlot)], _ plan: inout CoupledPlan, shiftingBreaks: Bool = false)
        -> (total: Int, shift: CoupledBreakShift?)?
    {
        let changed = Self.routes(of: placements)
        // Without groups only the changed routes are rescheduled: their times are kept and put
        // back afterwards (the same times rescheduling them again would give, at no cost).
        let kept = model.groupTasks.isEmpty ? changed.map { CoupledRouteTimes(route: $0, of: plan) } : []
        let cost = plan.cost
        for (v, slot) in placements {
            plan.routes[slot.route].insert(v, at: slot.position)
            plan.routeOf[v] = slot.route
        }
        var found: (total: Int, shift: CoupledBreakShift?)?
        if model.schedule(&plan, changed: changed) {
            found = (plan.cost.total, nil)
        } else if shiftingBreaks {
            // Where each break fell in the failed trial (after how many stops; -1 if not taken),
            // read before the retries below schedule the routes again.
            let fell = changed.map { plan.breakAfter[$0] }
            for (r, at) in zip(changed, fell) {
                for b in model.breaks[r].indices where at[b] >= 0 {
                    let now = plan.breakNotBefore[r][b]
                    for value in [at[b] + 1, 0] where value != now {
                        plan.breakNotBefore[r][b] = value
                        if model.schedule(&plan, changed: changed), found == nil || plan.cost.total < found!.total {
                            found = (plan.cost.total, CoupledBreakShift(route: r, index: b, notBefore: value))
                        }
                    }
                    plan.breakNotBefore[r][b] = now
                }
            }
        }
        for (v, slot) in placements.reversed() {
            plan.routes[slot.route].remove(at: slot.position)
            plan.routeOf[v] = -1
        }
        for times in kept { times.restore(into: &plan) }
        if model.groupTasks.isEmpty { plan.cost = cost }
        return found
    }

    mutating func commit(_ placements: [(v: Int, slot: CoupledSlot)], shift: CoupledBreakShift?, _ plan: inout CoupledPlan) {
        for (v, slot) in placements {
            touched[slot.route] = true
            plan.routes[slot.route].insert(v, at: slot.position)
            plan.routeOf[v] = slot.route
        }
        if let shift { plan.breakNotBefore[shift.route][shift.index] = shift.notBefore }
        let ok = model.schedule(&plan, changed: Self.routes(of: placements))
        precondition(ok, "a placement priced as feasible must stay feasible")
    }

    /// The distinct routes of `placements`.
    static func routes(of placements: [(v: Int, slot: CoupledSlot)]) -> [Int] {
        var out: [Int] = []
        for (_, slot) in placements where !out.contains(slot.route) { out.append(slot.route) }
        return out
    }

    // Each insertion starts with the plan priced with the task still counted as unserved (its
    // penalty included): serving it must cost less than that.

    /// The cheapest place of task `t`, a single visit or a request, while unserved.
    mutating func bestPlacement(_ t: Int, _ plan: inout CoupledPlan) -> CoupledPlacement? {
        model.isRequest[t] ? bestRequest(t, &plan) : bestSingle(t, &plan)
    }

    /// A priced placement of a task: the plan's total with it, the break moved to make it fit
    /// (if one had to be), and where each of its nodes goes.
    typealias CoupledPlacement = (total: Int, shift: CoupledBreakShift?, placements: [(v: Int, slot: CoupledSlot)])

    /// Places a single visit or a request at its cheapest place (``bestPlacement(_:_:)``), only
    /// where serving it costs less than leaving it out.
    mutating func insertAlone(_ t: Int, _ plan: inout CoupledPlan) -> Bool {
        let base = plan.cost.total
        guard let best = bestPlacement(t, &plan), best.total < base else { return false }
        commit(best.placements, shift: best.shift, &plan)
        return true
    }

    /// The cheapest place of single visit `t` (unserved): the best few estimates priced exactly.
    mutating func bestSingle(_ t: Int, _ plan: inout CoupledPlan) -> CoupledPlacement? {
        let v = model.members[t][0]
        let slots = candidates(v, plan)
        // Only the best 24 are ever priced exactly.
        var few = SmallestFew<(cost: Int, slot: CoupledSlot)>(limit: 24) { ($0.cost, $0.slot.route, $0.slot.position) < ($1.cost, $1.slot.route, $1.slot.position) }
        let currentWorst = plan.cost.maxLateness
        for slot in slots {
            var worst = currentWorst
            guard let e = estimate(v, at: slot.ready, in: slot, plan, worst: &worst) else { continue }
            few.offer((e + model.maxLatenessCost * (worst - currentWorst), slot))
        }
        let scored = few.items
        guard !scored.isEmpty else { return nil }
        var best: CoupledPlacement?
        // Breaks are moved only when no place fits as they stand (in the local search).
        for shifting in [false, true] where best == nil && (!shifting || model.hasBreaks && shiftsBreaks) {
            var tried = 0
            for (_, slot) in scored {
                if let trial = exact([(v, slot)], &plan, shiftingBreaks: shifting), best == nil || trial.total < best!.total {
                    best = (trial.total, trial.shift, [(v, slot)])
                }
                tried += 1
                if tried >= 3 && best != nil || tried >= (shifting ? 8 : 24) { break }
            }
        }
        return best
    }

    /// A group of two: the best few places of each member, paired across distinct resources with
    /// their starts tied by the gap, priced exactly for the most promising pairs.
    mutating func insertPair(_ t: Int, _ plan: inout CoupledPlan) -> Bool {
        let base = plan.cost.total
        let v0 = model.members[t][0], v1 = model.members[t][1]
        let lo = model.minGap[t], hi = model.maxGap[t]
        var slots = candidates(v0, plan)
        var slotsB = candidates(v1, plan)
        let keep = 12
        func shortlist(_ list: inout [CoupledSlot]) {
            list.sort { ($0.delta, $0.route, $0.position) < ($1.delta, $1.route, $1.position) }
            if list.count > keep { list.removeLast(list.count - keep) }
        }
        shortlist(&slots)
        shortlist(&slotsB)
        let currentWorst = plan.cost.maxLateness
        // Only the best 32 pairs are ever priced exactly: kept as they come, not all sorted.
        var few = SmallestFew<(cost: Int, a: CoupledSlot, b: CoupledSlot)>(limit: 32) {
            ($0.cost, $0.a.route, $0.a.position, $0.b.route, $0.b.position) < ($1.cost, $1.a.route, $1.a.position, $1.b.route, $1.b.position)
        }
        for a in slots {
            for b in slotsB where b.route != a.route {
                let s0 = max(a.ready, b.ready - hi)
                let s1 = max(b.ready, s0 + lo)
                var worst = currentWorst
                guard let ea = estimate(v0, at: s0, in: a, plan, worst: &worst),
                      let eb = estimate(v1, at: s1, in: b, plan, worst: &worst) else { continue }
                few.offer((ea + eb + model.maxLatenessCost * (worst - currentWorst), a, b))
            }
        }
        let pairs = few.items
        guard !pairs.isEmpty else { return insertSequentially(t, &plan, base: base) }
        var best: (total: Int, shift: CoupledBreakShift?, a: CoupledSlot, b: CoupledSlot)?
        var tried = 0
        for (_, a, b) in pairs {
            if let trial = exact([(v0, a), (v1, b)], &plan), best == nil || trial.total < best!.total { best = (trial.total, trial.shift, a, b) }
            tried += 1
            if tried >= 4 && best != nil || tried >= 32 { break }
        }
        guard let best else { return insertSequentially(t, &plan, base: base) }
        guard best.total < base else { return false }
        commit([(v0, best.a), (v1, best.b)], shift: best.shift, &plan)
        return true
    }

    /// The cheapest places of request `t` (unserved): its pickup at each place of each allowed
    /// route and its delivery at each later place of that route, estimated by the added distance
    /// plus the delays the pickup pushes onto the route, with places the delivery cannot reach in
    /// its window or within the ride time skipped; the most promising are priced exactly.
    mutating func bestRequest(_ t: Int, _ plan: inout CoupledPlan) -> CoupledPlacement? {
        let p = model.p
        let u = model.members[t][0], w = model.members[t][1]
        let task = model.compiledTask[t]
        let limit = model.rideLimit[w] >= 0 ? model.rideLimit[w] : Int.max / 4
        // Only the best 32 pairs are ever priced exactly: kept as they come, not all sorted.
        var few = SmallestFew<(cost: Int, a: CoupledSlot, b: CoupledSlot)>(limit: 32) {
            ($0.cost, $0.a.route, $0.a.position, $0.b.position) < ($1.cost, $1.a.route, $1.a.position, $1.b.position)
        }
        // The load on board before each stop of the route being tried (``CompiledProblem/fillOnBoard``):
        // a pair is kept only if the request fits on board from its pickup to its delivery (else
        // its exact pricing fails, and such pairs took the places of ones that fit: 600 requests
        // with breaks, 30 s, seeds 1–4 gave 0.5–7 % less distance or 1–2 more served).
        var onBoard: [Int] = [], boardRoute = -1
        for a in candidates(u, plan) {
            // Every pair with this pickup place is estimated at no less than the metres the pickup
            // adds alone (the delivery's detour is not negative where travel keeps the triangle
            // inequality; delays only add): once the few kept are as cheap, it has nothing to add.
            if let last = few.last, few.isFull, a.delta - model.latenessPrice(u, a.ready) >= last.cost { continue }
            let r = a.route, route = plan.routes[r], i = a.position
            if r != boardRoute {
                boardRoute = r
                p.fillOnBoard(route, into: &onBoard)
            }
            if !p.fits(u, resource: r, onBoard: onBoard, at: i) { continue }
            var worst = plan.cost.maxLateness
            guard let pickupCost = estimate(u, at: a.ready, in: a, plan, worst: &worst) else { continue }
            let pickupEnd = model.earliestStart(u, a.ready) + p.service[u]
            let pushed = pickupCost - a.delta + model.maxLatenessCost * (worst - plan.cost.maxLateness)
            func location(_ k: Int) -> Int { k < route.count ? p.location[route[k]] : p.endLocation[r] }
            let before = i == 0 ? p.startLocation[r] : p.location[route[i - 1]]
            // What every pair with this pickup place costs besides the added distance.
            let fixedPart = p.assignment[task * p.resourceCount + r] + (route.isEmpty ? p.fixedCost[r] : 0) + pushed
            // Delivery straight after the pickup.
            let ride = model.travel(r, p.location[u], p.location[w])
            if ride <= limit, model.earliestStart(w, pickupEnd + ride) <= model.latest[w] {
                let added = model.distance(r, before, p.location[u]) + model.distance(r, p.location[u], p.location[w])
                    + model.distance(r, p.location[w], location(i)) - model.distance(r, before, location(i))
                few.offer((fixedPart + p.costPerDistance[r] * added, a, CoupledSlot(route: r, position: i + 1, ready: pickupEnd + ride, delta: 0)))
            }
            // Delivery after the stops from i to j - 1: the ride is at least the path through them.
            let pickupAdded = p.costPerDistance[r] * (model.distance(r, before, p.location[u]) + model.distance(r, p.location[u], location(i))
                - model.distance(r, before, location(i)))
            var path = model.travel(r, p.location[u], location(i))
            // Legs into and out of the delivery read from its own row where the matrix is symmetric.
            let legs = p.legs[p.profile[r]], symmetric = p.symmetric[p.profile[r]], n = p.locationCount, drop = p.location[w]
            for j in stride(from: i + 1, through: route.count, by: 1) {
                // On board after the stop before the delivery, with the request: past capacity
                // there, no later delivery helps.
                if !p.fits(u, resource: r, onBoard: onBoard, at: j) { break }
                let previous = route[j - 1], from = p.location[previous]
                let into = legs[symmetric ? drop * n + from : from * n + drop]
                let ready = plan.start[previous] + p.service[previous] + Int(into.travel)
                if model.earliestStart(w, ready) > model.latest[w] { break }
                if path + p.service[previous] + Int(into.travel) > limit { break }
                if j < route.count { path += p.service[previous] + model.travel(r, from, p.location[route[j]]) }
                let added = Int(into.metres) + Int(legs[drop * n + location(j)].metres) - model.distance(r, from, location(j))
                few.offer((fixedPart + pickupAdded + p.costPerDistance[r] * added, a, CoupledSlot(route: r, position: j + 1, ready: ready, delta: 0)))
            }
        }
        let pairs = few.items
        guard !pairs.isEmpty else { return nil }
        var best: CoupledPlacement?
        // Breaks are moved only when no place fits as they stand (in the local search).
        for shifting in [false, true] where best == nil && (!shifting || model.hasBreaks && shiftsBreaks) {
            var tried = 0
            for (_, a, b) in pairs {
                if let trial = exact([(u, a), (w, b)], &plan, shiftingBreaks: shifting), best == nil || trial.total < best!.total {
                    best = (trial.total, trial.shift, [(u, a), (w, b)])
                }
                tried += 1
                if tried >= 4 && best != nil || tried >= (shifting ? 8 : 32) { break }
            }
        }
        return best
    }

    /// Members one at a time, each on a resource the group does not use yet, priced exactly;
    /// undone unless serving the group costs less than leaving it out.
    mutating func insertSequentially(_ t: Int, _ plan: inout CoupledPlan, base: Int? = nil) -> Bool {
        let limit = base ?? plan.cost.total
        var placed: [Int] = []
        func undo(_ plan: inout CoupledPlan) -> Bool {
            for u in placed {
                let r = plan.routeOf[u]
                plan.routes[r].remove(at: plan.routes[r].firstIndex(of: u)!)
                plan.routeOf[u] = -1
            }
            _ = model.schedule(&plan)
            return false
        }
        for v in model.members[t] {
            let slots = candidates(v, plan)
            let used = placed.map { plan.routeOf[$0] }
            var best: (total: Int, shift: CoupledBreakShift?, slot: CoupledSlot)?
            for slot in slots where !used.contains(slot.route) {
                if let trial = exact([(v, slot)], &plan), best == nil || trial.total < best!.total { best = (trial.total, trial.shift, slot) }
            }
            guard let best else { return undo(&plan) }
            commit([(v, best.slot)], shift: best.shift, &plan)
            placed.append(v)
        }
        return plan.cost.total < limit ? true : undo(&plan)
    }
}

/// The `limit` smallest of the elements offered, in order: a full sort's first `limit` when the
/// order is total, without sorting every candidate (insertion into a short sorted array; most
/// offers lose to the last kept and cost one comparison).
struct SmallestFew<Element> {
    let limit: Int
    let less: (Element, Element) -> Bool
    private(set) var items: [Element] = []

    init(limit: Int, by less: @escaping (Element, Element) -> Bool) {
        self.limit = limit
        self.less = less
        items.reserveCapacity(limit)
    }

    /// Whether `limit` elements are kept: a new one must beat ``last`` to be kept.
    var isFull: Bool { items.count == limit }
    var last: Element? { items.last }

    mutating func offer(_ element: Element) {
        if items.count == limit {
            guard limit > 0, less(element, items[limit - 1]) else { return }
            items.removeLast()
        }
        var k = items.count
        items.append(element)
        while k > 0 && less(element, items[k - 1]) {
            items[k] = items[k - 1]
            k -= 1
        }
        items[k] = element
    }
}
