import Foundation

/// The price of one route of a coupled plan by term, and whether it keeps every hard rule.
struct CoupledRoutePrice: Sendable {
    var fixed = 0, distance = 0, duration = 0, overtime = 0, lateness = 0, maxLateness = 0, assignment = 0
    var feasible = true
}

/// Costs of a coupled plan by term (lateness in time units, before weighting).
struct CoupledCost: Sendable, Equatable {
    var fixed = 0, distance = 0, duration = 0, overtime = 0, lateness = 0, maxLateness = 0, unassigned = 0, assignment = 0
    var total = 0
}

/// A plan of the coupled search: stop sequences per resource and their least schedule.
struct CoupledPlan: Sendable {
    var routes: [[Int]]
    /// Per node: resource serving it, or -1.
    var routeOf: [Int]
    /// Per node: service start and arrival (meaningful when served).
    var start: [Int]
    var arrival: [Int]
    /// Per node: lower bound on the start from group gaps and ride times (scratch of the scheduler).
    var floor: [Int]
    /// Per resource: departure from the start, arrival at the end.
    var departure: [Int]
    var end: [Int]
    /// Per resource and break: start (-1 when not taken) and how many stops precede it.
    var breakStart: [[Int]]
    var breakAfter: [[Int]]
    /// Per resource and break: how many stops at least precede it (0: the first point the rule
    /// allows). Chosen by the search — insertion tries the break later when a placement does not
    /// fit otherwise, the local search moves breaks where they cost least — or given by a plan.
    var breakNotBefore: [[Int]]
    /// Per resource: whether its times must be recomputed in this scheduling round (scratch).
    var pending: [Bool]
    /// Per resource: whether no task may be placed on it (fleet minimisation empties routes).
    var closed: [Bool]
    /// Per resource: the price of its route as last scheduled.
    var routePrice: [CoupledRoutePrice]
    var unassigned: [Int]
    var cost = CoupledCost()

    /// An empty plan: only the frozen prefixes (none with `frozen` false), each followed by the
    /// deliveries of requests picked up in it; nothing scheduled yet.
    init(model: CoupledModel, frozen: Bool = true) {
        let n = model.p.nodeCount
        routes = Array(repeating: [], count: model.p.resourceCount)
        routeOf = Array(repeating: -1, count: n)
        start = Array(repeating: 0, count: n)
        arrival = Array(repeating: 0, count: n)
        floor = Array(repeating: 0, count: n)
        departure = Array(repeating: 0, count: model.p.resourceCount)
        end = Array(repeating: 0, count: model.p.resourceCount)
        breakStart = model.breaks.map { Array(repeating: -1, count: $0.count) }
        breakAfter = model.breaks.map { Array(repeating: -1, count: $0.count) }
        breakNotBefore = model.breaks.map { Array(repeating: 0, count: $0.count) }
        pending = Array(repeating: false, count: model.p.resourceCount)
        closed = Array(repeating: false, count: model.p.resourceCount)
        routePrice = Array(repeating: CoupledRoutePrice(), count: model.p.resourceCount)
        // Frozen prefixes open their routes (not yet scheduled).
        for r in routes.indices where frozen {
            routes[r] = model.p.frozenNodes[r] + model.p.openDeliveries[r]
            for v in routes[r] { routeOf[v] = r }
        }
        unassigned = (0..<model.taskCount).filter { !frozen || !model.locked[$0] }
        cost.unassigned = unassigned.reduce(0) { $0 + model.penalty[$1] }
        cost.total = cost.unassigned
    }
}

/// The schedule and price of one route of a plan, kept to be put back after a trial placement.
struct CoupledRouteTimes {
    let route: Int
    let start: [Int], arrival: [Int], floor: [Int]
    let departure: Int, end: Int
    let breakStart: [Int], breakAfter: [Int]
    let price: CoupledRoutePrice

    init(route r: Int, of plan: CoupledPlan) {
        route = r
        let stops = plan.routes[r]
        start = stops.map { plan.start[$0] }
        arrival = stops.map { plan.arrival[$0] }
        floor = stops.map { plan.floor[$0] }
        departure = plan.departure[r]
        end = plan.end[r]
        breakStart = plan.breakStart[r]
        breakAfter = plan.breakAfter[r]
        price = plan.routePrice[r]
    }

    /// Puts the times back (the route must hold the same stops again).
    func restore(into plan: inout CoupledPlan) {
        for (k, v) in plan.routes[route].enumerated() {
            plan.start[v] = start[k]
            plan.arrival[v] = arrival[k]
            plan.floor[v] = floor[k]
        }
        plan.departure[route] = departure
        plan.end[route] = end
        plan.breakStart[route] = breakStart
        plan.breakAfter[route] = breakAfter
        plan.routePrice[route] = price
    }
}
