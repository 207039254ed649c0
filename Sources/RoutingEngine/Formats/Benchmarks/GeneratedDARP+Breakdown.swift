extension GeneratedDARP {
    /// A vehicle breaking down during a planned day, as the re-planning benchmark poses it.
    public struct Breakdown: Sendable {
        /// The problem from the moment of the breakdown: every vehicle's stops started before it
        /// frozen, at the times they started; the broken vehicle takes no new stop; each person
        /// on board it becomes a rescue request (appended after the others) from the breakdown
        /// place to their destination, ready at the breakdown, with their original drop-off
        /// window and ride limit, which may not be left out.
        public var problem: RoutingProblem
        /// The plan to start from: the old plan with the broken vehicle's stops after the
        /// breakdown taken out (those requests are unserved until placed again).
        public var warmStart: [PlanEvaluator.PlannedRoute]
        /// The broken vehicle.
        public var vehicle: Int
        /// Rescue requests (the last `rescues` requests of `problem`).
        public var rescues: Int
        /// Requests the broken vehicle had still to collect.
        public var stranded: Int
    }

    /// Vehicle `vehicle` of `solution` (a plan of `problem`) breaks down at time `at`, where its
    /// last stop begun before then was (the breakdown place). Requests are renumbered: the
    /// people on board the broken vehicle leave the list and come back at its end as rescues.
    public static func breakdown(of problem: RoutingProblem, plan solution: RoutingSolution, vehicle: Int, at time: Int) -> Breakdown {
        precondition(problem.visits.isEmpty, "a generated day has requests only")
        let route = solution.routes.first { $0.resource == vehicle }
        let done = route?.steps.filter { $0.start < time } ?? []
        let picked = Set(done.filter { $0.kind == .pickup }.map(\.task)), dropped = Set(done.filter { $0.kind == .delivery }.map(\.task))
        let onBoard = picked.subtracting(dropped).sorted(), finishedThere = picked.intersection(dropped)
        let place = done.last?.location ?? problem.resources[vehicle].startLocation
        // What happened before the breakdown happened at its time: those stops' windows close on it.
        var pickedAt: [Int: Int] = [:], droppedAt: [Int: Int] = [:]
        for old in solution.routes {
            for step in old.steps where step.start < time {
                if step.kind == .pickup { pickedAt[step.task] = step.start } else if step.kind == .delivery { droppedAt[step.task] = step.start }
            }
        }
        // Old request index → new one; those on board get none (their rescue replaces them).
        var renumbered = [Int?](repeating: nil, count: problem.requests.count)
        var requests: [Request] = []
        for (q, request) in problem.requests.enumerated() where !onBoard.contains(q) {
            renumbered[q] = requests.count
            var kept = request
            if !finishedThere.contains(q) { kept.excludedResources.append(vehicle) }
            if let start = pickedAt[q] { kept.pickup.window = TimeWindow(start: start, end: start) }
            if let start = droppedAt[q] { kept.delivery.window = TimeWindow(start: start, end: start) }
            requests.append(kept)
        }
        for q in onBoard {
            let original = problem.requests[q]
            var rescue = Request(pickup: Stop(location: place, window: TimeWindow(start: time, end: max(time, original.delivery.window.end)), service: original.pickup.service),
                                 delivery: original.delivery, load: original.load, maxRideTime: original.maxRideTime)
            rescue.excludedResources = [vehicle]
            rescue.unassignedPenalty = original.unassignedPenalty * 100
            requests.append(rescue)
        }
        var frozen: [PlanEvaluator.PlannedRoute] = []
        var warmStart: [PlanEvaluator.PlannedRoute] = []
        for old in solution.routes {
            let mapped = old.steps.compactMap { step in renumbered[step.task].map { PlanEvaluator.PlannedStop(kind: step.kind, task: $0) } }
            let started = old.steps.filter { $0.start < time }.compactMap { step in
                renumbered[step.task].map { PlanEvaluator.PlannedStop(kind: step.kind, task: $0) }
            }
            if old.resource == vehicle {
                // Only what it finished: the requests it collected and delivered before breaking down.
                let finished = started.filter { stop in started.contains { $0.task == stop.task && $0.kind != stop.kind } }
                if !finished.isEmpty { frozen.append(.init(resource: vehicle, stops: finished)) }
                warmStart.append(.init(resource: vehicle, stops: finished))
            } else {
                if !started.isEmpty { frozen.append(.init(resource: old.resource, stops: started)) }
                warmStart.append(.init(resource: old.resource, stops: mapped))
            }
        }
        var disrupted = problem
        disrupted.requests = requests
        disrupted.frozen = frozen
        // The plan being re-planned: its order of the drops still owed to people on board.
        disrupted.reference = warmStart
        let stranded = (route?.steps ?? []).filter { $0.kind == .pickup && $0.start >= time }.count
        return Breakdown(problem: disrupted, warmStart: warmStart, vehicle: vehicle, rescues: onBoard.count, stranded: stranded)
    }
}
