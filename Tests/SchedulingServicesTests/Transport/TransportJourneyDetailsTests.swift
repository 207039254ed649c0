import Foundation
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing

/// What a booking records beyond the trip (PT-01): NEPTS eligibility, notes for the crew, an
/// extra-contractual journey; and a patient ready early or late to go home (PT-04).
@Suite("Transport journey details and ready times")
struct TransportJourneyDetailsTests {
    typealias Office = TransportServiceTests.Office
    static let date = TransportServiceTests.date

    @Test("eligibility, crew notes and ECJ are stored with the booking and the notes reach the crew's run sheet; bad values are named and store nothing")
    func details() async throws {
        let office = try await Office()
        _ = try await office.shift("Ambulance 1", crew: [office.crew.a])
        let input = JourneyInput(patientID: office.patient.rawValue, date: Self.date, direction: "to-appointment", time: "10:30",
                                 destination: TransportServiceTests.hospital, mobility: "wheelchair", ecj: true, eligibility: "frequent-treatment",
                                 notes: "Key safe 1234; uses oxygen.")
        let bad = await TransportServiceTests.issues {
            var wrong = input
            wrong.eligibility = "rich"
            wrong.notes = String(repeating: "x", count: 501)
            _ = try await office.bookings.book(wrong, by: office.planner)
        }
        #expect(bad.map(\.path) == ["eligibility", "notes"], "\(bad)")
        #expect(try office.harness.count("transport_journeys") == 0)
        let booked = try await office.bookings.book(input, by: office.planner)[0]
        let stored = try #require(try await office.bookings.journeys(on: LocalDate(iso: Self.date)!, by: office.planner).first)
        #expect(stored == booked && stored.eligibility == .frequentTreatment && stored.ecj && stored.notes == "Key safe 1234; uses oxygen.")
        // Planned and committed, the crew reads the note at the pickup.
        let job = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        _ = try await office.plans.commit(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        let sheets = try await office.harness.services.transport.runSheets.mine(on: LocalDate(iso: Self.date)!, by: office.crew.a)
        #expect(sheets.first?.stops.first?.notes == "Key safe 1234; uses oxygen.")
    }

    @Test("a patient ready early or late: the journey home moves (audited), the day no longer matches its plan; a journey there or one under way cannot")
    func readyTime() async throws {
        let office = try await Office()
        _ = try await office.shift("Ambulance 1")
        let journeys = try await office.book()
        let job = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        let committed = try await office.plans.commit(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        let changed = try await office.bookings.changeReadyTime(id: journeys[1].id, time: "13:15", by: office.planner)
        #expect(changed.time == LocalTime(iso: "13:15"))
        let board = try await office.plans.board(on: LocalDate(iso: Self.date)!, by: office.planner)
        #expect(TransportPlanService.fingerprint(board.day) != committed.basis, "the board can say the day changed")
        #expect(await TransportServiceTests.conflict { _ = try await office.bookings.changeReadyTime(id: journeys[0].id, time: "09:00", by: office.planner) } == "journey.notHome")
        let missing = await TransportServiceTests.issues { _ = try await office.bookings.changeReadyTime(id: journeys[1].id, time: "25:00", by: office.planner) }
        #expect(missing.map(\.path) == ["time"])
        #expect(try office.harness.count("audit_log", where: "action = 'transport.journey.ready'") == 1)
        // A re-plan from 12:00 with no vehicle off the road collects the patient from 13:15.
        let replan = try await office.runJob(.init(date: Self.date, breakdown: .init(at: "12:00", shiftIDs: [])))
        let proposal = try await office.plans.proposal(jobID: replan.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        let pickup = try #require(proposal.plan.pickups[journeys[1].id]).start
        #expect(proposal.checked && pickup >= 13 * 3_600 + 15 * 60, "\(proposal.violations)")
    }

    @Test("a re-plan keeps what the crew recorded, even ahead of the plan; a delivery recorded while a plan is made does not make it stale")
    func replanKeepsRecordedWork() async throws {
        let office = try await Office()
        _ = try await office.shift("Ambulance 1")
        _ = try await office.shift("Ambulance 2")
        let journeys = try await office.book()
        let jobs = office.harness.services.shared.jobs
        let morning = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        let v1 = try await office.plans.commit(jobID: morning.id, jobs: jobs, by: office.planner)
        let store = office.harness.services.shared.environment.store
        func record(_ id: TransportJourney.ID, _ events: [TransportJourney.Event]) async throws {
            try await store.write { s in
                var journey = try #require(try await s.transportJourneys.find(id: id))
                for event in events { try journey.record(event, at: LocalTime(iso: "08:30")!, note: nil) }
                try await s.transportJourneys.update(journey)
            }
        }
        // The crew carried the patient there long before the plan said (delivered is no longer live).
        try await record(journeys[0].id, [.pickedUp, .delivered])
        let job = try await office.runJob(.init(date: Self.date, breakdown: .init(at: "08:45", shiftIDs: [])))
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner)
        #expect(proposal.checked, "\(proposal.violations)")
        let before = try #require(v1.plan.runs.first { $0.stops.contains { $0.journeyID == journeys[0].id } })
        let after = try #require(proposal.plan.runs.first { $0.stops.contains { $0.journeyID == journeys[0].id } })
        #expect(after.shiftID == before.shiftID && Array(after.stops.prefix(2)) == Array(before.stops.prefix(2)), "the journey done stays as planned")
        #expect(proposal.plan.pickups[journeys[1].id] != nil, "the journey home is still planned")
        // The patient is picked up for home while the planner looks at the proposal: it still commits.
        try await record(journeys[1].id, [.pickedUp])
        #expect(try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner).version == 2)
    }

    @Test("a bariatric booking needs a bariatric vehicle and crew on the day; a shift can be one")
    func bariatricBooking() async throws {
        let office = try await Office()
        _ = try await office.shift("Ambulance 1")
        let input = JourneyInput(patientID: office.patient.rawValue, date: Self.date, direction: "to-appointment", time: "10:30",
                                 destination: TransportServiceTests.hospital, mobility: "wheelchair", bariatric: true)
        let refused = await TransportServiceTests.issues { _ = try await office.bookings.book(input, by: office.planner) }
        #expect(refused.map(\.code) == ["journey.noVehicle"] && refused[0].message.contains("a bariatric vehicle and crew"), "\(refused)")
        let special = try await office.bookings.addShift(ShiftInput(date: Self.date, vehicleName: "Bariatric 1", seats: 2, wheelchairSpaces: 1, crewSize: 2,
                                                                    base: TransportServiceTests.base, start: "07:00", end: "17:00", bariatric: true), by: office.planner)
        #expect(special.bariatric)
        let booked = try await office.bookings.book(input, by: office.planner)
        #expect(booked.allSatisfy { $0.bariatric })
        let job = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        #expect(proposal.plan.pickups[booked[0].id]?.shift == special.id)
        _ = try await office.plans.commit(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        let sheet = try #require(try await office.harness.services.transport.runSheets.mine(on: LocalDate(iso: Self.date)!, by: office.planner)
            .first { $0.shift.id == special.id })
        #expect(!sheet.stops.isEmpty && sheet.stops.allSatisfy { $0.bariatric && !$0.urgent }, "the crew sees the patient is bariatric")
    }

    @Test("a van that folds seats is stored with them; folding more seats than it has is refused by field, and nothing is stored")
    func foldingSeatsShift() async throws {
        let office = try await Office()
        let input = ShiftInput(date: Self.date, vehicleName: "Van 9", seats: 4, wheelchairSpaces: 2, crewSize: 1, base: TransportServiceTests.base,
                               start: "07:00", end: "17:00", convertibleWheelchairSpaces: 3)
        let refused = await TransportServiceTests.issues { _ = try await office.bookings.addShift(input, by: office.planner) }
        #expect(refused.map(\.path) == ["convertibleWheelchairSpaces"] && refused[0].message.contains("2 here"), "\(refused)")
        #expect(try await office.bookings.shifts(on: LocalDate(iso: Self.date)!, by: office.planner).isEmpty)
        var fits = input
        fits.convertibleWheelchairSpaces = 1
        let van = try await office.bookings.addShift(fits, by: office.planner)
        #expect(try await office.bookings.shifts(on: LocalDate(iso: Self.date)!, by: office.planner) == [van] && van.convertibleWheelchairSpaces == 1)
    }
}
