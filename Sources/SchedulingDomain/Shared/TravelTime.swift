/// How a person travels between two places.
public enum TravelMode: String, Codable, Sendable, CaseIterable {
    /// Car or ambulance on roads.
    case car
    /// On foot.
    case walking
    /// Bus, tram or train.
    case publicTransport = "public-transport"
}

/// A travel estimate between two places.
public struct TravelEstimate: Hashable, Codable, Sendable {
    /// Distance travelled.
    public var distance: Meters
    /// Time taken.
    public var duration: Seconds

    /// Creates an estimate.
    public init(distance: Meters, duration: Seconds) {
        self.distance = distance
        self.duration = duration
    }
}

/// Estimates travel between coordinates. The default is ``HaversineTravelEstimator``; a matrix from
/// a real routing service can take its place behind this protocol.
public protocol TravelTimeEstimator: Sendable {
    /// The estimate for one leg.
    func estimate(from origin: Coordinates, to destination: Coordinates, mode: TravelMode) -> TravelEstimate
}

/// Great-circle distance times a road factor, at a constant speed per travel mode.
///
/// Deliberately simple and deterministic; good enough for demo data and for planning where no
/// routing service is configured.
public struct HaversineTravelEstimator: TravelTimeEstimator {
    /// Speed and detour factor for one mode.
    public struct Profile: Hashable, Sendable {
        /// Average speed in km/h.
        public var kilometresPerHour: Double
        /// Real route length over straight-line distance (≥ 1).
        public var roadFactor: Double
        /// Fixed time added to every non-zero leg (parking, waiting for a bus), in seconds.
        public var fixedSeconds: Int

        /// Creates a profile.
        public init(kilometresPerHour: Double, roadFactor: Double, fixedSeconds: Int = 0) {
            precondition(kilometresPerHour > 0 && roadFactor >= 1, "speed must be positive and road factor at least 1")
            self.kilometresPerHour = kilometresPerHour
            self.roadFactor = roadFactor
            self.fixedSeconds = fixedSeconds
        }
    }

    /// Urban defaults: car 30 km/h × 1.3, walking 4.8 km/h × 1.25, public transport 15 km/h × 1.4
    /// with 5 minutes' waiting per leg.
    public static let urbanProfiles: [TravelMode: Profile] = [
        .car: Profile(kilometresPerHour: 30, roadFactor: 1.3, fixedSeconds: 60),
        .walking: Profile(kilometresPerHour: 4.8, roadFactor: 1.25),
        .publicTransport: Profile(kilometresPerHour: 15, roadFactor: 1.4, fixedSeconds: 300),
    ]

    /// Profile per mode.
    public let profiles: [TravelMode: Profile]

    /// Uses the given profiles; every mode must have one.
    public init(profiles: [TravelMode: Profile] = HaversineTravelEstimator.urbanProfiles) {
        precondition(TravelMode.allCases.allSatisfy { profiles[$0] != nil }, "a profile is needed for every travel mode")
        self.profiles = profiles
    }

    public func estimate(from origin: Coordinates, to destination: Coordinates, mode: TravelMode) -> TravelEstimate {
        let profile = profiles[mode]!
        let metres = origin.greatCircleMeters(to: destination) * profile.roadFactor
        if metres < 1 { return TravelEstimate(distance: .zero, duration: .zero) }
        let seconds = metres / (profile.kilometresPerHour * 1000 / 3600)
        return TravelEstimate(
            distance: Meters(Int(metres.rounded())),
            duration: Seconds(Int(seconds.rounded(.up)) + profile.fixedSeconds))
    }
}
