import Foundation
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing

/// Hand edits (PT-03 item 4): a plan job moves journeys in a plan by hand, the engine's
/// evaluate-only mode times the result and names each rule it breaks; only a plan that breaks
/// none commits.
@Suite("Transport plan hand edits")
struct TransportPlanEditTests {
    typealias Office = TransportServiceTests.Office
    static let date = TransportServiceTests.date
    typealias Move = TransportPlanService.PlanRequest.Edit.Move

    /// Two ambulances; a patient there at 10:30 and home at 12:00, planned and committed.
    static func committedDay() async throws -> (Office, [VehicleShift], [TransportJourney], CommittedTransportPlan) {
        let office = try await Office()
        let shifts = [try await office.shift("Ambulance 1"), try await office.shift("Ambulance 2")]
        let journeys = try await office.book()
        let job = try await office.runJob(.init(date: date, timeLimitSeconds: 1))
        let committed = try await office.plans.commit(jobID: job.id, jobs: office.harness.services.shared.jobs, by: office.planner)
        return (office, shifts, journeys, committed)
    }

    static func run(of journey: TransportJourney, in plan: TransportPlan) -> TransportPlan.Run? {
        plan.runs.first { $0.stops.contains { $0.journeyID == journey.id } }
    }

    @Test("moving both journeys to the other vehicle times them there, keeps every rule, and commits as the next version")
    func moveToOtherVehicle() async throws {
        let (office, shifts, journeys, committed) = try await Self.committedDay()
        let jobs = office.harness.services.shared.jobs
        let from = try #require(Self.run(of: journeys[0], in: committed.plan)).shiftID
        let to = shifts.first { $0.id != from }!
        let moves = journeys.map { Move(journeyID: $0.id.rawValue, shiftID: to.id.rawValue) }
        let job = try await office.runJob(.init(date: Self.date, edit: .init(moves: moves)))
        #expect(job.status == .succeeded, "\(job.error ?? "")")
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner)
        #expect(proposal.checked && proposal.edit?.findings == [] && proposal.edit?.fromVersion == 1, "\(proposal.violations)")
        let run = try #require(Self.run(of: journeys[0], in: proposal.plan))
        #expect(run.shiftID == to.id && run.stops.map(\.journeyID) == [journeys[0].id, journeys[0].id, journeys[1].id, journeys[1].id])
        #expect(proposal.plan.runs.count == 1 && proposal.basedOnVersion == 1)
        // The drop-off is timed after the drive, in its window (arriving by the appointment).
        let dropOff = run.stops[1].start
        #expect(dropOff > run.stops[0].start && dropOff <= 10 * 3_600 + 30 * 60)
        #expect(try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner).version == 2)
    }

    @Test("an edit that breaks a rule names the journey, the rule and by how much, and cannot be committed")
    func editBreakingARule() async throws {
        let (office, shifts, journeys, committed) = try await Self.committedDay()
        let jobs = office.harness.services.shared.jobs
        let from = try #require(Self.run(of: journeys[0], in: committed.plan)).shiftID
        let to = shifts.first { $0.id != from }!
        // First the journey home to the other vehicle, then (an edit of that edit) the journey
        // there after it: the patient would arrive long after the appointment.
        let first = try await office.runJob(.init(date: Self.date, edit: .init(moves: [Move(journeyID: journeys[1].id.rawValue, shiftID: to.id.rawValue)])))
        #expect(try await office.plans.proposal(jobID: first.id, jobs: jobs, by: office.planner).checked)
        let late = Move(journeyID: journeys[0].id.rawValue, shiftID: to.id.rawValue, pickupAt: 3, dropOffAt: 4)
        let job = try await office.runJob(.init(date: Self.date, edit: .init(fromJobID: first.id.rawValue, moves: [late])))
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner)
        #expect(!proposal.checked && proposal.edit?.fromJobID == first.id && proposal.basedOnVersion == 1)
        let finding = try #require(proposal.edit?.findings.first { $0.rule == "timeWindow" })
        #expect(finding.journeyID == journeys[0].id && finding.shiftID == to.id && (finding.excess ?? 0) > 60 * 60, "\(proposal.edit?.findings ?? [])")
        #expect(await TransportServiceTests.conflict { _ = try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner) } == "plan.unchecked")
        #expect(try await office.plans.committed(on: LocalDate(iso: Self.date)!, by: office.planner)?.version == 1)
    }

    @Test("a journey left out by hand says so; committing puts it back to booked")
    func leaveOut() async throws {
        let (office, _, journeys, _) = try await Self.committedDay()
        let jobs = office.harness.services.shared.jobs
        let job = try await office.runJob(.init(date: Self.date, edit: .init(moves: [Move(journeyID: journeys[1].id.rawValue)])))
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner)
        #expect(proposal.checked && proposal.plan.unplanned.map(\.code) == ["byHand"] && proposal.plan.plannedCount == 1, "\(proposal.violations)")
        _ = try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner)
        let stored = try await office.bookings.journeys(on: LocalDate(iso: Self.date)!, by: office.planner)
        #expect(stored.first { $0.id == journeys[1].id }?.status == .booked && stored.first { $0.id == journeys[0].id }?.status == .planned)
    }

    @Test("bad edits name each field and the rule and queue no job; editing a plan the day has outgrown is a conflict")
    func badEdits() async throws {
        let (office, shifts, journeys, _) = try await Self.committedDay()
        let jobs = office.harness.services.shared.jobs
        func issues(_ edit: TransportPlanService.PlanRequest.Edit, breakdown: TransportPlanService.PlanRequest.Breakdown? = nil) async -> [String] {
            await TransportServiceTests.issues {
                _ = try await office.plans.start(.init(date: Self.date, breakdown: breakdown, edit: edit), jobs: jobs, by: office.planner)
            }.map(\.path)
        }
        let j = journeys[0].id.rawValue, s = shifts[0].id.rawValue
        #expect(await issues(.init(moves: [])) == ["edit.moves"])
        #expect(await issues(.init(moves: [Move(journeyID: "nope", shiftID: "nope")])) == ["edit.moves[0].journeyID", "edit.moves[0].shiftID"])
        #expect(await issues(.init(moves: [Move(journeyID: j, shiftID: s, pickupAt: 3, dropOffAt: 2)])) == ["edit.moves[0].dropOffAt"])
        #expect(await issues(.init(moves: [Move(journeyID: j, shiftID: s, pickupAt: 9)])) == ["edit.moves[0].pickupAt"])
        #expect(await issues(.init(moves: [Move(journeyID: j, pickupAt: 1)])) == ["edit.moves[0].shiftID"])
        #expect(await issues(.init(moves: [Move(journeyID: j)]), breakdown: .init(at: "10:00")) == ["edit"])
        #expect(try await jobs.recent(by: office.planner).count == 1, "only the morning plan job")
        // A proposal made before a new booking cannot be edited.
        let plan = try await office.runJob(.init(date: Self.date, timeLimitSeconds: 1))
        _ = try await office.book("15:00", direction: "to-appointment")
        let code = await TransportServiceTests.conflict {
            _ = try await office.plans.start(.init(date: Self.date, edit: .init(fromJobID: plan.id.rawValue, moves: [Move(journeyID: j)])), jobs: jobs, by: office.planner)
        }
        #expect(code == "plan.stale")
    }

    @Test("committing a plan that moves a patient's pickup by more than 15 minutes texts the patient, in the commit's transaction")
    func pickupMovedIsTold() async throws {
        let office = try await Office()
        let shift = try await office.shift("Ambulance 1")
        let journeys = try await office.book("10:30", direction: "to-appointment")
        let store = office.harness.services.shared.environment.store
        // Version 1 as told to the patient: collected at 07:30 (too early, but it is what they were told).
        let told = TransportPlan(date: LocalDate(iso: Self.date)!, runs: [.init(shiftID: shift.id, departure: 7 * 3_600, back: 11 * 3_600, stops: [
            .init(journeyID: journeys[0].id, kind: .pickup, arrival: 27_000, start: 27_000),
            .init(journeyID: journeys[0].id, kind: .dropOff, arrival: 36_000, start: 36_000),
        ], metres: 5_000)], unplanned: [])
        _ = try await store.write { try await $0.transportPlans.save(.init(plan: told, version: 1, basis: "test", jobID: "job_test", committedAt: Date(), committedBy: "usr_test"), replacing: nil) }
        let job = try await office.runJob(.init(date: Self.date, edit: .init(moves: [Move(journeyID: journeys[0].id.rawValue, shiftID: shift.id.rawValue)])))
        let jobs = office.harness.services.shared.jobs
        let proposal = try await office.plans.proposal(jobID: job.id, jobs: jobs, by: office.planner)
        let pickup = try #require(proposal.plan.pickups[journeys[0].id]).start
        #expect(proposal.checked && pickup - 27_000 > 15 * 60, "\(proposal.violations)")
        _ = try await office.plans.commit(jobID: job.id, jobs: jobs, by: office.planner)
        let messages = try await store.read { try await $0.outbox.messages(.init(kind: .transportPickup, patientID: office.patient), limit: 10, offset: 0) }
        #expect(messages.count == 1 && messages[0].channel == .sms && messages[0].status == .queued)
        #expect(messages.first?.body.contains("not 7:30am") == true && messages.first?.body.contains("Your patient transport to") == true, "\(messages.first?.body ?? "")")
    }
}
