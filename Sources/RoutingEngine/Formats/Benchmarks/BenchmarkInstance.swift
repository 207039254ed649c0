import Foundation

/// A benchmark instance from a published file format, turned into a `RoutingProblem` in integer
/// units (times and distances × ``scale``; travel times rounded up, so a plan feasible in integers
/// is feasible in the file's real-valued units), plus what is needed to report in the file's terms.
public struct BenchmarkInstance: Sendable {
    /// Supported formats.
    public enum Format: String, Sendable, CaseIterable {
        /// Solomon / Gehring & Homberger VRPTW.
        case solomon
        /// Li & Lim PDPTW.
        case lilim
        /// Cordeau (2006) dial-a-ride: ride-time and route-duration limits, fixed fleet, distance only.
        case darp
    }

    /// Integer units per unit of the file.
    public static let scale = 10_000

    /// Instance name (file name without extension).
    public var name: String
    /// Format it was read from.
    public var format: Format
    /// Coordinates by file node id (0 = depot).
    public var x: [Double]
    /// Coordinates by file node id.
    public var y: [Double]
    /// Ready, due and service times by file node id, in file units.
    public var ready: [Double], due: [Double], service: [Double]
    /// Demand by file node id (negative for Li & Lim deliveries).
    public var demand: [Int]
    /// Vehicle capacity and count.
    public var capacity: Int, vehicles: Int
    /// Dial-a-ride limits in file units: longest ride and longest route (`nil` when unlimited).
    public var maxRide: Double?, maxDuration: Double?
    /// Whether the fleet size is part of the objective (vehicles first) or fixed (distance only).
    public var minimisesVehicles: Bool { format != .darp }
    /// The problem in integer units.
    public var problem: RoutingProblem
    /// File node id of each visit (Solomon) and of each request's pickup and delivery (Li & Lim).
    public var visitNode: [Int]
    /// File node ids of each request's pickup and delivery.
    public var requestNodes: [(pickup: Int, delivery: Int)]

    /// Euclidean distance between file nodes.
    public func distance(_ a: Int, _ b: Int) -> Double {
        let dx = x[a] - x[b], dy = y[a] - y[b]
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Total real distance of routes given as file node ids (depots excluded).
    public func distance(of routes: [[Int]]) -> Double {
        routes.reduce(0) { total, route in
            guard !route.isEmpty else { return total }
            var d = distance(0, route[0]) + distance(route[route.count - 1], 0)
            for k in 1..<route.count { d += distance(route[k - 1], route[k]) }
            return total + d
        }
    }

    /// The solver's routes as file node ids, in visiting order, depots excluded.
    public func fileRoutes(_ solution: RoutingSolution) -> [[Int]] {
        solution.routes.map { route in
            route.steps.map { step in
                switch step.kind {
                case .visit: visitNode[step.task]
                case .pickup: requestNodes[step.task].pickup
                case .delivery: requestNodes[step.task].delivery
                }
            }
        }
    }

    /// An independent check in the file's own real-valued terms: every customer once, capacity,
    /// time windows with waiting allowed, return to the depot by its due time, pairing and
    /// precedence for Li & Lim, and at most the available vehicles. Empty when feasible.
    public func check(routes: [[Int]], solution: RoutingSolution? = nil) -> [String] {
        var issues: [String] = []
        let epsilon = 1e-6
        if format == .darp {
            guard let solution else { return ["dial-a-ride routes need the reported schedule to be checked"] }
            issues += checkSchedule(routes: routes, solution: solution)
        }
        var seen = [Int](repeating: 0, count: x.count)
        if routes.count > vehicles { issues.append("uses \(routes.count) vehicles, \(vehicles) available") }
        for (r, route) in routes.enumerated() {
            var time = ready[0], previous = 0
            if format == .darp { continue }  // checked with the reported schedule above
            var load = format == .solomon ? route.reduce(0) { $0 + demand[$1] } : 0
            var maxLoad = load
            var position = [Int: Int]()
            for (k, node) in route.enumerated() {
                guard node > 0 && node < x.count else { issues.append("route \(r): node \(node) does not exist"); continue }
                seen[node] += 1
                position[node] = k
                time = max(time + distance(previous, node), ready[node])
                if time > due[node] + epsilon { issues.append("route \(r): node \(node) served at \(time), due \(due[node])") }
                time += service[node]
                load += format == .solomon ? -demand[node] : demand[node]
                maxLoad = max(maxLoad, load)
                previous = node
            }
            if time + distance(previous, 0) > due[0] + epsilon { issues.append("route \(r): returns to the depot after \(due[0])") }
            if maxLoad > capacity { issues.append("route \(r): load \(maxLoad) exceeds capacity \(capacity)") }
            if format == .lilim {
                for pair in requestNodes {
                    switch (position[pair.pickup], position[pair.delivery]) {
                    case let (p?, d?) where p > d: issues.append("route \(r): node \(pair.delivery) delivered before its pickup \(pair.pickup)")
                    case (.some, nil), (nil, .some): issues.append("route \(r): nodes \(pair.pickup) and \(pair.delivery) are split")
                    default: break
                    }
                }
            }
        }
        if format == .darp {
            for route in routes { for node in route where node > 0 && node < x.count { seen[node] += 1 } }
        }
        for node in 1..<x.count where seen[node] != 1 && !(format == .darp && node == endDepot) {
            issues.append("node \(node) is served \(seen[node]) times")
        }
        return issues
    }

    /// File node id of the end depot (dial-a-ride files), or -1.
    public var endDepot: Int = -1

    /// Checks dial-a-ride routes with the solver's reported service start times converted to file
    /// units: travel, windows, capacity, pairing, ride times and route duration.
    func checkSchedule(routes: [[Int]], solution: RoutingSolution) -> [String] {
        var issues: [String] = []
        let epsilon = 1e-6, s = Double(Self.scale)
        guard routes.count == solution.routes.count else { return ["route count differs from the solution"] }
        if routes.count > vehicles { issues.append("uses \(routes.count) vehicles, \(vehicles) available") }
        let depotEnd = endDepot >= 0 ? endDepot : 0
        for (r, route) in routes.enumerated() {
            let reported = solution.routes[r]
            guard reported.steps.count == route.count else { issues.append("route \(r): schedule length differs"); continue }
            let departure = Double(reported.start) / s
            var time = departure, previous = 0, load = 0
            var startOf = [Int: Double]()
            for (k, node) in route.enumerated() {
                let start = Double(reported.steps[k].start) / s
                if start + epsilon < time + distance(previous, node) { issues.append("route \(r): node \(node) starts before it can be reached") }
                if start + epsilon < ready[node] || start > due[node] + epsilon {
                    issues.append("route \(r): node \(node) starts at \(start), window \(ready[node])–\(due[node])")
                }
                startOf[node] = start
                load += demand[node]
                if load > capacity { issues.append("route \(r): load \(load) exceeds capacity \(capacity)") }
                time = start + service[node]
                previous = node
            }
            let back = time + distance(previous, depotEnd)
            if back > due[depotEnd] + epsilon { issues.append("route \(r): returns at \(back), after \(due[depotEnd])") }
            if let limit = maxDuration, back - departure > limit + epsilon {
                issues.append("route \(r): lasts \(back - departure), limit \(limit)")
            }
            for pair in requestNodes {
                guard let p = startOf[pair.pickup] else { continue }
                guard let d = startOf[pair.delivery] else { issues.append("route \(r): request \(pair.pickup) is not delivered"); continue }
                if d < p { issues.append("route \(r): node \(pair.delivery) delivered before its pickup") }
                if let limit = maxRide, d - (p + service[pair.pickup]) > limit + epsilon {
                    issues.append("route \(r): request \(pair.pickup) rides \(d - p - service[pair.pickup]), limit \(limit)")
                }
            }
        }
        return issues
    }

    /// Reads an instance file.
    public static func read(path: String, format: Format) throws -> BenchmarkInstance {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BenchmarkFormatError(file: path, line: 0, message: "cannot be read")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        switch format {
        case .solomon: return try readSolomon(text, name: name, file: path)
        case .lilim: return try readLiLim(text, name: name, file: path)
        case .darp: return try readDARP(text, name: name, file: path)
        }
    }

    static func numbers(_ line: Substring) -> [Double] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).compactMap { Double($0) }
    }

    static func readSolomon(_ text: String, name: String, file: String) throws -> BenchmarkInstance {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var vehicles = 0, capacity = 0
        var rows: [[Double]] = []
        var section = ""
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.uppercased().hasPrefix("VEHICLE") { section = "vehicle"; continue }
            if trimmed.uppercased().hasPrefix("CUSTOMER") { section = "customer"; continue }
            let values = numbers(line)
            if values.isEmpty { continue }
            if section == "vehicle" {
                guard values.count == 2 else { throw BenchmarkFormatError(file: file, line: index + 1, message: "expected NUMBER CAPACITY") }
                vehicles = Int(values[0]); capacity = Int(values[1])
            } else if section == "customer" {
                guard values.count == 7 else { throw BenchmarkFormatError(file: file, line: index + 1, message: "expected 7 columns, found \(values.count)") }
                guard Int(values[0]) == rows.count else { throw BenchmarkFormatError(file: file, line: index + 1, message: "customers must be numbered 0, 1, 2, … in order") }
                rows.append(values)
            }
        }
        guard vehicles > 0, rows.count > 1 else { throw BenchmarkFormatError(file: file, line: 0, message: "no VEHICLE or CUSTOMER section") }
        return build(name: name, format: .solomon, rows: rows.map { ($0[1], $0[2], Int($0[3]), $0[4], $0[5], $0[6], 0, 0) },
                     vehicles: vehicles, capacity: capacity)
    }

    static func readLiLim(_ text: String, name: String, file: String) throws -> BenchmarkInstance {
        let lines = text.split(whereSeparator: \.isNewline).filter { !numbers($0).isEmpty }
        guard let header = lines.first.map(numbers), header.count >= 2 else {
            throw BenchmarkFormatError(file: file, line: 1, message: "expected 'vehicles capacity speed'")
        }
        var rows: [(Double, Double, Int, Double, Double, Double, Int, Int)] = []
        for (index, line) in lines.dropFirst().enumerated() {
            let v = numbers(line)
            guard v.count == 9 else { throw BenchmarkFormatError(file: file, line: index + 2, message: "expected 9 columns, found \(v.count)") }
            guard Int(v[0]) == rows.count else { throw BenchmarkFormatError(file: file, line: index + 2, message: "nodes must be numbered 0, 1, 2, … in order") }
            rows.append((v[1], v[2], Int(v[3]), v[4], v[5], v[6], Int(v[7]), Int(v[8])))
        }
        for (id, row) in rows.enumerated().dropFirst() {
            let sibling = row.2 > 0 ? row.7 : row.6
            guard sibling > 0, sibling < rows.count else {
                throw BenchmarkFormatError(file: file, line: id + 2, message: "node \(id) has no valid sibling")
            }
        }
        return build(name: name, format: .lilim, rows: rows, vehicles: Int(header[0]), capacity: Int(header[1]))
    }

    static func readDARP(_ text: String, name: String, file: String) throws -> BenchmarkInstance {
        let lines = text.split(whereSeparator: \.isNewline).filter { !numbers($0).isEmpty }
        guard let header = lines.first.map(numbers), header.count == 5 else {
            throw BenchmarkFormatError(file: file, line: 1, message: "expected 'K 2n T Q L'")
        }
        let nodes = Int(header[1])
        guard nodes > 0, nodes % 2 == 0 else { throw BenchmarkFormatError(file: file, line: 1, message: "2n must be a positive even number") }
        let n = nodes / 2
        var rows: [(Double, Double, Int, Double, Double, Double, Int, Int)] = []
        for (index, line) in lines.dropFirst().enumerated() {
            let v = numbers(line)
            guard v.count == 7 else { throw BenchmarkFormatError(file: file, line: index + 2, message: "expected 7 columns, found \(v.count)") }
            guard Int(v[0]) == rows.count else { throw BenchmarkFormatError(file: file, line: index + 2, message: "nodes must be numbered 0, 1, 2, … in order") }
            let id = rows.count
            // id x y service load earliest latest; siblings: pickup i ↔ drop-off n + i.
            rows.append((v[1], v[2], Int(v[4]), v[5], v[6], v[3], id > n && id <= 2 * n ? id - n : 0, id >= 1 && id <= n ? id + n : 0))
        }
        guard rows.count >= 2 * n + 1 else { throw BenchmarkFormatError(file: file, line: 0, message: "expected \(2 * n + 1) or more nodes, found \(rows.count)") }
        var instance = build(name: name, format: .darp, rows: rows, vehicles: Int(header[0]), capacity: Int(header[3]),
                             maxDuration: header[2], maxRide: header[4], endDepot: rows.count > 2 * n + 1 ? 2 * n + 1 : nil)
        instance.endDepot = rows.count > 2 * n + 1 ? 2 * n + 1 : -1
        return instance
    }

    static func build(name: String, format: Format, rows: [(x: Double, y: Double, demand: Int, ready: Double, due: Double, service: Double, pickupSibling: Int, deliverySibling: Int)],
                      vehicles: Int, capacity: Int, maxDuration: Double? = nil, maxRide: Double? = nil, endDepot: Int? = nil) -> BenchmarkInstance
    {
        let s = Double(scale)
        let n = rows.count
        let matrix = TravelMatrix(count: n) { a, b in
            let dx = rows[a].x - rows[b].x, dy = rows[a].y - rows[b].y
            let d = (dx * dx + dy * dy).squareRoot() * s
            return (duration: Int(d.rounded(.up)), distance: Int(d.rounded()))
        }
        func stop(_ id: Int) -> Stop {
            Stop(location: id, window: TimeWindow(start: Int((rows[id].ready * s).rounded()), end: Int((rows[id].due * s).rounded())),
                 service: Int((rows[id].service * s).rounded()))
        }
        // Vehicles first: a route costs more than any possible distance; a lost customer more still.
        // Dial-a-ride has a fixed fleet: distance only.
        let fixed = 1_000_000_000_000
        let end = endDepot ?? 0
        let resources = (0..<vehicles).map { _ in
            Resource(startLocation: 0, endLocation: end,
                     shift: TimeWindow(start: Int((rows[0].ready * s).rounded()), end: Int((rows[end].due * s).rounded())),
                     capacity: [capacity], fixedCost: format == .darp ? 0 : fixed, costPerDistance: 1,
                     maxDuration: maxDuration.map { Int(($0 * s).rounded()) })
        }
        var visits: [Visit] = [], visitNode: [Int] = []
        var requests: [Request] = [], requestNodes: [(Int, Int)] = []
        for id in 1..<n {
            switch format {
            case .solomon:
                visits.append(Visit(stop: stop(id), delivery: [rows[id].demand], unassignedPenalty: 100 * fixed))
                visitNode.append(id)
            case .lilim where rows[id].demand > 0, .darp where rows[id].deliverySibling > 0:
                let d = rows[id].deliverySibling
                requests.append(Request(pickup: stop(id), delivery: stop(d), load: [rows[id].demand],
                                        maxRideTime: maxRide.map { Int(($0 * s).rounded()) }, unassignedPenalty: 100 * fixed))
                requestNodes.append((id, d))
            case .lilim, .darp:
                continue
            }
        }
        let problem = RoutingProblem(matrices: [matrix], dimensions: 1, visits: visits, requests: requests, resources: resources)
        return BenchmarkInstance(
            name: name, format: format, x: rows.map(\.x), y: rows.map(\.y), ready: rows.map(\.ready), due: rows.map(\.due),
            service: rows.map(\.service), demand: rows.map(\.demand), capacity: capacity, vehicles: vehicles,
            maxRide: maxRide, maxDuration: maxDuration, problem: problem,
            visitNode: visitNode, requestNodes: requestNodes.map { (pickup: $0.0, delivery: $0.1) })
    }
}

/// A benchmark file that does not follow its format.
public struct BenchmarkFormatError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var file: String
    /// 1-based line, 0 for the whole file.
    public var line: Int
    /// What is wrong.
    public var message: String
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
