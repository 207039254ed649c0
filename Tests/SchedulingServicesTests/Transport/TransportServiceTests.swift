import Foundation
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing

/// The transport office's day (PT-01 … PT-03, PT-07): bookings checked against the fleet, shifts
/// with crews, plan jobs and their commit with conflicts, run sheets only for their own crew.
/// Today is Sunday 2026-11-22; the day planned is Tuesday 2026-12-08.
@Suite("Transport bookings, plans and run sheets")
struct TransportServiceTests {
    static let date = "2026-12-08"
    static let hospital = Coordinates(latitude: 53.4627, longitude: -2.2251)
    static let base = Coordinates(latitude: 53.4808, longitude: -2.2426)

    struct Office {
        let harness: TestHarness
        let planner: Caller
        let crew: (a: Caller, b: Caller)
        let patient: Patient.ID
        var bookings: TransportBookingService { harness.services.transport.bookings }
        var plans: TransportPlanService { harness.services.transport.plans }

        init() async throws {
            harness = try TestHarness()
            let (p, _) = try await harness.user("pat.planner", role: .transportPlanner)
            let (a, _) = try await harness.user("crew.a", role: .crew)
            let (b, _) = try await harness.user("crew.b", role: .crew)
            planner = Caller(principal: Principal(user: p))
            crew = (Caller(principal: Principal(user: a)), Caller(principal: Principal(user: b)))
            patient = try await harness.services.shared.patients.register(TestHarness.patientInput(), by: TestHarness.system).id
        }

        func shift(_ name: String, crewSize: Int = 2, stretchers: Int = 0, start: String = "07:00", crew: [Caller] = []) async throws -> VehicleShift {
            try await bookings.addShift(ShiftInput(date: TransportServiceTests.date, vehicleName: name, seats: 4, wheelchairSpaces: 1, stretchers: stretchers,
                                                   crewSize: crewSize, base: TransportServiceTests.base, start: start, end: "17:00", breakEarliest: "11:00",
                                                   breakLatest: "14:00", breakMinutes: 30, crewUserIDs: crew.map(\.principal.actorID)),
                                        by: planner)
        }

        func book(_ time: String = "10:30", direction: String = "both", mobility: String = "wheelchair", back: String = "12:00") async throws -> [TransportJourney] {
            try await bookings.book(JourneyInput(patientID: patient.rawValue, date: TransportServiceTests.date, direction: direction, time: time,
                                                 returnTime: direction == "both" ? back : nil, destination: TransportServiceTests.hospital,
                                                 mobility: mobility, escorts: 1), by: planner)
        }

        /// Runs a plan job to its end with the job workers and answers it.
        func runJob(_ request: TransportPlanService.PlanRequest) async throws -> SolveJob {
            let jobs = harness.services.shared.jobs
            let job = try await plans.start(request, jobs: jobs, by: planner)
            let workers = SolveJobWorkers(harness.services.shared.environment, jobs: jobs, poll: .milliseconds(10), tick: .milliseconds(50))
            try await runService(workers) { try await jobs.job(id: job.id, by: planner).status.isFinal }
            return try await jobs.job(id: job.id, by: planner)
        }
    }

    static func issues(_ body: () async throws -> Void) async -> [ValidationIssue] {
        do {
            try await body()
            Issue.record("accepted")
            return []
        } catch ServiceError.invalid(let issues) {
            return issues
        } catch {
            Issue.record("\(error)")
            return []
        }
    }

    static func conflict(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch ServiceError.conflict(let code, _) {
            return code
        } catch {
            return "\(error)"
        }
    }

    @Test("a booking there and back is two journeys, collected from the patient's home and taken back there")
    func bookBoth() async throws {
        let office = try await Office()
        let journeys = try await office.book()
        #expect(journeys.count == 2)
        #expect(journeys[0].direction == .toAppointment && journeys[0].pickup == Coordinates(latitude: 53.46, longitude: -2.23)
            && journeys[0].destination == Self.hospital && journeys[0].time == LocalTime(iso: "10:30")!)
        #expect(journeys[1].direction == .home && journeys[1].pickup == Self.hospital && journeys[1].destination == journeys[0].pickup
            && journeys[1].time == LocalTime(iso: "12:00")!)
        #expect(try await office.bookings.journeys(on: LocalDate(iso: Self.date)!, by: office.planner).map(\.id) == journeys.map(\.id))
    }

    @Test("bad bookings name each field and the rule, and store nothing")
    func badBookings() async throws {
        let office = try await Office()
        let missing = await Self.issues { _ = try await office.bookings.book(JourneyInput(), by: office.planner) }
        #expect(Set(missing.map(\.path)) == ["patientID", "date", "direction", "time", "mobility"])
        let wrong = await Self.issues {
            _ = try await office.bookings.book(JourneyInput(patientID: "pat_none", date: "2026-11-01", direction: "both", time: "10:30", returnTime: "09:00",
                                                            destination: Self.hospital, mobility: "hovercraft", escorts: 5), by: office.planner)
        }
        #expect(Set(wrong.map(\.code)).isSuperset(of: ["patient.unknown", "journey.past", "journey.returnBeforeAppointment", "field.enum"]))
        // The fleet decides the rest: a stretcher needs a stretcher and a crew of two; 07:05 cannot be reached from a 07:00 start.
        _ = try await office.shift("Ambulance 1", crewSize: 1)
        let stretcher = await Self.issues { _ = try await office.book(mobility: "stretcher") }
        #expect(stretcher.map(\.code) == ["journey.noVehicle"] && stretcher[0].path == "mobility" && stretcher[0].message.contains("stretcher"))
        let early = await Self.issues { _ = try await office.book("07:05", direction: "to-appointment") }
        #expect(early.map(\.path) == ["time"] && early[0].code == "journey.tooEarly")
        #expect(try office.harness.count("transport_journeys") == 0)
    }

    @Test("a CSV of bookings is stored whole, or not at all with every problem by row and column")
    func importCSV() async throws {
        let office = try await Office()
        try await office.harness.services.shared.environment.store.write { s in
            try await s.organisation.insert(ClinicLocation(id: "loc_mri", name: "Manchester Royal Infirmary",
                                                           address: Address(lines: ["Oxford Road"], town: "Manchester", postcode: "M13 9WL", coordinates: Self.hospital)))
        }
        let good = "nhs_number,date,direction,time,return_time,site,mobility,escorts,ecj,urgent\r\n"
            + "999 000 0018,\(Self.date),both,10:30,12:00,Manchester Royal Infirmary,wheelchair,1,no,yes\r\n"
            + "9990000018,\(Self.date),home,15:00,,loc_mri,walking,,yes,\r\n"
        let bad = "nhs_number,date,direction,time,site,mobility,ecj\r\n"
            + "9990000018,\(Self.date),there,10:30,Manchester Royal Infirmary,wheelchair,\r\n"
            + "1234567890,\(Self.date),home,15:00,Nowhere,walking,perhaps\r\n"
        let issues = await Self.issues { _ = try await office.bookings.importCSV(bad, by: office.planner) }
        #expect(issues.map(\.path) == ["rows[1].direction", "rows[2].ecj", "rows[2].nhs_number", "rows[2].site"], "\(issues)")
        #expect(!issues.contains { $0.message.contains("1234567890") })
        #expect(try office.harness.count("transport_journeys") == 0)
        let result = try await office.bookings.importCSV(good, by: office.planner)
        #expect(result.created == 3)
        let stored = try await office.bookings.journeys(on: LocalDate(iso: Self.date)!, by: office.planner)
        #expect(stored.map(\.direction) == [.toAppointment, .home, .home] && stored[2].pickup == Self.hospital && stored[0].escorts == 1)
        #expect(stored.map(\.ecj) == [false, false, true], "an extra-contractual journey is recorded as one")
        #expect(stored.map(\.urgent) == [true, true, false], "both legs of an urgent booking are urgent")
        let header = await Self.issues { _ = try await office.bookings.importCSV("nhs_number,date\r\n1,2\r\n", by: office.planner) }
        #expect(header.allSatisfy { $0.path == "header" } && header.count == 4)
    }

    @Test("bad shifts name each field; a crew member must hold the crew role")
    func badShifts() async throws {
        let office = try await Office()
        let issues = await Self.issues {
            _ = try await office.bookings.addShift(ShiftInput(date: Self.date, vehicleName: "Ambulance 2", seats: 2, crewSize: 3, base: Self.base, start: "17:00", end: "07:00",
                                                              breakEarliest: "12:00", crewUserIDs: [office.planner.principal.actorID]), by: office.planner)
        }
        #expect(Set(issues.map(\.path)) == ["breakEarliest", "crewUserIDs[0]"])
        let rules = await Self.issues {
            _ = try await office.bookings.addShift(ShiftInput(date: Self.date, vehicleName: "Ambulance 2", seats: 2, crewSize: 3, base: Self.base, start: "17:00", end: "07:00"),
                                                   by: office.planner)
        }
        #expect(Set(rules.map(\.path)) == ["crewSize", "end"])
        let late = await Self.issues {
            _ = try await office.bookings.addShift(ShiftInput(date: Self.date, vehicleName: "Ambulance 2", seats: 2, crewSize: 1, base: Self.base, start: "14:00", end: "22:30",
                                                              overtimeMinutes: 120), by: office.planner)
        }
        #expect(late.map(\.path) == ["overtimeMinutes"] && late[0].message.contains("before midnight"), "\(late)")
        #expect(try office.harness.count("vehicle_shifts") == 0)
        // Allowed overtime is kept with the shift.
        let kept = try await office.bookings.addShift(ShiftInput(date: Self.date, vehicleName: "Ambulance 2", seats: 2, crewSize: 1, base: Self.base, start: "07:00",
                                                                 end: "17:00", overtimeMinutes: 45), by: office.planner)
        #expect(try await office.bookings.shifts(on: LocalDate(iso: Self.date)!, by: office.planner).first { $0.id == kept.id }?.overtimeMinutes == 45)
    }

    @Test("confirmation calls: confirmed confirms, no answer is counted and listed first, declined cancels; a journey over cannot be called")
    func confirmationCalls() async throws {
        let office = try await Office()
        let journeys = try await office.book()
        let calls = office.harness.services.transport.calls
        #expect(try await calls.record(journeyID: journeys[0].id, outcome: "confirmed", by: office.planner).status == .confirmed)
        let unanswered = try await calls.record(journeyID: journeys[1].id, outcome: "no-answer", by: office.planner)
        #expect(unanswered.status == .booked && unanswered.calls == .init(attempts: 1, last: .noAnswer))
        let list = try await calls.list(on: LocalDate(iso: Self.date)!, by: office.planner)
        #expect(list.map(\.journey.id) == [journeys[1].id, journeys[0].id] && list[0].patient?.phone == "07700 900123")
        #expect(try await calls.record(journeyID: journeys[1].id, outcome: "declined", by: office.planner).status == .cancelled)
        #expect(await Self.conflict { _ = try await calls.record(journeyID: journeys[1].id, outcome: "confirmed", by: office.planner) } == "journey.notCallable")
        #expect(await Self.issues { _ = try await calls.record(journeyID: journeys[0].id, outcome: "maybe", by: office.planner) }.map(\.path) == ["outcome"])
        await #expect(throws: ServiceError.self) { _ = try await calls.list(on: LocalDate(iso: Self.date)!, by: office.crew.a) }
    }

    @Test("the transport office reads the record of a patient with a live journey, and not once it is cancelled")
    func patientScope() async throws {
        let office = try await Office()
        let patients = office.harness.services.shared.patients
        await #expect(throws: ServiceError.self) { _ = try await patients.patient(id: office.patient, by: office.planner) }
        let journey = try await office.book(direction: "to-appointment")[0]
        #expect(try await patients.patient(id: office.patient, by: office.planner).id == office.patient)
        #expect(try await patients.search(PatientSearchInput(query: "Patient"), by: office.planner).map(\.id) == [office.patient])
        _ = try await office.bookings.cancel(id: journey.id, reason: "duplicate", by: office.planner)
        await #expect(throws: ServiceError.self) { _ = try await patients.patient(id: office.patient, by: office.planner) }
    }

    @Test("a journey is cancelled once, with a reason")
    func cancel() async throws {
        let office = try await Office()
        let journey = try await office.book(direction: "to-appointment")[0]
        let noReason = await Self.issues { _ = try await office.bookings.cancel(id: journey.id, reason: nil, by: office.planner) }
        #expect(noReason.map(\.path) == ["reason"])
        #expect(try await office.bookings.cancel(id: journey.id, reason: "patient-cancelled", by: office.planner).status == .cancelled)
        await #expect(throws: ServiceError.self) { _ = try await office.bookings.cancel(id: journey.id, reason: "duplicate", by: office.planner) }
    }

    @Test("a plan job plans the stored day; its commit stores the plan and marks journeys planned; a stale or second commit is a conflict")
    func planAndCommit() async throws {
        let office = try await Office()
        let shift = try await office.shift("Ambulance 1", crew: [office.crew.a])
        _ = try await office.shift("Ambulance 2", crew: [office.crew.b])
        let journeys = try await office.book() + office.book("13:30", back: "15:00")
        let jobs = office.harness.services.shared.jobs
        let job = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        #expect(job.status == .succeeded, "\(job.error ?? "")")
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner)
        #expect(proposal.checked && proposal.basedOnVersion == nil && proposal.plan.plannedCount == 4, "\(proposal.violations)")
        let committed = try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner)
        #expect(committed.version == 1 && committed.plan == proposal.plan)
        let stored = try await office.bookings.journeys(on: LocalDate(iso: Self.date)!, by: office.planner)
        #expect(stored.allSatisfy { $0.status == .planned } && stored.count == journeys.count)
        // Committing the same job again: the day has moved on (version 1 is there).
        #expect(await Self.conflict { _ = try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner) } == "plan.stale")
        // A booking after a plan was made makes that plan stale.
        let next = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        _ = try await office.book("15:00", direction: "to-appointment")
        #expect(await Self.conflict { _ = try await office.plans.commit(jobID: next.id, jobs: jobs, by: office.planner) } == "plan.stale")
        #expect(try await office.plans.committed(on: LocalDate(iso: Self.date)!, by: office.planner)?.version == 1)
        // A re-plan after a breakdown commits as version 2.
        let replan = try await office.runJob(.init(date: Self.date, breakdown: .init(at: "11:00", shiftIDs: [shift.id.rawValue])))
        let replanned = try await office.plans.proposal(jobID: replan.id, jobs: jobs, by: office.planner)
        #expect(replanned.checked && replanned.replan?.frozenMoved == 0 && replanned.basedOnVersion == 1, "\(replanned.violations)")
        #expect(try await office.plans.commit(jobID: replan.id, jobs: jobs, by: office.planner).version == 2)
    }

    @Test("a late booking and a cancellation: a re-plan from a time with no vehicle off the road places the new journey, keeps the rest, commits")
    func replanForBookings() async throws {
        let office = try await Office()
        _ = try await office.shift("Ambulance 1")
        _ = try await office.shift("Ambulance 2")
        let first = try await office.book()
        let jobs = office.harness.services.shared.jobs
        let morning = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        let v1 = try await office.plans.commit(jobID: morning.id, jobs: jobs, by: office.planner)
        let late = try await office.book("14:30", direction: "to-appointment")[0]
        _ = try await office.bookings.cancel(id: first[1].id, reason: "patient-cancelled", by: office.planner)
        let job = try await office.runJob(.init(date: Self.date, breakdown: .init(at: "09:00", shiftIDs: [])))
        #expect(job.status == .succeeded, "\(job.error ?? "")")
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner)
        let planned = Set(proposal.plan.runs.flatMap { $0.stops.map(\.journeyID) })
        #expect(proposal.checked && proposal.replan?.brokenShiftIDs == [] && planned == [first[0].id, late.id], "\(proposal.violations)")
        let before = v1.plan.runs.first { $0.stops.contains { $0.journeyID == first[0].id } }?.shiftID
        #expect(proposal.plan.runs.first { $0.stops.contains { $0.journeyID == first[0].id } }?.shiftID == before, "the kept journey stays on its vehicle")
        #expect(try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner).version == 2)
    }

    @Test("a journey only a third party can take waits for a transport manager's authorisation before the plan commits")
    func thirdPartyNeedsAuthorisation() async throws {
        let office = try await Office()
        let (m, _) = try await office.harness.user("max.manager", role: .transportManager)
        let manager = Caller(principal: Principal(user: m))
        // A stretcher booked before the day's vehicles (all crews of one) were known.
        let stretcher = try await office.book(direction: "to-appointment", mobility: "stretcher")[0]
        _ = try await office.shift("Car 1", crewSize: 1)
        let providers = [ThirdPartyProvider(id: "pennine", name: "Pennine Private Ambulance", prices: [.stretcher: 14_000, .wheelchair: 9_500], dailyLimit: 4),
                         ThirdPartyProvider(id: "taxis", name: "Northway Taxis", prices: [.walking: 3_500], dailyLimit: 20)]
        await #expect(throws: ServiceError.self) { _ = try await office.plans.setProviders(providers, by: office.planner) }
        let bad = await Self.issues {
            _ = try await office.plans.setProviders([ThirdPartyProvider(id: "x", name: "X", prices: [:], dailyLimit: 0)], by: manager)
        }
        #expect(Set(bad.map(\.path)) == ["[0].prices", "[0].dailyLimit"])
        _ = try await office.plans.setProviders(providers, by: manager)
        let jobs = office.harness.services.shared.jobs
        let job = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner)
        #expect(proposal.thirdParty.map { [$0.journeyID.rawValue, $0.providerID, $0.providerName, "\($0.pricePence)"] }
            == [[stretcher.id.rawValue, "pennine", "Pennine Private Ambulance", "14000"]])
        // The provider collects within the collection window, in time for the appointment.
        let window = ServiceStandards().windows(for: stretcher)
        #expect(proposal.thirdParty.first?.pickup.map { window.pickup.contains($0) } == true)
        #expect(await Self.conflict { _ = try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner) } == "plan.unauthorised")
        await #expect(throws: ServiceError.self) { _ = try await office.plans.authorise(jobID: job.id, jobs: jobs, by: office.planner) }
        #expect(try await office.plans.awaitingAuthorisation(by: manager).map(\.job.id) == [job.id])
        let authorised = try await office.plans.authorise(jobID: job.id, jobs: jobs, by: manager)
        #expect(authorised.count == 1 && authorised[0].authorisedBy == m.id.rawValue)
        #expect(try await office.plans.awaitingAuthorisation(by: manager).isEmpty)
        let committed = try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner)
        #expect(committed.thirdParty.map(\.journeyID) == [stretcher.id])
        #expect(try await office.plans.committed(on: LocalDate(iso: Self.date)!, by: office.planner)?.thirdParty.count == 1)
        #expect(try await office.bookings.journey(id: stretcher.id, by: office.planner).status == .planned)
        #expect(try office.harness.count("audit_log", where: "action = 'transport.thirdParty.authorise'") == 1)
        // The patient is told who comes instead of our crew, once.
        let told = try await office.harness.services.shared.environment.store.read {
            try await $0.outbox.messages(.init(kind: .transportPickup, patientID: office.patient), limit: 10, offset: 0)
        }
        #expect(told.count == 1 && told[0].body.contains("will be provided by Pennine Private Ambulance, who will collect you at about ")
            && told[0].channel == .sms, "\(told.map(\.body))")
        // The clinic list names the provider for the journey it takes.
        try await office.harness.services.shared.environment.store.write { s in
            try await s.organisation.insert(ClinicLocation(id: "loc_mri", name: "Manchester Royal Infirmary",
                                                           address: Address(lines: ["Oxford Road"], town: "Manchester", postcode: "M13 9WL", coordinates: Self.hospital)))
        }
        let list = try await office.harness.services.transport.clinicLists.list(siteID: "loc_mri", on: LocalDate(iso: Self.date)!, by: office.planner)
        #expect(list.rows.map(\.vehicle) == ["Pennine Private Ambulance (third party)"])
        // An ambulance crewed by two joins the day: planned again, our crew takes the journey back, and the patient is told.
        _ = try await office.shift("Ambulance 2", crewSize: 2, stretchers: 1)
        let again = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        let back = try await office.plans.proposal(jobID: again.id, jobs: jobs, by: office.planner)
        #expect(back.thirdParty.isEmpty && back.plan.pickups[stretcher.id] != nil)
        #expect(try await office.plans.commit(jobID: again.id, jobs: jobs, by: office.planner).version == 2)
        let toldAgain = try await office.harness.services.shared.environment.store.read {
            try await $0.outbox.messages(.init(kind: .transportPickup, patientID: office.patient), limit: 10, offset: 0)
        }
        #expect(toldAgain.count == 2 && toldAgain.contains { $0.body.contains("our own crew will now collect you, at about ") && $0.body.contains("instead of Pennine Private Ambulance") },
                "\(toldAgain.map(\.body))")
    }

    @Test("a plan or re-plan request that cannot run is refused before a job is queued")
    func badPlanRequests() async throws {
        let office = try await Office()
        let jobs = office.harness.services.shared.jobs
        let issues = await Self.issues { _ = try await office.plans.start(.init(date: "8 Dec", timeLimitSeconds: 0), jobs: jobs, by: office.planner) }
        #expect(Set(issues.map(\.path)) == ["date", "timeLimitSeconds"])
        let replan = await Self.issues {
            _ = try await office.plans.start(.init(date: Self.date, breakdown: .init(at: "11:00", shiftIDs: ["shf_none"])), jobs: jobs, by: office.planner)
        }
        #expect(replan.map(\.code) == ["replan.noPlan", "replan.unknownShift"])
        await #expect(throws: ServiceError.self) { _ = try await office.plans.start(.init(date: Self.date), jobs: jobs, by: office.crew.a) }
        #expect(try office.harness.count("solve_jobs") == 0)
    }

    @Test("a crew member reads only the run sheets of their own shifts")
    func runSheets() async throws {
        let office = try await Office()
        let mine = try await office.shift("Ambulance 1", crew: [office.crew.a])
        let theirs = try await office.shift("Ambulance 2", crew: [office.crew.b])
        _ = try await office.book()
        let job = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        _ = try await office.plans.commit(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        let sheets = office.harness.services.transport.runSheets
        let own = try await sheets.mine(on: LocalDate(iso: Self.date)!, by: office.crew.a)
        #expect(own.map(\.shift.id) == [mine.id] && own[0].planVersion == 1)
        #expect(try await sheets.sheet(shiftID: mine.id, by: office.crew.a).shift.id == mine.id)
        await #expect(throws: ServiceError.notFound(entity: "Run sheet", id: theirs.id.rawValue)) { _ = try await sheets.sheet(shiftID: theirs.id, by: office.crew.a) }
        let all = try await sheets.mine(on: LocalDate(iso: Self.date)!, by: office.planner)
        #expect(all.count == 2 && all.reduce(0) { $0 + $1.stops.count } == 4)
        let stop = try #require(all.flatMap(\.stops).first { $0.kind == .pickup && $0.direction == .toAppointment })
        #expect(stop.patientName == "Test Patient" && stop.address?.contains("M13 9WL") == true)
    }

    @Test("a crew member records arrived, picked up and delivered on their own run, in order; aborting needs a note; another crew's journey is not found")
    func crewRecords() async throws {
        let office = try await Office()
        _ = try await office.shift("Ambulance 1", crew: [office.crew.a])
        let journey = try await office.book(direction: "to-appointment")[0]
        let job = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        _ = try await office.plans.commit(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        let sheets = office.harness.services.transport.runSheets
        await #expect(throws: ServiceError.notFound(entity: "Journey", id: journey.id.rawValue)) {
            _ = try await sheets.record(journeyID: journey.id, JourneyEventInput(event: "arrived", time: "09:30"), by: office.crew.b)
        }
        #expect(await Self.conflict { _ = try await sheets.record(journeyID: journey.id, JourneyEventInput(event: "delivered", time: "09:31"), by: office.crew.a) }
            == "journey.notOnBoard")
        let noNote = await Self.issues { _ = try await sheets.record(journeyID: journey.id, JourneyEventInput(event: "aborted"), by: office.crew.a) }
        #expect(noNote.map(\.path) == ["note"])
        _ = try await sheets.record(journeyID: journey.id, JourneyEventInput(event: "arrived", time: "09:30"), by: office.crew.a)
        let early = await Self.issues { _ = try await sheets.record(journeyID: journey.id, JourneyEventInput(event: "picked-up", time: "09:20"), by: office.crew.a) }
        #expect(early.map(\.path) == ["time"])
        _ = try await sheets.record(journeyID: journey.id, JourneyEventInput(event: "picked-up", time: "09:34"), by: office.crew.a)
        let done = try await sheets.record(journeyID: journey.id, JourneyEventInput(event: "delivered", time: "10:05"), by: office.crew.a)
        #expect(done.status == .delivered && done.progress == .init(arrived: LocalTime(iso: "09:30"), pickedUp: LocalTime(iso: "09:34"), delivered: LocalTime(iso: "10:05")))
        let stored = try await office.bookings.journey(id: journey.id, by: office.planner)
        #expect(stored.progress == done.progress && stored.status == .delivered)
    }

    @Test("an appointment booked with a transport need becomes journeys there and back; cancelling it cancels them")
    func outpatientLink() async throws {
        let f = try await OutpatientFixture(clinicAt: Self.hospital)
        let appointment = try await f.book(0, f.slot("2026-11-24"), transport: true)
        let store = f.harness.services.shared.environment.store
        let made = try await store.read { try await $0.transportJourneys.journeys(appointmentID: appointment.id) }
        #expect(made.map(\.direction) == [.toAppointment, .home] && made.allSatisfy { $0.status == .booked && $0.destination != $0.pickup })
        #expect(made[0].time == LocalTime(iso: "13:15")! && made[1].time == LocalTime(iso: "14:00")! && made[0].destination == Self.hospital)
        _ = try await f.harness.services.outpatients.appointments.cancel(id: appointment.id, CancellationInput(initiatedBy: "patient", reason: "patient-request"), by: f.booker)
        let after = try await store.read { try await $0.transportJourneys.journeys(appointmentID: appointment.id) }
        #expect(after.count == 2 && after.allSatisfy { $0.status == .cancelled })
        let plain = try await f.book(1, f.slot("2026-11-24", 1))
        #expect(try await store.read { try await $0.transportJourneys.journeys(appointmentID: plain.id) }.isEmpty)
    }
}
