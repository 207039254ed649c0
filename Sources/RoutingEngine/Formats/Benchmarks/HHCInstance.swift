import Foundation

/// A home health care instance of Mankowska, Meisel & Bierwirth (2014): nurses with service
/// qualifications visit patients who need one or two services; a patient's two services are done
/// by two different nurses, at the same moment or with a minimum and maximum gap. Service may
/// start from the earliest time; starting after the latest time counts as tardiness. Objective:
/// (total distance + total tardiness + largest tardiness) / 3, travel time equal to distance.
///
/// In the `RoutingProblem` (integer units, × ``BenchmarkInstance/scale``, travel rounded up):
/// each required service is a visit with the service as its skill, tardiness is lateness after
/// `lateAfter` (weight 1, largest lateness weight 1), and a double service is a ``VisitGroup``.
public struct HHCInstance: Sendable {
    /// Instance name (file name without extension).
    public var name: String
    /// Nodes including both depot copies (0 = start, last = end), nurses and service types.
    public var nodeCount: Int, nurses: Int, services: Int
    /// Travel time and distance between nodes, in file units.
    public var d: [[Double]]
    /// Earliest and latest (tardiness-free) start per node, in file units.
    public var early: [Double], late: [Double]
    /// Least and greatest gap between the two services of a double-service node.
    public var minGap: [Double], maxGap: [Double]
    /// Processing time per node and service.
    public var processing: [[Double]]
    /// Whether nurse `n` may perform service `s`: `qualified[n][s]`.
    public var qualified: [[Bool]]
    /// Services required by each node, ascending.
    public var required: [[Int]]
    /// The problem in integer units.
    public var problem: RoutingProblem
    /// Node and service of each visit of `problem`.
    public var visitNode: [Int], visitService: [Int]

    /// A solution in the file's terms.
    public struct Evaluation: Sendable {
        /// Per nurse: (node, service, start time) in visiting order.
        public var routes: [[(node: Int, service: Int, start: Double)]]
        public var distance: Double
        public var tardiness: Double
        public var maxTardiness: Double
        /// (distance + tardiness + maxTardiness) / 3.
        public var objective: Double
        /// Broken rules (empty when feasible).
        public var issues: [String]
    }

    /// Reads a file in the keyword-block layout (`nbNodes`, `nbVehi`, `nbServi`, `r`, `DS`, `a`,
    /// `x`, `y`, `d`, `p`, `mind`, `maxd`, `e`, `l`).
    public static func read(path: String) throws -> HHCInstance {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BenchmarkFormatError(file: path, line: 0, message: "cannot be read")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text, name: name, file: path)
    }

    static func parse(_ text: String, name: String, file: String) throws -> HHCInstance {
        var blocks: [String: [Double]] = [:]
        var lineOf: [String: Int] = [:]
        var key: String?
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
                if let value = Double(token) {
                    guard let key else { throw BenchmarkFormatError(file: file, line: index + 1, message: "a number before any block name") }
                    blocks[key, default: []].append(value)
                } else if token.first?.isLetter == true {
                    key = String(token)
                    lineOf[String(token)] = index + 1
                    blocks[String(token)] = []
                } else {
                    throw BenchmarkFormatError(file: file, line: index + 1, message: "'\(token)' is neither a number nor a block name")
                }
            }
        }
        func block(_ k: String, _ count: Int) throws -> [Double] {
            guard let values = blocks[k] else { throw BenchmarkFormatError(file: file, line: 0, message: "block '\(k)' is missing") }
            guard values.count == count else {
                throw BenchmarkFormatError(file: file, line: lineOf[k] ?? 0, message: "block '\(k)' has \(values.count) numbers, expected \(count)")
            }
            return values
        }
        let n = Int(try block("nbNodes", 1)[0]), v = Int(try block("nbVehi", 1)[0]), s = Int(try block("nbServi", 1)[0])
        guard n >= 3, v >= 1, (1...64).contains(s) else {
            throw BenchmarkFormatError(file: file, line: lineOf["nbNodes"] ?? 0, message: "needs at least 3 nodes, 1 nurse and 1–64 services")
        }
        let r = try block("r", n * s), a = try block("a", v * s), dFlat = try block("d", n * n), p = try block("p", n * v * s)
        let mind = try block("mind", n), maxd = try block("maxd", n), e = try block("e", n), l = try block("l", n)
        _ = try block("x", n)
        _ = try block("y", n)
        let d = (0..<n).map { i in Array(dFlat[(i * n)..<((i + 1) * n)]) }
        // Processing time rows are node-major (node × nurse); the engine has one duration per visit.
        var processing = [[Double]](repeating: [Double](repeating: 0, count: s), count: n)
        for node in 0..<n {
            for service in 0..<s {
                let first = p[(node * v) * s + service]
                for nurse in 1..<max(v, 1) where p[(node * v + nurse) * s + service] != first {
                    throw BenchmarkFormatError(file: file, line: lineOf["p"] ?? 0,
                                               message: "processing times that differ by nurse (node \(node), service \(service)) are not supported")
                }
                processing[node][service] = first
            }
        }
        let required = (0..<n).map { node in (0..<s).filter { r[node * s + $0] > 0.5 } }
        let qualified = (0..<v).map { nurse in (0..<s).map { a[nurse * s + $0] > 0.5 } }

        let scale = Double(BenchmarkInstance.scale)
        func units(_ x: Double) -> Int { Int((x * scale).rounded()) }
        let matrix = TravelMatrix(count: n) { i, j in (Int((d[i][j] * scale).rounded(.up)), units(d[i][j])) }
        var visits: [Visit] = [], groups: [VisitGroup] = [], visitNode: [Int] = [], visitService: [Int] = []
        for node in 1..<(n - 1) {
            let needs = required[node]
            guard (1...2).contains(needs.count) else {
                throw BenchmarkFormatError(file: file, line: lineOf["r"] ?? 0, message: "node \(node) requires \(needs.count) services; 1 or 2 are supported")
            }
            var members: [Int] = []
            for service in needs {
                members.append(visits.count)
                visits.append(Visit(stop: Stop(location: node, window: TimeWindow(start: units(e[node]), end: TimeWindow.always.end),
                                               service: units(processing[node][service])),
                                    requiredSkills: 1 << UInt64(service), lateAfter: units(l[node])))
                visitNode.append(node); visitService.append(service)
            }
            if members.count == 2 {
                guard mind[node] <= maxd[node] else {
                    throw BenchmarkFormatError(file: file, line: lineOf["mind"] ?? 0, message: "node \(node): mind is greater than maxd")
                }
                groups.append(VisitGroup(visits: members, minGap: units(mind[node]), maxGap: units(maxd[node])))
            }
        }
        let resources = qualified.map { skills in
            Resource(startLocation: 0, endLocation: n - 1, shift: .always,
                     skills: skills.enumerated().reduce(UInt64(0)) { $1.element ? $0 | (1 << UInt64($1.offset)) : $0 })
        }
        let problem = RoutingProblem(matrices: [matrix], dimensions: 0, visits: visits, resources: resources, groups: groups,
                                     objective: Objective(latenessCost: 1, maxLatenessCost: 1))
        return HHCInstance(name: name, nodeCount: n, nurses: v, services: s, d: d, early: e, late: l, minGap: mind, maxGap: maxd,
                           processing: processing, qualified: qualified, required: required, problem: problem,
                           visitNode: visitNode, visitService: visitService)
    }

    /// The solution in file terms, judged independently of the engine: every required service
    /// once by a qualified nurse, double services by two nurses within their gap, starts no
    /// earlier than the node's earliest time nor than travel allows; distance and tardiness
    /// recomputed in real units from the routes and the reported starts.
    public func evaluate(_ solution: RoutingSolution) -> Evaluation {
        let scale = Double(BenchmarkInstance.scale), epsilon = 1e-6
        var issues: [String] = []
        var routes = [[(node: Int, service: Int, start: Double)]](repeating: [], count: nurses)
        for route in solution.routes {
            guard (0..<nurses).contains(route.resource) else { issues.append("nurse \(route.resource) does not exist"); continue }
            routes[route.resource] = route.steps.map { step in
                (visitNode[step.task], visitService[step.task], Double(step.start) / scale)
            }
        }
        var done = [[Int]](repeating: [Int](repeating: 0, count: services), count: nodeCount)
        var startOf = [[Double]](repeating: [Double](repeating: 0, count: services), count: nodeCount)
        var nurseOf = [[Int]](repeating: [Int](repeating: -1, count: services), count: nodeCount)
        var distance = 0.0, tardiness = 0.0, maxTardiness = 0.0
        for (nurse, route) in routes.enumerated() where !route.isEmpty {
            var time = early[0], previous = 0
            for stop in route {
                done[stop.node][stop.service] += 1
                startOf[stop.node][stop.service] = stop.start
                nurseOf[stop.node][stop.service] = nurse
                if !qualified[nurse][stop.service] { issues.append("nurse \(nurse) is not qualified for service \(stop.service) at node \(stop.node)") }
                if stop.start + epsilon < early[stop.node] { issues.append("node \(stop.node) starts at \(stop.start), before \(early[stop.node])") }
                if stop.start + epsilon < time + d[previous][stop.node] { issues.append("nurse \(nurse) cannot reach node \(stop.node) by \(stop.start)") }
                distance += d[previous][stop.node]
                let late = max(0, stop.start - late[stop.node])
                tardiness += late
                maxTardiness = max(maxTardiness, late)
                time = stop.start + processing[stop.node][stop.service]
                previous = stop.node
            }
            distance += d[previous][nodeCount - 1]
        }
        for node in 1..<(nodeCount - 1) {
            for service in 0..<services {
                let needed = required[node].contains(service) ? 1 : 0
                if done[node][service] != needed { issues.append("node \(node) service \(service) is done \(done[node][service]) times, needs \(needed)") }
            }
            let needs = required[node]
            if needs.count == 2, done[node][needs[0]] == 1, done[node][needs[1]] == 1 {
                if nurseOf[node][needs[0]] == nurseOf[node][needs[1]] { issues.append("node \(node): both services by nurse \(nurseOf[node][needs[0]])") }
                let gap = startOf[node][needs[1]] - startOf[node][needs[0]]
                if gap + epsilon < minGap[node] || gap > maxGap[node] + epsilon {
                    issues.append("node \(node): services start \(gap) apart, allowed \(minGap[node])–\(maxGap[node])")
                }
            }
        }
        return Evaluation(routes: routes, distance: distance, tardiness: tardiness, maxTardiness: maxTardiness,
                          objective: (distance + tardiness + maxTardiness) / 3, issues: issues)
    }
}
