import Foundation
import Testing
import SchedulingDomain

/// Fixtures: a home in Levenshulme, Manchester Royal Infirmary, a base in Ardwick.
enum TransportFixtures {
    static let home = Coordinates(latitude: 53.4450, longitude: -2.1950)
    static let hospital = Coordinates(latitude: 53.4627, longitude: -2.2251)
    static let base = Coordinates(latitude: 53.4713, longitude: -2.2130)
    static let date = LocalDate(year: 2026, month: 12, day: 8)!

    static func journey(_ id: String, _ direction: TransportJourney.Direction = .toAppointment, at time: String = "10:00",
                        mobility: MobilityCategory = .walking, escorts: Int = 0) -> TransportJourney {
        TransportJourney(id: .init(id), patientID: .init("pat_\(id)"), date: date, direction: direction, time: LocalTime(iso: time)!,
                         pickup: direction == .toAppointment ? home : hospital, destination: direction == .toAppointment ? hospital : home,
                         mobility: mobility, escorts: escorts)
    }

    static func shift(_ id: String = "shf_1", capacity: VehicleSpace = VehicleSpace(seats: 2, wheelchairSpaces: 1, stretchers: 1), crew: Int = 2,
                      restBreak: VehicleShift.RestBreak? = nil) -> VehicleShift {
        VehicleShift(id: .init(id), date: date, vehicleName: "Ambulance 1", capacity: capacity, crewSize: crew, base: base,
                     start: LocalTime(iso: "07:00")!, end: LocalTime(iso: "17:00")!, restBreak: restBreak)
    }
}

@Suite("Service standards")
struct ServiceStandardsTests {
    /// (direction, category, time, standards) → pickup window, drop-off window (HH:MM), ride limit in minutes.
    static let table: [(TransportJourney.Direction, MobilityCategory, String, ServiceStandards, String, String, String, String, Int)] = [
        // To a 10:00 appointment, walking (2 min to board): arrive 09:00–09:58; pick up 07:58–09:56.
        (.toAppointment, .walking, "10:00", ServiceStandards(), "07:58", "09:56", "09:00", "09:58", 60),
        // A stretcher (10 min): arrive 09:00–09:50; pick up 07:50–09:40.
        (.toAppointment, .stretcher, "10:00", ServiceStandards(), "07:50", "09:40", "09:00", "09:50", 60),
        // 45 minutes early at most, 90 on board.
        (.toAppointment, .wheelchair, "14:00", ServiceStandards(earliestArrivalMinutes: 45, maxOnVehicleMinutes: 90),
         "11:38", "13:46", "13:15", "13:53", 90),
        // Home, ready at 11:30, collected within 60: pick up 11:30–12:30; home by 12:30 + 2 + 60.
        (.home, .walking, "11:30", ServiceStandards(), "11:30", "12:30", "11:32", "13:32", 60),
        // A stretcher collected within 90 (the category's override), on board at most 75.
        (.home, .stretcher, "11:30", ServiceStandards(overrides: [.init(category: .stretcher, collectWithinMinutes: 90, maxOnVehicleMinutes: 75)]),
         "11:30", "13:00", "11:40", "14:25", 75),
        // The override of another category changes nothing.
        (.home, .walking, "11:30", ServiceStandards(overrides: [.init(category: .stretcher, collectWithinMinutes: 90)]),
         "11:30", "12:30", "11:32", "13:32", 60),
    ]

    @Test("standards become each journey's windows and ride limit", arguments: table.indices)
    func windows(row: Int) {
        let (direction, mobility, time, standards, pickFrom, pickTo, dropFrom, dropTo, ride) = Self.table[row]
        let journey = TransportFixtures.journey("jny_1", direction, at: time, mobility: mobility)
        let w = standards.windows(for: journey)
        func seconds(_ hhmm: String) -> Int { LocalTime(iso: hhmm)!.minuteOfDay * 60 }
        #expect(w.pickup == seconds(pickFrom)...seconds(pickTo), "row \(row)")
        #expect(w.dropOff == seconds(dropFrom)...seconds(dropTo), "row \(row)")
        #expect(w.maxOnVehicle == ride * 60 && w.boarding == mobility.boardingMinutes * 60, "row \(row)")
    }

    @Test("an early appointment never gives a window before midnight")
    func earlyMorning() {
        let w = ServiceStandards().windows(for: TransportFixtures.journey("jny_1", at: "00:30"))
        #expect(w.pickup.lowerBound == 0 && w.dropOff.lowerBound == 0)
    }

    @Test("standards out of range, and two overrides of one category, are named by path")
    func validation() {
        let bad = ServiceStandards(earliestArrivalMinutes: -5, collectWithinMinutes: 0, maxOnVehicleMinutes: 600,
                                   overrides: [.init(category: .stretcher, maxOnVehicleMinutes: 5), .init(category: .stretcher)])
        #expect(bad.validate().map(\.path) == ["earliestArrivalMinutes", "collectWithinMinutes", "maxOnVehicleMinutes",
                                               "overrides[0].maxOnVehicleMinutes", "overrides[1].category"])
        #expect(ServiceStandards().validate().isEmpty)
    }
}

@Suite("Journeys and vehicle shifts")
struct TransportValueTests {
    @Test("a journey's load is the patient's space plus a seat per escort")
    func load() {
        #expect(TransportFixtures.journey("j", mobility: .wheelchair, escorts: 1).load == VehicleSpace(seats: 1, wheelchairSpaces: 1))
        #expect(TransportFixtures.journey("j", mobility: .stretcher).load == VehicleSpace(stretchers: 1))
        #expect(VehicleSpace(seats: 2, wheelchairSpaces: 1).description == "2 seats, 1 wheelchair space")
    }

    @Test("bad journeys are named by field: escorts, coordinates, the same place twice")
    func journeyValidation() {
        var j = TransportFixtures.journey("j", escorts: 4)
        j.pickup = Coordinates(latitude: 95, longitude: 0)
        #expect(j.validate().map(\.path) == ["pickup.latitude", "escorts"])
        var same = TransportFixtures.journey("j")
        same.destination = same.pickup
        #expect(same.validate().map(\.code) == ["journey.samePlace"])
        #expect(TransportFixtures.journey("j").validate().isEmpty)
    }

    @Test("a crew shift that ends before it starts, a break outside it, a crew of three are refused")
    func shiftValidation() {
        var s = TransportFixtures.shift(crew: 3, restBreak: .init(earliest: LocalTime(iso: "18:00")!, latest: LocalTime(iso: "17:30")!, minutes: 200))
        s.end = LocalTime(iso: "06:00")!
        s.capacity = VehicleSpace()
        #expect(s.validate().map(\.code) == ["shift.noSpace", "shift.crewSize", "shift.endBeforeStart", "shift.breakWindow", "shift.breakOutside",
                                             "shift.breakMinutes"])
        #expect(TransportFixtures.shift().validate().isEmpty)
    }

    @Test("overtime: up to four hours past the end and back before midnight; minutes over counted up to the next minute")
    func overtime() {
        var s = TransportFixtures.shift()
        s.overtimeMinutes = 60
        #expect(s.validate().isEmpty && s.latestBack == (s.end.minuteOfDay + 60) * 60)
        #expect(s.overtime(back: s.end.minuteOfDay * 60) == 0 && s.overtime(back: s.end.minuteOfDay * 60 + 61) == 2)
        for (minutes, end) in [(241, "17:00"), (-1, "17:00"), (60, "23:30")] {
            var bad = TransportFixtures.shift()
            (bad.overtimeMinutes, bad.end) = (minutes, LocalTime(iso: end)!)
            #expect(bad.validate().map(\.path) == ["overtimeMinutes"], "\(minutes) past \(end)")
        }
    }

    @Test("a vehicle carries a journey only with the space and the crew for it")
    func canCarry() {
        let car = TransportFixtures.shift(capacity: VehicleSpace(seats: 3), crew: 1)
        #expect(car.canCarry(TransportFixtures.journey("j", escorts: 2)))
        #expect(!car.canCarry(TransportFixtures.journey("j", mobility: .wheelchair)))
        #expect(!TransportFixtures.shift(crew: 1).canCarry(TransportFixtures.journey("j", mobility: .stretcher)))
        #expect(TransportFixtures.shift(crew: 2).canCarry(TransportFixtures.journey("j", mobility: .stretcher)))
    }

    @Test("a van that folds seats into wheelchair spaces holds a wheelchair in place of two seats", arguments: [
        (6, 1, true), (4, 2, true), (2, 3, true), (0, 3, true), (5, 2, false), (3, 3, false), (0, 4, false), (7, 0, false),
    ])
    func folding(seats: Int, wheelchairs: Int, fits: Bool) {
        var van = TransportFixtures.shift(capacity: VehicleSpace(seats: 6, wheelchairSpaces: 1), crew: 1)
        van.convertibleWheelchairSpaces = 2
        #expect(van.holds(VehicleSpace(seats: seats, wheelchairSpaces: wheelchairs)) == fits)
        #expect(van.spaceDescription == "6 seats, 1 wheelchair space (2 more by folding seats)")
        van.convertibleWheelchairSpaces = 0
        #expect(!van.holds(VehicleSpace(wheelchairSpaces: 2)))
        van.convertibleWheelchairSpaces = 4
        #expect(van.validate().map(\.path) == ["convertibleWheelchairSpaces"], "four spaces would need eight seats")
    }

    @Test("a day names duplicate ids and journeys on another date")
    func dayValidation() {
        var other = TransportFixtures.journey("jny_2")
        other.date = LocalDate(year: 2026, month: 12, day: 9)!
        let day = TransportDay(date: TransportFixtures.date, journeys: [TransportFixtures.journey("jny_1"), TransportFixtures.journey("jny_1"), other],
                               shifts: [TransportFixtures.shift(), TransportFixtures.shift()])
        #expect(day.validate().map(\.path) == ["journeys[1].id", "journeys[2].date", "shifts[1].id"])
    }
}
