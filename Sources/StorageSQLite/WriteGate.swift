/// A first-come, first-served asynchronous lock: one write transaction at a time.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    /// Waits until the gate is free, then holds it.
    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the gate to the next waiter, or frees it.
    func release() {
        if head < waiters.count {
            let next = waiters[head]
            head += 1
            if head > 64 && head * 2 > waiters.count {
                waiters.removeFirst(head)
                head = 0
            }
            next.resume()
        } else {
            waiters.removeAll(keepingCapacity: true)
            head = 0
            busy = false
        }
    }
}
