import Foundation
import SchedulingDomain

/// A generated transport day around Greater Manchester, the same for the same parameters and
/// seed: for `kairos bench transport` and, later, the demo.
///
/// - **Places**: homes uniform in a 24 km square around Manchester city centre; five hospitals
///   (Manchester Royal Infirmary, Salford Royal, Wythenshawe, Royal Oldham, Stepping Hill); three
///   bases (Ardwick, Eccles, Stockport). Travel by car: straight line × 1.3 at 30 km/h plus a
///   minute a leg (``HaversineTravelEstimator``).
/// - **Journeys**: to the patient's nearest hospital, or one time in four to any of the five (a
///   service found elsewhere); an appointment between 09:00 and 16:00 (5-minute steps); half go to it, half
///   come home from it, ready 30–90 minutes after it. Mobility: walking 40 %, seated with help
///   20 %, wheelchair 28 %, stretcher 12 %; one patient in seven not on a stretcher brings an
///   escort. Standards: the contract defaults (60 minutes early at most, collected within 60
///   minutes, 60 minutes on board).
/// - **Shifts**: ambulances (2 seats, a wheelchair space, a stretcher; crew of two) 30 %,
///   wheelchair vans (4 seats, 2 wheelchair spaces) 40 %, cars (3 seats) 30 %; each from a base
///   and back, starting 06:30–10:00 (15-minute steps) for 8–12 hours, with a 30-minute break
///   starting 3 to 5 hours in.
public enum GeneratedTransportDay {
    /// The hospitals, by name and place.
    public static let hospitals: [(name: String, at: Coordinates)] = [
        ("Manchester Royal Infirmary", Coordinates(latitude: 53.4627, longitude: -2.2251)),
        ("Salford Royal", Coordinates(latitude: 53.4877, longitude: -2.3226)),
        ("Wythenshawe Hospital", Coordinates(latitude: 53.3890, longitude: -2.2920)),
        ("Royal Oldham Hospital", Coordinates(latitude: 53.5527, longitude: -2.1190)),
        ("Stepping Hill Hospital", Coordinates(latitude: 53.3831, longitude: -2.1338)),
    ]
    /// Third-party providers for a day of `journeys`: taxis for walking and seated patients
    /// (£35 a journey, a fiftieth of the day's journeys at most) and a private ambulance for
    /// wheelchairs and stretchers (£95 and £145, a two-hundredth).
    public static func providers(journeys: Int) -> [ThirdPartyProvider] {
        [
            ThirdPartyProvider(id: "taxis", name: "Taxis", prices: [.walking: 3_500, .seated: 3_500], dailyLimit: max(5, journeys / 50), maxEscorts: 3),
            ThirdPartyProvider(id: "private-ambulance", name: "Private ambulance", prices: [.wheelchair: 9_500, .stretcher: 14_500],
                               dailyLimit: max(2, journeys / 200), maxEscorts: 1),
        ]
    }

    /// The vehicle bases, by name and place.
    public static let bases: [(name: String, at: Coordinates)] = [
        ("Ardwick", Coordinates(latitude: 53.4713, longitude: -2.2130)),
        ("Eccles", Coordinates(latitude: 53.4830, longitude: -2.3340)),
        ("Stockport", Coordinates(latitude: 53.4106, longitude: -2.1575)),
    ]
    static let centre = Coordinates(latitude: 53.4808, longitude: -2.2426)
    static let halfSideMetres = 12_000.0

    /// The day `date` with `journeys` journeys and `shifts` vehicle shifts from `seed`.
    public static func day(date: LocalDate, journeys count: Int, shifts shiftCount: Int, seed: UInt64) -> TransportDay {
        var rng = SeededGenerator(seed: seed)
        func below(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        func unit() -> Double { Double.random(in: 0..<1, using: &rng) }
        let metresPerDegreeLatitude = 111_320.0
        let metresPerDegreeLongitude = metresPerDegreeLatitude * cos(centre.latitude * .pi / 180)
        var journeys: [TransportJourney] = []
        journeys.reserveCapacity(count)
        for k in 0..<count {
            let home = Coordinates(latitude: centre.latitude + (unit() * 2 - 1) * halfSideMetres / metresPerDegreeLatitude,
                                   longitude: centre.longitude + (unit() * 2 - 1) * halfSideMetres / metresPerDegreeLongitude)
            // Most patients attend their nearest hospital; one in four a specialist service elsewhere.
            let nearest = hospitals.min { $0.at.greatCircleMeters(to: home) < $1.at.greatCircleMeters(to: home) }!.at
            let hospital = below(4) == 0 ? hospitals[below(hospitals.count)].at : nearest
            let draw = below(100)
            let mobility: MobilityCategory = draw < 40 ? .walking : draw < 60 ? .seated : draw < 88 ? .wheelchair : .stretcher
            let escorts = mobility != .stretcher && below(7) == 0 ? 1 : 0
            let appointment = 9 * 60 + below(7 * 12 + 1) * 5
            let outward = below(2) == 0
            let time = outward ? appointment : appointment + 30 + below(61)
            journeys.append(TransportJourney(
                id: TransportJourney.ID("jny_gen_\(k + 1)"), patientID: Patient.ID("pat_gen_\(k + 1)"), date: date,
                direction: outward ? .toAppointment : .home, time: LocalTime(minuteOfDay: time)!,
                pickup: outward ? home : hospital, destination: outward ? hospital : home, mobility: mobility, escorts: escorts))
        }
        let kinds: [(name: String, space: VehicleSpace, crew: Int, percent: Int)] = [
            ("Ambulance", VehicleSpace(seats: 2, wheelchairSpaces: 1, stretchers: 1), 2, 30),
            ("Wheelchair van", VehicleSpace(seats: 4, wheelchairSpaces: 2), 1, 40),
            ("Car", VehicleSpace(seats: 3), 1, 30),
        ]
        var shifts: [VehicleShift] = []
        for k in 0..<shiftCount {
            var draw = below(100), kind = kinds[kinds.count - 1]
            for candidate in kinds {
                if draw < candidate.percent { kind = candidate; break }
                draw -= candidate.percent
            }
            let base = bases[below(bases.count)].at
            let start = 6 * 60 + 30 + below(15) * 15
            let end = start + (8 + below(5)) * 60
            let rest = VehicleShift.RestBreak(earliest: LocalTime(minuteOfDay: start + 180)!, latest: LocalTime(minuteOfDay: start + 300)!, minutes: 30)
            shifts.append(VehicleShift(id: VehicleShift.ID("shf_gen_\(k + 1)"), date: date, vehicleName: "\(kind.name) \(k + 1)", capacity: kind.space,
                                       crewSize: kind.crew, base: base, start: LocalTime(minuteOfDay: start)!,
                                       end: LocalTime(minuteOfDay: min(end, 23 * 60 + 59))!, restBreak: rest))
        }
        return TransportDay(date: date, journeys: journeys, shifts: shifts)
    }
}
