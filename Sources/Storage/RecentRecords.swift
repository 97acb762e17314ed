import SafeCityCore
import Synchronization

/// The newest records this process committed, so that readers following the head of the log (the
/// projections, live streams, the sensing detector) get them from memory rather than from SQLite.
///
/// - Note: It holds one consecutive run of sequence numbers. A batch that arrives ahead of a gap waits
///   for the batches before it (concurrent appends report back out of order); when too many wait, the gap
///   is another process's and a new run starts. Reads outside the run return nil and go to the database.
///   Thread safety: all members may be called from any thread.
final class RecentRecords: Sendable {
    private struct State {
        var records: [EventRecord] = []
        /// Index of the oldest record kept; the ones before it are dropped in bulk now and then.
        var offset = 0
        /// Batches that arrived ahead of a gap, by first sequence number: concurrent appends on PostgreSQL
        /// commit in order but report back in any order.
        var waiting: [Int64: [EventRecord]] = [:]
    }

    private let state = Mutex(State())
    /// Records kept at most.
    let capacity: Int
    /// Batches held ahead of a gap at most; past that the gap is taken to be another writer's, and the run restarts.
    static let maxWaiting = 64

    init(capacity: Int = 32_768) { self.capacity = capacity }

    /// Adds committed records; batches may come out of order, and ones already held are ignored.
    func add(_ batch: [EventRecord]) {
        guard let head = batch.first else { return }
        let capacity = self.capacity
        state.withLock { state in
            guard let last = state.records.last?.sequence else {
                state.records.append(contentsOf: batch)
                return
            }
            if head.sequence <= last {
                // Already held (a reader's page overlapping an append), or older than the run.
                if let tail = batch.last, tail.sequence > last { Self.extend(&state, capacity: capacity, with: Array(batch.drop { $0.sequence <= last })) }
                return
            }
            if head.sequence == last + 1 {
                Self.extend(&state, capacity: capacity, with: batch)
                while let next = state.records.last.flatMap({ state.waiting.removeValue(forKey: $0.sequence + 1) }) {
                    Self.extend(&state, capacity: capacity, with: next)
                }
                return
            }
            state.waiting[head.sequence] = batch
            if state.waiting.count > Self.maxWaiting {
                // The gap is not this process's to fill: start a new run at the earliest batch waiting.
                let first = state.waiting.keys.min()!
                state.records.removeAll(keepingCapacity: true)
                state.offset = 0
                state.records.append(contentsOf: state.waiting.removeValue(forKey: first)!)
                while let next = state.waiting.removeValue(forKey: state.records[state.records.count - 1].sequence + 1) {
                    Self.extend(&state, capacity: capacity, with: next)
                }
                state.waiting = state.waiting.filter { $0.key > state.records[state.records.count - 1].sequence }
            }
        }
    }

    private static func extend(_ state: inout State, capacity: Int, with batch: [EventRecord]) {
        state.records.append(contentsOf: batch)
        let live = state.records.count - state.offset
        if live > capacity { state.offset += live - capacity }
        if state.offset >= capacity {
            state.records.removeFirst(state.offset)
            state.offset = 0
        }
    }

    /// Up to `limit` records after `sequence` (of `types`, or all when nil) from memory, with how far the
    /// read looked: to the newest record kept unless `limit` records were found first. Nil when memory
    /// does not hold the record right after `sequence`, or holds nothing newer (another process may have
    /// appended: SQLite answers).
    func read(after sequence: Int64, limit: Int, types: Set<EventType>?) -> EventPage? {
        guard limit > 0 else { return nil }
        let wanted = types.map(Array.init)
        return state.withLock { state -> EventPage? in
            guard state.records.count > state.offset else { return nil }
            let first = state.records[state.offset].sequence
            let last = state.records[state.records.count - 1].sequence
            guard sequence >= first - 1, sequence < last else { return nil }
            var index = state.offset + Int(sequence + 1 - first)
            let end = state.records.count
            var found: [EventRecord] = []
            while index < end && found.count < limit {
                let record = state.records[index]
                if wanted.map({ $0.contains(record.event.type) }) ?? true { found.append(record) }
                index += 1
            }
            return EventPage(records: found, scannedThrough: state.records[index - 1].sequence)
        }
    }
}
