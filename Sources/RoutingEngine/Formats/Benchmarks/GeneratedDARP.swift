import Foundation

/// A generated dial-a-ride day at the scale of a real one, for `kairos bench darp-generated`:
/// people around a city travelling to and from five destinations (think hospitals), with
/// several load dimensions, windows from appointment times, ride-time limits and vehicles on
/// 8–12-hour shifts. The same parameters and seed always give the same problem.
///
/// The generator, in seconds and metres:
/// - **City**: a 24 km square. Five destinations: one at the centre and four on a 6 km circle
///   (turned by the seed). Three bases on a 9 km circle. Each request's home is uniform in the
///   square. Distance is straight-line × 1.3 (roads), rounded to the metre; travel at 30 km/h.
/// - **Mobility** (load `[seats, wheelchair spaces, stretchers]`, service at each end): walking
///   45 % (`[1,0,0]`, 2 min), with an escort 15 % (`[2,0,0]`, 3 min), wheelchair 28 % (`[0,1,0]`,
///   7 min), stretcher 12 % (`[0,0,1]`, 10 min).
/// - **Windows**: an appointment between 09:00 and 16:00 (5-minute steps). Half the requests go
///   to the appointment: arrive between 60 and 5 minutes before it, be collected from 2 hours
///   to 15 minutes before it. Half come back from it: ready 30–90 minutes after the appointment,
///   collected within 60 minutes of ready, home within 3 hours of ready.
/// - **Ride limit**: 60 minutes from the end of pickup to the start of drop-off.
/// - **Vehicles**: ambulances `[2,1,1]` 30 %, wheelchair vans `[4,2,0]` 40 %, cars `[3,0,0]` 30 %;
///   each from a base, back to it, on a shift starting 06:30–10:00 (15-minute steps) and lasting
///   8–12 whole hours. Cost: one per metre.
/// - **Breaks** (optional): 30 minutes, starting 3 to 5 hours into the shift.
public enum GeneratedDARP {
    /// What to generate.
    public struct Parameters: Sendable, Hashable {
        /// Requests (pickup and drop-off pairs).
        public var requests: Int
        /// Vehicles.
        public var vehicles: Int
        /// Whether every vehicle takes a 30-minute break.
        public var breaks: Bool
        /// The generator's seed.
        public var seed: UInt64

        /// Creates parameters.
        public init(requests: Int, vehicles: Int, breaks: Bool = false, seed: UInt64 = 1) {
            self.requests = requests
            self.vehicles = vehicles
            self.breaks = breaks
            self.seed = seed
        }
    }

    /// The mobility categories: name, load, service seconds and share in percent.
    static let mobility: [(name: String, load: [Int], service: Int, percent: Int)] = [
        ("walking", [1, 0, 0], 120, 45), ("escort", [2, 0, 0], 180, 15), ("wheelchair", [0, 1, 0], 420, 28), ("stretcher", [0, 0, 1], 600, 12),
    ]
    /// The vehicle kinds: name, capacity and share in percent.
    static let vehicleKinds: [(name: String, capacity: [Int], percent: Int)] = [
        ("ambulance", [2, 1, 1], 30), ("wheelchair van", [4, 2, 0], 40), ("car", [3, 0, 0], 30),
    ]
    static let citySide = 24_000.0, roadFactor = 1.3, metresPerSecond = 30_000.0 / 3600
    /// Locations before the homes: three bases, then five destinations.
    static let bases = 3, destinations = 5

    /// The problem for `parameters`: locations are the bases, the destinations, then one home
    /// per request.
    public static func problem(_ parameters: Parameters) -> RoutingProblem {
        precondition(parameters.requests >= 0 && parameters.vehicles >= 0, "counts must not be negative")
        var random = EngineRandom(seed: parameters.seed)
        let centre = citySide / 2
        var points: [(x: Double, y: Double)] = []
        let turn = random.unit() * 2 * Double.pi
        for b in 0..<bases {
            let angle = turn + Double(b) * 2 * Double.pi / Double(bases)
            points.append((centre + 9_000 * cos(angle), centre + 9_000 * sin(angle)))
        }
        points.append((centre, centre))
        for d in 0..<(destinations - 1) {
            let angle = turn + Double.pi / 4 + Double(d) * 2 * Double.pi / Double(destinations - 1)
            points.append((centre + 6_000 * cos(angle), centre + 6_000 * sin(angle)))
        }

        var requests: [Request] = []
        requests.reserveCapacity(parameters.requests)
        for _ in 0..<parameters.requests {
            points.append((random.unit() * citySide, random.unit() * citySide))
            let home = points.count - 1
            let destination = bases + random.below(destinations)
            let category = pick(mobility.map(\.percent), &random)
            let (load, service) = (mobility[category].load, mobility[category].service)
            let appointment = 9 * 3600 + random.below(7 * 12 + 1) * 300
            if random.below(2) == 0 {
                requests.append(Request(
                    pickup: Stop(location: home, window: TimeWindow(start: appointment - 120 * 60, end: appointment - 15 * 60), service: service),
                    delivery: Stop(location: destination, window: TimeWindow(start: appointment - 60 * 60, end: appointment - 5 * 60), service: service),
                    load: load, maxRideTime: 60 * 60))
            } else {
                let ready = appointment + (30 + random.below(61)) * 60
                requests.append(Request(
                    pickup: Stop(location: destination, window: TimeWindow(start: ready, end: ready + 60 * 60), service: service),
                    delivery: Stop(location: home, window: TimeWindow(start: ready, end: ready + 180 * 60), service: service),
                    load: load, maxRideTime: 60 * 60))
            }
        }

        var resources: [Resource] = []
        for _ in 0..<parameters.vehicles {
            let kind = vehicleKinds[pick(vehicleKinds.map(\.percent), &random)]
            let base = random.below(bases)
            let start = 6 * 3600 + 30 * 60 + random.below(15) * 15 * 60
            let hours = 8 + random.below(5)
            let rest = parameters.breaks ? [Break(window: TimeWindow(start: start + 3 * 3600, end: start + 5 * 3600), duration: 30 * 60)] : []
            resources.append(Resource(startLocation: base, endLocation: base, shift: TimeWindow(start: start, end: start + hours * 3600),
                                      capacity: kind.capacity, costPerDistance: 1, breaks: rest))
        }

        let matrix = TravelMatrix(count: points.count) { from, to in
            let dx = points[from].x - points[to].x, dy = points[from].y - points[to].y
            let metres = Int(((dx * dx + dy * dy).squareRoot() * roadFactor).rounded())
            return (Int((Double(metres) / metresPerSecond).rounded()), metres)
        }
        return RoutingProblem(matrices: [matrix], dimensions: 3, requests: requests, resources: resources)
    }

    /// An index drawn with the given percentages (summing to 100).
    static func pick(_ percents: [Int], _ random: inout EngineRandom) -> Int {
        var draw = random.below(100)
        for (index, percent) in percents.enumerated() {
            if draw < percent { return index }
            draw -= percent
        }
        return percents.count - 1
    }
}
