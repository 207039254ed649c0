/// Travel durations (seconds) and distances (metres) between `count` locations, stored row-major
/// in two flat arrays so that a lookup is one multiply-add and no allocation.
public struct TravelMatrix: Sendable, Equatable {
    /// Number of locations.
    public let count: Int
    /// `durations[from * count + to]`, seconds.
    public private(set) var durations: [Int]
    /// `distances[from * count + to]`, metres.
    public private(set) var distances: [Int]

    /// A matrix of zeros for `count` locations.
    public init(count: Int) {
        precondition(count >= 0, "location count must not be negative")
        self.count = count
        durations = Array(repeating: 0, count: count * count)
        distances = Array(repeating: 0, count: count * count)
    }

    /// A matrix filled by `leg(from, to)` for every ordered pair of distinct locations; the
    /// diagonal is zero.
    public init(count: Int, leg: (_ from: Int, _ to: Int) -> (duration: Int, distance: Int)) {
        self.init(count: count)
        for from in 0..<count {
            for to in 0..<count where from != to {
                let value = leg(from, to)
                precondition(value.duration >= 0 && value.distance >= 0, "travel must not be negative")
                durations[from * count + to] = value.duration
                distances[from * count + to] = value.distance
            }
        }
    }

    /// Travel time from one location to another, in seconds.
    @inlinable
    public func duration(_ from: Int, _ to: Int) -> Int { durations[from * count + to] }

    /// Travel distance from one location to another, in metres.
    @inlinable
    public func distance(_ from: Int, _ to: Int) -> Int { distances[from * count + to] }

    /// Whether every detour is no shorter than the direct leg (durations), as many solvers assume;
    /// returns the first violating triple if not.
    public func firstTriangleViolation() -> (from: Int, via: Int, to: Int)? {
        for i in 0..<count {
            for k in 0..<count where k != i {
                for j in 0..<count where j != i && j != k {
                    if duration(i, k) + duration(k, j) < duration(i, j) { return (i, k, j) }
                }
            }
        }
        return nil
    }
}
