/// Weights of the quality terms of the objective (the routing terms are on each resource).
public struct Objective: Hashable, Sendable, Codable {
    /// Cost per unit of time each visit starts after its ``Visit/lateAfter``.
    public var latenessCost: Int
    /// Cost per unit of the largest lateness of any visit (fairness: no one very late).
    public var maxLatenessCost: Int
    /// Cost per task served by a resource outside its non-empty preferred resources.
    public var nonPreferredCost: Int
    /// Stability: cost per task served by another resource than in ``RoutingProblem/reference``.
    public var reassignmentCost: Int

    /// Creates the weights.
    public init(latenessCost: Int = 1, maxLatenessCost: Int = 0, nonPreferredCost: Int = 0, reassignmentCost: Int = 0) {
        self.latenessCost = latenessCost
        self.maxLatenessCost = maxLatenessCost
        self.nonPreferredCost = nonPreferredCost
        self.reassignmentCost = reassignmentCost
    }
}
