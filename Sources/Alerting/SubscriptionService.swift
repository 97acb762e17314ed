import Foundation
import SafeCityCore
import Security
import Storage

/// Keeps alert subscriptions: creates and removes them (each an audited event), holds the
/// spatial index over their areas and answers which subscriptions an alert reaches.
///
/// - Note: Webhook URLs and secrets are sealed (``FieldVault``, kind `subscription`) in the store and in the log;
///   only this actor holds them in the clear, in memory.
public actor SubscriptionService {
    private let store: any SubscriptionStore
    private let vault: FieldVault
    private let clock: any WallClock
    private let append: @Sendable ([NewEvent]) async throws -> [EventRecord]
    private var subscriptions: [String: Subscription] = [:]
    private var endpoints: [String: WebhookEndpoint] = [:]
    private var shapes: [String: AreaShape] = [:]
    /// Built on first use after a change: the index and the subscription id of each indexed area.
    private var targeting: (index: SubscriberTargeting, ids: [String])?
    /// How far ``catchUp(with:)`` has read the log.
    private var followedThrough: Int64 = 0
    /// Log positions of this service's own subscription events not yet passed by ``catchUp(with:)``, which already
    /// knows them: decoding ten thousand of them again would delay the next alert's planning by a quarter second.
    private var ownPositions: Set<Int64> = []

    public init(store: any SubscriptionStore, vault: FieldVault, clock: any WallClock,
                append: @escaping @Sendable ([NewEvent]) async throws -> [EventRecord]) {
        self.store = store
        self.vault = vault
        self.clock = clock
        self.append = append
    }

    /// Loads every stored subscription; call once before use.
    public func load() async throws {
        for record in try await store.all() {
            let subscription = try JSONDecoder().decode(Subscription.self, from: Data(record.definition))
            let endpoint = WebhookEndpoint(url: try await vault.open(record.sealedEndpoint), secret: try await vault.open(record.sealedSecret))
            remember(subscription, endpoint: endpoint, shape: try subscription.area.shape(field: "area"))
        }
    }

    /// Takes in the subscriptions created and removed since the last call, by any node: their events carry the
    /// sealed endpoint, so a node that did not make a subscription can still deliver to it.
    public func catchUp(with log: any EventLog) async throws {
        while true {
            let page = try await log.read(after: followedThrough, limit: 1_000, types: [AlertEvents.subscribed, AlertEvents.unsubscribed])
            for record in page.records where ownPositions.remove(record.sequence) == nil {
                if record.event.type == AlertEvents.subscribed, let created = try? record.event.payload.decode(AlertEvents.Subscribed.self) {
                    guard subscriptions[created.subscription.id] == nil, let shape = try? created.subscription.area.shape(field: "area") else { continue }
                    let endpoint = WebhookEndpoint(url: try await vault.open(created.sealedEndpoint), secret: try await vault.open(created.sealedSecret))
                    remember(created.subscription, endpoint: endpoint, shape: shape)
                } else if record.event.type == AlertEvents.unsubscribed, let removed = try? record.event.payload.decode(AlertEvents.Unsubscribed.self) {
                    forget(removed.subscriptionID)
                }
            }
            guard page.scannedThrough > followedThrough else { return }
            followedThrough = page.scannedThrough
        }
    }

    /// Creates a subscription owned by `actor`; returns it with its signing secret, which is shown only this once.
    /// `allowPrivateHosts` admits webhook URLs on loopback or private addresses (staff and tests only).
    public func subscribe(_ request: SubscriptionRequest, by actor: String, allowPrivateHosts: Bool = false) async throws(AlertError) -> (subscription: Subscription, secret: String) {
        try await subscribe([request], by: actor, allowPrivateHosts: allowPrivateHosts)[0]
    }

    /// Creates several subscriptions at once (e.g. an organisation's list), all or none; errors name the request at fault.
    public func subscribe(_ requests: [SubscriptionRequest], by actor: String, allowPrivateHosts: Bool = false) async throws(AlertError) -> [(subscription: Subscription, secret: String)] {
        var created: [(subscription: Subscription, secret: String, shape: AreaShape, url: String)] = []
        var generator = SystemRandomNumberGenerator()
        let now = clock.now()
        for (i, request) in requests.enumerated() {
            let shape: AreaShape
            do {
                try request.validate(allowPrivateHosts: allowPrivateHosts)
                shape = try request.area.shape(field: "area")
            } catch { throw .invalid(requests.count == 1 ? error : error.nested(under: "[\(i)]")) }
            let secret = "whsec_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
            let subscription = Subscription(
                id: "sub-" + EventID().description, area: request.area, languages: request.languages ?? [],
                channels: request.channels ?? [.webhook], owner: actor, createdAt: now)
            created.append((subscription, secret, shape, request.webhookURL))
        }
        do {
            var records: [SubscriptionRecord] = []
            var events: [NewEvent] = []
            for item in created {
                let sealedEndpoint = try await vault.seal(item.url, kind: .subscriptionContact, at: now)
                let sealedSecret = try await vault.seal(item.secret, kind: .subscriptionContact, at: now)
                records.append(SubscriptionRecord(
                    id: item.subscription.id, definition: Array(try JSONEncoder().encode(item.subscription)), sealedEndpoint: sealedEndpoint,
                    sealedSecret: sealedSecret, owner: actor, createdAt: now))
                events.append(try event(AlertEvents.subscribed, AlertEvents.Subscribed(
                    subscription: item.subscription, sealedEndpoint: sealedEndpoint, sealedSecret: sealedSecret), by: actor))
            }
            try await store.insert(records)
            do {
                ownPositions.formUnion(try await append(events).map(\.sequence))
            } catch {
                for record in records { _ = try? await store.delete(id: record.id) }
                throw error
            }
        } catch { throw .unavailable("\(error)") }
        for item in created {
            remember(item.subscription, endpoint: WebhookEndpoint(url: item.url, secret: item.secret), shape: item.shape)
        }
        return created.map { (subscription: $0.subscription, secret: $0.secret) }
    }

    /// Removes a subscription; only its owner may, unless `anyOwner` (staff who manage subscriptions).
    public func unsubscribe(_ id: String, by actor: String, anyOwner: Bool) async throws(AlertError) {
        guard let subscription = subscriptions[id], anyOwner || subscription.owner == actor else { throw .notFound(id) }
        do {
            _ = try await store.delete(id: id)
            ownPositions.formUnion(try await append([event(AlertEvents.unsubscribed, AlertEvents.Unsubscribed(subscriptionID: id), by: actor)]).map(\.sequence))
        } catch { throw .unavailable("\(error)") }
        forget(id)
    }

    private func forget(_ id: String) {
        guard subscriptions[id] != nil else { return }
        subscriptions[id] = nil
        endpoints[id] = nil
        shapes[id] = nil
        targeting = nil
    }

    /// Subscriptions, oldest first; only `owner`'s when given.
    public func list(ownedBy owner: String?) -> [Subscription] {
        subscriptions.values.filter { owner == nil || $0.owner == owner }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// The subscription with this id.
    public func subscription(_ id: String) -> Subscription? { subscriptions[id] }

    /// Re-seals up to `limit` stored subscriptions still in the old format (under the field key itself) with
    /// a data key, so that the old field key can be dropped after a rotation; returns how many were re-sealed.
    public func resealLegacy(limit: Int) async throws -> Int {
        var done = 0
        for record in try await store.all() where done < limit
            && (FieldVault.isLegacyFormat(record.sealedEndpoint) || FieldVault.isLegacyFormat(record.sealedSecret)) {
            guard let endpoint = endpoints[record.id] else { continue }
            let now = clock.now()
            if try await store.updateSealed(id: record.id, sealedEndpoint: try await vault.seal(endpoint.url, kind: .subscriptionContact, at: now),
                                            sealedSecret: try await vault.seal(endpoint.secret, kind: .subscriptionContact, at: now)) {
                done += 1
            }
        }
        return done
    }

    /// Where to send a subscription's webhooks; nil once it is removed.
    public func endpoint(of id: String) -> WebhookEndpoint? { endpoints[id] }

    /// Where to send each subscription's webhooks, in order; nil for those removed.
    public func endpoints(of ids: [String]) -> [WebhookEndpoint?] { ids.map { endpoints[$0] } }

    /// The subscriptions whose area meets any area of the alert, by id order.
    public func targets(of alert: CAPAlert) throws(CAPParseError) -> [Subscription] {
        let alertShapes = try AreaShape.shapes(of: alert)
        let current = currentTargeting()
        return current.index.targets(of: alertShapes).compactMap { subscriptions[current.ids[$0]] }
    }

    private func currentTargeting() -> (index: SubscriberTargeting, ids: [String]) {
        if let targeting { return targeting }
        let ids = shapes.keys.sorted()
        let built = (SubscriberTargeting(areas: ids.map { shapes[$0]! }), ids)
        targeting = built
        return built
    }

    private func remember(_ subscription: Subscription, endpoint: WebhookEndpoint, shape: AreaShape) {
        subscriptions[subscription.id] = subscription
        endpoints[subscription.id] = endpoint
        shapes[subscription.id] = shape
        targeting = nil
    }

    private func event(_ type: EventType, _ payload: some Encodable, by actor: String) throws -> NewEvent {
        NewEvent(type: type, source: "service:alerting", actor: actor, occurredAt: clock.now(), payload: try EventPayload(encoding: payload))
    }
}
