import Foundation
import PostgresNIO
import SafeCityCore

/// Advances a log's head signal when another node commits, so that live streams, projections and
/// detectors on this node see every record whichever node appended it; also runs the node's share of
/// the database's upkeep (``maintain(every:_:)``).
///
/// - Note: It `LISTEN`s on a connection of its own; on (re)connection it first reads the stored head,
///   so a notification missed while disconnected costs nothing. A slow poll of the head backs it up.
public actor PostgresHeadListener {
    private let log: PostgresEventLog
    private var task: Task<Void, Never>?
    private var poller: Task<Void, Never>?
    private var maintenance: Task<Void, Never>?
    /// Notifications received, for the metrics and tests.
    public private(set) var notifications = 0
    public private(set) var reconnections = 0

    public init(log: PostgresEventLog) { self.log = log }

    /// Starts listening; returns once the first LISTEN is in place (or failed once and is retrying).
    public func start(pollInterval: Duration = .seconds(2)) async {
        guard task == nil else { return }
        let ready = AsyncStream<Void>.makeStream()
        task = Task { [weak self] in await self?.listen(ready: ready.continuation) }
        for await _ in ready.stream { break }
        poller = Task { [weak self, log] in
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                if let head = try? await log.lastSequence() { await log.headSignal.advance(to: head) }
                if self == nil { return }
            }
        }
    }

    /// Runs `work` now and then every `interval` until ``stop()``: upkeep of the shared database that any node
    /// may do (making next months' log partitions), idempotent, so that nodes doing it together is harmless.
    public func maintain(every interval: Duration = .seconds(6 * 3_600), _ work: @escaping @Sendable () async throws -> Void) {
        maintenance?.cancel()
        maintenance = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { return }
                try? await work()
            }
        }
    }

    public func stop() {
        task?.cancel()
        poller?.cancel()
        maintenance?.cancel()
        task = nil
        poller = nil
        maintenance = nil
    }

    private func received() { notifications += 1 }
    private func reconnected() { reconnections += 1 }

    private func listen(ready: AsyncStream<Void>.Continuation) async {
        var id = 1
        while !Task.isCancelled {
            do {
                let connection = try await log.database.dedicatedConnection(id: id)
                id += 1
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: PostgresEventLog.channel) { notifications in
                    // Listening now: whatever was committed before is read here, whatever after is notified.
                    await log.headSignal.advance(to: try await log.lastSequence())
                    ready.yield()
                    for try await notification in notifications {
                        if let sequence = Int64(notification.payload) {
                            self.received()
                            await log.headSignal.advance(to: sequence)
                        }
                    }
                }
            } catch {
                ready.yield()
                if Task.isCancelled { break }
                reconnected()
                try? await Task.sleep(for: .seconds(1))
            }
        }
        ready.finish()
    }
}
