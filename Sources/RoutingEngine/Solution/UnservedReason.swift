/// Why a task is not served: a stable code with its numbers. The numbers come from the
/// explanation itself (the tasks's ``RoutingSolution/Unassigned/feasibleAlone`` resources and its
/// ``RoutingSolution/Unassigned/relaxations``), so the reason, the JSON and the relaxations always
/// agree. In JSON a reason is its ``code`` alone (`"reason": "capacity"`); decoding restores the
/// numbers from the relaxations beside it.
public enum UnservedReason: Sendable, Hashable {
    /// No resource may serve it: the skills the nearest resource lacks (empty when only its
    /// allow-list, exclusions or pin stand in the way).
    case skills(missing: [Int])
    /// Alone on a resource it would overload it: by `excess` in load `dimension` at its best
    /// place (0 when the best place breaks another rule).
    case capacity(dimension: Int, excess: Int)
    /// Alone on a resource it cannot start inside its time window: late by `lateBy` at its best
    /// place (in the problem's time units; 0 when the best place breaks another rule).
    case timeWindow(lateBy: Int)
    /// Its time window lies outside the shifts of the resources that may serve it.
    case shift
    /// Its ride time limit cannot be kept; `excess` is by how much when known (else 0).
    case rideTime(excess: Int)
    /// No set of distinct resources can serve every member of its group together.
    case group
    /// It fits these resources alone, but not the plan as it is.
    case noRoom(resources: [Int])
    /// It fits the plan, but serving it costs `excess` more than leaving it unserved.
    case cost(excess: Int)
    /// Evaluate-only: the plan given does not include it.
    case notPlanned

    /// Every stable code, as it appears in JSON.
    public static let codes = ["skills", "capacity", "timeWindow", "shift", "rideTime", "group", "noRoom", "cost", "notPlanned"]

    /// The stable code: `skills`, `capacity`, `timeWindow`, `shift`, `rideTime`, `group`, `noRoom`,
    /// `cost` or `notPlanned`.
    public var code: String {
        switch self {
        case .skills: "skills"
        case .capacity: "capacity"
        case .timeWindow: "timeWindow"
        case .shift: "shift"
        case .rideTime: "rideTime"
        case .group: "group"
        case .noRoom: "noRoom"
        case .cost: "cost"
        case .notPlanned: "notPlanned"
        }
    }

    /// The reason of this `code` with its numbers read from the explanation; `nil` for an
    /// unknown code.
    public init?(code: String, feasibleAlone: [Int], relaxations: [RoutingSolution.Relaxation]?) {
        let relaxations = relaxations ?? []
        func first(_ constraints: Set<String>) -> RoutingSolution.Relaxation? { relaxations.first { constraints.contains($0.constraint) } }
        switch code {
        case "skills": self = .skills(missing: first(["skills"])?.skills ?? [])
        case "capacity":
            let hit = first(["capacity"])
            self = .capacity(dimension: hit?.dimension ?? 0, excess: hit?.amount ?? 0)
        case "timeWindow": self = .timeWindow(lateBy: first(["timeWindow", "windows", "shift"])?.amount ?? 0)
        case "shift": self = .shift
        case "rideTime": self = .rideTime(excess: first(["rideTime"])?.amount ?? 0)
        case "group": self = .group
        case "noRoom": self = .noRoom(resources: feasibleAlone)
        case "cost": self = .cost(excess: first(["penalty"])?.amount ?? 0)
        case "notPlanned": self = .notPlanned
        default: return nil
        }
    }
}

extension RoutingSolution.Unassigned {
    /// An unserved task whose typed reason is read from its code and explanation.
    init(kind: String, task: Int, code: String, feasibleAlone: [Int], relaxations: [RoutingSolution.Relaxation]? = nil) {
        self.init(kind: kind, task: task, reason: UnservedReason(code: code, feasibleAlone: feasibleAlone, relaxations: relaxations)!,
                  feasibleAlone: feasibleAlone, relaxations: relaxations)
    }
}
