import SafeCityCore
import Synchronization

/// The newest records this process committed, so that readers following the head of the log (the
/// projections, live streams, the sensing detector) get them from memory rather than from SQLite.
///
/// - Note: It holds one consecutive run of sequence numbers, added in commit order. A batch that does
///   not continue the run (another process appended in between) starts a new run; reads outside the
///   run return nil and go to SQLite. Thread safety: all members may be called from any thread.
final class RecentRecords: Sendable {
    private struct State {
        var records: [EventRecord] = []
        /// Index of the oldest record kept; the ones before it are dropped in bulk now and then.
        var offset = 0
    }

    private let state = Mutex(State())
    /// Records kept at most.
    let capacity: Int

    init(capacity: Int = 32_768) { self.capacity = capacity }

    /// Adds committed records, in commit order.
    func add(_ batch: [EventRecord]) {
        guard let head = batch.first else { return }
        state.withLock { state in
            if let last = state.records.last, last.sequence + 1 != head.sequence {
                state.records.removeAll(keepingCapacity: true)
                state.offset = 0
            }
            state.records.append(contentsOf: batch)
            let live = state.records.count - state.offset
            if live > capacity { state.offset += live - capacity }
            if state.offset >= capacity {
                state.records.removeFirst(state.offset)
                state.offset = 0
            }
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
