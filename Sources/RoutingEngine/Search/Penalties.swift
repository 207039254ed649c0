/// Adapts the prices of a penalised local search (PyVRP's penalty manager): each local-search
/// output registers whether it kept the time rules and the load rules; after every `window`
/// registrations each price rises by half when fewer than the target share were feasible for its
/// kind, and falls by a tenth when more were.
struct PenaltyManager {
    private(set) var weights: PenaltyWeights
    /// Registrations per update.
    let window: Int
    /// Target share of feasible outputs, and the tolerance around it.
    let target: Double, tolerance: Double
    /// No price rises above this (keeps the arithmetic far from overflow).
    let cap: Int
    private var registered = 0, timeFeasible = 0, loadFeasible = 0

    /// Starting prices: a unit of time warp at the dearest rate per unit of time or distance, a
    /// unit of excess load at the mean cost between two tasks (`scale`).
    init(problem: CompiledProblem, scale: Double, window: Int = 20, target: Double = 0.65, tolerance: Double = 0.05) {
        let perTime = (problem.costPerDistance.max() ?? 0) + (problem.costPerDuration.max() ?? 0)
        weights = PenaltyWeights(timeWarp: max(1, perTime), load: max(1, Int(scale.rounded())))
        self.window = window
        self.target = target
        self.tolerance = tolerance
        cap = 1_000_000
    }

    /// Records one local-search output.
    mutating func register(timeFeasible time: Bool, loadFeasible load: Bool) {
        registered += 1
        if time { timeFeasible += 1 }
        if load { loadFeasible += 1 }
        guard registered == window else { return }
        weights.timeWarp = adjusted(weights.timeWarp, feasible: timeFeasible)
        weights.load = adjusted(weights.load, feasible: loadFeasible)
        registered = 0
        timeFeasible = 0
        loadFeasible = 0
    }

    private func adjusted(_ price: Int, feasible: Int) -> Int {
        let share = Double(feasible) / Double(window)
        if share < target - tolerance { return min(cap, price + max(1, price / 2)) }
        if share > target + tolerance { return max(1, price - price / 10) }
        return price
    }

    /// The prices used to repair an infeasible output: ten times dearer.
    var repairWeights: PenaltyWeights {
        PenaltyWeights(timeWarp: min(cap, weights.timeWarp * 10), load: min(cap, weights.load * 10))
    }
}

extension Search {
    /// Improves `s` by local search. Hard mode: the descent never leaves feasible space. Penalised
    /// mode (``SolverParameters/penalisedSearch``): the descent may break time and load rules at
    /// the manager's prices; an infeasible output is repaired at ten times the prices, and a
    /// final hard descent polishes a feasible one. An output that stays infeasible is dropped for
    /// the hard descent of `s` itself, so the result is always feasible.
    mutating func improve(_ s: inout RouteSet) {
        guard parameters.penalisedSearch else {
            localSearch.descend(&s, rng: &rng)
            return
        }
        let start = s
        s.setWeights(penalties.weights)
        localSearch.descend(&s, rng: &rng)
        let broken = s.violations()
        penalties.register(timeFeasible: !broken.time, loadFeasible: !broken.load)
        if broken.time || broken.load {
            s.setWeights(penalties.repairWeights)
            localSearch.descend(&s, rng: &rng)
        }
        s.setWeights(nil)
        if !s.isFeasible { s = start }
        localSearch.descend(&s, rng: &rng)
    }
}
