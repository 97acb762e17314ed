import SafeCityCore
import Synchronization

/// Hands the records the intake has just committed to ``SensingDetector`` in memory, so that it
/// need not read them back from the log and decode them.
///
/// The log stays the reference: the detector judges records in log order and reads from the log
/// whatever the feed does not bring — records other writers appended (the events API, another
/// process), records written while the feed was full, and everything before it started.
///
/// - Note: Thread safety: every member may be called from any task; the state sits behind a mutex.
public final class SensingFeed: Sendable {
    /// Records appended in one transaction: consecutive sequence numbers from ``firstSequence``.
    public struct Chunk: Sendable {
        /// What the detector folds in for one record.
        public enum Entry: Sendable {
            /// A `sensor.observation` record, as the observation it carries (canonical unit).
            case observation(Observation)
            /// Any other record, as stored.
            case record(EventRecord)
        }

        /// The sequence number of the first entry.
        public var firstSequence: Int64
        /// One entry per record, in sequence order.
        public var entries: [Entry]

        /// A run of records from `firstSequence` on.
        public init(firstSequence: Int64, entries: [Entry]) {
            self.firstSequence = firstSequence
            self.entries = entries
        }

        /// The sequence number of the last entry.
        public var lastSequence: Int64 { firstSequence + Int64(entries.count) - 1 }
    }

    private struct State {
        var chunks: [Chunk] = []
        var head = 0
        var queuedEntries = 0
        var appendsInFlight = 0
        var waiter: CheckedContinuation<Void, Never>?
        var dropped = 0
    }

    private let state = Mutex(State())
    /// Entries queued at most; a chunk beyond it is dropped and the detector reads it from the log.
    public let capacity: Int

    /// A feed holding at most `capacity` entries.
    public init(capacity: Int = 100_000) { self.capacity = capacity }

    // MARK: Intake side

    /// Says that an append is under way, so that the detector waits for its chunk rather than reading the log.
    public func beginAppend() {
        state.withLock { $0.appendsInFlight += 1 }
    }

    /// Ends an append begun with ``beginAppend()``, handing over what it committed (nil when it failed
    /// or its records are not one consecutive run).
    public func endAppend(_ chunk: Chunk?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.appendsInFlight -= 1
            if let chunk, !chunk.entries.isEmpty {
                if state.queuedEntries + chunk.entries.count <= capacity {
                    state.chunks.append(chunk)
                    state.queuedEntries += chunk.entries.count
                } else {
                    state.dropped += chunk.entries.count
                }
            }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Hands over records committed outside an append begun here (registrations).
    public func offer(_ chunk: Chunk) {
        beginAppend()
        endAppend(chunk)
    }

    // MARK: Detector side

    /// The oldest queued chunk.
    func take() -> Chunk? {
        state.withLock { state in
            guard state.head < state.chunks.count else { return nil }
            let chunk = state.chunks[state.head]
            state.head += 1
            state.queuedEntries -= chunk.entries.count
            if state.head == state.chunks.count {
                state.chunks.removeAll(keepingCapacity: true)
                state.head = 0
            }
            return chunk
        }
    }

    /// Whether an intake append is under way whose chunk has not arrived yet.
    var appendsInFlight: Bool { state.withLock { $0.appendsInFlight > 0 } }

    /// Entries dropped because the queue was full (read from the log instead), for metrics.
    public var droppedEntries: Int { state.withLock { $0.dropped } }

    /// Waits until a chunk is queued or no append is in flight; returns at once if either holds.
    ///
    /// Only one task (the detector's follower) waits at a time.
    func waitForAppends() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if state.head < state.chunks.count || state.appendsInFlight == 0 || Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
