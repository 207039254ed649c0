import RoutingEngine
import SchedulingDomain

/// Builds the engine's index-based travel matrix from domain coordinates and a travel-time
/// estimator (haversine today, a routing service's matrix tomorrow).
public struct TravelMatrixBuilder: Sendable {
    /// The estimator used for every leg.
    public let estimator: any TravelTimeEstimator

    /// Creates a builder.
    public init(estimator: any TravelTimeEstimator = HaversineTravelEstimator()) {
        self.estimator = estimator
    }

    /// The matrix for `places` (index i in the matrix is `places[i]`) for one travel mode.
    public func matrix(for places: [Coordinates], mode: TravelMode) -> TravelMatrix {
        TravelMatrix(count: places.count) { from, to in
            let leg = estimator.estimate(from: places[from], to: places[to], mode: mode)
            return (leg.duration.value, leg.distance.value)
        }
    }
}
