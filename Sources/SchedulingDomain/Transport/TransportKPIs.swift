/// A day's transport key performance indicators from its plan (PT-08): punctuality of arrivals
/// for appointments, time on the vehicle, waits for collection home, and how hard the fleet
/// works. Times in minutes, rounded down where counted in whole minutes.
public struct TransportKPIs: Hashable, Codable, Sendable {
    /// Journeys not cancelled (live, or carried out or aborted on the day), and those planned.
    public var journeys: Int
    public var planned: Int
    /// Planned journeys to an appointment; those arriving in time (alighting done by the
    /// appointment) and not earlier than the contract allows; the mean minutes between alighting
    /// and the appointment.
    public var arrivals: Int
    public var arrivalsOnTime: Int
    public var arrivalsTooEarly: Int
    public var meanMinutesBeforeAppointment: Double
    /// Planned journeys on board no longer than 60 minutes, and the mean and longest time on board.
    public var onBoardWithinHour: Int
    public var meanMinutesOnBoard: Double
    public var longestMinutesOnBoard: Int
    /// Planned journeys home; the mean and longest wait from ready to collection.
    public var collections: Int
    public var meanCollectionWaitMinutes: Double
    public var longestCollectionWaitMinutes: Int
    /// Vehicles with work; their hours out (leaving base to back); the hours of every shift of the
    /// day; hours out over shift hours; journeys per hour out; kilometres driven.
    public var vehiclesUsed: Int
    public var vehicleHours: Double
    public var shiftHours: Double
    public var utilisation: Double
    public var journeysPerVehicleHour: Double
    public var kilometres: Double
    /// Crew-minutes worked past shifts' ends (each crew member counts; PT-03 overtime). Absent
    /// from indicators worked out before shifts could run on.
    public var overtimeCrewMinutes: Int?

    /// The indicators of `plan` for `day`.
    public static func of(_ plan: TransportPlan, day: TransportDay) -> TransportKPIs {
        // A journey delivered or aborted on the day is no longer live, but still in the plan.
        let counted = day.journeys.filter { $0.status != .cancelled }
        let journeys = Dictionary(counted.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var arrivals = 0, onTime = 0, tooEarly = 0, minutesBefore = 0
        var rides: [Int] = [], collections = 0, waits: [Int] = []
        var vehicleSeconds = 0, overtime = 0
        let shifts = Dictionary(day.shifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for run in plan.runs where !run.stops.isEmpty {
            vehicleSeconds += run.back - run.departure
            if let shift = shifts[run.shiftID] { overtime += shift.overtime(back: run.back) * shift.crewSize }
            var pickedAt: [TransportJourney.ID: Int] = [:]
            for stop in run.stops {
                guard let journey = journeys[stop.journeyID] else { continue }
                let boarding = journey.mobility.boardingMinutes * 60
                let standards = day.standards(for: journey).resolved(for: journey.mobility)
                switch stop.kind {
                case .pickup:
                    pickedAt[journey.id] = stop.start
                    if journey.direction == .home {
                        collections += 1
                        waits.append(max(0, stop.start - journey.time.minuteOfDay * 60))
                    }
                case .dropOff:
                    if let picked = pickedAt[journey.id] { rides.append(stop.start - (picked + boarding)) }
                    guard journey.direction == .toAppointment else { continue }
                    arrivals += 1
                    let before = journey.time.minuteOfDay * 60 - (stop.start + boarding)
                    if before >= 0 { onTime += 1 }
                    if stop.start < journey.time.minuteOfDay * 60 - standards.earliestArrivalMinutes * 60 { tooEarly += 1 }
                    minutesBefore += before
                }
            }
        }
        func mean(_ total: Int, _ count: Int) -> Double { count == 0 ? 0 : (Double(total) / Double(count) / 60 * 10).rounded() / 10 }
        let shiftSeconds = day.shifts.reduce(0) { $0 + ($1.end.minuteOfDay - $1.start.minuteOfDay) * 60 }
        let hours = Double(vehicleSeconds) / 3_600
        return TransportKPIs(
            journeys: counted.count, planned: plan.plannedCount, arrivals: arrivals, arrivalsOnTime: onTime, arrivalsTooEarly: tooEarly,
            meanMinutesBeforeAppointment: mean(minutesBefore, arrivals), onBoardWithinHour: rides.filter { $0 <= 3_600 }.count,
            meanMinutesOnBoard: mean(rides.reduce(0, +), rides.count), longestMinutesOnBoard: (rides.max() ?? 0) / 60,
            collections: collections, meanCollectionWaitMinutes: mean(waits.reduce(0, +), waits.count),
            longestCollectionWaitMinutes: (waits.max() ?? 0) / 60, vehiclesUsed: plan.runs.filter { !$0.stops.isEmpty }.count,
            vehicleHours: (hours * 10).rounded() / 10, shiftHours: (Double(shiftSeconds) / 3_600 * 10).rounded() / 10,
            utilisation: shiftSeconds == 0 ? 0 : (Double(vehicleSeconds) / Double(shiftSeconds) * 1_000).rounded() / 1_000,
            journeysPerVehicleHour: hours == 0 ? 0 : (Double(plan.plannedCount) / hours * 100).rounded() / 100,
            kilometres: (Double(plan.metres) / 100).rounded() / 10, overtimeCrewMinutes: overtime)
    }
}
