import Foundation
import SchedulingDomain
import Testing

/// The fleet on record (PT-02): a vehicle's periods off the road and what they leave of its
/// shifts, and its rules by field.
@Suite("Transport vehicles")
struct TransportVehicleTests {
    typealias F = TransportFixtures

    static func at(_ date: LocalDate, _ time: String) -> LocalDateTime { LocalDateTime(date: date, time: LocalTime(iso: time)!) }

    /// A 07:00–17:00 shift with a break between 11:00 and 13:00, and a period off the road → what is left ("HH:MM-HH:MM", break "HH:MM-HH:MM" or "none"), or nil.
    static let table: [(from: String, to: String, dayOffset: (Int, Int), left: String?, breakLeft: String?)] = [
        ("05:00", "06:30", (0, 0), "07:00-17:00", "11:00-13:00"),  // before the shift: untouched
        ("06:00", "09:00", (0, 0), "09:00-17:00", "11:00-13:00"),  // over the start: starts later
        ("15:00", "18:00", (0, 0), "07:00-15:00", "11:00-13:00"),  // over the end: ends sooner
        ("12:00", "14:00", (0, 0), "07:00-12:00", "11:00-12:00"),  // within: ends at the period's start, the break squeezed
        ("06:00", "12:30", (0, 0), "12:30-17:00", "12:30-13:00"),
        ("06:00", "18:00", (0, 0), nil, nil),  // the whole shift
        ("20:00", "08:00", (-1, 0), "08:00-17:00", "11:00-13:00"),  // overnight from the day before
        ("16:00", "09:00", (0, 1), "07:00-16:00", "11:00-13:00"),  // into the next day
        ("09:00", "10:00", (-2, 2), nil, nil),  // a week in the workshop
        ("06:00", "14:00", (0, 0), "14:00-17:00", nil),  // the break window is gone
    ]

    @Test("a period off the road leaves the shift before or after it, or nothing", arguments: table.indices)
    func available(_ k: Int) {
        let row = Self.table[k]
        let shift = F.shift(restBreak: .init(earliest: LocalTime(iso: "11:00")!, latest: LocalTime(iso: "13:00")!, minutes: 30))
        let period = TransportVehicle.OffRoad(from: Self.at(F.date.adding(days: row.dayOffset.0), row.from), to: Self.at(F.date.adding(days: row.dayOffset.1), row.to),
                                              reason: "Service")
        let van = TransportVehicle(id: "wv-1", name: "Wheelchair van 1", capacity: VehicleSpace(seats: 4, wheelchairSpaces: 2), offRoad: [period])
        let left = van.available(shift)
        #expect(left.map { "\($0.start)-\($0.end)" } == row.left, "row \(k)")
        #expect(left.flatMap { $0.restBreak.map { "\($0.earliest)-\($0.latest)" } } == row.breakLeft, "row \(k)")
        if let left { #expect(left.validate().isEmpty, "row \(k): \(left.validate())") }
        #expect((van.offRoad(on: shift.date, from: shift.start, to: shift.end) != nil) == (left.map { "\($0.start)-\($0.end)" } != "07:00-17:00"), "row \(k)")
    }

    @Test("two periods in one shift leave the time before the first")
    func twoPeriods() {
        let van = TransportVehicle(id: "wv-1", name: "Wheelchair van 1", capacity: VehicleSpace(seats: 4), offRoad: [
            .init(from: Self.at(F.date, "14:00"), to: Self.at(F.date, "15:00"), reason: "MOT"),
            .init(from: Self.at(F.date, "06:00"), to: Self.at(F.date, "08:00"), reason: "Valet"),
        ])
        let left = van.available(F.shift())
        #expect(left.map { "\($0.start)-\($0.end)" } == "08:00-14:00")
    }

    /// A 07:00–17:00 shift with a break between 11:00 and 13:00, split around a period → the two
    /// parts and where the break went ("HH:MM-HH:MM" each, break "before HH:MM-HH:MM",
    /// "after …" or "none"), or nil when the period is not within the shift.
    static let splits: [(from: String, to: String, parts: String?, breakAt: String?)] = [
        ("12:00", "14:00", "07:00-12:00 14:00-17:00", "before 11:00-12:00"),
        ("09:00", "10:00", "07:00-09:00 10:00-17:00", "after 11:00-13:00"),
        ("13:30", "15:00", "07:00-13:30 15:00-17:00", "before 11:00-13:00"),
        ("06:00", "09:00", nil, nil),  // over the start: the shift starts later, no second shift
        ("15:00", "18:00", nil, nil),  // over the end
    ]

    @Test("a period within a shift splits it: the shift until the period, a second one after, the break with the first part it falls in", arguments: splits.indices)
    func split(_ k: Int) {
        let row = Self.splits[k]
        var shift = F.shift(restBreak: .init(earliest: LocalTime(iso: "11:00")!, latest: LocalTime(iso: "13:00")!, minutes: 30))
        shift.overtimeMinutes = 30
        let period = TransportVehicle.OffRoad(from: Self.at(F.date, row.from), to: Self.at(F.date, row.to), reason: "Tail-lift repair")
        let parts = shift.split(around: period, afterID: "shf_after")
        #expect(parts.map { "\($0.before.start)-\($0.before.end) \($0.after.start)-\($0.after.end)" } == row.parts, "row \(k)")
        guard let parts else { return }
        let breakAt = parts.before.restBreak.map { "before \($0.earliest)-\($0.latest)" } ?? parts.after.restBreak.map { "after \($0.earliest)-\($0.latest)" }
        #expect(breakAt == row.breakAt, "row \(k)")
        #expect(parts.after.id == "shf_after" && parts.before.id == shift.id && parts.after.vehicleName == shift.vehicleName && parts.after.base == shift.base)
        #expect(parts.before.validate().isEmpty && parts.after.validate().isEmpty, "row \(k)")
        #expect(parts.before.overtimeMinutes == 0 && parts.after.overtimeMinutes == 30, "no overtime into the workshop; the day's end keeps it")
    }

    @Test("each rule is named by field")
    func rules() {
        let bad = TransportVehicle(id: "Van 1", name: "", capacity: VehicleSpace(seats: 1), convertibleWheelchairSpaces: 1, offRoad: [
            .init(from: Self.at(F.date, "12:00"), to: Self.at(F.date, "11:00"), reason: " "),
        ])
        #expect(Set(bad.validate().map(\.path)) == ["id", "name", "convertibleWheelchairSpaces", "offRoad[0].to", "offRoad[0].reason"], "\(bad.validate())")
        #expect(TransportVehicle(id: "v", name: "Van", capacity: VehicleSpace()).validate().map(\.path) == ["capacity"])
    }
}

/// Crew training (PT-02): what a shift may carry once its named crew's training is on record.
@Suite("Crew training")
struct CrewTrainingTests {
    typealias F = TransportFixtures

    @Test("a stretcher needs two crew both trained for it; a bariatric patient a crew all trained; a crew not fully on record changes nothing", arguments: [
        (2, [[CrewSkill.stretcher], [.stretcher, .bariatric]], true, false),
        (2, [[.stretcher], []], false, false),
        (2, [[.stretcher, .bariatric], [.stretcher, .bariatric]], true, true),
        (1, [[.stretcher, .bariatric]], false, true),
        (2, [[.stretcher]], true, true),  // one of two on record: the shift keeps what it says
    ])
    func crewed(_ size: Int, _ skills: [[CrewSkill]], _ stretcher: Bool, _ bariatric: Bool) {
        var shift = F.shift(crew: size)
        shift.bariatric = true
        let crewed = shift.crewed(by: skills.map(Set.init))
        #expect(crewed.stretcherTrained == stretcher && crewed.bariatric == bariatric, "\(skills)")
        var stretcherJourney = F.journey("s", mobility: .stretcher)
        stretcherJourney.escorts = 0
        #expect(crewed.canCarry(stretcherJourney) == (stretcher && size == 2))
    }

    @Test("the domain check names a stretcher carried by a crew not trained for it")
    func check() {
        var shift = F.shift()
        shift.stretcherTrained = false
        let journey = F.journey("jny_s", mobility: .stretcher)
        let day = TransportDay(date: F.date, journeys: [journey], shifts: [shift])
        let w = ServiceStandards().windows(for: journey)
        let plan = TransportPlan(date: F.date, runs: [.init(shiftID: shift.id, departure: w.pickup.lowerBound - 1_200, back: w.dropOff.upperBound + 1_800, stops: [
            .init(journeyID: journey.id, kind: .pickup, arrival: w.pickup.upperBound, start: w.pickup.upperBound),
            .init(journeyID: journey.id, kind: .dropOff, arrival: w.dropOff.upperBound, start: w.dropOff.upperBound),
        ], metres: 5_000)], unplanned: [])
        #expect(TransportPlanCheck.check(plan, day: day, travel: HaversineTravelEstimator()).map(\.code).contains("run.stretcherCrew"))
    }
}
