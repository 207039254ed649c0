import Foundation
import Testing
@testable import RoutingEngine

/// Unserved tasks say which rule keeps them out, by how much, and what relaxation would let them in.
@Suite("Explanations of unserved tasks")
struct ExplanationTests {
    static let quick = SolverParameters(timeLimit: nil, iterationLimit: 100, seed: 2)

    static func explanation(_ problem: RoutingProblem, kind: String = "visit", task: Int) throws -> RoutingSolution.Unassigned {
        let solution = try Solver(parameters: quick).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        return try #require(solution.unassigned.first { $0.kind == kind && $0.task == task })
    }

    @Test("a window that closes before the visit can be reached: widen it by the exact amount")
    func ownWindow() throws {
        var problem = SolutionCheckerTests.lineProblem()
        problem.visits[0].stop.window = TimeWindow(start: 0, end: 4)  // reachable at 10 at the earliest
        let item = try Self.explanation(problem, task: 0)
        #expect(item.reason.code == "timeWindow")
        #expect(item.relaxations == [.init(constraint: "timeWindow", resource: 0, amount: 6, position: 0)])
    }

    @Test("a shift too short for the trip: extend the shift end by the exact amount")
    func shift() throws {
        var problem = SolutionCheckerTests.lineProblem()
        problem.resources[0].shift = TimeWindow(start: 0, end: 30)  // visit 1 needs 20 + 5 + 20
        problem.requests = []
        problem.visits[0].unassignedPenalty = 0
        let item = try Self.explanation(problem, task: 1)
        #expect(item.relaxations?.first?.constraint == "shift")
        #expect(item.relaxations?.first?.amount == 15)
    }

    @Test("too big for every vehicle: capacity short by the excess in its dimension")
    func capacity() throws {
        var problem = SolutionCheckerTests.lineProblem()
        problem.visits[0].delivery = [13]
        let item = try Self.explanation(problem, task: 0)
        #expect(item.reason.code == "capacity")
        #expect(item.relaxations == [.init(constraint: "capacity", resource: 0, amount: 3, dimension: 0, position: 0)])
        #expect(item.reason == .capacity(dimension: 0, excess: 3))
    }

    @Test("a typed reason is its code alone in JSON, and decoding restores its numbers from the relaxations beside it")
    func typedReasonJSON() throws {
        var problem = SolutionCheckerTests.lineProblem()
        problem.visits[0].delivery = [13]
        problem.visits[1].requiredSkills = 0b110
        let solution = try Solver(parameters: Self.quick).solve(problem)
        let reasons = solution.unassigned.map(\.reason)
        #expect(reasons.contains(.capacity(dimension: 0, excess: 3)) && reasons.contains(.skills(missing: [2])))
        let data = try JSONEncoder().encode(solution)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let codes = try #require(object["unassigned"] as? [[String: Any]]).map { $0["reason"] as? String }
        #expect(Set(codes.compactMap { $0 }) == ["capacity", "skills"])
        #expect(try JSONDecoder().decode(RoutingSolution.self, from: data) == solution)
        let unknown = Data(#"{"kind":"visit","task":0,"reason":"tooFar","feasibleAlone":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RoutingSolution.Unassigned.self, from: unknown) }
        for code in UnservedReason.codes { #expect(UnservedReason(code: code, feasibleAlone: [1], relaxations: nil)?.code == code) }
    }

    @Test("no resource has the skill: the resource missing the fewest skills and which")
    func skills() throws {
        var problem = SolutionCheckerTests.lineProblem()
        problem.visits[1].requiredSkills = 0b110  // the vehicle has skill 1 only
        let item = try Self.explanation(problem, task: 1)
        #expect(item.reason.code == "skills")
        #expect(item.relaxations == [.init(constraint: "skills", resource: 0, amount: 1, skills: [2])])
        #expect(item.reason == .skills(missing: [2]))
    }

    @Test("it fits but costs more than its penalty: raising the penalty by the amount gets it served")
    func cost() throws {
        var problem = SolutionCheckerTests.lineProblem()
        problem.visits[1].stop.location = 4
        problem.visits[1].unassignedPenalty = 1
        problem.requests = []
        let item = try Self.explanation(problem, task: 1)
        #expect(item.reason.code == "cost")
        let raise = try #require(item.relaxations?.first)
        #expect(raise.constraint == "penalty" && raise.amount > 0)
        problem.visits[1].unassignedPenalty += raise.amount
        let solution = try Solver(parameters: Self.quick).solve(problem)
        #expect(solution.unassigned.isEmpty)
    }

    @Test("two visits wanting the one vehicle at the same moment: the loser names the smallest relaxation")
    func noRoom() throws {
        let matrix = TravelMatrix(count: 3) { a, b in (duration: a == b ? 0 : 600, distance: a == b ? 0 : 600) }
        let visits = [Visit(stop: Stop(location: 1, window: TimeWindow(start: 600, end: 600), service: 600)),
                      Visit(stop: Stop(location: 2, window: TimeWindow(start: 600, end: 1_320), service: 600))]
        let problem = RoutingProblem(matrices: [matrix], dimensions: 0, visits: visits,
                                     resources: [Resource(startLocation: 0, endLocation: 0, shift: TimeWindow(start: 0, end: 10_000))])
        let solution = try Solver(parameters: Self.quick).solve(problem)
        let item = try #require(solution.unassigned.first)
        #expect(item.reason.code == "noRoom")
        #expect(item.feasibleAlone == [0])
        // Visit 1 after visit 0 starts at 1800, 480 past its window; visit 0 after 1 misses by 1200.
        #expect(item.task == 1)
        #expect(item.relaxations == [.init(constraint: "timeWindow", resource: 0, amount: 480, position: 1)])
    }

    @Test("coupled search: an unreachable window is widened by the exact amount; a crowded plan may ask for a resource")
    func coupled() throws {
        var problem = SolutionCheckerTests.lineProblem()
        problem.requests = []
        problem.visits[0].stop.window = TimeWindow(start: 0, end: 4)
        problem.visits[1].lateAfter = 50  // makes the problem coupled
        let item = try Self.explanation(problem, task: 0)
        #expect(item.reason.code == "timeWindow")
        #expect(item.relaxations == [.init(constraint: "timeWindow", resource: 0, amount: 6, position: 0)])
    }
}
