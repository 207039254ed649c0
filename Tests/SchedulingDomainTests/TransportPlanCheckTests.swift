import Foundation
import Testing
import SchedulingDomain

/// The transport service's own check of a plan, on hand-made runs.
@Suite("Transport plan check")
struct TransportPlanCheckTests {
    let travel = HaversineTravelEstimator()

    /// A run of `shift` visiting `stops` in order, each as early as travel and its window allow
    /// (leaving base just in time for the first), the break (if `breakAfter`) as early as allowed.
    func run(_ stops: [(TransportJourney, TransportPlan.StopKind)], shift: VehicleShift, day: TransportDay, breakAfter: Int? = nil) -> TransportPlan.Run {
        var planned: [TransportPlan.Stop] = []
        var place = shift.base, time = shift.start.minuteOfDay * 60, departure = time
        var breakStart: Int?
        for (k, (journey, kind)) in stops.enumerated() {
            if breakAfter == k, let b = shift.restBreak {
                breakStart = max(time, b.earliest.minuteOfDay * 60)
                time = breakStart! + b.minutes * 60
            }
            let w = day.standards.windows(for: journey)
            let at = kind == .pickup ? journey.pickup : journey.destination
            let leg = travel.estimate(from: place, to: at, mode: .car).duration.value
            let window = kind == .pickup ? w.pickup : w.dropOff
            if k == 0 { departure = max(time, window.lowerBound - leg); time = departure }
            let arrival = time + leg, start = max(arrival, window.lowerBound)
            planned.append(TransportPlan.Stop(journeyID: journey.id, kind: kind, arrival: arrival, start: start))
            time = start + w.boarding
            place = at
        }
        let back = time + travel.estimate(from: place, to: shift.base, mode: .car).duration.value
        return TransportPlan.Run(shiftID: shift.id, departure: departure, back: back, stops: planned, breakAfterStops: breakAfter,
                                 breakStart: breakStart, metres: 0)
    }

    func codes(_ plan: TransportPlan, _ day: TransportDay) -> Set<String> {
        Set(TransportPlanCheck.check(plan, day: day, travel: travel).map(\.code))
    }

    @Test("a run made by the rules passes; every live journey must be planned or listed once")
    func valid() {
        let a = TransportFixtures.journey("jny_a"), b = TransportFixtures.journey("jny_b", .home, at: "11:30", mobility: .wheelchair)
        let shift = TransportFixtures.shift()
        let day = TransportDay(date: TransportFixtures.date, journeys: [a, b], shifts: [shift])
        let plan = TransportPlan(date: day.date, runs: [run([(a, .pickup), (a, .dropOff), (b, .pickup), (b, .dropOff)], shift: shift, day: day)],
                                 unplanned: [])
        #expect(TransportPlanCheck.check(plan, day: day, travel: travel).isEmpty)
        let partial = TransportPlan(date: day.date, runs: [run([(a, .pickup), (a, .dropOff)], shift: shift, day: day)], unplanned: [])
        #expect(codes(partial, day) == ["plan.coverage"])
        let listed = TransportPlan(date: day.date, runs: partial.runs,
                                   unplanned: [.init(journeyID: b.id, code: "noRoom", explanation: "", plannableAlone: true)])
        #expect(TransportPlanCheck.check(listed, day: day, travel: travel).isEmpty)
        var cancelled = b
        cancelled.status = .cancelled
        #expect(TransportPlanCheck.check(partial, day: TransportDay(date: day.date, journeys: [a, cancelled], shifts: [shift]), travel: travel).isEmpty)
    }

    @Test("arriving after the appointment, too early, or too fast for the roads is caught")
    func times() {
        let a = TransportFixtures.journey("jny_a")
        let shift = TransportFixtures.shift()
        let day = TransportDay(date: TransportFixtures.date, journeys: [a], shifts: [shift])
        let good = run([(a, .pickup), (a, .dropOff)], shift: shift, day: day)
        var late = good
        late.stops[1].arrival += 3_600
        late.stops[1].start += 3_600
        late.back += 3_600
        #expect(codes(TransportPlan(date: day.date, runs: [late], unplanned: []), day).contains("journey.arrival"))
        var early = good
        early.stops[0].start -= 3_600
        early.stops[0].arrival -= 3_600
        early.departure -= 3_600
        #expect(codes(TransportPlan(date: day.date, runs: [early], unplanned: []), day).contains("journey.pickupWindow"))
        var fast = good
        fast.stops[1].arrival = fast.stops[0].start + 60
        #expect(codes(TransportPlan(date: day.date, runs: [fast], unplanned: []), day) == ["run.travel"])
    }

    @Test("a ride past the limit, two stretchers in a one-stretcher ambulance, a stretcher with a crew of one")
    func loads() {
        let a = TransportFixtures.journey("jny_a", mobility: .stretcher), b = TransportFixtures.journey("jny_b", mobility: .stretcher)
        let shift = TransportFixtures.shift()
        let day = TransportDay(date: TransportFixtures.date, journeys: [a, b], shifts: [shift])
        let both = run([(a, .pickup), (b, .pickup), (a, .dropOff), (b, .dropOff)], shift: shift, day: day)
        #expect(codes(TransportPlan(date: day.date, runs: [both], unplanned: []), day).contains("run.capacity"))
        // Picked up as early as the window allows, dropped off as late: on board for almost two hours.
        var long = run([(a, .pickup), (a, .dropOff)], shift: shift, day: TransportDay(date: day.date, journeys: [a], shifts: [shift]))
        let w = day.standards.windows(for: a)
        long.stops[1].start = w.dropOff.upperBound
        long.stops[1].arrival = w.dropOff.upperBound
        long.back += w.dropOff.upperBound - w.dropOff.lowerBound
        let alone = TransportDay(date: day.date, journeys: [a], shifts: [shift])
        #expect(codes(TransportPlan(date: day.date, runs: [long], unplanned: []), alone).contains("journey.onVehicle"))
        let single = TransportFixtures.shift(crew: 1)
        let crewed = TransportDay(date: day.date, journeys: [a], shifts: [single])
        #expect(codes(TransportPlan(date: day.date, runs: [run([(a, .pickup), (a, .dropOff)], shift: single, day: crewed)], unplanned: []), crewed)
            == ["run.crew"])
    }

    @Test("the crew's break: not with a patient on board, inside its window, not left out")
    func breaks() {
        let a = TransportFixtures.journey("jny_a"), b = TransportFixtures.journey("jny_b", .home, at: "12:00")
        let rest = VehicleShift.RestBreak(earliest: LocalTime(iso: "10:00")!, latest: LocalTime(iso: "12:00")!, minutes: 30)
        let shift = TransportFixtures.shift(restBreak: rest)
        let day = TransportDay(date: TransportFixtures.date, journeys: [a, b], shifts: [shift])
        let stops: [(TransportJourney, TransportPlan.StopKind)] = [(a, .pickup), (a, .dropOff), (b, .pickup), (b, .dropOff)]
        #expect(codes(TransportPlan(date: day.date, runs: [run(stops, shift: shift, day: day, breakAfter: 2)], unplanned: []), day).isEmpty)
        #expect(codes(TransportPlan(date: day.date, runs: [run(stops, shift: shift, day: day, breakAfter: 1)], unplanned: []), day).contains("break.onBoard"))
        #expect(codes(TransportPlan(date: day.date, runs: [run(stops, shift: shift, day: day)], unplanned: []), day) == ["break.missing"])
        var outside = run(stops, shift: shift, day: day, breakAfter: 2)
        outside.breakStart = outside.breakStart.map { $0 + 4 * 3_600 }
        #expect(codes(TransportPlan(date: day.date, runs: [outside], unplanned: []), day).contains("break.window"))
    }

    @Test("the day's indicators: punctuality, time on board, collection waits, fleet hours")
    func indicators() {
        let a = TransportFixtures.journey("jny_a"), b = TransportFixtures.journey("jny_b", .home, at: "11:30", mobility: .wheelchair)
        let c = TransportFixtures.journey("jny_c", at: "15:00")
        let shift = TransportFixtures.shift()
        let day = TransportDay(date: TransportFixtures.date, journeys: [a, b, c], shifts: [shift, TransportFixtures.shift("shf_2")])
        let route = run([(a, .pickup), (a, .dropOff), (b, .pickup), (b, .dropOff)], shift: shift, day: day)
        let plan = TransportPlan(date: day.date, runs: [route], unplanned: [.init(journeyID: c.id, code: "noRoom", explanation: "", plannableAlone: true)])
        let k = TransportKPIs.of(plan, day: day)
        let s = route.stops
        let rideA = s[1].start - (s[0].start + 120), rideB = s[3].start - (s[2].start + 420)
        #expect(k.journeys == 3 && k.planned == 2 && k.arrivals == 1 && k.arrivalsOnTime == 1 && k.arrivalsTooEarly == 0)
        #expect(k.meanMinutesBeforeAppointment == (Double(36_000 - (s[1].start + 120)) / 60 * 10).rounded() / 10)
        #expect(k.onBoardWithinHour == 2 && k.longestMinutesOnBoard == max(rideA, rideB) / 60)
        #expect(k.collections == 1 && k.longestCollectionWaitMinutes == (s[2].start - 41_400) / 60)
        #expect(k.vehiclesUsed == 1 && k.shiftHours == 20)
        #expect(k.vehicleHours == (Double(route.back - route.departure) / 3_600 * 10).rounded() / 10)
        #expect(abs(k.utilisation - Double(route.back - route.departure) / 72_000) < 0.001)
        // Late for the appointment, and on board too long, are counted as such.
        var late = route
        late.stops[1].start = 36_000
        let worse = TransportKPIs.of(TransportPlan(date: day.date, runs: [late], unplanned: plan.unplanned), day: day)
        #expect(worse.arrivalsOnTime == 0 && worse.onBoardWithinHour == 1)
    }
}
