import Alerting
import Foundation
import Logging
import NIOCore
import SafeCityCore
import Storage

/// Drains the alert delivery outbox: plans approvals into deliveries, then POSTs each signed
/// webhook with bounded concurrency, retrying failures with capped exponential backoff.
///
/// - Note: All state that matters is in the durable outbox, so a restarted worker resumes where
///   the last one stopped; a delivery may then be repeated, and its idempotency key lets the
///   receiver drop the repeat (at-least-once delivery).
public actor DeliveryWorker {
    /// How the worker paces itself.
    public struct Settings: Sendable {
        public var backoff: DeliveryBackoff
        /// Webhooks in flight at once.
        public var concurrency: Int
        /// The longest sleep between looks at the outbox when nothing wakes the worker.
        public var idleMilliseconds: Int64
        public var requestTimeoutSeconds: Int64
        /// Prefix of the CAP links in webhook bodies, e.g. `https://alerts.city.example`.
        public var publicBaseURL: String
        /// Seed of the backoff jitter.
        public var seed: UInt64
        /// This node's name in outbox claims.
        public var node: String
        /// How long a claim keeps other nodes off a delivery: longer than one pass of sends (request timeout included).
        public var claimMilliseconds: Int64
        /// How long delivered and abandoned deliveries stay in the outbox (for `GET /v1/alerts/{id}/deliveries`) before
        /// the hourly prune deletes them.
        public var keepFinishedMilliseconds: Int64

        public init(backoff: DeliveryBackoff = DeliveryBackoff(), concurrency: Int = 64, idleMilliseconds: Int64 = 500,
                    requestTimeoutSeconds: Int64 = 10, publicBaseURL: String = "", seed: UInt64 = 0x5AFE,
                    node: String = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))", claimMilliseconds: Int64 = 120_000,
                    keepFinishedMilliseconds: Int64 = 30 * 86_400_000) {
            self.backoff = backoff
            self.concurrency = max(1, concurrency)
            self.idleMilliseconds = max(1, idleMilliseconds)
            self.requestTimeoutSeconds = requestTimeoutSeconds
            self.publicBaseURL = publicBaseURL
            self.seed = seed
            self.node = node
            self.claimMilliseconds = claimMilliseconds
            self.keepFinishedMilliseconds = keepFinishedMilliseconds
        }
    }

    private let planner: DeliveryPlanner
    private let outbox: any DeliveryOutbox
    private let subscriptions: SubscriptionService
    private let log: any EventLog
    private let clock: any WallClock
    private let append: @Sendable ([NewEvent]) async throws -> [EventRecord]
    private let settings: Settings
    /// Made on ``start()`` and closed on ``stop()``, so a platform that never delivers opens no client.
    private var sender: WebhookSender?
    private let logger: Logger
    private var random: SplitMix64
    private var task: Task<Void, Never>?
    private var lastPruned: Timestamp?

    /// `append` records an `alert.delivery.abandoned` event for each delivery given up.
    public init(log: any EventLog, outbox: any DeliveryOutbox, subscriptions: SubscriptionService, clock: any WallClock,
                settings: Settings, append: @escaping @Sendable ([NewEvent]) async throws -> [EventRecord],
                logger: Logger = Logger(label: "safecity.delivery")) {
        self.append = append
        self.log = log
        self.outbox = outbox
        self.subscriptions = subscriptions
        self.clock = clock
        self.settings = settings
        self.logger = logger
        let base = settings.publicBaseURL
        planner = DeliveryPlanner(log: log, outbox: outbox, subscriptions: subscriptions, clock: clock,
                                  capURL: { base + "/alerts/\($0).xml" })
        random = SplitMix64(seed: settings.seed)
    }

    /// Starts draining in the background (the server does; one-shot CLI commands do not).
    public func start() {
        guard task == nil else { return }
        if sender == nil {
            sender = WebhookSender(connectionsPerHost: settings.concurrency, requestTimeoutSeconds: settings.requestTimeoutSeconds)
        }
        task = Task { await self.run() }
    }

    /// Stops after the deliveries in flight and releases the HTTP client.
    public func stop() async {
        task?.cancel()
        await task?.value
        task = nil
        await sender?.shutdown()
        sender = nil
    }

    /// Sends everything due now and plans new approvals, sending their deliveries as they are planned (once
    /// started; before, it only plans); returns how many deliveries were attempted.
    @discardableResult
    public func drainOnce() async throws -> Int {
        guard let sender else {
            try await planner.planPending()
            return 0
        }
        let now = clock.now()
        let claim = OutboxClaim(owner: settings.node, until: now.adding(milliseconds: settings.claimMilliseconds))
        // Retries and deliveries left by other nodes are claimed before planning, so none of this pass's own
        // deliveries can be among them.
        let due = try await outbox.claim(at: now, limit: max(settings.concurrency * 8, 4096), owner: claim.owner, until: claim.until)
        let (chunks, feed) = AsyncStream.makeStream(of: [OutboxRecord].self)
        if !due.isEmpty { feed.yield(due) }
        async let attempted = send(chunks, with: sender)
        do {
            try await planner.planPending(claim: claim) { feed.yield($0) }
        } catch {
            feed.finish()
            _ = try? await attempted
            throw error
        }
        feed.finish()
        return try await attempted
    }

    /// Stores a chunk of outcomes and audits the deliveries given up.
    private func store(_ outcomes: [OutboxRecord]) async throws {
        try await outbox.update(outcomes)
        let abandoned = try outcomes.filter { $0.state == .abandoned }.map { record in
            NewEvent(type: AlertEvents.deliveryAbandoned, source: "service:alert-delivery", actor: "service:alert-delivery", occurredAt: clock.now(),
                     payload: try EventPayload(encoding: AlertEvents.DeliveryAbandoned(
                        alertID: record.alertID, subscriptionID: record.subscriptionID, attempts: record.attempts, lastError: record.lastError ?? "")))
        }
        if !abandoned.isEmpty { _ = try await append(abandoned) }
    }

    /// Deletes finished deliveries past their keeping time, at most once an hour; returns how many went.
    @discardableResult
    public func pruneIfDue() async throws -> Int {
        let now = clock.now()
        if let lastPruned, now.millisecondsSince1970 - lastPruned.millisecondsSince1970 < 3_600_000 { return 0 }
        lastPruned = now
        return try await outbox.prune(finishedBefore: now.adding(milliseconds: -settings.keepFinishedMilliseconds))
    }

    private func run() async {
        var seen = (try? await log.lastSequence()) ?? 0
        while !Task.isCancelled {
            do {
                try await pruneIfDue()
            } catch {
                if Task.isCancelled { return }
                logger.warning("alert outbox prune failed: \(error)")
            }
            do {
                if try await drainOnce() > 0 { continue }
            } catch {
                if Task.isCancelled { return }  // shutdown, not a failure
                logger.warning("alert delivery pass failed: \(error)")
            }
            var wait = settings.idleMilliseconds
            if let next = try? await outbox.nextDue() {
                wait = min(wait, max(1, next.millisecondsSince1970 - clock.now().millisecondsSince1970))
            }
            seen = await log.headSignal.wait(beyond: seen, timeout: .milliseconds(wait))
        }
    }

    /// Sends each delivery as its chunk arrives, at most `concurrency` at once, storing outcomes in chunks as they
    /// complete; a chunk is stored while sending goes on (one store at a time, in order), so the sends never wait on the disk.
    private func send(_ chunks: AsyncStream<[OutboxRecord]>, with sender: WebhookSender) async throws -> Int {
        let clock = self.clock, width = settings.concurrency
        var storing: Task<Void, any Error>?
        let attempted = try await withThrowingTaskGroup(of: (OutboxRecord, String?).self) { group in
            var inFlight = 0, attempted = 0
            var finished: [OutboxRecord] = []
            for await chunk in chunks {
                let endpoints = await subscriptions.endpoints(of: chunk.map(\.subscriptionID))
                for (record, endpoint) in zip(chunk, endpoints) {
                    if inFlight == width, let (done, failure) = try await group.next() {
                        inFlight -= 1
                        finished.append(outcome(of: done, failure: failure))
                        if finished.count >= 512 {
                            storing = store(finished, after: storing)
                            finished.removeAll(keepingCapacity: true)
                        }
                    }
                    group.addTask {
                        guard let endpoint else { return (record, Self.removed) }
                        let failure = await sender.send(body: record.body, key: record.key, to: endpoint,
                                                        unixSeconds: clock.now().millisecondsSince1970 / 1000)
                        return (record, failure)
                    }
                    inFlight += 1
                    attempted += 1
                }
            }
            while let (done, failure) = try await group.next() { finished.append(outcome(of: done, failure: failure)) }
            storing = store(finished, after: storing)
            return attempted
        }
        try await storing?.value
        return attempted
    }

    /// Stores `batch` once `previous` is stored, without the caller waiting.
    private func store(_ batch: [OutboxRecord], after previous: Task<Void, any Error>?) -> Task<Void, any Error> {
        Task {
            try await previous?.value
            try await store(batch)
        }
    }

    private static let removed = "subscription removed"

    /// The delivery after one attempt: delivered, due again after a backoff, or given up.
    private func outcome(of record: OutboxRecord, failure: String?) -> OutboxRecord {
        let now = clock.now()
        var updated = record
        updated.attempts += 1
        updated.lastError = failure
        if failure == nil {
            updated.state = .delivered
            updated.nextAttemptAt = now
        } else if failure == Self.removed || now.millisecondsSince1970 - record.createdAt.millisecondsSince1970 >= settings.backoff.giveUpAfterMilliseconds {
            updated.state = .abandoned
        } else {
            updated.nextAttemptAt = now.adding(milliseconds: settings.backoff.delayMilliseconds(attempt: updated.attempts, using: &random))
        }
        return updated
    }
}
