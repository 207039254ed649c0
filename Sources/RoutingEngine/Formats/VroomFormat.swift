import Foundation

/// VROOM's JSON input (jobs, shipments, vehicles, matrices) and output shape, so that VROOM users
/// can switch without rewriting their integration. Supported: `location_index` with `matrices`
/// per profile (`durations`, optional `distances` and `costs`), time windows (several per job or
/// shipment step, one per vehicle), `skills`, `priority`, `service`, `delivery`/`pickup`/`amount`, vehicle `capacity`,
/// `start_index`/`end_index` (either may be left out: an open route), `time_window`, `costs`
/// (`fixed`, `per_hour`, `per_km`; a `costs` matrix overrides the last two, as in VROOM) and
/// `max_travel_time`, vehicle `breaks` (one window each). Anything else VROOM accepts is refused with a message naming it.
public enum VroomFormat {
    struct Step: Decodable { var id: Int?; var location_index: Int?; var location: [Double]?; var service: Int?; var time_windows: [[Int]]? }
    struct Job: Decodable {
        var id: Int; var location_index: Int?; var location: [Double]?; var service: Int?; var setup: Int?
        var delivery: [Int]?; var pickup: [Int]?; var amount: [Int]?; var skills: [Int]?; var priority: Int?
        var time_windows: [[Int]]?
    }
    struct Shipment: Decodable { var pickup: Step; var delivery: Step; var amount: [Int]?; var skills: [Int]?; var priority: Int? }
    struct Costs: Decodable { var fixed: Int?; var per_hour: Int?; var per_km: Int? }
    struct Vehicle: Decodable {
        var id: Int; var profile: String?; var start_index: Int?; var end_index: Int?; var start: [Double]?; var end: [Double]?
        var capacity: [Int]?; var skills: [Int]?; var time_window: [Int]?; var breaks: [Step]?; var costs: Costs?
        var max_travel_time: Int?; var max_tasks: Int?; var max_distance: Int?
    }
    struct Matrix: Decodable { var durations: [[Int]]?; var distances: [[Int]]?; var costs: [[Int]]? }
    struct Input: Decodable {
        var jobs: [Job]?; var shipments: [Shipment]?; var vehicles: [Vehicle]; var matrices: [String: Matrix]?
        var matrix: [[Int]]?
    }

    /// The problem plus what is needed to answer in VROOM's terms.
    public struct Mapped: Sendable {
        /// The engine problem.
        public var problem: RoutingProblem
        /// VROOM ids of jobs (visit order) and shipments (request order), and vehicle ids.
        public var jobIDs: [Int], shipmentIDs: [(pickup: Int, delivery: Int)], vehicleIDs: [Int]
        /// Priorities of visits and requests.
        public var jobPriorities: [Int], shipmentPriorities: [Int]
        /// VROOM ids of each vehicle's breaks.
        public var breakIDs: [[Int]] = []
        /// Per vehicle: whether its route has no start or no end (open routes).
        public var openStart: [Bool] = [], openEnd: [Bool] = []
        /// Per profile: the distances reported (the input's `distances`, else its `durations`),
        /// which differ from what the engine prices when a custom `costs` matrix is given.
        public var distances: [[[Int]]] = []
    }

    /// Reads VROOM input; throws `KairosJSON.InvalidFile` naming every unsupported or invalid part.
    public static func read(_ data: Data) throws -> Mapped {
        let input: Input
        do { input = try JSONDecoder().decode(Input.self, from: data) } catch let error as DecodingError {
            throw KairosJSON.InvalidFile(issues: [KairosJSON.describe(error)])
        }
        var issues: [String] = []
        // Profiles in name order (deterministic); a legacy top-level "matrix" is profile "car".
        var matrices = input.matrices ?? [:]
        if let legacy = input.matrix { matrices["car"] = Matrix(durations: legacy, distances: nil, costs: nil) }
        let profiles = matrices.keys.sorted()
        if profiles.isEmpty { issues.append("matrices: required (Kairos does not compute routes from coordinates; give location_index and a matrix per profile).") }
        var engineMatrices: [TravelMatrix] = []
        // Per profile: whether a custom cost matrix drives the search, the distances reported, and
        // the "nowhere" location (zero travel to and from everywhere) that open routes start or end at.
        var usesCosts: [Bool] = [], reportedDistances: [[[Int]]] = [], nowhere: [Int] = []
        let anyOpen = input.vehicles.contains { ($0.start_index == nil) != ($0.end_index == nil) }
        for name in profiles {
            let m = matrices[name]!
            guard let durations = m.durations else { issues.append("matrices.\(name).durations: required."); continue }
            let n = durations.count
            let square = { (a: [[Int]]) in a.count == n && a.allSatisfy { $0.count == n } }
            if !square(durations) { issues.append("matrices.\(name).durations: must be square."); continue }
            if let d = m.distances, !square(d) { issues.append("matrices.\(name).distances: must be square like durations."); continue }
            if let c = m.costs, !square(c) { issues.append("matrices.\(name).costs: must be square like durations."); continue }
            // With a custom cost matrix, VROOM optimises those costs (per_hour and per_km are then
            // ignored): the engine prices it in place of distance, at one unit per unit.
            let priced = m.costs ?? m.distances ?? durations
            engineMatrices.append(TravelMatrix(count: anyOpen ? n + 1 : n) { a, b in
                a == n || b == n ? (0, 0) : (durations[a][b], priced[a][b])
            })
            usesCosts.append(m.costs != nil)
            reportedDistances.append(m.distances ?? durations)
            nowhere.append(n)
        }
        let locationCount = nowhere.min() ?? 0
        func windows(_ w: [[Int]]?, _ path: String) -> [TimeWindow] {
            guard let w, !w.isEmpty else { return [.always] }
            var out: [TimeWindow] = []
            for (k, pair) in w.enumerated() {
                guard pair.count == 2 else { issues.append("\(path)[\(k)]: must be [start, end]."); return [.always] }
                out.append(TimeWindow(start: pair[0], end: pair[1]))
            }
            return out
        }
        func index(_ i: Int?, _ coordinates: [Double]?, _ path: String) -> Int {
            if let i {
                if anyOpen && i >= locationCount { issues.append("\(path): \(i) is outside the matrices (0–\(locationCount - 1)).") }
                return i
            }
            issues.append(coordinates == nil ? "\(path): location_index is required." : "\(path): coordinates need a routing service; give location_index with a matrix.")
            return 0
        }
        func bits(_ skills: [Int]?, _ path: String) -> UInt64 {
            var mask: UInt64 = 0
            for s in skills ?? [] { if (0..<64).contains(s) { mask |= 1 << UInt64(s) } else { issues.append("\(path): skill \(s) must be 0–63 in Kairos.") } }
            return mask
        }
        let dimensions = input.vehicles.first?.capacity?.count ?? 0
        // Serving comes first; among tasks, higher priority is worth more (VROOM maximises priority).
        let base = 1_000_000_000_000
        var visits: [Visit] = [], jobIDs: [Int] = [], jobPriorities: [Int] = []
        for (k, job) in (input.jobs ?? []).enumerated() {
            if job.setup != nil { issues.append("jobs[\(k)].setup: not supported yet.") }
            let delivery = job.delivery ?? job.amount ?? [], pickup = job.pickup ?? []
            let jobWindows = windows(job.time_windows, "jobs[\(k)].time_windows")
            visits.append(Visit(stop: Stop(location: index(job.location_index, job.location, "jobs[\(k)].location_index"),
                                           window: jobWindows[0], service: job.service ?? 0),
                                delivery: delivery, pickup: pickup, requiredSkills: bits(job.skills, "jobs[\(k)].skills"),
                                unassignedPenalty: base + (job.priority ?? 0) * 1_000_000_000, moreWindows: Array(jobWindows.dropFirst())))
            jobIDs.append(job.id); jobPriorities.append(job.priority ?? 0)
        }
        var requests: [Request] = [], shipmentIDs: [(Int, Int)] = [], shipmentPriorities: [Int] = []
        for (k, s) in (input.shipments ?? []).enumerated() {
            func stop(_ step: Step, _ path: String) -> (Stop, [TimeWindow]) {
                let all = windows(step.time_windows, "\(path).time_windows")
                return (Stop(location: index(step.location_index, step.location, "\(path).location_index"), window: all[0], service: step.service ?? 0),
                        Array(all.dropFirst()))
            }
            let (pickup, pickupMore) = stop(s.pickup, "shipments[\(k)].pickup")
            let (delivery, deliveryMore) = stop(s.delivery, "shipments[\(k)].delivery")
            requests.append(Request(pickup: pickup, delivery: delivery, load: s.amount ?? [], requiredSkills: bits(s.skills, "shipments[\(k)].skills"),
                                    unassignedPenalty: base + (s.priority ?? 0) * 1_000_000_000, pickupMoreWindows: pickupMore,
                                    deliveryMoreWindows: deliveryMore))
            shipmentIDs.append((s.pickup.id ?? k, s.delivery.id ?? k)); shipmentPriorities.append(s.priority ?? 0)
        }
        var resources: [Resource] = []
        var breakIDs: [[Int]] = []
        var openStart: [Bool] = [], openEnd: [Bool] = []
        for (k, v) in input.vehicles.enumerated() {
            // Kairos takes breaks in the order of their windows; keep each one's VROOM id alongside.
            var breaks: [(spec: Break, id: Int)] = []
            for (b, step) in (v.breaks ?? []).enumerated() {
                let path = "vehicles[\(k)].breaks[\(b)]"
                if (step.time_windows?.count ?? 0) > 1 { issues.append("\(path).time_windows: one window per break is supported.") }
                breaks.append((Break(window: windows(step.time_windows, "\(path).time_windows")[0], duration: step.service ?? 0), step.id ?? b))
            }
            breaks.sort { ($0.spec.window.start, $0.id) < ($1.spec.window.start, $1.id) }
            breakIDs.append(breaks.map(\.id))
            if v.max_tasks != nil { issues.append("vehicles[\(k)].max_tasks: not supported yet.") }
            if v.max_distance != nil { issues.append("vehicles[\(k)].max_distance: not supported yet.") }
            let profile = profiles.firstIndex(of: v.profile ?? "car") ?? { issues.append("vehicles[\(k)].profile: no matrix for \"\(v.profile ?? "car")\"."); return 0 }()
            let custom = usesCosts.indices.contains(profile) && usesCosts[profile]
            guard v.start_index != nil || v.end_index != nil else {
                issues.append("vehicles[\(k)]: start_index or end_index is required."); continue
            }
            // An open route starts or ends "nowhere": no travel to its first or from its last stop.
            let open = nowhere.indices.contains(profile) ? nowhere[profile] : 0
            let start = v.start_index.map { index($0, nil, "vehicles[\(k)].start_index") } ?? open
            let end = v.end_index.map { index($0, nil, "vehicles[\(k)].end_index") } ?? open
            openStart.append(v.start_index == nil)
            openEnd.append(v.end_index == nil)
            var shift = TimeWindow.always
            if let tw = v.time_window { if tw.count == 2 { shift = TimeWindow(start: tw[0], end: tw[1]) } else { issues.append("vehicles[\(k)].time_window: must be [start, end].") } }
            // VROOM's default cost is travel time: per_hour 3600 ⇒ one unit per second.
            let perHour = v.costs?.per_hour ?? 3600, perKm = v.costs?.per_km ?? 0
            if !custom && (perHour % 3600 != 0 || perKm % 1000 != 0) {
                issues.append("vehicles[\(k)].costs: per_hour must be a multiple of 3600 and per_km of 1000 (integer cost per second and per metre).")
            }
            resources.append(Resource(startLocation: start, endLocation: end, shift: shift, capacity: v.capacity ?? [],
                                      skills: bits(v.skills, "vehicles[\(k)].skills"), fixedCost: v.costs?.fixed ?? 0,
                                      costPerDistance: custom ? 1 : perKm / 1000, costPerDuration: custom ? 0 : perHour / 3600,
                                      profile: profile,
                                      maxDuration: v.max_travel_time, breaks: breaks.map(\.spec)))
        }
        if !issues.isEmpty { throw KairosJSON.InvalidFile(issues: issues) }
        let problem = RoutingProblem(matrices: engineMatrices, dimensions: dimensions, visits: visits, requests: requests, resources: resources)
        let structural = problem.validate()
        if !structural.isEmpty { throw KairosJSON.InvalidFile(issues: structural) }
        return Mapped(problem: problem, jobIDs: jobIDs, shipmentIDs: shipmentIDs, vehicleIDs: input.vehicles.map(\.id),
                      jobPriorities: jobPriorities, shipmentPriorities: shipmentPriorities, breakIDs: breakIDs,
                      openStart: openStart, openEnd: openEnd, distances: reportedDistances)
    }

    /// The solution in VROOM's output shape (code, summary, unassigned, routes with start/job/
    /// pickup/delivery/end steps; `duration` is cumulated travel time as in VROOM).
    public static func output(_ solution: RoutingSolution, _ mapped: Mapped, solvingMilliseconds: Int) -> [String: Any] {
        let problem = mapped.problem
        var routes: [[String: Any]] = []
        var totals = (cost: 0, service: 0, duration: 0, waiting: 0, distance: 0, priority: 0)
        let zero = [Int](repeating: 0, count: problem.dimensions)
        func add(_ a: [Int], _ b: [Int]) -> [Int] { zip(a, b).map { $0 + $1 } }
        var summaryDelivery = zero, summaryPickup = zero
        for route in solution.routes {
            let resource = problem.resources[route.resource]
            let matrix = problem.matrices[resource.profile]
            var steps: [[String: Any]] = []
            var travel = 0, location = resource.startLocation, service = 0, waiting = 0, priority = 0
            var delivered = zero, picked = zero
            let open = (start: mapped.openStart.indices.contains(route.resource) && mapped.openStart[route.resource],
                        end: mapped.openEnd.indices.contains(route.resource) && mapped.openEnd[route.resource])
            // Distance as reported: from the input's distances, never through the "nowhere" of an open route.
            let metres = mapped.distances.indices.contains(resource.profile) ? mapped.distances[resource.profile] : nil
            var distance = 0, previous: Int? = open.start ? nil : resource.startLocation
            func walk(to next: Int) {
                if let previous, let metres { distance += metres[previous][next] }
                previous = next
            }
            let startLoad = route.steps.first.map { first in zip(first.load, loadChange(first, problem)).map { $0 - $1 } } ?? zero
            if !open.start {
                steps.append(["type": "start", "location_index": resource.startLocation, "arrival": route.start, "duration": 0,
                              "setup": 0, "service": 0, "waiting_time": 0, "load": startLoad, "violations": [Any]()])
            }
            func breakSteps(before position: Int, load: [Int]) {
                for taken in route.breaks where taken.afterSteps == position {
                    let id = mapped.breakIDs.indices.contains(route.resource) ? mapped.breakIDs[route.resource][taken.index] : taken.index
                    steps.append(["type": "break", "id": id, "location_index": location, "arrival": taken.start, "duration": travel,
                                  "setup": 0, "service": taken.end - taken.start, "waiting_time": 0, "load": load, "violations": [Any]()])
                    service += taken.end - taken.start
                }
            }
            for (k, step) in route.steps.enumerated() {
                breakSteps(before: k, load: k == 0 ? startLoad : route.steps[k - 1].load)
                travel += matrix.duration(location, step.location)
                location = step.location
                walk(to: step.location)
                var entry: [String: Any] = ["location_index": step.location, "arrival": step.arrival, "duration": travel, "setup": 0,
                                            "service": step.departure - step.start, "waiting_time": step.start - step.arrival,
                                            "load": step.load, "violations": [Any]()]
                switch step.kind {
                case .visit:
                    entry["type"] = "job"; entry["id"] = mapped.jobIDs[step.task]; entry["job"] = mapped.jobIDs[step.task]
                    priority += mapped.jobPriorities[step.task]
                    let visit = problem.visits[step.task]
                    if !visit.delivery.isEmpty { delivered = add(delivered, visit.delivery) }
                    if !visit.pickup.isEmpty { picked = add(picked, visit.pickup) }
                case .pickup:
                    entry["type"] = "pickup"; entry["id"] = mapped.shipmentIDs[step.task].pickup
                    priority += mapped.shipmentPriorities[step.task]
                    if !problem.requests[step.task].load.isEmpty { picked = add(picked, problem.requests[step.task].load) }
                case .delivery:
                    entry["type"] = "delivery"; entry["id"] = mapped.shipmentIDs[step.task].delivery
                    if !problem.requests[step.task].load.isEmpty { delivered = add(delivered, problem.requests[step.task].load) }
                }
                service += step.departure - step.start
                waiting += step.start - step.arrival
                steps.append(entry)
            }
            breakSteps(before: route.steps.count, load: route.steps.last?.load ?? startLoad)
            travel += matrix.duration(location, resource.endLocation)
            if !open.end {
                walk(to: resource.endLocation)
                steps.append(["type": "end", "location_index": resource.endLocation, "arrival": route.end, "duration": travel,
                              "setup": 0, "service": 0, "waiting_time": 0, "load": route.steps.last?.load ?? startLoad,
                              "violations": [Any]()])
            }
            if metres == nil { distance = route.distance }
            routes.append(["vehicle": mapped.vehicleIDs[route.resource], "cost": route.cost, "delivery": delivered, "pickup": picked,
                           "setup": 0, "service": service, "duration": travel, "waiting_time": waiting, "priority": priority,
                           "distance": distance, "steps": steps, "violations": [Any]()])
            totals.cost += route.cost; totals.service += service; totals.duration += travel; totals.waiting += waiting
            totals.distance += distance; totals.priority += priority
            summaryDelivery = add(summaryDelivery, delivered); summaryPickup = add(summaryPickup, picked)
        }
        let unassigned: [[String: Any]] = solution.unassigned.flatMap { item -> [[String: Any]] in
            if item.kind == "visit" {
                return [["id": mapped.jobIDs[item.task], "type": "job", "location_index": problem.visits[item.task].stop.location,
                         "reason": item.reason.code]]
            }
            let ids = mapped.shipmentIDs[item.task], request = problem.requests[item.task]
            return [["id": ids.pickup, "type": "pickup", "location_index": request.pickup.location, "reason": item.reason.code],
                    ["id": ids.delivery, "type": "delivery", "location_index": request.delivery.location, "reason": item.reason.code]]
        }
        return [
            "code": 0,
            "summary": ["cost": totals.cost, "routes": routes.count, "unassigned": unassigned.count, "delivery": summaryDelivery,
                        "pickup": summaryPickup, "setup": 0, "service": totals.service, "duration": totals.duration,
                        "waiting_time": totals.waiting, "priority": totals.priority, "distance": totals.distance, "violations": [Any](),
                        "computing_times": ["loading": 0, "solving": solvingMilliseconds, "routing": 0]],
            "unassigned": unassigned,
            "routes": routes,
        ]
    }

    static func loadChange(_ step: RoutingSolution.Step, _ problem: RoutingProblem) -> [Int] {
        let zero = [Int](repeating: 0, count: problem.dimensions)
        switch step.kind {
        case .visit:
            let v = problem.visits[step.task]
            return (0..<problem.dimensions).map { (v.pickup.isEmpty ? 0 : v.pickup[$0]) - (v.delivery.isEmpty ? 0 : v.delivery[$0]) }
        case .pickup: return problem.requests[step.task].load.isEmpty ? zero : problem.requests[step.task].load
        case .delivery: return problem.requests[step.task].load.isEmpty ? zero : problem.requests[step.task].load.map { -$0 }
        }
    }
}
