import Foundation
import Synchronization

/// The one thread on which file databases run their write groups (``SQLiteStore``).
///
/// Writes are serialised anyway, so one thread loses nothing, and it gains what a shared pool
/// cannot give: the group commit never waits for a pool thread to be free, the draining never
/// has to be handed from one request to another, and the writer's statements stay warm in one
/// core's caches. A `TaskExecutor`: the drain task prefers it, so the write bodies it awaits run
/// here unless they suspend for something else. Shared by every store in the process; a drain
/// task exists only while writes are queued.
final class WriterThread: TaskExecutor, Sendable {
    static let shared = WriterThread(name: "kairos-writer")

    private struct Queue: ~Copyable {
        var jobs: [UnownedJob] = []
    }
    private let queue = Mutex(Queue())
    private let wake = NSCondition()
    /// Whether the thread is asleep waiting for a job (a signal is needed only then).
    private let sleeping = Atomic<Bool>(false)

    private init(name: String) {
        let thread = Thread { [self] in
            // Named from inside, so that `top -H` and `/proc` show it (a new thread otherwise
            // keeps its creator's name).
            Thread.current.name = name
            run()
        }
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.jobs.append(job) }
        if sleeping.load(ordering: .acquiring) {
            wake.lock()
            wake.signal()
            wake.unlock()
        }
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            queue.withLock { swap(&$0.jobs, &batch) }
            if batch.isEmpty {
                wake.lock()
                sleeping.store(true, ordering: .sequentiallyConsistent)
                // Checked again under the condition's lock: a job queued before `sleeping` was
                // set did not signal.
                if queue.withLock({ $0.jobs.isEmpty }) { wake.wait() }
                sleeping.store(false, ordering: .sequentiallyConsistent)
                wake.unlock()
                continue
            }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
