import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import Testing
@testable import SchedulingWeb

/// Solve jobs through the HTTP API: a routing problem in Kairos JSON is started (202 with its
/// Location), solved by the workers in the background, read with its result, and cannot be
/// cancelled once finished; bad problems are 422 and store nothing.
@Suite("Jobs API")
struct JobsAPITests {
    static var example: String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/small-day.json")
        return try! String(contentsOf: url, encoding: .utf8)
    }

    @Test("start a routing job, follow it to its checked solution, list it; a finished job cannot be cancelled")
    func routingJob() async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("planner", role: .transportPlanner)
        let workers = SolveJobWorkers(kit.services.shared.environment, jobs: kit.services.shared.jobs, poll: .milliseconds(10), tick: .milliseconds(50))
        try await kit.run { client in
            let started = try await client.json("/api/v1/routing/jobs?timeLimitSeconds=1&seed=3", .post, token: token, body: Self.example)
            #expect(started.status == .accepted)
            let location = try #require(started.headers[.location])
            let job = try #require(try JSONSerialization.jsonObject(with: Data(started.text.utf8)) as? [String: Any])
            #expect(job["status"] as? String == "queued" && location == "/api/v1/jobs/\(job["id"] as? String ?? "")")
            try await runService(workers) {
                let read = try await client.json(location, token: token)
                return ["succeeded", "failed", "cancelled"].contains { read.text.contains("\"status\":\"\($0)\"") }
            }
            let read = try await client.json(location, token: token)
            let finished = try #require(try JSONSerialization.jsonObject(with: Data(read.text.utf8)) as? [String: Any])
            #expect(finished["status"] as? String == "succeeded", "\(finished["error"] ?? "")")
            let result = try #require(finished["result"] as? [String: Any])
            #expect((result["routes"] as? [Any])?.isEmpty == false && finished["progress"] as? Double == 1)
            let list = try await client.json("/api/v1/jobs", token: token)
            #expect(list.status == .ok && list.text.contains(job["id"] as! String) && !list.text.contains("\"result\""))
            let cancel = try await client.json(location, .delete, token: token)
            #expect(cancel.status == .conflict)
        }
    }

    @Test("a problem that cannot be solved as given is 422 naming each field, and nothing is stored; other roles get 403")
    func invalid() async throws {
        let kit = try WebTestKit()
        let (_, token) = try await kit.harness.user("planner", role: .scheduler)
        let (_, booker) = try await kit.harness.user("booker", role: .bookingCoordinator)
        try await kit.run { client in
            let bad = try await client.json("/api/v1/routing/jobs", .post, token: token, body: #"{"matrices": [], "dimensions": 1, "resources": []}"#)
            #expect(bad.status == .unprocessableContent)
            let problem = try bad.decode(Problem.self)
            #expect(problem.issues?.isEmpty == false)
            let limits = try await client.json("/api/v1/routing/jobs?timeLimitSeconds=0", .post, token: token, body: Self.example)
            #expect(limits.status == .unprocessableContent && limits.text.contains("timeLimitSeconds"))
            #expect(try await client.json("/api/v1/routing/jobs", .post, token: booker, body: Self.example).status == .forbidden)
            #expect(try await client.json("/api/v1/jobs/job_nope", token: token).status == .notFound)
        }
        #expect(try kit.harness.count("solve_jobs") == 0)
    }
}
