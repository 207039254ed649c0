import Foundation
import Testing
@testable import RoutingEngine

@Suite("VROOM format")
struct VroomFormatTests {
    static var example: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/vroom-input.json")
    }

    @Test("the example is read, solved and answered in VROOM's shape with the original ids")
    func roundTrip() throws {
        let mapped = try VroomFormat.read(Data(contentsOf: Self.example))
        #expect(mapped.problem.visits.count == 3 && mapped.problem.requests.count == 1)
        #expect(mapped.problem.resources[0].costPerDuration == 1)
        #expect(mapped.problem.visits[0].requiredSkills == 2)
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 100)).solve(mapped.problem)
        #expect(SolutionChecker.check(solution, against: mapped.problem).isEmpty)
        let output = VroomFormat.output(solution, mapped, solvingMilliseconds: 1)
        // Through JSON and back, as a client would read it.
        let data = try JSONSerialization.data(withJSONObject: output)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["code"] as? Int == 0)
        let routes = try #require(json["routes"] as? [[String: Any]])
        let steps = routes.flatMap { ($0["steps"] as? [[String: Any]]) ?? [] }
        let ids = Set(steps.compactMap { $0["id"] as? Int })
        #expect(ids == [1414, 1515, 1616, 4, 5])
        #expect(steps.filter { $0["type"] as? String == "start" }.count == routes.count)
        // The job needing skill 1 is on vehicle 7.
        let withSkillJob = routes.first { (($0["steps"] as? [[String: Any]]) ?? []).contains { $0["id"] as? Int == 1414 } }
        #expect(withSkillJob?["vehicle"] as? Int == 7)
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["unassigned"] as? Int == 0)
        #expect(summary["cost"] as? Int == solution.cost.total)
    }

    @Test("unsupported VROOM features are refused by name", arguments: [
        (#"{"vehicles": [{"id": 1, "start_index": 0, "breaks": [{"id": 1, "service": 60}]}], "matrices": {"car": {"durations": [[0]]}}}"#, "vehicles[0].breaks"),
        (#"{"vehicles": [{"id": 1, "start": [2.3, 48.8]}], "jobs": [{"id": 1, "location": [2.3, 48.9]}]}"#, "matrices: required"),
        (#"{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0}], "jobs": [{"id": 1, "location_index": 0, "time_windows": [[0, 5], [9, 12]]}], "matrices": {"car": {"durations": [[0]]}}}"#, "several time windows"),
        (#"{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "profile": "bike"}], "matrices": {"car": {"durations": [[0]]}}}"#, "no matrix for \"bike\""),
    ])
    func unsupported(text: String, message: String) {
        do {
            _ = try VroomFormat.read(Data(text.utf8))
            Issue.record("expected an error")
        } catch let error as KairosJSON.InvalidFile {
            #expect(error.issues.joined(separator: "\n").contains(message), "\(error.issues)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
