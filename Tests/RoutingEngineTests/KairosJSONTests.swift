import Foundation
import Testing
@testable import RoutingEngine

@Suite("Kairos JSON problem format")
struct KairosJSONTests {
    static var example: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/small-day.json")
    }

    @Test("the documented example is read with its defaults and solved; the answer round-trips as JSON")
    func example() throws {
        let problem = try KairosJSON.problem(from: Data(contentsOf: Self.example))
        #expect(problem.dimensions == 2)
        #expect(problem.visits[1].requiredSkills == 1)
        #expect(problem.visits[0].unassignedPenalty == 1_000_000_000 && problem.visits[2].unassignedPenalty == 500_000)
        #expect(problem.resources[1].endLocation == 0 && problem.resources[1].costPerDistance == 1)
        #expect(problem.requests[0].maxRideTime == 1800)
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 100)).solve(problem)
        #expect(SolutionChecker.check(solution, against: problem).isEmpty)
        #expect(solution.unassigned.isEmpty)
        let data = try JSONEncoder().encode(solution)
        #expect(try JSONDecoder().decode(RoutingSolution.self, from: data) == solution)
    }

    @Test("bad files are refused with every issue named by path", arguments: [
        (#"{"matrices": [], "resources": []"#, "not valid JSON"),
        (#"{"matrices": [{"durations": [[0]]}]}"#, "resources: is required"),
        (#"{"matrices": [{"durations": [[0, 1], [1]]}], "resources": [{"start": 0}]}"#, "must be square"),
        (#"{"matrices": [{"durations": [[0, 1], [1, 0]]}], "resources": [{"start": "a"}]}"#, "resources[0].start: has the wrong type"),
        (#"{"matrices": [{"durations": [[0, 1], [1, 0]]}], "visits": [{"location": 5}], "resources": [{"start": 0}]}"#, "visits[0].location: 5 is not a location index"),
        (#"{"matrices": [{"durations": [[0, 1], [1, 0]], "distances": [[0, 3000000000], [1, 0]]}], "resources": [{"start": 0}]}"#,
         "matrices[0]: a travel time or distance is above 2,147,483,647"),
        (#"{"matrices": [{"durations": [[0, 1], [1, 0]]}], "visits": [{"location": 1, "window": {"start": 9, "end": 1}}], "resources": [{"start": 0}]}"#, "visits[0].window: start 9 is after end 1"),
        (#"{"matrices": [{"durations": [[0, 1], [1, 0]]}], "visits": [{"location": 1, "skills": [70]}], "resources": [{"start": 0}]}"#, "skill 70 must be between 0 and 63"),
    ])
    func invalid(text: String, message: String) {
        do {
            _ = try KairosJSON.problem(from: Data(text.utf8))
            Issue.record("expected an error for \(text)")
        } catch let error as KairosJSON.InvalidFile {
            #expect(error.issues.joined(separator: "\n").contains(message), "\(error.issues)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
