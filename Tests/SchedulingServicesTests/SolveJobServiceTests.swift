import Foundation
import Logging
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
import ServiceLifecycle
import Synchronization
import Testing

/// Solve jobs: started (checked first), followed, cancelled; run by the workers service with
/// progress, a result or an error in words; put back in the queue by a shutdown or a restart.
@Suite("Solve jobs")
struct SolveJobServiceTests {
    /// A kind that counts to `steps` (the input), reporting progress, until cancelled; "fail" fails.
    static func counting(gate: Gate? = nil) -> SolveJobKind {
        SolveJobKind(
            name: "count", roles: [.scheduler, .admin],
            validate: { input, _ in
                guard input == "fail" || Int(input).map({ (1...1000).contains($0) }) == true else {
                    throw ServiceError.invalid([.init(path: "steps", code: "field.range", message: "steps must be 1 to 1000.")])
                }
            },
            run: { context in
                if context.job.input == "fail" { throw SolveJobFailure("the count could not start: nothing to count.") }
                let steps = Int(context.job.input)!
                for step in 1...steps {
                    if context.isCancelled { return "{\"counted\":\(step - 1)}" }
                    context.report(progress: Double(step) / Double(steps), note: "step \(step)")
                    await gate?.pass(unless: context)
                }
                return "{\"counted\":\(steps)}"
            })
    }

    /// Lets a running job go on only when the test says so, or once it is asked to stop.
    final class Gate: Sendable {
        private let open = Mutex(false)
        func release() { open.withLock { $0 = true } }
        func pass(unless context: SolveJobContext) async {
            while !open.withLock({ $0 }) && !context.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }

    static func harness() throws -> TestHarness { try TestHarness(jobKinds: [counting()]) }

    static func caller(_ harness: TestHarness, _ name: String, _ role: Role) async throws -> Caller {
        let (user, _) = try await harness.user(name, role: role)
        return Caller(principal: Principal(user: user))
    }

    @Test("bad input is refused before anything is stored; a role the kind does not name may not start it")
    func validation() async throws {
        let harness = try Self.harness()
        let scheduler = try await Self.caller(harness, "sched", .scheduler), booker = try await Self.caller(harness, "booker", .bookingCoordinator)
        await #expect(throws: ServiceError.invalid([.init(path: "steps", code: "field.range", message: "steps must be 1 to 1000.")])) {
            try await harness.services.shared.jobs.start(kind: "count", input: "0", by: scheduler)
        }
        await #expect(throws: ServiceError.forbidden("Your role may not start count jobs.")) {
            try await harness.services.shared.jobs.start(kind: "count", input: "3", by: booker)
        }
        await #expect(throws: ServiceError.notFound(entity: "Job kind", id: "nope")) {
            try await harness.services.shared.jobs.start(kind: "nope", input: "3", by: scheduler)
        }
        #expect(try harness.count("solve_jobs") == 0)
    }

    @Test("a started job is queued, run by a worker to its result, with its progress; other roles cannot see it")
    func runToResult() async throws {
        let harness = try Self.harness()
        let scheduler = try await Self.caller(harness, "sched", .scheduler), booker = try await Self.caller(harness, "booker", .bookingCoordinator)
        let job = try await harness.services.shared.jobs.start(kind: "count", input: "5", by: scheduler)
        #expect(job.status == .queued && job.progress == 0)
        let workers = SolveJobWorkers(harness.services.shared.environment, jobs: harness.services.shared.jobs, poll: .milliseconds(10), tick: .milliseconds(10))
        try await runService(workers) { try await harness.services.shared.jobs.job(id: job.id, by: scheduler).status.isFinal }
        let done = try await harness.services.shared.jobs.job(id: job.id, by: scheduler)
        #expect(done.status == .succeeded && done.result == "{\"counted\":5}" && done.progress == 1 && done.startedAt != nil && done.finishedAt != nil)
        await #expect(throws: ServiceError.notFound(entity: "Job", id: job.id.rawValue)) { try await harness.services.shared.jobs.job(id: job.id, by: booker) }
        #expect(try await harness.services.shared.jobs.recent(by: scheduler).map(\.id) == [job.id])
        await #expect(throws: ServiceError.conflict(code: "job.finished", message: "Job \(job.id.rawValue) has already finished (succeeded).")) {
            try await harness.services.shared.jobs.cancel(id: job.id, by: scheduler)
        }
    }

    @Test("a job that fails stores why in words; a queued job cancelled never runs")
    func failAndCancelQueued() async throws {
        let harness = try Self.harness()
        let scheduler = try await Self.caller(harness, "sched", .scheduler)
        let failing = try await harness.services.shared.jobs.start(kind: "count", input: "fail", by: scheduler)
        let queued = try await harness.services.shared.jobs.start(kind: "count", input: "3", by: scheduler)
        let cancelled = try await harness.services.shared.jobs.cancel(id: queued.id, by: scheduler)
        #expect(cancelled.status == .cancelled && cancelled.finishedAt != nil)
        let workers = SolveJobWorkers(harness.services.shared.environment, jobs: harness.services.shared.jobs, poll: .milliseconds(10), tick: .milliseconds(10))
        try await runService(workers) { try await harness.services.shared.jobs.job(id: failing.id, by: scheduler).status.isFinal }
        let failed = try await harness.services.shared.jobs.job(id: failing.id, by: scheduler)
        #expect(failed.status == .failed && failed.error == "the count could not start: nothing to count.")
        #expect(try await harness.services.shared.jobs.job(id: queued.id, by: scheduler).result == nil)
    }

    @Test("a running job cancelled stops within a tick and keeps its result so far")
    func cancelRunning() async throws {
        let gate = Gate()
        let harness = try TestHarness(jobKinds: [Self.counting(gate: gate)])
        let scheduler = try await Self.caller(harness, "sched", .scheduler)
        let job = try await harness.services.shared.jobs.start(kind: "count", input: "1000", by: scheduler)
        let workers = SolveJobWorkers(harness.services.shared.environment, jobs: harness.services.shared.jobs, poll: .milliseconds(10), tick: .milliseconds(10))
        try await runService(workers) {
            let now = try await harness.services.shared.jobs.job(id: job.id, by: scheduler)
            if now.status == .running && now.progress > 0 && !now.cancelRequested {
                #expect(now.note == "step 1")
                // The gate stays shut: the job goes on only once the worker passes the request on.
                _ = try await harness.services.shared.jobs.cancel(id: job.id, by: scheduler)
            }
            return now.status.isFinal
        }
        let done = try await harness.services.shared.jobs.job(id: job.id, by: scheduler)
        #expect(done.status == .cancelled && done.cancelRequested && done.result == "{\"counted\":1}" && done.progress == 0.001)
    }

    @Test("a graceful shutdown stops a running job and puts it back in the queue; a restart queues jobs left running")
    func shutdownAndRestart() async throws {
        let gate = Gate()
        let harness = try TestHarness(jobKinds: [Self.counting(gate: gate)])
        let scheduler = try await Self.caller(harness, "sched", .scheduler)
        let job = try await harness.services.shared.jobs.start(kind: "count", input: "1000", by: scheduler)
        let workers = SolveJobWorkers(harness.services.shared.environment, jobs: harness.services.shared.jobs, poll: .milliseconds(10), tick: .milliseconds(10))
        try await runService(workers) { try await harness.services.shared.jobs.job(id: job.id, by: scheduler).status == .running }
        gate.release()
        let back = try await harness.services.shared.jobs.job(id: job.id, by: scheduler)
        #expect(back.status == .queued && back.startedAt == nil && back.note.contains("shutdown"))
        // A job another process left running is queued again when workers start.
        try await harness.database.writer.write { db in try db.execute(sql: "UPDATE solve_jobs SET status = 'running', started_at_ms = 1") }
        try await runService(SolveJobWorkers(harness.services.shared.environment, jobs: harness.services.shared.jobs, workers: 0, poll: .milliseconds(10))) { true }
        #expect(try await harness.services.shared.jobs.job(id: job.id, by: scheduler).status == .queued)
    }
}

@Suite("OutboxDispatcher")
struct OutboxDispatcherTests {
    /// Records what it was given.
    final class RecordingSender: MessageSender {
        private let sent = Mutex<[OutboxMessage.ID]>([])
        var ids: [OutboxMessage.ID] { sent.withLock { $0 } }
        func deliver(_ message: OutboxMessage) async throws { sent.withLock { $0.append(message.id) } }
    }

    @Test("as a lifecycle service it sends what is due at once, then waits, and stops promptly on a graceful shutdown")
    func runsAsService() async throws {
        let f = try await OutpatientFixture()
        _ = try await f.book(0, f.slot("2026-12-08"))
        let sender = RecordingSender()
        // An hour between runs: the service stops only if the shutdown interrupts the wait
        // (runService records an issue when a service outlives its shutdown by a minute).
        let dispatcher = OutboxDispatcher(notifications: f.harness.services.shared.notifications, sender: sender, interval: .seconds(3600))
        try await runService(dispatcher) { sender.ids.count == 2 }
        #expect(try await f.messages(.init(status: .sent)).count == 2)
    }
}
