import Foundation

extension CoupledModel {
    /// Schedules `plan` (its routes as they are) and prices it; `false` if any hard rule breaks
    /// (window, shift, duration, capacity, or a waiting cycle). Times are left in `plan`.
    func schedule(_ plan: inout CoupledPlan) -> Bool { propagate(&plan) && price(&plan) }

    /// The least schedule of `plan`'s routes into its times; `false` for a waiting cycle.
    /// Each round recomputes the routes whose floors rose, then applies the backward edges: a
    /// group member starting too late for the reference's largest gap delays the reference, a
    /// delivery reached too long after its pickup delays the pickup.
    func propagate(_ plan: inout CoupledPlan) -> Bool {
        for route in plan.routes { for v in route { plan.floor[v] = 0 } }
        for r in 0..<plan.routes.count { plan.pending[r] = !plan.routes[r].isEmpty }
        var rounds = 0
        while true {
            var changed = false
            for r in 0..<plan.routes.count where plan.pending[r] {
                forward(r, &plan)
                if isHopeless(r, plan) { return false }
                plan.pending[r] = applyRideTimes(r, &plan)
                changed = changed || plan.pending[r]
            }
            for t in groupTasks {
                let m = members[t], m0 = m[0]
                guard plan.routeOf[m0] >= 0 else { continue }
                for k in 1..<m.count {
                    let v = m[k]
                    guard plan.routeOf[v] >= 0 else { continue }  // a group being placed member by member
                    if plan.start[v] < plan.start[m0] + minGap[t] {
                        plan.floor[v] = plan.start[m0] + minGap[t]; changed = true
                        plan.pending[plan.routeOf[v]] = true
                    }
                    if plan.start[m0] < plan.start[v] - maxGap[t] {
                        plan.floor[m0] = max(plan.floor[m0], plan.start[v] - maxGap[t]); changed = true
                        plan.pending[plan.routeOf[m0]] = true
                    }
                }
            }
            if !changed { break }
            rounds += 1
            if rounds > roundLimit { return false }
        }
        return true
    }

    /// Times along route `r`. A break is taken at the first point between stops at or after its
    /// window opens with no request on board (no break with a patient in the vehicle) and with at
    /// least ``CoupledPlan/breakNotBefore`` stops before it, or earlier (waiting for the window)
    /// if going on would carry the next service past the window's end (where breaks need an empty
    /// vehicle, a schedule that then has a request on board during the break breaks a rule:
    /// ``priceRoute(_:_:)``); after the last stop only if the route runs into the window.
    @inline(__always)
    func forward(_ r: Int, _ plan: inout CoupledPlan) {
        var time = p.shiftStart[r], location = p.startLocation[r]
        let route = plan.routes[r]
        let breaks = self.breaks[r]
        if breaks.isEmpty {
            for v in route {
                let arrive = time + travel(r, location, p.location[v])
                plan.arrival[v] = arrive
                let s = earliestStart(v, max(arrive, plan.floor[v]))
                plan.start[v] = s
                time = s + p.service[v]
                location = p.location[v]
            }
            let first = route[0]
            plan.departure[r] = max(p.shiftStart[r], plan.start[first] - travel(r, p.startLocation[r], p.location[first]))
            plan.end[r] = time + travel(r, location, p.endLocation[r])
            return
        }
        var next = 0, onBoard = 0
        for b in breaks.indices { plan.breakStart[r][b] = -1; plan.breakAfter[r][b] = -1 }
        for (k, v) in route.enumerated() {
            while next < breaks.count {
                let b = breaks[next]
                let leave = earliestStart(v, max(time + travel(r, location, p.location[v]), plan.floor[v])) + p.service[v]
                if leave <= b.window.end {
                    guard time >= b.window.start && onBoard == 0 && k >= plan.breakNotBefore[r][next] else { break }
                }
                plan.breakStart[r][next] = max(time, b.window.start)
                plan.breakAfter[r][next] = k
                time = plan.breakStart[r][next] + b.duration
                next += 1
            }
            let arrive = time + travel(r, location, p.location[v])
            plan.arrival[v] = arrive
            let s = earliestStart(v, max(arrive, plan.floor[v]))
            plan.start[v] = s
            time = s + p.service[v]
            location = p.location[v]
            if p.partner[v] >= 0 { onBoard += p.partner[v] > v ? 1 : -1 }
        }
        while next < breaks.count && time + travel(r, location, p.endLocation[r]) > breaks[next].window.start {
            plan.breakStart[r][next] = max(time, breaks[next].window.start)
            plan.breakAfter[r][next] = route.count
            time = plan.breakStart[r][next] + breaks[next].duration
            next += 1
        }
        let first = route[0]
        var departure = plan.start[first] - travel(r, p.startLocation[r], p.location[first])
        if plan.breakAfter[r].first == 0 { departure = min(departure, plan.breakStart[r][0]) }
        plan.departure[r] = max(p.shiftStart[r], departure)
        plan.end[r] = time + travel(r, location, p.endLocation[r])
    }

    /// Fills the cost of the schedule in `plan`; `false` if it breaks a hard rule (window, shift,
    /// duration, capacity).
    func price(_ plan: inout CoupledPlan) -> Bool {
        for r in 0..<plan.routes.count { priceRoute(r, &plan) }
        return total(&plan)
    }

    /// Prices route `r` of the schedule in `plan` into `plan.routePrice[r]`.
    func priceRoute(_ r: Int, _ plan: inout CoupledPlan) {
        var c = CoupledRoutePrice()
        let route = plan.routes[r]
        guard !route.isEmpty else { plan.routePrice[r] = c; return }
        let dims = p.dims
        var distance = 0, location = p.startLocation[r]
        for v in route {
            if plan.start[v] > latest[v] { c.feasible = false }
            let late = plan.start[v] - lateAfter[v]
            if late > 0 {
                c.lateness += late
                if late > c.maxLateness { c.maxLateness = late }
            }
            distance += self.distance(r, location, p.location[v])
            location = p.location[v]
        }
        let end = plan.end[r], departure = plan.departure[r]
        if end > p.shiftEnd[r] { c.feasible = false }
        for (b, brk) in breaks[r].enumerated() where plan.breakStart[r][b] > brk.window.end { c.feasible = false }
        // Where a break needs an empty vehicle, one forced by its window's end (``forward(_:_:)``)
        // must still find nobody on board.
        if breaksWithNobodyOnBoard[r] {
            for (b, after) in plan.breakAfter[r].enumerated() where plan.breakStart[r][b] >= 0 && after > 0 {
                var onBoard = 0
                for v in route[..<min(after, route.count)] where p.partner[v] >= 0 { onBoard += p.partner[v] > v ? 1 : -1 }
                if onBoard > 0 { c.feasible = false }
            }
        }
        distance += self.distance(r, location, p.endLocation[r])
        if end - departure > p.maxDuration[r] { c.feasible = false }
        if p.hasAssignmentCost {
            for v in route where p.partner[v] < v { c.assignment += p.assignment[p.taskOfNode[v] * p.resourceCount + r] }
        }
        for d in 0..<dims where c.feasible {
            var load = 0
            for v in route { load += p.startLoad[v * dims + d] }
            var highest = load
            for v in route {
                load += p.loadDelta[v * dims + d]
                highest = max(highest, load)
            }
            if highest > p.capacity[r * dims + d] { c.feasible = false }
        }
        c.fixed = p.fixedCost[r]
        c.distance = p.costPerDistance[r] * distance
        c.duration = p.costPerDuration[r] * (end - departure)
        c.overtime = p.overtimeCost(r, end - departure, end: end)
        plan.routePrice[r] = c
    }

    /// Sums the routes' prices and the unserved penalties into `plan.cost`; `false` if a route breaks a hard rule.
    func total(_ plan: inout CoupledPlan) -> Bool {
        var c = CoupledCost()
        var feasible = true
        for price in plan.routePrice {
            feasible = feasible && price.feasible
            c.fixed += price.fixed; c.distance += price.distance; c.duration += price.duration; c.overtime += price.overtime
            c.lateness += price.lateness; c.maxLateness = max(c.maxLateness, price.maxLateness); c.assignment += price.assignment
        }
        for t in plan.unassigned { c.unassigned += penalty[t] }
        c.total = c.fixed + c.distance + c.duration + c.overtime + latenessCost * c.lateness + maxLatenessCost * c.maxLateness + c.unassigned
            + c.assignment
        plan.cost = c
        return feasible
    }

    /// Schedules and prices `plan` after only `changed` routes changed: with no group tying
    /// routes together, each changed route alone (its ride times settled within it), the others
    /// kept; otherwise the whole plan. `false` if a hard rule breaks.
    func schedule(_ plan: inout CoupledPlan, changed: [Int]) -> Bool {
        guard groupTasks.isEmpty else { return schedule(&plan) }
        for r in changed {
            if !settle(r, &plan) { return false }
            priceRoute(r, &plan)
        }
        return total(&plan)
    }

    /// The least schedule of route `r` alone (no group edges): forward passes until every ride
    /// time holds; `false` for a schedule that keeps growing.
    func settle(_ r: Int, _ plan: inout CoupledPlan) -> Bool {
        let route = plan.routes[r]
        guard !route.isEmpty else { return true }
        for v in route { plan.floor[v] = 0 }
        var rounds = 0
        while true {
            forward(r, &plan)
            if !applyRideTimes(r, &plan) { return true }
            if isHopeless(r, plan) { return false }
            rounds += 1
            if rounds > roundLimit { return false }
        }
    }

    /// Whether route `r`, in the middle of scheduling, can no longer end feasible: a stop later
    /// than the end of its last window, or the route later than its shift's end, by more than the
    /// route's breaks last. Floors only rise from round to round, and so do the times a round
    /// gives, except that a break can move to an earlier point and give back at most its
    /// duration; so such a stop or route stays too late in the settled schedule. Most trials that
    /// fail used to climb for hundreds of rounds towards the round limit first.
    @inline(__always)
    func isHopeless(_ r: Int, _ plan: CoupledPlan) -> Bool {
        guard stopsHopelessEarly else { return false }
        let margin = breakTime[r]
        if plan.end[r] > p.shiftEnd[r] + margin { return true }
        for v in plan.routes[r] where plan.start[v] > latest[v] + margin { return true }
        return false
    }

    /// The ride-time edges of route `r`: each pickup whose delivery starts too long after it is
    /// delayed (its floor raised) so the ride fits; `true` if any floor rose.
    @inline(__always)
    func applyRideTimes(_ r: Int, _ plan: inout CoupledPlan) -> Bool {
        guard p.taskCount > p.visitCount else { return false }
        var raised = false
        for d in plan.routes[r] where rideLimit[d] >= 0 {
            let u = p.partner[d]
            guard plan.routeOf[u] == r else { continue }  // a request being placed
            let least = plan.start[d] - rideLimit[d] - p.service[u]
            if plan.start[u] < least {
                plan.floor[u] = least
                raised = true
            }
        }
        return raised
    }

    /// Prices `plan` again after only its unserved tasks changed: without groups every route's
    /// price is current (placements and removals reschedule their routes), so the sum suffices;
    /// with groups, the times left by a trial placement are stale and the plan is scheduled whole.
    func reprice(_ plan: inout CoupledPlan) -> Bool { groupTasks.isEmpty ? total(&plan) : schedule(&plan) }

    /// Lateness weight of a start at `time` for visit `v` (the sum term only).
    @inline(__always)
    func latenessPrice(_ v: Int, _ time: Int) -> Int { max(0, time - lateAfter[v]) * latenessCost }

    /// Estimated extra lateness cost (and whether hard rules survive) when the stop at position
    /// `k` of route `r` may start no earlier than `ready` … the delay ripples until waiting absorbs it.
    /// Returns `nil` when a window or the shift end would break within the route.
    func pushCost(_ plan: CoupledPlan, route r: Int, from k: Int, departure: Int, fromLocation: Int, worst: inout Int) -> Int? {
        let route = plan.routes[r]
        var extra = 0
        var time = departure, location = fromLocation
        var j = k
        while j < route.count {
            let v = route[j]
            let arrive = time + travel(r, location, p.location[v])
            if arrive <= plan.start[v] { return extra }  // absorbed: later stops keep their times
            let s = earliestStart(v, arrive)
            if s > latest[v] { return nil }
            extra += latenessPrice(v, s) - latenessPrice(v, plan.start[v])
            worst = max(worst, s - lateAfter[v])
            time = s + p.service[v]
            location = p.location[v]
            j += 1
        }
        if time + travel(r, location, p.endLocation[r]) > p.shiftEnd[r] { return nil }
        return extra
    }
}
