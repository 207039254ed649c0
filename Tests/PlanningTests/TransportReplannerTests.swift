import Foundation
import Planning
import RoutingEngine
import SchedulingDomain
import SeededTesting
import Testing

/// Re-planning after breakdowns: what was begun stays where and when it was; patients on board
/// a broken-down vehicle are collected where it stopped; both checks pass.
@Suite("Transport re-planner")
struct TransportReplannerTests {
    static func day(_ journeys: Int, shifts: Int) -> TransportDay {
        TransportDay(date: TransportPlannerTests.date, journeys: TransportPlannerTests.journeys(journeys), shifts: (1...shifts).map { TransportPlannerTests.shift($0) })
    }

    @Test("frozen work never moves, the broken-down vehicles keep only what they finished, and every plan passes both checks (seeded breakdowns)",
          arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func frozenStays(seed: UInt64) throws {
        announceSeed(seed)
        let day = Self.day(30, shifts: 4)
        let morning = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 80, seed: seed)).plan
        var rng = SeededGenerator(seed: seed)
        let time = (9 * 60 + 30 + Int.random(in: 0..<150, using: &rng)) * 60
        let used = morning.runs.map(\.shiftID)
        let count = Int.random(in: 1...2, using: &rng)
        let broken = Set((0..<count).map { _ in used[Int.random(in: 0..<used.count, using: &rng)] })
        let outcome = try TransportReplanner().replan(day, plan: morning, at: time, broken: broken,
                                                      options: .init(timeLimit: nil, iterationLimit: 20, seed: seed))
        #expect(outcome.frozenMoved == 0, "seed \(seed)")
        #expect(outcome.engineViolations.isEmpty, "seed \(seed): \(outcome.engineViolations)")
        let domain = TransportPlanCheck.check(outcome.plan, day: day, travel: HaversineTravelEstimator(), rescues: outcome.rescues)
        #expect(domain.isEmpty, "seed \(seed): \(domain)")
        // A broken-down vehicle does nothing from the breakdown on.
        for run in outcome.plan.runs where broken.contains(run.shiftID) {
            #expect(run.stops.allSatisfy { $0.start < time }, "seed \(seed): shift \(run.shiftID)")
        }
        // Every patient on board is collected where the vehicle stopped, or explained.
        for rescue in outcome.rescues {
            let id = rescue.journeyID
            let collected = outcome.plan.runs.contains { run in run.stops.contains { stop in stop.journeyID == id && stop.kind == .pickup && stop.start >= time } }
            let explained = outcome.plan.unplanned.contains { item in item.journeyID == id && !item.explanation.isEmpty }
            #expect(collected != explained, "seed \(seed): journey \(rescue.journeyID)")
        }
    }

    @Test("a patient on board a vehicle that breaks down is collected from where it stopped")
    func rescue() throws {
        let day = Self.day(16, shifts: 3)
        let morning = try TransportPlanner().plan(day, options: .init(timeLimit: nil, iterationLimit: 60)).plan
        // The first moment someone is on board: just after a pickup whose drop-off is later.
        var found: (shift: VehicleShift.ID, time: Int, journey: TransportJourney.ID)?
        for run in morning.runs where found == nil {
            for (k, stop) in run.stops.enumerated() where stop.kind == .pickup && found == nil {
                if let drop = run.stops[(k + 1)...].first(where: { $0.journeyID == stop.journeyID }), drop.start > stop.start + 60 {
                    found = (run.shiftID, stop.start + 30, stop.journeyID)
                }
            }
        }
        let (shift, time, journey) = try #require(found)
        let outcome = try TransportReplanner().replan(day, plan: morning, at: time, broken: [shift], options: .init(timeLimit: nil, iterationLimit: 30))
        let rescue = try #require(outcome.rescues.first { $0.journeyID == journey })
        let pickedUp = try #require(day.journeys.first { $0.id == journey }?.pickup)
        #expect(rescue.place == pickedUp && rescue.from == time)
        #expect(outcome.frozenMoved == 0 && outcome.engineViolations.isEmpty)
        #expect(TransportPlanCheck.check(outcome.plan, day: day, travel: HaversineTravelEstimator(), rescues: outcome.rescues).isEmpty)
    }
}
