/// Checking a problem before solving it: every structural issue named by its field.
extension RoutingProblem {
    /// Every structural problem with the input, in one pass (empty when the problem is usable).
    public func validate() -> [String] {
        var issues: [String] = []
        if matrices.isEmpty { issues.append("matrices: at least one travel matrix is required.") }
        let locations = matrices.first?.count ?? 0
        for (i, m) in matrices.enumerated() {
            if m.count != locations { issues.append("matrices[\(i)]: has \(m.count) locations, expected \(locations).") }
            // The search keeps each leg in 32 bits (``Leg``).
            if m.durations.contains(where: { $0 > Int(Int32.max) }) || m.distances.contains(where: { $0 > Int(Int32.max) }) {
                issues.append("matrices[\(i)]: a travel time or distance is above 2,147,483,647 (seconds or metres).")
            }
        }
        func check(_ stop: Stop, _ path: String) {
            if !(0..<locations).contains(stop.location) { issues.append("\(path).location: \(stop.location) is not a location index.") }
            if stop.window.start > stop.window.end { issues.append("\(path).window: start \(stop.window.start) is after end \(stop.window.end).") }
            if stop.service < 0 { issues.append("\(path).service: must not be negative.") }
        }
        func checkVector(_ vector: [Int], _ path: String, allowEmpty: Bool = true) {
            if !(vector.isEmpty && allowEmpty) && vector.count != dimensions {
                issues.append("\(path): has \(vector.count) entries, expected \(dimensions).")
            }
            if vector.contains(where: { $0 < 0 }) { issues.append("\(path): amounts must not be negative.") }
        }
        func checkAllowed(_ allowed: [Int]?, _ path: String) {
            for r in allowed ?? [] where !(0..<resources.count).contains(r) {
                issues.append("\(path): \(r) is not a resource index.")
            }
        }
        func checkChoice(excluded: [Int], preferred: [Int], pinned: Int?, _ path: String) {
            checkAllowed(excluded, "\(path).excludedResources")
            checkAllowed(preferred, "\(path).preferredResources")
            if let pinned {
                if !(0..<resources.count).contains(pinned) { issues.append("\(path).pinnedResource: \(pinned) is not a resource index.") }
                else if excluded.contains(pinned) { issues.append("\(path).pinnedResource: resource \(pinned) is also excluded.") }
            }
        }
        for (i, v) in visits.enumerated() {
            check(v.stop, "visits[\(i)]")
            checkVector(v.delivery, "visits[\(i)].delivery")
            checkVector(v.pickup, "visits[\(i)].pickup")
            checkAllowed(v.allowedResources, "visits[\(i)].allowedResources")
            checkChoice(excluded: v.excludedResources, preferred: v.preferredResources, pinned: v.pinnedResource, "visits[\(i)]")
            if v.unassignedPenalty < 0 { issues.append("visits[\(i)].unassignedPenalty: must not be negative.") }
            for (k, w) in v.moreWindows.enumerated() where w.start > w.end {
                issues.append("visits[\(i)].moreWindows[\(k)]: start \(w.start) is after end \(w.end).")
            }
        }
        for (i, r) in requests.enumerated() {
            check(r.pickup, "requests[\(i)].pickup")
            check(r.delivery, "requests[\(i)].delivery")
            checkVector(r.load, "requests[\(i)].load")
            checkAllowed(r.allowedResources, "requests[\(i)].allowedResources")
            checkChoice(excluded: r.excludedResources, preferred: r.preferredResources, pinned: r.pinnedResource, "requests[\(i)]")
            if let ride = r.maxRideTime, ride < 0 { issues.append("requests[\(i)].maxRideTime: must not be negative.") }
            for (name, more) in [("pickupMoreWindows", r.pickupMoreWindows), ("deliveryMoreWindows", r.deliveryMoreWindows)] {
                for (k, w) in more.enumerated() where w.start > w.end {
                    issues.append("requests[\(i)].\(name)[\(k)]: start \(w.start) is after end \(w.end).")
                }
            }
        }
        var groupOf = [Int](repeating: -1, count: visits.count)
        for (g, group) in groups.enumerated() {
            if group.visits.count < 2 { issues.append("groups[\(g)].visits: a group needs at least two visits.") }
            if group.minGap > group.maxGap { issues.append("groups[\(g)]: minGap \(group.minGap) is greater than maxGap \(group.maxGap).") }
            for (k, v) in group.visits.enumerated() {
                guard (0..<visits.count).contains(v) else { issues.append("groups[\(g)].visits[\(k)]: \(v) is not a visit index."); continue }
                if groupOf[v] >= 0 { issues.append("groups[\(g)].visits[\(k)]: visit \(v) is already in groups[\(groupOf[v])].") }
                groupOf[v] = g
            }
        }
        if objective.latenessCost < 0 || objective.maxLatenessCost < 0 || objective.nonPreferredCost < 0 || objective.reassignmentCost < 0 {
            issues.append("objective: costs must not be negative.")
        }
        issues += validatePlans()
        if resources.isEmpty { issues.append("resources: at least one resource is required.") }
        for (i, r) in resources.enumerated() {
            if !(0..<locations).contains(r.startLocation) { issues.append("resources[\(i)].startLocation: not a location index.") }
            if !(0..<locations).contains(r.endLocation) { issues.append("resources[\(i)].endLocation: not a location index.") }
            if r.shift.start > r.shift.end { issues.append("resources[\(i)].shift: start is after end.") }
            checkVector(r.capacity, "resources[\(i)].capacity", allowEmpty: dimensions == 0)
            if !(0..<matrices.count).contains(r.profile) { issues.append("resources[\(i)].profile: \(r.profile) is not a matrix index.") }
            for (k, b) in r.breaks.enumerated() {
                if b.window.start > b.window.end { issues.append("resources[\(i)].breaks[\(k)].window: start is after end.") }
                if b.duration < 0 { issues.append("resources[\(i)].breaks[\(k)].duration: must not be negative.") }
                if k > 0 && b.window.start < r.breaks[k - 1].window.start {
                    issues.append("resources[\(i)].breaks[\(k)]: breaks must be listed in the order of their windows.")
                }
            }
            if let after = r.overtimeAfter, after < 0 { issues.append("resources[\(i)].overtimeAfter: must not be negative.") }
            if let from = r.overtimeFrom, from < r.shift.start { issues.append("resources[\(i)].overtimeFrom: must not be before the shift starts.") }
            if r.fixedCost < 0 || r.costPerDistance < 0 || r.costPerDuration < 0 || r.costPerOvertime < 0 {
                issues.append("resources[\(i)]: costs must not be negative.")
            }
        }
        return issues
    }
}

extension RoutingProblem {
    /// Rules of `frozen` and `reference`: existing resources and tasks, each at most once; a
    /// frozen delivery after its pickup on the same route; a frozen task allowed on its resource
    /// and not pinned elsewhere; a group frozen whole or not at all.
    func validatePlans() -> [String] {
        var issues: [String] = []
        let resourceCount = resources.count
        func taskIndex(_ stop: PlanEvaluator.PlannedStop) -> Int? {
            let count = stop.kind == .visit ? visits.count : requests.count
            guard (0..<count).contains(stop.task) else { return nil }
            return stop.kind == .visit ? stop.task : visits.count + stop.task
        }
        var frozenOn = [Int](repeating: -1, count: visits.count + requests.count)
        var routeSeen = [Bool](repeating: false, count: resourceCount)
        for (k, route) in frozen.enumerated() {
            let path = "frozen[\(k)]"
            guard (0..<resourceCount).contains(route.resource) else { issues.append("\(path).resource: \(route.resource) is not a resource index."); continue }
            if routeSeen[route.resource] { issues.append("\(path).resource: resource \(route.resource) has two frozen prefixes.") }
            routeSeen[route.resource] = true
            var picked: [Int] = []
            for (i, stop) in route.stops.enumerated() {
                let stopPath = "\(path).stops[\(i)]"
                guard let task = taskIndex(stop) else { issues.append("\(stopPath).task: \(stop.kind.rawValue) \(stop.task) does not exist."); continue }
                switch stop.kind {
                case .visit, .pickup:
                    if frozenOn[task] >= 0 { issues.append("\(stopPath): \(stop.kind.rawValue) \(stop.task) is frozen twice."); continue }
                    frozenOn[task] = route.resource
                    if stop.kind == .pickup { picked.append(stop.task) }
                case .delivery:
                    if !picked.contains(stop.task) {
                        issues.append("\(stopPath): the delivery of request \(stop.task) is frozen without its pickup before it on this route.")
                    }
                    picked.removeAll { $0 == stop.task }
                }
                let rules = resourceRules(ofTask: task), r = route.resource
                if !rules.admits(r, holding: resources[r].skills) {
                    issues.append("\(stopPath): resource \(r) may not serve \(stop.kind.rawValue) \(stop.task) (skills, allowed or excluded resources).")
                }
                if let pinned = rules.pinned, pinned != r { issues.append("\(stopPath): \(stop.kind.rawValue) \(stop.task) is pinned to resource \(pinned).") }
            }
        }
        for (g, group) in groups.enumerated() {
            let frozenMembers = group.visits.filter { (0..<visits.count).contains($0) && frozenOn[$0] >= 0 }.count
            if frozenMembers > 0 && frozenMembers < group.visits.count {
                issues.append("frozen: groups[\(g)] is partly frozen; freeze every member or none.")
            }
        }
        var referenced = [Bool](repeating: false, count: visits.count + requests.count)
        for (k, route) in reference.enumerated() {
            if !(0..<resourceCount).contains(route.resource) { issues.append("reference[\(k)].resource: \(route.resource) is not a resource index.") }
            for (i, stop) in route.stops.enumerated() {
                guard let task = taskIndex(stop) else { issues.append("reference[\(k)].stops[\(i)].task: \(stop.kind.rawValue) \(stop.task) does not exist."); continue }
                if stop.kind == .delivery { continue }
                if referenced[task] { issues.append("reference[\(k)].stops[\(i)]: \(stop.kind.rawValue) \(stop.task) appears twice in the reference plan.") }
                referenced[task] = true
            }
        }
        return issues
    }
}
