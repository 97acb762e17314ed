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
    public func planPending(batchSize: Int = 256) async throws -> Int {
        var queued = 0
        // Subscriptions made on other nodes since the last pass must be targeted too.
        try await subscriptions.catchUp(with: log)
        var position = try await outbox.plannedThrough()
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
                for subscription in targets {
                    let payload = WebhookPayload(alert: approved.cap, subscription: subscription, capURL: capURL(approved.alertID))
                    deliveries.append(OutboxRecord(
                        key: payload.idempotencyKey, alertID: approved.alertID, subscriptionID: subscription.id, body: payload.bytes,
                        nextAttemptAt: now, createdAt: now))
                }
            }
            try await outbox.enqueue(deliveries, plannedThrough: page.scannedThrough)
            queued += deliveries.count
            position = page.scannedThrough
        }
    }
}
