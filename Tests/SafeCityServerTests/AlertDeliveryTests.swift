import Alerting
import Foundation
import Geo
import SafeCityCore
import SafeCityServer
import SafeCityTesting
import Security
import Storage
import Testing

/// Webhook delivery end to end: a real receiver on 127.0.0.1 that is down at first, a server restart
/// in the middle, acknowledgements lost once per message.
@Suite(.timeLimit(.minutes(2))) struct AlertDeliveryTests {
    static let settings = DeliveryWorker.Settings(
        backoff: DeliveryBackoff(baseMilliseconds: 50, capMilliseconds: 400), concurrency: 8, idleMilliseconds: 50, requestTimeoutSeconds: 5)

    /// Waits for a condition, up to a generous deadline (a hang guard, not a speed check).
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    static func issue(_ platform: Platform) async throws -> String {
        let draft = AlertDraft.airQualityAdvisory(center: GeoPoint(latitude: 43.735, longitude: 7.421), radiusMetres: 1500, now: platform.clock.now())
        let entry = try await platform.alerts.draft(draft, by: "key:pio")
        _ = try await platform.alerts.approve(entry.id, by: "key:admin")
        return entry.id
    }

    @Test func everySubscriberInTheAreaGetsEveryAlertAtLeastOnceAndNobodyOutsideGetsAny() async throws {
        let directory = TemporaryDirectory("safecity-delivery")
        let path = directory.path("server.sqlite")
        let cipher = FieldCipher.random()
        let receiver = WebhookReceiver(failFirstAttempt: true)
        let port = try await receiver.start()
        await receiver.stop()  // the subscribers' server is down to begin with

        var platform = try await Platform(databasePath: path, fieldCipher: cipher, delivery: Self.settings)
        await platform.delivery.start()
        let areas: [(String, SubscriptionArea)] = [
            ("inside-point", SubscriptionArea(point: GeoPoint(latitude: 43.74, longitude: 7.425), radiusMetres: 200)),
            ("inside-polygon", SubscriptionArea(polygon: [
                GeoPoint(latitude: 43.745, longitude: 7.43), GeoPoint(latitude: 43.745, longitude: 7.45),
                GeoPoint(latitude: 43.76, longitude: 7.45), GeoPoint(latitude: 43.76, longitude: 7.43), GeoPoint(latitude: 43.745, longitude: 7.43),
            ])),
            ("inside-wide", SubscriptionArea(point: GeoPoint(latitude: 43.70, longitude: 7.40), radiusMetres: 6000)),
            ("outside", SubscriptionArea(point: GeoPoint(latitude: 43.80, longitude: 7.50), radiusMetres: 300)),
        ]
        var ids: [String: String] = [:]
        for (name, area) in areas {
            let created = try await platform.subscriptions.subscribe(
                SubscriptionRequest(area: area, webhookURL: "http://127.0.0.1:\(port)/hook/\(name)"), by: "key:resident-\(name)",
                allowPrivateHosts: true)
            ids[name] = created.subscription.id
            await receiver.register(name, secret: created.secret)
        }

        let first = try await Self.issue(platform)
        let triedWhileDown = try await Self.eventually {
            let deliveries = try await platform.outbox.deliveries(ofAlert: first)
            return deliveries.count == 3 && deliveries.allSatisfy { $0.attempts >= 1 && $0.state == .pending }
        }
        #expect(triedWhileDown, "the worker tried the three subscribers in the area while they were down")

        await platform.shutdown()  // the SafeCity server restarts with deliveries still owed
        platform = try await Platform(databasePath: path, fieldCipher: cipher, delivery: Self.settings)
        await platform.delivery.start()
        let second = try await Self.issue(platform)
        _ = try await receiver.start(port: port)  // the subscribers come back

        let inside = ["inside-point", "inside-polygon", "inside-wide"]
        let expected = Dictionary(uniqueKeysWithValues: inside.map { name in
            (name, Set([first, second].map { WebhookPayload.idempotencyKey(alertID: $0, subscriptionID: ids[name]!) }))
        })
        let allDelivered = try await Self.eventually {
            let outbox = try await platform.outbox.deliveries(ofAlert: first) + platform.outbox.deliveries(ofAlert: second)
            return await receiver.hasReceived(expected) && outbox.allSatisfy { $0.state == .delivered }
        }
        #expect(allDelivered, "every subscriber in the area got both alerts")

        let arrivals = await receiver.arrivals
        #expect(arrivals["outside"] == nil, "nobody outside the area gets the alert")
        #expect(Set(arrivals.keys) == Set(inside))
        for name in inside { #expect(arrivals[name].map { Set($0.keys) } == expected[name]) }
        #expect(await receiver.repeatsDropped >= 6, "each lost acknowledgement led to a repeat that the key let the receiver drop")
        #expect(await receiver.badSignatures == 0)
        let payload = try JSONDecoder().decode(WebhookPayload.self, from: Data(arrivals["inside-point"]![expected["inside-point"]!.first!]!.body))
        #expect(payload.event == "Air Quality Advisory")
        let outbox = try await platform.outbox.deliveries(ofAlert: first) + platform.outbox.deliveries(ofAlert: second)
        #expect(outbox.count == 6)
        #expect(!outbox.contains { $0.subscriptionID == ids["outside"] })

        await receiver.stop()
        await platform.shutdown()
        directory.remove()
    }

    @Test func aDeliveryToARemovedSubscriptionIsGivenUpAndAudited() async throws {
        let directory = TemporaryDirectory("safecity-delivery")
        let platform = try await Platform(databasePath: directory.path("server.sqlite"), fieldCipher: .random(), delivery: Self.settings)
        let created = try await platform.subscriptions.subscribe(
            SubscriptionRequest(area: SubscriptionArea(point: GeoPoint(latitude: 43.74, longitude: 7.425), radiusMetres: 200),
                                webhookURL: "http://127.0.0.1:9/hook/gone"), by: "key:resident", allowPrivateHosts: true)
        let alert = try await Self.issue(platform)
        #expect(try await platform.delivery.drainOnce() == 0, "planned, but nothing is sent before the worker starts")
        #expect(try await platform.outbox.deliveries(ofAlert: alert).map(\.state) == [.pending])
        try await platform.subscriptions.unsubscribe(created.subscription.id, by: "key:resident", anyOwner: false)
        await platform.delivery.start()
        let gaveUp = try await Self.eventually {
            try await platform.outbox.deliveries(ofAlert: alert).map(\.state) == [.abandoned]
        }
        #expect(gaveUp)
        let audited = try await Self.eventually {
            try await platform.log.read(after: 0, limit: 100).contains { $0.event.type == AlertEvents.deliveryAbandoned }
        }
        #expect(audited, "giving up is recorded in the log")
        await platform.shutdown()
        directory.remove()
    }
}
