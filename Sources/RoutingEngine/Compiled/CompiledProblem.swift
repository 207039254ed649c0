/// The problem flattened into index-based arrays for the search (structure of arrays).
///
/// Nodes: visit `v` is node `v`; request `r` is nodes `V + 2r` (pickup) and `V + 2r + 1`
/// (delivery). Tasks: visit `v` is task `v`; request `r` is task `V + r`.
struct CompiledProblem: Sendable {
    let problem: RoutingProblem
    let dims: Int
    let visitCount: Int
    let nodeCount: Int
    let taskCount: Int
    let resourceCount: Int
    let locationCount: Int

    // Nodes.
    let location: [Int]
    let early: [Int]
    let late: [Int]
    let service: [Int]
    /// Per node × dimension: amount brought from the route start and dropped here (visits).
    let startLoad: [Int]
    /// Per node × dimension: net change of the on-board load here.
    let loadDelta: [Int]
    /// The other node of a request, or -1 for a visit.
    let partner: [Int]
    let taskOfNode: [Int]

    // Tasks.
    let firstNode: [Int]
    let isRequest: [Bool]
    let penalty: [Int]
    let maxRide: [Int]
    /// `allowed[task * resourceCount + resource]`: skills, allow-lists, exclusions and pins (never relaxed).
    let allowed: [Bool]
    /// `assignment[task * resourceCount + resource]`: preference plus stability cost of serving
    /// the task with the resource (all zero unless `hasAssignmentCost`).
    let preferenceCost: [Int]
    let reassignmentCost: [Int]
    let assignment: [Int]
    let hasAssignmentCost: Bool
    /// Re-planning: per resource, the frozen nodes that open its route, in order.
    let frozenNodes: [[Int]]
    /// Per task: whether any of its nodes is frozen (the search never moves it).
    let locked: [Bool]
    /// Per resource: positions before this one are frozen (nothing is inserted there).
    let frozenCount: [Int]
    /// Per resource: deliveries of requests picked up in the frozen prefix but not yet delivered
    /// (they follow the prefix and stay on the route).
    let openDeliveries: [[Int]]

    // Resources.
    let startLocation: [Int]
    let endLocation: [Int]
    let shiftStart: [Int]
    let shiftEnd: [Int]
    let capacity: [Int]
    let fixedCost: [Int]
    let costPerDistance: [Int]
    let costPerDuration: [Int]
    let profile: [Int]
    let maxDuration: [Int]
    let overtimeAfter: [Int]
    let overtimeFrom: [Int]
    let costPerOvertime: [Int]
    /// Whether a route of the resource costs only its fixed cost and its distance (no price on
    /// time): an insertion's cost change is then known from three legs, before its times merge.
    let pricedByDistance: [Bool]

    /// Resources with identical attributes share a class (an empty route of one stands for all).
    let resourceClass: [Int]
    let resourceClassCount: Int

    // Matrices, per profile, row-major.
    let durations: [[Int]]
    let distances: [[Int]]
    /// The same, packed: `legs[profile][from * L + to]` holds the duration and the distance in
    /// one 8-byte word, so that the hot paths (segment merges, insertion pricing) read both with
    /// one load, and a city-sized matrix takes a quarter of the cache lines of the two above.
    let legs: [[Leg]]
    /// Per profile: whether its durations and distances are the same both ways, so that a leg
    /// into a node may be read from that node's own row (one row, in cache, instead of a row per
    /// place tried).
    let symmetric: [Bool]

    /// Nodes ordered by distance from each node (excluding itself), for the fleet phase.
    let neighbours: [[Int32]]
    /// The nearest few hundred nodes in space and time (``Correlation``) of each node, nearest
    /// first: string removal, granular recreate and local search use these outside the fleet phase.
    let correlated: [[Int32]]

    /// Overtime cost of a route of `duration` ending at `end` on resource `r`: the larger overrun
    /// of its duration past `overtimeAfter` and of its end past `overtimeFrom`.
    @inline(__always)
    func overtimeCost(_ r: Int, _ duration: Int, end: Int) -> Int { costPerOvertime[r] * max(0, duration - overtimeAfter[r], end - overtimeFrom[r]) }

    init(_ problem: RoutingProblem) {
        self.problem = problem
        dims = problem.dimensions
        visitCount = problem.visits.count
        nodeCount = problem.visits.count + 2 * problem.requests.count
        taskCount = problem.visits.count + problem.requests.count
        resourceCount = problem.resources.count
        locationCount = problem.matrices[0].count

        var location = [Int](), early = [Int](), late = [Int](), service = [Int]()
        var startLoad = [Int](), loadDelta = [Int](), partner = [Int](), taskOfNode = [Int]()
        var firstNode = [Int](), isRequest = [Bool](), penalty = [Int](), maxRide = [Int]()
        func vector(_ v: [Int], _ d: Int) -> [Int] { v.isEmpty ? Array(repeating: 0, count: d) : v }
        let d = problem.dimensions
        for (index, visit) in problem.visits.enumerated() {
            location.append(visit.stop.location); early.append(visit.stop.window.start)
            late.append(visit.stop.window.end); service.append(visit.stop.service)
            let delivery = vector(visit.delivery, d), pickup = vector(visit.pickup, d)
            startLoad.append(contentsOf: delivery)
            loadDelta.append(contentsOf: (0..<d).map { pickup[$0] - delivery[$0] })
            partner.append(-1); taskOfNode.append(index)
            firstNode.append(index); isRequest.append(false); penalty.append(visit.unassignedPenalty)
            maxRide.append(Int.max)
        }
        for (index, request) in problem.requests.enumerated() {
            let task = problem.visits.count + index
            let p = problem.visits.count + 2 * index
            let load = vector(request.load, d)
            for (stop, sign) in [(request.pickup, 1), (request.delivery, -1)] {
                location.append(stop.location); early.append(stop.window.start); late.append(stop.window.end)
                service.append(stop.service)
                startLoad.append(contentsOf: Array(repeating: 0, count: d))
                loadDelta.append(contentsOf: load.map { $0 * sign })
                taskOfNode.append(task)
            }
            partner.append(p + 1); partner.append(p)
            firstNode.append(p); isRequest.append(true); penalty.append(request.unassignedPenalty)
            maxRide.append(request.maxRideTime ?? Int.max)
        }
        self.location = location; self.early = early; self.late = late; self.service = service
        self.startLoad = startLoad; self.loadDelta = loadDelta; self.partner = partner; self.taskOfNode = taskOfNode
        self.firstNode = firstNode; self.isRequest = isRequest; self.penalty = penalty; self.maxRide = maxRide

        let resources = problem.resources
        startLocation = resources.map(\.startLocation); endLocation = resources.map(\.endLocation)
        shiftStart = resources.map(\.shift.start); shiftEnd = resources.map(\.shift.end)
        capacity = resources.flatMap { $0.capacity.isEmpty ? Array(repeating: Int.max / 4, count: d) : $0.capacity }
        fixedCost = resources.map(\.fixedCost); costPerDistance = resources.map(\.costPerDistance)
        costPerDuration = resources.map(\.costPerDuration); profile = resources.map(\.profile)
        maxDuration = resources.map { $0.maxDuration ?? Int.max / 4 }
        overtimeAfter = resources.map { $0.overtimeAfter ?? Int.max / 4 }
        overtimeFrom = resources.map { $0.overtimeFrom ?? Int.max / 4 }
        costPerOvertime = resources.map(\.costPerOvertime)
        pricedByDistance = resources.map { $0.costPerDuration == 0 && $0.costPerOvertime == 0 }

        let R = resources.count
        var allowed = [Bool](repeating: true, count: taskCount * R)
        var preferenceCost = [Int](repeating: 0, count: taskCount * R)
        var reassignmentCost = [Int](repeating: 0, count: taskCount * R)
        var referenceResource = [Int](repeating: -1, count: taskCount)
        for route in problem.reference {
            for stop in route.stops where stop.kind != .delivery {
                referenceResource[stop.kind == .visit ? stop.task : problem.visits.count + stop.task] = route.resource
            }
        }
        for task in 0..<taskCount {
            let choice = problem.resourceRules(ofTask: task)
            for r in 0..<R {
                allowed[task * R + r] = choice.admits(r, holding: resources[r].skills) && (choice.pinned.map { $0 == r } ?? true)
                if !choice.preferred.isEmpty && !choice.preferred.contains(r) { preferenceCost[task * R + r] = problem.objective.nonPreferredCost }
                if referenceResource[task] >= 0 && referenceResource[task] != r {
                    reassignmentCost[task * R + r] = problem.objective.reassignmentCost
                }
            }
        }
        self.allowed = allowed
        self.preferenceCost = preferenceCost
        self.reassignmentCost = reassignmentCost
        let assignment = zip(preferenceCost, reassignmentCost).map { $0 + $1 }
        self.assignment = assignment
        hasAssignmentCost = assignment.contains { $0 != 0 }
        var frozenNodes = [[Int]](repeating: [], count: R)
        var locked = [Bool](repeating: false, count: taskCount)
        for route in problem.frozen {
            frozenNodes[route.resource] = route.stops.map { stop in
                let task = stop.kind == .visit ? stop.task : problem.visits.count + stop.task
                locked[task] = true
                return stop.kind == .delivery ? firstNode[task] + 1 : firstNode[task]
            }
        }
        // Resources are interchangeable when identical in attributes, allowed tasks and
        // assignment costs, and neither has a frozen prefix.
        var classes: [(Resource, [Bool], [Int])] = []
        var resourceClass: [Int] = []
        for (r, resource) in resources.enumerated() {
            let column = (0..<taskCount).map { allowed[$0 * R + r] }, costs = (0..<taskCount).map { assignment[$0 * R + r] }
            if frozenNodes[r].isEmpty, let k = classes.firstIndex(where: { $0.0 == resource && $0.1 == column && $0.2 == costs }) {
                resourceClass.append(k)
            } else {
                classes.append((resource, column, costs))
                resourceClass.append(classes.count - 1)
            }
        }
        self.resourceClass = resourceClass
        resourceClassCount = classes.count
        self.frozenNodes = frozenNodes
        self.locked = locked
        frozenCount = frozenNodes.map(\.count)
        // Deliveries owed for frozen pickups follow the frozen stops: in the order the reference
        // plan delivers them on that resource (the plan being re-planned, where people on board
        // are dropped in the order that keeps their ride limits), the rest in pickup order.
        var referenceOrder = [[Int: Int]](repeating: [:], count: R)
        for route in problem.reference where (0..<R).contains(route.resource) {
            for (position, stop) in route.stops.enumerated() where stop.kind == .delivery {
                let node = firstNode[problem.visits.count + stop.task] + 1
                if referenceOrder[route.resource][node] == nil { referenceOrder[route.resource][node] = position }
            }
        }
        let partnerOf = partner
        openDeliveries = frozenNodes.enumerated().map { r, route in
            let owed = route.filter { u in partnerOf[u] > u && !route.contains(partnerOf[u]) }.map { partnerOf[$0] }
            return owed.enumerated().sorted { a, b in
                (referenceOrder[r][a.element] ?? Int.max, a.offset) < (referenceOrder[r][b.element] ?? Int.max, b.offset)
            }.map(\.element)
        }
        durations = problem.matrices.map(\.durations)
        distances = problem.matrices.map(\.distances)
        symmetric = problem.matrices.map { matrix in
            let n = matrix.count
            for a in 0..<n {
                for b in (a + 1)..<n
                where matrix.durations[a * n + b] != matrix.durations[b * n + a] || matrix.distances[a * n + b] != matrix.distances[b * n + a] {
                    return false
                }
            }
            return true
        }
        legs = problem.matrices.map { matrix in
            zip(matrix.durations, matrix.distances).map { Leg(travel: Int32(clamping: $0), metres: Int32(clamping: $1)) }
        }

        var neighbours: [[Int32]] = []
        neighbours.reserveCapacity(nodeCount)
        let dist0 = problem.matrices[0].distances, n = locationCount
        // Each node's others by distance, then by index: sorted as one integer key each (distance
        // above, index below), which sorts several times faster than comparing pairs.
        let indexBits = max(1, Int.bitWidth - (nodeCount - 1).leadingZeroBitCount)
        let farthest = Int.max >> indexBits  // longer distances (none real) tie by index
        var keys = [Int](repeating: 0, count: max(0, nodeCount - 1))
        for u in 0..<nodeCount {
            var k = 0
            for v in 0..<nodeCount where v != u {
                keys[k] = min(dist0[location[u] * n + location[v]], farthest) << indexBits | v
                k += 1
            }
            keys.sort()
            neighbours.append(keys.map { Int32($0 & (1 << indexBits - 1)) })
        }
        self.neighbours = neighbours
        correlated = Correlation.neighbours(location: location, early: early, late: late, service: service, distances: dist0,
                                            durations: problem.matrices[0].durations, locationCount: n)
    }
}

extension CompiledProblem {
    /// Reads the matrix rows of `task`'s stops once, a cache line at a time, before the task is
    /// priced at places all over the plan. Pricing reads those rows at scattered columns (legs into
    /// a stop by symmetry, legs out of it); read in order first they stream in, prefetched, instead
    /// of costing a miss per place (on 1,000 customers a fifth of the search's time).
    @inline(never)
    func warmRows(of task: Int) {
        let u = firstNode[task], L = locationCount
        var sum = 0
        for node in u...(isRequest[task] ? u + 1 : u) {
            let start = location[node] * L
            for profile in legs.indices {
                legs[profile].withUnsafeBufferPointer { row in
                    // Eight legs of 8 bytes to a 64-byte line.
                    for k in stride(from: start, to: start + L, by: 8) { sum &+= Int(row[k].metres) }
                }
            }
        }
        // Testing the sum keeps the reads from being optimised away; distances are never negative.
        precondition(sum >= 0, "negative distance")
    }
}

/// One leg of a travel matrix: seconds and metres, each within `Int32` (validation refuses more).
struct Leg {
    let travel: Int32
    let metres: Int32
}
