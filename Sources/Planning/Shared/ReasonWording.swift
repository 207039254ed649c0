import RoutingEngine

/// The engine's reasons in words a planner can act on, with the planner's own names for
/// resources (vehicles, carers), skills and load dimensions (seats, wheelchair spaces): why a
/// task is left out, and the cheapest change that would let it in.
public struct ReasonWording: Sendable {
    /// A resource's name (`"Ambulance 12 (Crew A)"`).
    public var resource: @Sendable (Int) -> String
    /// A skill's name (`"stretcher-trained"`).
    public var skill: @Sendable (Int) -> String
    /// An amount of a load dimension (`(1, 2)` → `"2 wheelchair spaces"`, `(0, 1)` → `"1 seat"`).
    public var load: @Sendable (_ dimension: Int, _ amount: Int) -> String
    /// A duration in the problem's time units, in words (`"12 min"`).
    public var duration: @Sendable (Int) -> String
    /// What the problem's resources are called, one and many (`"vehicle"`, `"vehicles"`).
    public var noun: (one: String, many: String) = ("resource", "resources")

    /// Wording with these names; durations default to minutes from seconds.
    public init(resource: @escaping @Sendable (Int) -> String, skill: @escaping @Sendable (Int) -> String = { "skill \($0)" },
                load: @escaping @Sendable (Int, Int) -> String = { "\($1) unit\($1 == 1 ? "" : "s") of load \($0)" },
                duration: @escaping @Sendable (Int) -> String = ReasonWording.minutes)
    {
        self.resource = resource
        self.skill = skill
        self.load = load
        self.duration = duration
    }

    /// Seconds as whole minutes, rounded up (`"1 min"` for 1–60 s).
    public static let minutes: @Sendable (Int) -> String = { seconds in "\(max(0, (seconds + 59) / 60)) min" }

    /// Why the task is left out, then the cheapest change that would admit it, as one paragraph.
    public func explain(_ item: RoutingSolution.Unassigned) -> String {
        let fix = item.relaxations.map { $0.map(change).filter { !$0.isEmpty } } ?? []
        let reason = because(item)
        return fix.isEmpty ? reason : reason + " It would fit with " + list(fix) + "."
    }

    /// The reason alone, as a sentence.
    public func because(_ item: RoutingSolution.Unassigned) -> String {
        let at = item.relaxations?.first.map { resource($0.resource) }
        switch item.reason {
        case .skills(let missing) where missing.isEmpty:
            return "No \(noun.one) may serve it: its allowed \(noun.many), exclusions or pin rule out every one."
        case .skills(let missing):
            return "It needs \(list(missing.map(skill))), which no \(noun.one) that may serve it has."
        case .capacity(let d, let excess):
            return excess > 0 ? "It is too big for \(at ?? "any \(noun.one)"): \(load(d, excess)) over capacity."
                : "It is too big for every \(noun.one) that may serve it."
        case .timeWindow(let lateBy):
            return lateBy > 0 ? "It cannot be reached within its time window: \(duration(lateBy)) late at best\(at.map { " (\($0))" } ?? "")."
                : "It cannot be reached within its time window."
        case .shift:
            return "Its time window lies outside the shifts of the \(noun.many) that may serve it."
        case .rideTime(let excess):
            return excess > 0 ? "Its ride-time limit cannot be kept: the ride is \(duration(excess)) too long." : "Its ride-time limit cannot be kept."
        case .group:
            return "Its group cannot be served together by distinct \(noun.many)."
        case .noRoom(let resources):
            return "It fits \(list(resources.prefix(3).map(resource)))\(resources.count > 3 ? " and \(resources.count - 3) more" : "") on its own, but not in the plan as it is."
        case .cost(let excess):
            return "Serving it would cost \(excess) more than leaving it out."
        case .notPlanned:
            return "The plan given does not include it."
        }
    }

    /// One change that would admit the task, in words.
    public func change(_ r: RoutingSolution.Relaxation) -> String {
        let who = resource(r.resource)
        switch r.constraint {
        case "timeWindow": return "its time window \(duration(r.amount)) wider"
        case "windows": return "the time windows of later stops on \(who) \(duration(r.amount)) wider"
        case "shift": return "\(who)'s shift \(duration(r.amount)) longer"
        case "maxDuration": return "\(duration(r.amount)) more working time for \(who)"
        case "capacity": return "room for \(load(r.dimension ?? 0, r.amount)) more on \(who)"
        case "rideTime": return "a longer ride-time limit"
        case "skills": return "\(who) having \(list((r.skills ?? []).map(skill)))"
        case "allowedResources": return "\(who) allowed to serve it"
        case "resources": return "one more \(noun.one) like \(who)"
        case "penalty": return "its penalty raised by \(r.amount)"
        default: return ""
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
