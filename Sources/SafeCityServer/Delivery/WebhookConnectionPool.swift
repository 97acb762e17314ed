import NIOCore
import Synchronization

/// The keep-alive connections to one webhook origin: at most `limit` open, idle ones reused, callers beyond
/// the limit waiting their turn in order.
final class WebhookConnectionPool: Sendable {
    /// What a caller is given: an idle connection, or the right to open one.
    enum Lease: Sendable {
        case reuse(any Channel)
        case connect
    }

    struct Closed: Error, CustomStringConvertible {
        var description: String { "the webhook client is shut down" }
    }

    private struct State {
        var idle: [any Channel] = []
        var open = 0
        var waiting: [CheckedContinuation<Lease, any Error>] = []
        var closed = false
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = max(1, limit) }

    /// An idle connection or a free slot, waiting for one when all `limit` are busy.
    func lease() async throws -> Lease {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Lease, any Error>? = state.withLock { state in
                if state.closed { return .failure(Closed()) }
                while let channel = state.idle.popLast() {
                    if channel.isActive { return .success(.reuse(channel)) }
                    state.open -= 1  // closed by the receiver while idle
                }
                if state.open < limit {
                    state.open += 1
                    return .success(.connect)
                }
                state.waiting.append(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Gives a leased slot back: `channel` kept for reuse when `reusable`, else closed (nil when connecting failed).
    func release(_ channel: (any Channel)?, reusable: Bool) {
        let keep = reusable && channel?.isActive == true
        let (next, lease): (CheckedContinuation<Lease, any Error>?, Lease) = state.withLock { state in
            if state.closed {
                state.open -= 1
                return (nil, .connect)
            }
            if !state.waiting.isEmpty {
                return (state.waiting.removeFirst(), keep ? .reuse(channel!) : .connect)
            }
            if keep { state.idle.append(channel!) } else { state.open -= 1 }
            return (nil, .connect)
        }
        if !keep || state.withLock({ $0.closed }) { channel?.close(promise: nil) }
        next?.resume(returning: lease)
    }

    /// Closes the idle connections and refuses new leases; callers still waiting are told.
    func shutdown() {
        let (idle, waiting) = state.withLock { state in
            state.closed = true
            defer { state.idle = []; state.waiting = [] }
            return (state.idle, state.waiting)
        }
        for channel in idle { channel.close(promise: nil) }
        for continuation in waiting { continuation.resume(throwing: Closed()) }
    }
}
