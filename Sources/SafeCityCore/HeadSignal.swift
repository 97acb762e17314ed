/// Announces the log's newest committed sequence number to readers waiting for more.
///
/// Readers never receive records through the signal, only the news that there are
/// some; they read them from the log. A slow reader therefore cannot lose records or
/// make the writer buffer them.
public actor HeadSignal {
    private var head: Int64
    private var waiters: [Int: (threshold: Int64, continuation: CheckedContinuation<Int64, Never>)] = [:]
    private var nextWaiterID = 0
    /// Once closed (at shutdown), waits return at once and tails end.
    public private(set) var isClosed = false

    public init(head: Int64 = 0) { self.head = head }

    /// The newest sequence number announced.
    public var current: Int64 { head }

    /// Announces that records up to `sequence` are committed.
    public func advance(to sequence: Int64) {
        guard sequence > head else { return }
        head = sequence
        for (id, waiter) in waiters where waiter.threshold < sequence {
            waiters[id] = nil
            waiter.continuation.resume(returning: sequence)
        }
    }

    /// Wakes every waiter and ends every tail: the log is shutting down.
    public func close() {
        isClosed = true
        for waiter in waiters.values { waiter.continuation.resume(returning: head) }
        waiters.removeAll()
    }

    /// Waits until the head passes `sequence` or the timeout elapses; returns the head.
    public func wait(beyond sequence: Int64, timeout: Duration) async -> Int64 {
        if head > sequence || isClosed { return head }
        let id = nextWaiterID
        nextWaiterID += 1
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.expire(id)
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled || head > sequence || isClosed {
                    continuation.resume(returning: head)
                } else {
                    waiters[id] = (sequence, continuation)
                }
            }
        } onCancel: {
            Task { await self.expire(id) }
        }
        timer.cancel()
        return result
    }

    private func expire(_ id: Int) {
        if let waiter = waiters.removeValue(forKey: id) {
            waiter.continuation.resume(returning: head)
        }
    }
}
