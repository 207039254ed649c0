import Synchronization

/// A first-come, first-served asynchronous lock: one write transaction at a time.
///
/// A mutex-guarded queue of continuations rather than an actor: taking a free gate and handing
/// it on cost no hop to another executor, which matters when every booking passes through it.
final class WriteGate: Sendable {
    private struct State: ~Copyable {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var head = 0
    }

    private let state = Mutex(State())

    /// Waits until the gate is free, then holds it.
    func acquire() async {
        let acquired = state.withLock { state -> Bool in
            if state.busy { return false }
            state.busy = true
            return true
        }
        if acquired { return }
        await withCheckedContinuation { continuation in
            // The gate may have been released between the check and now: take it if so.
            let resumeNow = state.withLock { state -> Bool in
                if !state.busy {
                    state.busy = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Whether someone is waiting for the gate now.
    var hasWaiters: Bool { state.withLock { $0.head < $0.waiters.count } }

    /// Hands the gate to the next waiter, or frees it.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.head < state.waiters.count else {
                state.waiters.removeAll(keepingCapacity: true)
                state.head = 0
                state.busy = false
                return nil
            }
            let next = state.waiters[state.head]
            state.head += 1
            if state.head > 64 && state.head * 2 > state.waiters.count {
                state.waiters.removeFirst(state.head)
                state.head = 0
            }
            return next
        }
        next?.resume()
    }
}
