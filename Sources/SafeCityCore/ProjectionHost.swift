import Foundation

/// Keeps one projection up to date: resumes from its checkpoint (or rebuilds from the
/// log), follows the live tail, and saves a checkpoint every so often.
public actor ProjectionHost<P: Projection> {
    private let log: any EventLog
    private let checkpoints: any CheckpointStore
    private let checkpointEvery: Int64
    private var state: P.State
    private var sequence: Int64 = 0
    private var lastSavedSequence: Int64 = 0
    private var follower: Task<Void, Never>?
    /// Callers of ``snapshot(atLeast:timeout:)`` waiting for the state to reach their write.
    private var waiters: [Int: Waiter] = [:]
    private var nextWaiterID = 0
    /// How the state was obtained at start: `"checkpoint"` or `"rebuilt"`.
    public private(set) var startMode = "rebuilt"

    public init(_ projection: P.Type, log: any EventLog, checkpoints: any CheckpointStore, checkpointEvery: Int64 = 5_000) {
        self.log = log
        self.checkpoints = checkpoints
        self.checkpointEvery = checkpointEvery
        self.state = P.initialState()
    }

    /// Loads the checkpoint if it is usable, catches up with the log, then follows it.
    public func start() async throws {
        if let checkpoint = try await checkpoints.loadCheckpoint(name: P.name), checkpoint.version == P.version,
           let restored = try? JSONDecoder().decode(P.State.self, from: Data(checkpoint.state))
        {
            state = restored
            sequence = checkpoint.sequence
            lastSavedSequence = checkpoint.sequence
            startMode = "checkpoint"
        }
        while true {
            let page = try await log.page(after: sequence, limit: 2_000, types: P.eventTypes)
            fold(page.records)
            advance(to: page.scannedThrough)
            if page.records.count < 2_000 { break }
        }
        try await saveCheckpoint()
        follower = Task { [weak self] in
            await self?.follow()
        }
    }

    /// Folds the log page by page as it grows (one actor turn per page, not per record) and saves a
    /// checkpoint when nothing new came for a while.
    private func follow() async {
        let idleInterval = Duration.seconds(5)
        while !Task.isCancelled {
            do {
                let page = try await log.page(after: sequence, limit: 2_000, types: P.eventTypes)
                fold(page.records)
                advance(to: page.scannedThrough)
                if page.records.count == 2_000 { continue }
                if await log.headSignal.isClosed { break }
                if await log.headSignal.current > sequence { continue }
                let head = await log.headSignal.wait(beyond: sequence, timeout: idleInterval)
                // Another process may have appended; re-read before declaring idle.
                if head <= sequence, !Task.isCancelled, try await log.lastSequence() <= sequence {
                    try? await saveCheckpoint()
                }
            } catch {
                // The log is gone (shutdown); the next start resumes from the checkpoint.
                return
            }
        }
    }

    /// Stops following the log and saves a final checkpoint.
    public func stop() async {
        follower?.cancel()
        follower = nil
        releaseWaiters(reachedBy: .max)
        try? await saveCheckpoint()
    }

    /// The current state and the last sequence number folded into it.
    public func snapshot() -> (state: P.State, sequence: Int64) { (state, sequence) }

    /// Waits until the state includes `target`, for read-your-writes; gives up after `timeout`
    /// (the returned sequence then tells the caller how far the state got).
    public func snapshot(atLeast target: Int64, timeout: Duration = .seconds(30)) async -> (state: P.State, sequence: Int64) {
        if sequence < target {
            let id = nextWaiterID
            nextWaiterID += 1
            await withCheckedContinuation { continuation in
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    await self?.releaseWaiter(id)
                }
                waiters[id] = Waiter(target: target, continuation: continuation, timer: timer)
            }
        }
        return (state, sequence)
    }

    private func releaseWaiter(_ id: Int) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.timer.cancel()
        waiter.continuation.resume()
    }

    private func releaseWaiters(reachedBy sequence: Int64) {
        for (id, waiter) in waiters where waiter.target <= sequence { releaseWaiter(id) }
    }

    /// Records that the log has been read up to `scanned` with nothing more for this projection.
    private func advance(to scanned: Int64) {
        guard scanned > sequence else { return }
        sequence = scanned
        if !waiters.isEmpty { releaseWaiters(reachedBy: sequence) }
    }

    private func fold(_ records: [EventRecord]) {
        for record in records where record.sequence > sequence {
            P.apply(record, to: &state)
            sequence = record.sequence
        }
        if !waiters.isEmpty { releaseWaiters(reachedBy: sequence) }
        if sequence - lastSavedSequence >= checkpointEvery {
            Task { try? await self.saveCheckpoint() }
        }
    }

    private func saveCheckpoint() async throws {
        guard sequence != lastSavedSequence || sequence == 0 else { return }
        let bytes = try JSONEncoder().encode(state)
        let at = sequence
        try await checkpoints.saveCheckpoint(ProjectionCheckpoint(name: P.name, version: P.version, sequence: at, state: Array(bytes)))
        lastSavedSequence = max(lastSavedSequence, at)
    }

    private struct Waiter {
        let target: Int64
        let continuation: CheckedContinuation<Void, Never>
        let timer: Task<Void, Never>
    }
}
