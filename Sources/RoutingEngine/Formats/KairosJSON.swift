import Foundation

/// The Kairos JSON problem format read by `kairos solve FILE` (documented in
/// `docs/kairos-json.md`). Optional fields take the defaults shown there; the answer is a
/// `RoutingSolution` encoded as JSON.
public enum KairosJSON {
    struct Window: Decodable {
        var start: Int
        var end: Int
        var window: TimeWindow { TimeWindow(start: start, end: end) }
    }

    struct StopFile: Decodable {
        var location: Int
        var window: Window?
        /// Several windows instead of `window` (any will do).
        var windows: [Window]?
        var service: Int?
        var stop: Stop { Stop(location: location, window: windows?.first?.window ?? window?.window ?? .always, service: service ?? 0) }
        var moreWindows: [TimeWindow] { (windows ?? []).dropFirst().map(\.window) }

        /// `window` and `windows` together, or an empty `windows`, as issues under `path`.
        func check(_ path: String, _ issues: inout [String]) {
            if window != nil && windows != nil { issues.append("\(path): give window or windows, not both.") }
            if windows?.isEmpty == true { issues.append("\(path).windows: must not be empty.") }
        }
    }

    struct MatrixFile: Decodable {
        var durations: [[Int]]
        var distances: [[Int]]?
    }

    struct VisitFile: Decodable {
        var location: Int
        var window: Window?
        var service: Int?
        var delivery: [Int]?
        var pickup: [Int]?
        var skills: [Int]?
        var penalty: Int?
        var allowedResources: [Int]?
        var lateAfter: Int?
        var windows: [Window]?
        var excludedResources: [Int]?
        var preferredResources: [Int]?
        var pinnedResource: Int?
    }

    struct GroupFile: Decodable {
        var visits: [Int]
        var minGap: Int?
        var maxGap: Int?
    }

    struct ObjectiveFile: Decodable {
        var latenessCost: Int?
        var maxLatenessCost: Int?
        var nonPreferredCost: Int?
        var reassignmentCost: Int?
    }

    struct RequestFile: Decodable {
        var pickup: StopFile
        var delivery: StopFile
        var load: [Int]?
        var maxRideTime: Int?
        var skills: [Int]?
        var penalty: Int?
        var allowedResources: [Int]?
        var excludedResources: [Int]?
        var preferredResources: [Int]?
        var pinnedResource: Int?
    }

    struct ResourceFile: Decodable {
        var start: Int
        var end: Int?
        var shift: Window?
        var capacity: [Int]?
        var skills: [Int]?
        var fixedCost: Int?
        var costPerDistance: Int?
        var costPerDuration: Int?
        var profile: Int?
        var maxDuration: Int?
        var overtimeAfter: Int?
        var overtimeFrom: Int?
        var costPerOvertime: Int?
        var breaks: [BreakFile]?
        var breaksWithNobodyOnBoard: Bool?
    }

    struct BreakFile: Decodable {
        var window: Window
        var duration: Int
    }

    struct ProblemFile: Decodable {
        var matrices: [MatrixFile]
        var dimensions: Int?
        var visits: [VisitFile]?
        var requests: [RequestFile]?
        var resources: [ResourceFile]
        var groups: [GroupFile]?
        var objective: ObjectiveFile?
        var frozen: [PlanEvaluator.PlannedRoute]?
        var reference: [PlanEvaluator.PlannedRoute]?
    }

    /// A problem file that cannot be used: every issue with its JSON path.
    public struct InvalidFile: Error, CustomStringConvertible {
        /// Issues, each `path: message`.
        public var issues: [String]
        public var description: String { issues.joined(separator: "\n") }
    }

    /// Skills as a bitset: skill numbers 0–63.
    static func skillBits(_ skills: [Int]?, path: String, issues: inout [String]) -> UInt64 {
        var bits: UInt64 = 0
        for skill in skills ?? [] {
            if (0..<64).contains(skill) { bits |= 1 << UInt64(skill) } else { issues.append("\(path): skill \(skill) must be between 0 and 63.") }
        }
        return bits
    }

    /// Decodes and validates a problem; throws ``InvalidFile`` naming every issue.
    public static func problem(from data: Data) throws -> RoutingProblem {
        let file: ProblemFile
        do { file = try JSONDecoder().decode(ProblemFile.self, from: data) } catch let error as DecodingError {
            throw InvalidFile(issues: [describe(error)])
        }
        var issues: [String] = []
        var matrices: [TravelMatrix] = []
        for (k, m) in file.matrices.enumerated() {
            let n = m.durations.count
            if m.durations.contains(where: { $0.count != n }) { issues.append("matrices[\(k)].durations: must be square (\(n) rows).") ; continue }
            if let d = m.distances, d.count != n || d.contains(where: { $0.count != n }) {
                issues.append("matrices[\(k)].distances: must be square with the same size as durations."); continue
            }
            if m.durations.joined().contains(where: { $0 < 0 }) || (m.distances?.joined().contains(where: { $0 < 0 }) ?? false) {
                issues.append("matrices[\(k)]: travel must not be negative."); continue
            }
            matrices.append(TravelMatrix(count: n) { a, b in (m.durations[a][b], (m.distances ?? m.durations)[a][b]) })
        }
        let dimensions = file.dimensions ?? (file.resources.first?.capacity?.count ?? 0)
        let visits = (file.visits ?? []).enumerated().map { index, v in
            let windows = (v.windows ?? []).map(\.window)
            if v.window != nil && v.windows != nil { issues.append("visits[\(index)]: give window or windows, not both.") }
            if v.windows?.isEmpty == true { issues.append("visits[\(index)].windows: must not be empty.") }
            return Visit(stop: Stop(location: v.location, window: windows.first ?? v.window?.window ?? .always, service: v.service ?? 0),
                  delivery: v.delivery ?? [], pickup: v.pickup ?? [],
                  requiredSkills: skillBits(v.skills, path: "visits[\(index)].skills", issues: &issues),
                  unassignedPenalty: v.penalty ?? 1_000_000_000, allowedResources: v.allowedResources, lateAfter: v.lateAfter,
                  moreWindows: Array(windows.dropFirst()), excludedResources: v.excludedResources ?? [],
                  preferredResources: v.preferredResources ?? [], pinnedResource: v.pinnedResource)
        }
        let requests = (file.requests ?? []).enumerated().map { index, r in
            r.pickup.check("requests[\(index)].pickup", &issues)
            r.delivery.check("requests[\(index)].delivery", &issues)
            return Request(pickup: r.pickup.stop, delivery: r.delivery.stop, load: r.load ?? [], maxRideTime: r.maxRideTime,
                           requiredSkills: skillBits(r.skills, path: "requests[\(index)].skills", issues: &issues),
                           unassignedPenalty: r.penalty ?? 1_000_000_000, allowedResources: r.allowedResources,
                           excludedResources: r.excludedResources ?? [], preferredResources: r.preferredResources ?? [],
                           pinnedResource: r.pinnedResource, pickupMoreWindows: r.pickup.moreWindows,
                           deliveryMoreWindows: r.delivery.moreWindows)
        }
        let resources = file.resources.enumerated().map { index, r in
            Resource(startLocation: r.start, endLocation: r.end ?? r.start, shift: r.shift?.window ?? .always, capacity: r.capacity ?? [],
                     skills: skillBits(r.skills, path: "resources[\(index)].skills", issues: &issues), fixedCost: r.fixedCost ?? 0,
                     costPerDistance: r.costPerDistance ?? 1, costPerDuration: r.costPerDuration ?? 0, profile: r.profile ?? 0,
                     maxDuration: r.maxDuration, overtimeAfter: r.overtimeAfter, costPerOvertime: r.costPerOvertime ?? 0,
                     breaks: (r.breaks ?? []).map { Break(window: $0.window.window, duration: $0.duration) },
                     breaksWithNobodyOnBoard: r.breaksWithNobodyOnBoard ?? false, overtimeFrom: r.overtimeFrom)
        }
        if !issues.isEmpty { throw InvalidFile(issues: issues) }
        let groups = (file.groups ?? []).map { g in
            VisitGroup(visits: g.visits, minGap: g.minGap ?? 0, maxGap: g.maxGap ?? g.minGap ?? 0)
        }
        let defaults = Objective()
        let objective = Objective(latenessCost: file.objective?.latenessCost ?? defaults.latenessCost,
                                  maxLatenessCost: file.objective?.maxLatenessCost ?? defaults.maxLatenessCost,
                                  nonPreferredCost: file.objective?.nonPreferredCost ?? defaults.nonPreferredCost,
                                  reassignmentCost: file.objective?.reassignmentCost ?? defaults.reassignmentCost)
        let problem = RoutingProblem(matrices: matrices, dimensions: dimensions, visits: visits, requests: requests, resources: resources,
                                     groups: groups, objective: objective, frozen: file.frozen ?? [], reference: file.reference ?? [])
        let structural = problem.validate()
        if !structural.isEmpty { throw InvalidFile(issues: structural) }
        return problem
    }

    /// `path: message` for a decoding error (no values echoed).
    public static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { p, k in k.intValue.map { "\(p)[\($0)]" } ?? (p.isEmpty ? k.stringValue : "\(p).\(k.stringValue)") }
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])): is required."
        case .typeMismatch(_, let c): return "\(path(c.codingPath)): has the wrong type."
        case .valueNotFound(_, let c): return "\(path(c.codingPath)): must not be null."
        case .dataCorrupted(let c): return c.codingPath.isEmpty ? "the file is not valid JSON." : "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "the file could not be read."
        }
    }
}
