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
        (#"{"vehicles": [{"id": 1, "start_index": 0, "breaks": [{"id": 1, "service": 60, "time_windows": [[0, 5], [9, 12]]}]}], "matrices": {"car": {"durations": [[0]]}}}"#, "vehicles[0].breaks[0].time_windows: one window per break"),
        (#"{"vehicles": [{"id": 1, "start": [2.3, 48.8]}], "jobs": [{"id": 1, "location": [2.3, 48.9]}]}"#, "matrices: required"),
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

    @Test("a job with several time windows starts in one of them")
    func severalWindows() throws {
        let text = #"{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0}], "jobs": [{"id": 5, "location_index": 1, "service": 10, "time_windows": [[0, 20], [90, 120]]}], "matrices": {"car": {"durations": [[0, 50], [50, 0]]}}}"#
        let mapped = try VroomFormat.read(Data(text.utf8))
        #expect(mapped.problem.visits[0].moreWindows == [TimeWindow(start: 90, end: 120)])
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 20, seed: 1)).solve(mapped.problem)
        #expect(SolutionChecker.check(solution, against: mapped.problem).isEmpty)
        #expect(solution.routes.first?.steps.first?.start == 90)
    }

    @Test("vehicle breaks are taken in their window and answered as break steps")
    func breaks() throws {
        let text = #"{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "breaks": [{"id": 77, "service": 30, "time_windows": [[60, 80]]}]}], "jobs": [{"id": 5, "location_index": 1, "service": 40}, {"id": 6, "location_index": 2, "service": 40}], "matrices": {"car": {"durations": [[0, 20, 30], [20, 0, 10], [30, 10, 0]]}}}"#
        let mapped = try VroomFormat.read(Data(text.utf8))
        #expect(mapped.problem.resources[0].breaks == [Break(window: TimeWindow(start: 60, end: 80), duration: 30)])
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 30, seed: 1)).solve(mapped.problem)
        #expect(SolutionChecker.check(solution, against: mapped.problem).isEmpty)
        let route = try #require(solution.routes.first)
        #expect(route.breaks.count == 1)
        #expect((60...80).contains(route.breaks[0].start))
        let output = VroomFormat.output(solution, mapped, solvingMilliseconds: 1)
        let steps = ((output["routes"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]]) ?? []
        let breakStep = try #require(steps.first { $0["type"] as? String == "break" })
        #expect(breakStep["id"] as? Int == 77)
        #expect(breakStep["service"] as? Int == 30)
    }

    @Test("shipments with several windows on a vehicle with a break: pickup, break and delivery steps in VROOM's shape")
    func shipmentsWithBreaks() throws {
        let text = #"""
        {"vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "capacity": [2],
                       "breaks": [{"id": 9, "service": 30, "time_windows": [[100, 140]]}]}],
         "shipments": [{"amount": [1], "pickup": {"id": 11, "location_index": 1, "service": 10, "time_windows": [[0, 5], [60, 90]]},
                        "delivery": {"id": 12, "location_index": 2, "service": 10, "time_windows": [[0, 50], [150, 400]]}}],
         "matrices": {"car": {"durations": [[0, 40, 50], [40, 0, 20], [50, 20, 0]]}}}
        """#
        let (mapped, solution, json) = try Self.solve(text)
        #expect(mapped.problem.requests[0].pickupMoreWindows == [TimeWindow(start: 60, end: 90)])
        #expect(mapped.problem.requests[0].deliveryMoreWindows == [TimeWindow(start: 150, end: 400)])
        #expect(solution.unassigned.isEmpty)
        let steps = ((json["routes"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]]) ?? []
        #expect(steps.map { $0["type"] as? String ?? "" } == ["start", "pickup", "break", "delivery", "end"])
        #expect(steps.map { $0["id"] as? Int } == [nil, 11, 9, 12, nil])
        // The vehicle leaves at 20 to reach the pickup as its second window opens; the break
        // fills the wait for the delivery's second window.
        #expect(steps[0]["arrival"] as? Int == 20 && steps[1]["arrival"] as? Int == 60)
        #expect(steps[2]["arrival"] as? Int == 100)
        let delivery = try #require(solution.routes.first?.steps.last)
        #expect(delivery.start == 150)
    }

    /// Solves VROOM input and answers in VROOM's shape, through JSON as a client reads it.
    static func solve(_ text: String) throws -> (VroomFormat.Mapped, RoutingSolution, [String: Any]) {
        let mapped = try VroomFormat.read(Data(text.utf8))
        let solution = try Solver(parameters: SolverParameters(timeLimit: nil, iterationLimit: 50, seed: 1)).solve(mapped.problem)
        #expect(SolutionChecker.check(solution, against: mapped.problem).isEmpty)
        let data = try JSONSerialization.data(withJSONObject: VroomFormat.output(solution, mapped, solvingMilliseconds: 1))
        return (mapped, solution, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    @Test("a custom cost matrix drives the search and the cost, while distances are still reported")
    func costMatrix() throws {
        // Travel times are all equal; the costs make 0 → 1 → 2 → 0 cheap and every other arc dear.
        let text = #"{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "costs": {"per_hour": 7200}}], "jobs": [{"id": 11, "location_index": 1}, {"id": 12, "location_index": 2}], "matrices": {"car": {"durations": [[0, 10, 10], [10, 0, 10], [10, 10, 0]], "distances": [[0, 100, 200], [100, 0, 300], [200, 300, 0]], "costs": [[0, 1, 100], [100, 0, 1], [1, 100, 0]]}}}"#
        let (mapped, _, json) = try Self.solve(text)
        #expect(mapped.problem.resources[0].costPerDistance == 1 && mapped.problem.resources[0].costPerDuration == 0)
        let route = try #require((json["routes"] as? [[String: Any]])?.first)
        let jobs = ((route["steps"] as? [[String: Any]]) ?? []).compactMap { $0["job"] as? Int }
        #expect(jobs == [11, 12])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["cost"] as? Int == 3)
        #expect(summary["distance"] as? Int == 600)
        #expect(summary["duration"] as? Int == 30)
    }

    @Test("open routes: a vehicle without an end stops at its last job, one without a start begins at its first",
          arguments: [("\"start_index\": 0", "start"), ("\"end_index\": 0", "end")])
    func openRoutes(vehicleEnd: String, kept: String) throws {
        // On a line: 0 — 1 — 2, ten seconds apart.
        let text = #"{"vehicles": [{"id": 1, \#(vehicleEnd)}], "jobs": [{"id": 11, "location_index": 1}, {"id": 12, "location_index": 2}], "matrices": {"car": {"durations": [[0, 10, 20], [10, 0, 10], [20, 10, 0]]}}}"#
        let (_, _, json) = try Self.solve(text)
        let route = try #require((json["routes"] as? [[String: Any]])?.first)
        let types = ((route["steps"] as? [[String: Any]]) ?? []).compactMap { $0["type"] as? String }
        #expect(types == (kept == "start" ? ["start", "job", "job"] : ["job", "job", "end"]))
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["cost"] as? Int == 20)
        #expect(summary["distance"] as? Int == 20)
        #expect(summary["duration"] as? Int == 20)
    }

    @Test("with open routes, a location outside the matrices is still refused by name")
    func openRouteIndex() {
        let text = #"{"vehicles": [{"id": 1, "start_index": 0}], "jobs": [{"id": 11, "location_index": 2}], "matrices": {"car": {"durations": [[0, 10], [10, 0]]}}}"#
        do {
            _ = try VroomFormat.read(Data(text.utf8))
            Issue.record("expected an error")
        } catch let error as KairosJSON.InvalidFile {
            #expect(error.issues.contains("jobs[0].location_index: 2 is outside the matrices (0–1)."), "\(error.issues)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
