/// The time or iteration budget of one search run, shared by both searches.
struct SearchBudget: Sendable {
    let parameters: SolverParameters
    let started = ContinuousClock.now

    /// Fraction of the budget used after `iteration` iterations (time or iterations, whichever
    /// is further along).
    func fraction(iteration: Int) -> Double {
        var f = 0.0
        if let limit = parameters.timeLimit {
            f = (ContinuousClock.now - started).seconds / limit.seconds
        }
        if let limit = parameters.iterationLimit { f = max(f, Double(iteration) / Double(max(limit, 1))) }
        if parameters.timeLimit == nil && parameters.iterationLimit == nil { f = Double(iteration) / 10_000 }
        return min(f, 1)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

extension CompiledProblem {
    /// The annealing temperature scale: the mean cost of travelling between two task locations
    /// (a deterministic sample of pairs) at the highest prices per distance and per duration, at
    /// least 1. SISR's published temperatures for Solomon (100 → 1) are about 2 and 0.02 times it.
    func temperatureScale() -> Double {
        let perDistance = costPerDistance.max() ?? 0, perDuration = costPerDuration.max() ?? 0
        var total = 0.0, count = 0
        let n = locationCount, nodes = nodeCount
        let step = max(1, nodes * nodes / 20_000)
        var k = 0
        while k < nodes * nodes {
            let u = k / nodes, v = k % nodes
            if u != v {
                let index = location[u] * n + location[v]
                total += Double(distances[0][index] * perDistance + durations[0][index] * perDuration)
                count += 1
            }
            k += step
        }
        return max(1, total / Double(max(count, 1)))
    }
}
