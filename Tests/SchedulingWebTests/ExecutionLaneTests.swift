import Foundation
import SchedulingServices
import Synchronization
import Testing
@testable import SchedulingWeb

/// A value shared with work on other threads.
final class Box<T: Sendable>: Sendable {
    let value: Mutex<T>
    init(_ initial: T) { value = Mutex(initial) }
}

/// Blocking and heavy work runs on lanes of its own, off Swift's cooperative threads, and a lane
/// admits only so much work before it refuses with "busy" (issue 15, item 1).
@Suite("Execution lanes")
struct ExecutionLaneTests {
    /// The name the operating system gives the current thread.
    static func threadName() -> String {
        Thread.current.name ?? ""
    }

    @Test("work and whole async bodies run on the lane's threads")
    func runsOnLane() async throws {
        let lane = ExecutionLane(name: "test", threads: 1, queue: 4)
        let names = try await lane.run { Self.threadName() }
        #expect(names.hasPrefix("TP-#"), "ran on \(names)")
        let inside = try await lane.admit { () async throws -> String in
            try await Task.sleep(for: .milliseconds(5))
            return Self.threadName()
        }
        #expect(inside.hasPrefix("TP-#"), "resumed on \(inside)")
        try await lane.shutdown()
    }

    @Test("beyond its threads and waiting places a lane answers busy at once, and takes work again when there is room")
    func admission() async throws {
        let lane = ExecutionLane(name: "heavy", threads: 1, queue: 1)
        let release = Box(false), started = Box(0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await lane.run {
                        started.value.withLock { $0 += 1 }
                        while !release.value.withLock({ $0 }) { usleep(1000) }
                    }
                }
            }
            while lane.load < 2 { try await Task.sleep(for: .milliseconds(1)) }
            await #expect(throws: ServiceError.busy("The server is busy (heavy); try again in a few seconds.", retryAfter: 2)) {
                try await lane.run { 1 }
            }
            release.value.withLock { $0 = true }
            try await group.waitForAll()
        }
        #expect(started.value.withLock { $0 } == 2 && lane.load == 0)
        #expect(try await lane.run { 7 } == 7)
        try await lane.shutdown()
    }
}
