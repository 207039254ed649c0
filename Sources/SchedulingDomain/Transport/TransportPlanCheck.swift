/// Checks a journey plan in the service's own terms, independently of the engine that made it
/// (PT-03): every live journey planned once or listed as unplanned; each vehicle leaves its
/// base and is back within its shift, with travel between stops at least the estimator's time;
/// every patient picked up and dropped off within the contract's windows, so arriving before
/// the appointment and not too early, or collected soon after being ready; at most the ride
/// limit on board; the space per dimension and the crew enough at every moment; the crew's
/// break taken in its window with nobody on board.
public enum TransportPlanCheck {
    /// One broken rule: a stable code and a sentence naming the journey or shift by id.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        public var code: String
        public var message: String
        public var description: String { "\(message) [\(code)]" }
    }

    /// A patient left on board a vehicle that broke down: collected again from `place`, no
    /// earlier than `from` (seconds after midnight), then taken on as booked.
    public struct Rescue: Hashable, Sendable {
        public var journeyID: TransportJourney.ID
        public var place: Coordinates
        public var from: Int

        /// Creates a rescue.
        public init(journeyID: TransportJourney.ID, place: Coordinates, from: Int) {
            self.journeyID = journeyID
            self.place = place
            self.from = from
        }
    }

    /// Every rule `plan` breaks for `day`, travel estimated by `travel` (by car). A journey in
    /// `rescues` is picked up at the rescue's place from its time, its drop-off as booked.
    public static func check(_ plan: TransportPlan, day: TransportDay, travel: any TravelTimeEstimator, rescues: [Rescue] = []) -> [Violation] {
        var out: [Violation] = []
        func fail(_ code: String, _ message: String) { out.append(Violation(code: code, message: message)) }
        // A re-plan keeps the journeys it carried out (delivered) in its runs.
        let journeys = Dictionary(day.journeys.filter { $0.isLive || $0.status == .delivered }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shifts = Dictionary(day.shifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [TransportJourney.ID: Int] = [:]
        for run in plan.runs { for stop in run.stops where stop.kind == .pickup { seen[stop.journeyID, default: 0] += 1 } }
        for item in plan.unplanned { seen[item.journeyID, default: 0] += 1 }
        for journey in day.liveJourneys where seen[journey.id, default: 0] != 1 {
            fail("plan.coverage", "Journey \(journey.id) is planned or listed \(seen[journey.id, default: 0]) times, not once.")
        }
        let rescueOf = Dictionary(rescues.map { ($0.journeyID, $0) }, uniquingKeysWith: { a, _ in a })
        var usedShifts: Set<VehicleShift.ID> = []
        for run in plan.runs {
            guard let shift = shifts[run.shiftID] else {
                fail("plan.unknownShift", "Run of shift \(run.shiftID): no such shift on \(day.date).")
                continue
            }
            if !usedShifts.insert(shift.id).inserted { fail("plan.shiftTwice", "Shift \(shift.id) has two runs.") }
            out += checkRun(run, shift: shift, journeys: journeys, standards: day.standards(for:), travel: travel, rescues: rescueOf)
                .map { Violation(code: $0.0, message: $0.1) }
        }
        return out
    }

    /// The rules one run breaks, as (code, message).
    static func checkRun(_ run: TransportPlan.Run, shift: VehicleShift, journeys: [TransportJourney.ID: TransportJourney],
                         standards: (TransportJourney) -> ServiceStandards, travel: any TravelTimeEstimator, rescues: [TransportJourney.ID: Rescue] = [:]) -> [(String, String)]
    {
        var out: [(String, String)] = []
        let name = "Shift \(shift.id)"
        if run.departure < shift.start.minuteOfDay * 60 { out.append(("run.early", "\(name) leaves before its start.")) }
        var time = run.departure, place = shift.base
        var onBoard = VehicleSpace()
        var picked: [TransportJourney.ID: Int] = [:]
        var carrying: [TransportJourney.ID] = []
        func leg(to next: Coordinates) -> Int { travel.estimate(from: place, to: next, mode: .car).duration.value }
        /// The crew's break, if the run takes it after `k` stops.
        func takeBreak(after k: Int) {
            guard run.breakAfterStops == k, let b = shift.restBreak, let start = run.breakStart else { return }
            if start < time { out.append(("break.overlap", "\(name): the break starts before the stop before it is done.")) }
            if start < b.earliest.minuteOfDay * 60 || start > b.latest.minuteOfDay * 60 { out.append(("break.window", "\(name): the break starts outside its window.")) }
            if !carrying.isEmpty { out.append(("break.onBoard", "\(name): the break is taken with a patient on board.")) }
            time = max(time, start) + b.minutes * 60
        }
        for (k, stop) in run.stops.enumerated() {
            takeBreak(after: k)
            guard let journey = journeys[stop.journeyID] else {
                out.append(("run.unknownJourney", "\(name) visits journey \(stop.journeyID), which is not live on this day."))
                continue
            }
            var w = standards(journey).windows(for: journey)
            var at = stop.kind == .pickup ? journey.pickup : journey.destination
            if let rescue = rescues[journey.id], stop.kind == .pickup {
                at = rescue.place
                w.pickup = rescue.from...max(rescue.from, w.dropOff.upperBound)
            }
            if stop.arrival < time + leg(to: at) { out.append(("run.travel", "\(name) reaches journey \(journey.id)'s \(stop.kind.rawValue) sooner than travel allows.")) }
            if stop.start < stop.arrival { out.append(("run.startBeforeArrival", "\(name) starts journey \(journey.id)'s \(stop.kind.rawValue) before arriving.")) }
            let window = stop.kind == .pickup ? w.pickup : w.dropOff
            if !window.contains(stop.start) {
                let code = stop.kind == .pickup ? "journey.pickupWindow" : (journey.direction == .toAppointment ? "journey.arrival" : "journey.dropOffWindow")
                out.append((code, "Journey \(journey.id): the \(stop.kind.rawValue) starts outside its window under the contract's standards."))
            }
            switch stop.kind {
            case .pickup:
                if picked[journey.id] != nil { out.append(("run.twice", "\(name) picks up journey \(journey.id) twice.")) }
                picked[journey.id] = stop.start
                onBoard = onBoard + journey.load
                carrying.append(journey.id)
                let crewNeeded = carrying.compactMap { journeys[$0]?.mobility.crewNeeded }.max() ?? 0
                if !shift.holds(onBoard) { out.append(("run.capacity", "\(name) carries more than its space after picking up journey \(journey.id).")) }
                if crewNeeded > shift.crewSize { out.append(("run.crew", "\(name) has too few crew for journey \(journey.id).")) }
                if journey.bariatric && !shift.bariatric { out.append(("run.bariatric", "\(name) is not a bariatric vehicle and crew, for journey \(journey.id).")) }
                if journey.mobility == .stretcher && !shift.stretcherTrained {
                    out.append(("run.stretcherCrew", "\(name)'s crew is not trained for stretchers, for journey \(journey.id)."))
                }
            case .dropOff:
                guard let pickedAt = picked[journey.id], carrying.contains(journey.id) else {
                    out.append(("run.dropBeforePickup", "\(name) drops off journey \(journey.id) before picking it up."))
                    break
                }
                if stop.start - (pickedAt + w.boarding) > w.maxOnVehicle {
                    out.append(("journey.onVehicle", "Journey \(journey.id): on the vehicle longer than the contract's limit."))
                }
                onBoard = onBoard - journey.load
                carrying.removeAll { $0 == journey.id }
            }
            time = stop.start + w.boarding
            place = at
        }
        for id in carrying { out.append(("run.notDropped", "\(name) never drops off journey \(id).")) }
        takeBreak(after: run.stops.count)
        // A crew back at base before its break window opens needs no break.
        if let b = shift.restBreak, run.breakStart == nil, !run.stops.isEmpty, run.back > b.earliest.minuteOfDay * 60 {
            out.append(("break.missing", "\(name): the crew's break is not taken."))
        }
        if run.back < time + leg(to: shift.base) { out.append(("run.travel", "\(name) is back at base sooner than travel allows.")) }
        if run.back > shift.latestBack {
            out.append(("run.late", shift.overtimeMinutes == 0 ? "\(name) is back after its shift ends." : "\(name) is back after its shift and overtime end."))
        }
        return out
    }
}
