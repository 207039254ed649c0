import Foundation
import Planning
import RoutingEngine
import SchedulingDomain
import SeededTesting
import Testing

/// Hand edits in evaluate-only mode: moving journeys leaves every other stop in its order, and
/// the engine's checker and the domain check agree on whether the edited plan keeps the rules.
@Suite("Transport plan editor")
struct TransportPlanEditorTests {
    @Test("random moves: other stops keep their order; the engine's findings are empty exactly when the domain check passes (seeded)",
          arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func checksAgree(seed: UInt64) throws {
        announceSeed(seed)
        let day = TransportReplannerTests.day(24, shifts: 3)
        let plan = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 60, seed: seed)).plan
        var rng = SeededGenerator(seed: seed)
        let journeys = day.liveJourneys
        let moves = (0..<Int.random(in: 1...3, using: &rng)).map { _ -> TransportPlanEdit.Move in
            let journey = journeys[Int.random(in: 0..<journeys.count, using: &rng)].id
            let shift = day.shifts[Int.random(in: 0..<day.shifts.count, using: &rng)].id
            // Half the moves in time order, half at given stops (the first stops: always in range).
            let placed = Bool.random(using: &rng)
            return .init(journeyID: journey, shiftID: Int.random(in: 0..<8, using: &rng) == 0 ? nil : shift,
                         pickupAt: placed ? 1 : nil, dropOffAt: placed ? 2 : nil)
        }
        let edit = TransportPlanEdit(moves: moves)
        let outcome = try TransportPlanEditor().apply(edit, to: plan, day: day)
        let moved = Set(moves.map(\.journeyID))
        for run in plan.runs {
            let before = run.stops.filter { !moved.contains($0.journeyID) }.map { "\($0.journeyID)\($0.kind)" }
            let after = (outcome.plan.runs.first { $0.shiftID == run.shiftID }?.stops ?? []).filter { !moved.contains($0.journeyID) }.map { "\($0.journeyID)\($0.kind)" }
            #expect(before == after, "seed \(seed): \(run.shiftID) reordered")
        }
        #expect(outcome.plan.plannedCount + outcome.plan.unplanned.count == journeys.count, "seed \(seed): every journey planned or listed once")
        let domain = TransportPlanCheck.check(outcome.plan, day: day, travel: HaversineTravelEstimator())
        #expect(outcome.findings.isEmpty == domain.isEmpty, "seed \(seed): engine \(outcome.findings), domain \(domain)")
    }
}
