import SafeCityCore
import Storage

/// Turns approved alerts in the log into outbox deliveries, one per subscription the alert reaches.
///
/// - Note: Resumes from the outbox's planned position, and stores each batch's deliveries together
///   with the new position, so a restart plans every approval exactly once. Alerts already expired
///   when planned are skipped.
public struct DeliveryPlanner: Sendable {
    private let log: any EventLog
    private let outbox: any DeliveryOutbox
    private let subscriptions: SubscriptionService
    private let clock: any WallClock
    /// Maps an alert identifier to the public URL of its CAP document.
    private let capURL: @Sendable (String) -> String

    public init(log: any EventLog, outbox: any DeliveryOutbox, subscriptions: SubscriptionService, clock: any WallClock,
                capURL: @escaping @Sendable (String) -> String) {
        self.log = log
        self.outbox = outbox
        self.subscriptions = subscriptions
        self.clock = clock
        self.capURL = capURL
    }

    /// Plans every approval recorded since the last call; returns the number of deliveries queued.
    ///
    /// Deliveries are stored in chunks of at most `chunkSize`, each handed to `planned` as soon as it is stored
    /// (only those this call stored, claimed for `claim`), so sending can begin while a large alert is still being
    /// planned. A chunk before an approval's last advances no position: after a crash the approval is planned
    /// again and the deliveries already stored are kept as they are.
    @discardableResult
    public func planPending(batchSize: Int = 256, chunkSize: Int = 1_000, claim: OutboxClaim? = nil,
                            planned: @Sendable ([OutboxRecord]) async -> Void = { _ in }) async throws -> Int {
        var queued = 0
        // Subscriptions made on other nodes since the last pass must be targeted too.
        try await subscriptions.catchUp(with: log)
        var position = try await outbox.plannedThrough()
        func store(_ deliveries: [OutboxRecord], through sequence: Int64) async throws {
            let stored = try await outbox.enqueue(deliveries, plannedThrough: sequence, claim: claim)
            queued += stored.count
            if !stored.isEmpty { await planned(stored.count == deliveries.count ? deliveries : deliveries.filter { stored.contains($0.key) }) }
        }
        while true {
            // Only approvals matter; the rest of the log is skipped unread.
            let page = try await log.read(after: position, limit: batchSize, types: [AlertEvents.approved])
            guard page.scannedThrough > position else { return queued }
            var deliveries: [OutboxRecord] = []
            let now = clock.now()
            for record in page.records {
                guard let approved = try? record.event.payload.decode(AlertEvents.Approved.self) else { continue }
                let expiries = approved.cap.infos.compactMap(\.expires?.timestamp)
                if let latest = expiries.max(), latest <= now { continue }
                guard let targets = try? await subscriptions.targets(of: approved.cap) else { continue }
                var bodies = WebhookBodies(alert: approved.cap, capURL: capURL(approved.alertID))
                for subscription in targets {
                    deliveries.append(OutboxRecord(
                        key: WebhookPayload.idempotencyKey(alertID: approved.cap.identifier, subscriptionID: subscription.id),
                        alertID: approved.alertID, subscriptionID: subscription.id, body: bodies.body(for: subscription),
                        nextAttemptAt: now, createdAt: now))
                    if deliveries.count >= chunkSize {
                        try await store(deliveries, through: position)
                        deliveries.removeAll(keepingCapacity: true)
                    }
                }
            }
            try await store(deliveries, through: page.scannedThrough)
            position = page.scannedThrough
        }
    }
}
