import Foundation
import Planning
import RoutingEngine
import SchedulingDomain
import SeededTesting
import Testing

/// A transport day → the engine's problem, and the answer → a journey plan that the domain
/// check passes.
@Suite("Transport planner")
struct TransportPlannerTests {
    static let date = LocalDate(year: 2026, month: 12, day: 8)!
    static let hospital = Coordinates(latitude: 53.4627, longitude: -2.2251)
    static let base = Coordinates(latitude: 53.4713, longitude: -2.2130)

    /// `count` journeys from homes on a ring around the hospital, alternately there and home.
    static func journeys(_ count: Int, mobility: (Int) -> MobilityCategory = { [.walking, .seated, .wheelchair, .walking][$0 % 4] }) -> [TransportJourney] {
        (0..<count).map { k in
            let angle = Double(k) * 2.399
            let home = Coordinates(latitude: hospital.latitude + 0.03 * sin(angle), longitude: hospital.longitude + 0.05 * cos(angle))
            let there = k % 2 == 0
            return TransportJourney(id: .init("jny_\(k)"), patientID: .init("pat_\(k)"), date: date, direction: there ? .toAppointment : .home,
                                    time: LocalTime(minuteOfDay: 9 * 60 + 20 * (k / 2))!, pickup: there ? home : hospital,
                                    destination: there ? hospital : home, mobility: mobility(k), escorts: k % 5 == 0 ? 1 : 0)
        }
    }

    static func shift(_ k: Int, crew: Int = 1, capacity: VehicleSpace = VehicleSpace(seats: 4, wheelchairSpaces: 2)) -> VehicleShift {
        VehicleShift(id: .init("shf_\(k)"), date: date, vehicleName: "Van \(k)", capacity: capacity, crewSize: crew, base: base,
                     start: LocalTime(iso: "07:00")!, end: LocalTime(iso: "17:00")!,
                     restBreak: .init(earliest: LocalTime(iso: "11:00")!, latest: LocalTime(iso: "13:00")!, minutes: 30))
    }

    @Test("journeys become requests: windows and ride limits from the standards, loads per dimension, a crew of two where needed")
    func problem() {
        var journeys = Self.journeys(4)
        journeys[3].mobility = .stretcher
        journeys[1].status = .cancelled
        let day = TransportDay(date: Self.date, journeys: journeys, shifts: [Self.shift(1), Self.shift(2, crew: 2)])
        let problem = TransportPlanner().problem(for: day)
        // The cancelled journey is left out; every drop-off at the hospital is one place.
        #expect(problem.journeys.map(\.id.rawValue) == ["jny_0", "jny_2", "jny_3"])
        #expect(problem.routing.requests.count == 3 && problem.routing.matrices[0].count == 1 + 1 + 3)
        let first = problem.routing.requests[0], w = day.standards.windows(for: journeys[0])
        #expect(first.pickup.window == TimeWindow(start: w.pickup.lowerBound, end: w.pickup.upperBound))
        #expect(first.delivery.window == TimeWindow(start: w.dropOff.lowerBound, end: w.dropOff.upperBound))
        #expect(first.maxRideTime == 3_600 && first.pickup.service == 120 && first.load == [2, 0, 0])
        #expect(problem.routing.requests[2].requiredSkills == 0b101 && problem.routing.requests[2].load == [0, 0, 1], "a crew of two trained for stretchers")
        #expect(problem.routing.resources.map(\.skills) == [0, 0b101])
        #expect(problem.routing.resources.allSatisfy { $0.breaksWithNobodyOnBoard && $0.breaks.count == 1 && $0.capacity == [4, 2, 0] })
        #expect(problem.routing.resources[0].shift == TimeWindow(start: 7 * 3_600, end: 17 * 3_600))
    }

    @Test("a planned day passes the engine's checker and the domain check, every journey planned or explained", arguments: [1, 2] as [UInt64])
    func plan(seed: UInt64) throws {
        announceSeed(seed)
        let day = TransportDay(date: Self.date, journeys: Self.journeys(24), shifts: (1...3).map { Self.shift($0) })
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 150, seed: seed))
        #expect(outcome.engineViolations.isEmpty, "seed \(seed)")
        #expect(TransportPlanCheck.check(outcome.plan, day: day, travel: HaversineTravelEstimator()).isEmpty, "seed \(seed)")
        #expect(outcome.plan.plannedCount + outcome.plan.unplanned.count == 24 && outcome.plan.plannedCount >= 20, "seed \(seed)")
        #expect(outcome.plan.runs.allSatisfy { $0.breakStart != nil }, "seed \(seed): every crew takes its break")
    }

    @Test("overtime: a late return fits only a shift that allows overtime, is priced per crew second past its end, and a shift without it wins where both fit")
    func overtime() throws {
        var late = Self.journeys(2)[1]  // home from the hospital
        late.time = LocalTime(iso: "16:50")!
        var allowing = Self.shift(1)
        allowing.overtimeMinutes = 60
        let strict = try TransportPlanner().plan(TransportDay(date: Self.date, journeys: [late], shifts: [Self.shift(1)]), options: .init(timeLimit: nil, iterationLimit: 30))
        #expect(strict.plan.plannedCount == 0, "back after 17:00 without overtime")
        let day = TransportDay(date: Self.date, journeys: [late], shifts: [allowing])
        let problem = TransportPlanner().problem(for: day)
        #expect(problem.routing.resources[0].shift == TimeWindow(start: 7 * 3_600, end: 18 * 3_600) && problem.routing.resources[0].overtimeFrom == 17 * 3_600)
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 30))
        let run = try #require(outcome.plan.runs.first)
        #expect(outcome.plan.plannedCount == 1 && run.back > 17 * 3_600 && run.back <= 18 * 3_600)
        #expect(outcome.engineViolations.isEmpty && TransportPlanCheck.check(outcome.plan, day: day, travel: HaversineTravelEstimator()).isEmpty)
        // £25 an hour for one crew member against £1 a km: 7 metres a second.
        #expect(outcome.cost == run.metres + 7 * (run.back - 17 * 3_600), "\(outcome.cost) for \(run.metres) m back at \(run.back)")
        #expect(allowing.overtime(back: run.back) == (run.back - 17 * 3_600 + 59) / 60)
        var longer = Self.shift(2)
        longer.end = LocalTime(iso: "18:00")!
        let both = try TransportPlanner().plan(TransportDay(date: Self.date, journeys: [late], shifts: [allowing, longer]), options: .init(timeLimit: nil, iterationLimit: 60))
        #expect(both.plan.runs.map(\.shiftID.rawValue) == ["shf_2"], "no overtime where a shift without it can go")
        // Back beyond the overtime too is a broken rule in the domain check.
        var short = allowing
        short.overtimeMinutes = 5
        #expect(TransportPlanCheck.check(outcome.plan, day: TransportDay(date: Self.date, journeys: [late], shifts: [short]), travel: HaversineTravelEstimator())
            .contains { $0.code == "run.late" })
    }

    @Test("a stretcher with no ambulance crewed by two is explained in a planner's words")
    func explained() throws {
        let day = TransportDay(date: Self.date, journeys: Self.journeys(2, mobility: { $0 == 0 ? .stretcher : .walking }),
                               shifts: [Self.shift(1, capacity: VehicleSpace(seats: 2, stretchers: 1))])
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 20))
        let left = try #require(outcome.plan.unplanned.first)
        #expect(outcome.plan.unplanned.count == 1 && left.journeyID.rawValue == "jny_0" && !left.plannableAlone)
        #expect(left.explanation.contains("a crew of two"), "\(left.explanation)")
        #expect(!left.explanation.contains("pat_"))
    }

    @Test("extra-contractual journeys go into spare capacity: where one vehicle can take only one of two, the contract journey goes", arguments: [0, 1])
    func ecjIntoSpareCapacity(ecjIndex: Int) throws {
        // Two wheelchair patients from the same street to the same 10:00 clinic; the van has one wheelchair space.
        var journeys = Self.journeys(2, mobility: { _ in .wheelchair })
        journeys[1] = TransportJourney(id: "jny_1", patientID: "pat_1", date: Self.date, direction: .toAppointment, time: LocalTime(iso: "09:20")!,
                                       pickup: journeys[0].pickup, destination: Self.hospital, mobility: .wheelchair)
        journeys[ecjIndex].ecj = true
        // Arriving at most 10 minutes early: no time for two trips.
        let day = TransportDay(date: Self.date, standards: ServiceStandards(earliestArrivalMinutes: 10), journeys: journeys,
                               shifts: [Self.shift(1, capacity: VehicleSpace(seats: 2, wheelchairSpaces: 1))])
        let problem = TransportPlanner().problem(for: day)
        #expect(problem.routing.requests[ecjIndex].unassignedPenalty < problem.routing.requests[1 - ecjIndex].unassignedPenalty)
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 100))
        #expect(outcome.plan.unplanned.map(\.journeyID) == [journeys[ecjIndex].id], "\(outcome.plan.unplanned)")
    }

    @Test("an urgent journey is planned before a contract journey that competes for the same space")
    func urgentFirst() throws {
        var journeys = Self.journeys(2, mobility: { _ in .wheelchair })
        journeys[1] = TransportJourney(id: "jny_1", patientID: "pat_1", date: Self.date, direction: .toAppointment, time: LocalTime(iso: "09:20")!,
                                       pickup: journeys[0].pickup, destination: Self.hospital, mobility: .wheelchair)
        journeys[1].urgent = true
        let day = TransportDay(date: Self.date, standards: ServiceStandards(earliestArrivalMinutes: 10), journeys: journeys,
                               shifts: [Self.shift(1, capacity: VehicleSpace(seats: 2, wheelchairSpaces: 1))])
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 100))
        #expect(outcome.plan.unplanned.map(\.journeyID) == [journeys[0].id], "\(outcome.plan.unplanned)")
    }

    @Test("a bariatric patient goes only on a bariatric vehicle and crew; with none, the reason says so; the domain check knows the rule")
    func bariatric() throws {
        var journeys = Self.journeys(2)
        journeys[0].bariatric = true
        var special = Self.shift(2)
        special.bariatric = true
        let day = TransportDay(date: Self.date, journeys: journeys, shifts: [Self.shift(1), special])
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 50))
        #expect(outcome.plan.unplanned.isEmpty && outcome.plan.pickups[journeys[0].id]?.shift == special.id)
        let without = TransportDay(date: Self.date, journeys: journeys, shifts: [Self.shift(1)])
        let left = try #require(try TransportPlanner().plan(without, options: .init(timeLimit: nil, iterationLimit: 20)).plan.unplanned.first)
        #expect(left.journeyID == journeys[0].id && left.explanation.contains("a bariatric vehicle and crew"), "\(left.explanation)")
        // The bariatric vehicle's run on the ordinary van instead breaks the domain rule.
        let moved = outcome.plan.runs.filter { $0.shiftID == special.id }.map { run -> TransportPlan.Run in
            var r = run
            r.shiftID = "shf_1"
            return r
        }
        let codes = TransportPlanCheck.check(TransportPlan(date: Self.date, runs: moved, unplanned: []), day: day, travel: HaversineTravelEstimator()).map(\.code)
        #expect(moved.count == 1 && codes.contains("run.bariatric"), "\(codes)")
    }

    @Test("a van that folds seats takes a third wheelchair in place of two seats; without folding one is left out; the domain check agrees")
    func foldingSeats() throws {
        // Three wheelchair users and two walking patients from one street half an hour out to the
        // same 10:00 clinic, arriving at most 30 minutes early: no time for a second trip.
        let street = Coordinates(latitude: Self.hospital.latitude + 0.1, longitude: Self.hospital.longitude)
        let journeys = (0..<5).map { k in
            TransportJourney(id: .init("jny_\(k)"), patientID: .init("pat_\(k)"), date: Self.date, direction: .toAppointment, time: LocalTime(iso: "10:00")!,
                             pickup: street, destination: Self.hospital, mobility: k < 3 ? .wheelchair : .walking)
        }
        var van = Self.shift(1, capacity: VehicleSpace(seats: 4, wheelchairSpaces: 2))
        let standards = ServiceStandards(earliestArrivalMinutes: 30)
        let fixed = try TransportPlanner().plan(TransportDay(date: Self.date, standards: standards, journeys: journeys, shifts: [van]),
                                                options: .init(timeLimit: nil, iterationLimit: 100))
        #expect(fixed.plan.unplanned.count == 1 && fixed.plan.plannedCount == 4, "\(fixed.plan.unplanned)")
        van.convertibleWheelchairSpaces = 1
        let day = TransportDay(date: Self.date, standards: standards, journeys: journeys, shifts: [van])
        #expect(TransportPlanner().problem(for: day).routing.resources[0].capacity == [4, 3, 0, 8])
        let folded = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 100))
        #expect(folded.plan.unplanned.isEmpty && folded.engineViolations.isEmpty, "\(folded.plan.unplanned.map(\.explanation))")
        #expect(TransportPlanCheck.check(folded.plan, day: day, travel: HaversineTravelEstimator()).isEmpty)
        // The same plan on the van that folds nothing breaks its space.
        let codes = TransportPlanCheck.check(folded.plan, day: TransportDay(date: Self.date, standards: standards, journeys: journeys, shifts: [Self.shift(1, capacity: VehicleSpace(seats: 4, wheelchairSpaces: 2))]),
                                             travel: HaversineTravelEstimator()).map(\.code)
        #expect(codes.contains("run.capacity"), "\(codes)")
        // A third walking patient now has no seat: two of the four fold for the third wheelchair.
        let more = journeys + [TransportJourney(id: "jny_5", patientID: "pat_5", date: Self.date, direction: .toAppointment, time: LocalTime(iso: "10:00")!,
                                                pickup: street, destination: Self.hospital, mobility: .walking)]
        let full = try TransportPlanner().plan(TransportDay(date: Self.date, standards: standards, journeys: more, shifts: [van]),
                                               options: .init(timeLimit: nil, iterationLimit: 100))
        #expect(full.plan.unplanned.count == 1 && full.plan.plannedCount == 5, "\(full.plan.unplanned)")
    }

    @Test("each journey's request takes its own contract's windows and ride limit; the plan keeps them and the domain check agrees")
    func contractsOfACluster() throws {
        var journeys = Self.journeys(6)
        let renal = TransportContract(id: "renal", name: "Renal dialysis", standards: ServiceStandards(earliestArrivalMinutes: 15, maxOnVehicleMinutes: 40))
        for k in [0, 1, 2] { journeys[k].contractID = "renal" }
        let day = TransportDay(date: Self.date, contracts: [TransportContract(), renal], journeys: journeys, shifts: [Self.shift(1), Self.shift(2)])
        let problem = TransportPlanner().problem(for: day)
        for k in journeys.indices {
            let w = (k < 3 ? renal.standards : ServiceStandards()).windows(for: journeys[k])
            #expect(problem.routing.requests[k].delivery.window == TimeWindow(start: w.dropOff.lowerBound, end: w.dropOff.upperBound), "journey \(k)")
        }
        let outcome = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 300))
        #expect(outcome.plan.unplanned.isEmpty, "\(outcome.plan.unplanned)")
        #expect(TransportPlanCheck.check(outcome.plan, day: day, travel: HaversineTravelEstimator()).isEmpty)
        // Under renal the patient arrives at most 15 minutes before the appointment.
        let renalDropOff = outcome.plan.runs.flatMap(\.stops).first { $0.journeyID == journeys[0].id && $0.kind == .dropOff }!
        #expect(renalDropOff.start >= (journeys[0].time.minuteOfDay - 15) * 60)
    }

    @Test("a stretcher patient goes only with a crew of two trained for stretchers; otherwise the reason says so")
    func stretcherCrew() throws {
        var journeys = Self.journeys(1)
        journeys[0].mobility = .stretcher
        var untrained = Self.shift(1, crew: 2, capacity: VehicleSpace(seats: 2, wheelchairSpaces: 1, stretchers: 1))
        untrained.stretcherTrained = false
        let refused = try TransportPlanner().plan(TransportDay(date: Self.date, journeys: journeys, shifts: [untrained]), options: .init(timeLimit: nil, iterationLimit: 50))
        #expect(refused.plan.unplanned.count == 1 && refused.plan.unplanned[0].explanation.contains("a crew of two trained for stretchers"), "\(refused.plan.unplanned)")
        var trained = untrained
        trained.stretcherTrained = true
        let day = TransportDay(date: Self.date, journeys: journeys, shifts: [trained])
        let planned = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 50))
        #expect(planned.plan.unplanned.isEmpty && TransportPlanCheck.check(planned.plan, day: day, travel: HaversineTravelEstimator()).isEmpty)
    }
}
