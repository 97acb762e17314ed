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

        public init(backoff: DeliveryBackoff = DeliveryBackoff(), concurrency: Int = 64, idleMilliseconds: Int64 = 500,
                    requestTimeoutSeconds: Int64 = 10, publicBaseURL: String = "", seed: UInt64 = 0x5AFE) {
            self.backoff = backoff
            self.concurrency = max(1, concurrency)
            self.idleMilliseconds = max(1, idleMilliseconds)
            self.requestTimeoutSeconds = requestTimeoutSeconds
            self.publicBaseURL = publicBaseURL
            self.seed = seed
        }
    }

    private let planner: DeliveryPlanner
    private let outbox: any DeliveryOutbox
    private let subscriptions: SubscriptionService
    private let log: any EventLog
    private let clock: any WallClock
    private let settings: Settings
    /// Made on ``start()`` and closed on ``stop()``, so a platform that never delivers opens no client.
    private var sender: WebhookSender?
    private let logger: Logger
    private var random: SplitMix64
    private var task: Task<Void, Never>?

    public init(log: any EventLog, outbox: any DeliveryOutbox, subscriptions: SubscriptionService, clock: any WallClock,
                settings: Settings, logger: Logger = Logger(label: "safecity.delivery")) {
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

    /// Plans, then sends everything due now once started; returns how many deliveries were attempted.
    @discardableResult
    public func drainOnce() async throws -> Int {
        _ = try await planner.planPending()
        guard let sender else { return 0 }
        let due = try await outbox.due(at: clock.now(), limit: settings.concurrency * 8)
        guard !due.isEmpty else { return 0 }
        let outcomes = await send(due, with: sender)
        try await outbox.update(outcomes)
        return due.count
    }

    private func run() async {
        var seen = (try? await log.lastSequence()) ?? 0
        while !Task.isCancelled {
            do {
                if try await drainOnce() > 0 { continue }
            } catch {
                logger.warning("alert delivery pass failed: \(error)")
            }
            var wait = settings.idleMilliseconds
            if let next = try? await outbox.nextDue() {
                wait = min(wait, max(1, next.millisecondsSince1970 - clock.now().millisecondsSince1970))
            }
            seen = await log.headSignal.wait(beyond: seen, timeout: .milliseconds(wait))
        }
    }

    /// Sends each delivery, at most `concurrency` at once, and returns each with its new state.
    private func send(_ due: [OutboxRecord], with sender: WebhookSender) async -> [OutboxRecord] {
        var jobs: [(OutboxRecord, WebhookEndpoint?)] = []
        for record in due { jobs.append((record, await subscriptions.endpoint(of: record.subscriptionID))) }
        let clock = self.clock, width = settings.concurrency
        var results: [(OutboxRecord, String?)] = []
        await withTaskGroup(of: (OutboxRecord, String?).self) { group in
            var next = 0
            func launch() {
                let (record, endpoint) = jobs[next]
                next += 1
                group.addTask {
                    guard let endpoint else { return (record, "subscription removed") }
                    let failure = await sender.send(body: record.body, key: record.key, to: endpoint,
                                                    unixSeconds: clock.now().millisecondsSince1970 / 1000)
                    return (record, failure)
                }
            }
            while next < min(width, jobs.count) { launch() }
            while let result = await group.next() {
                results.append(result)
                if next < jobs.count { launch() }
            }
        }
        let now = clock.now()
        return results.map { record, failure in
            var updated = record
            updated.attempts += 1
            updated.lastError = failure
            if failure == nil {
                updated.state = .delivered
                updated.nextAttemptAt = now
            } else if failure == "subscription removed" || now.millisecondsSince1970 - record.createdAt.millisecondsSince1970 >= settings.backoff.giveUpAfterMilliseconds {
                updated.state = .abandoned
            } else {
                updated.nextAttemptAt = now.adding(milliseconds: settings.backoff.delayMilliseconds(attempt: updated.attempts, using: &random))
            }
            return updated
        }
    }
}
