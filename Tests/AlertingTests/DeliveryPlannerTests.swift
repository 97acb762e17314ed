import Alerting
import Foundation
import Geo
import SafeCityCore
import SafeCityTesting
import Security
import Storage
import Testing

@Suite(.timeLimit(.minutes(5))) struct DeliveryPlannerTests {
    static let harbour = GeoPoint(latitude: 43.735, longitude: 7.421)

    @Test func anApprovalIsPlannedOnceForExactlyTheSubscribersInItsArea() async throws {
        let desk = try await AlertDesk()
        let database = try SQLiteDatabase(path: desk.directory.path("alerts.sqlite"))
        let store = SQLiteSubscriptionStore(database: database)
        let cipher = FieldCipher.random()
        let vault = FieldVault(kek: cipher, store: SQLiteFieldKeyStore(database: database))
        try await vault.load(now: desk.clock.now())
        let log = desk.log
        let subscriptions = SubscriptionService(store: store, vault: vault, clock: desk.clock, append: { try await log.append($0) })
        let near = try await subscriptions.subscribe(
            SubscriptionRequest(area: SubscriptionArea(point: GeoPoint(latitude: 43.74, longitude: 7.425), radiusMetres: 200),
                                languages: ["es-US"], webhookURL: "http://127.0.0.1:9/near"), by: "key:resident-1", allowPrivateHosts: true)
        let far = try await subscriptions.subscribe(
            SubscriptionRequest(area: SubscriptionArea(point: GeoPoint(latitude: 43.80, longitude: 7.50), radiusMetres: 200),
                                webhookURL: "http://127.0.0.1:9/far"), by: "key:resident-2", allowPrivateHosts: true)

        let stored = try await store.all()
        #expect(stored.count == 2)
        #expect(!stored.contains { $0.sealedEndpoint.contains("127.0.0.1") || $0.sealedSecret.contains(near.secret) }, "contact data is sealed at rest")

        let outbox = SQLiteDeliveryOutbox(database: database)
        let planner = DeliveryPlanner(log: log, outbox: outbox, subscriptions: subscriptions, clock: desk.clock, capURL: { "https://city.example/alerts/\($0).xml" })
        let drafted = try await desk.service.draft(desk.draft, by: AlertServiceTests.officer)
        _ = try await desk.service.approve(drafted.id, by: AlertServiceTests.supervisor)

        #expect(try await planner.planPending() == 1)
        #expect(try await planner.planPending() == 0, "an approval is planned once")
        let deliveries = try await outbox.deliveries(ofAlert: drafted.id)
        #expect(deliveries.map(\.subscriptionID) == [near.subscription.id])
        #expect(!deliveries.contains { $0.subscriptionID == far.subscription.id })
        let payload = try JSONDecoder().decode(WebhookPayload.self, from: Data(deliveries[0].body))
        #expect(payload.idempotencyKey == "\(drafted.id):\(near.subscription.id)")
        #expect(payload.language == "es-US")
        #expect(payload.capURL == "https://city.example/alerts/\(drafted.id).xml")

        // A second service over the same store (a restart) knows the subscriptions and decrypts their endpoints.
        let restarted = FieldVault(kek: cipher, store: SQLiteFieldKeyStore(database: database))
        try await restarted.load(now: desk.clock.now())
        let reloaded = SubscriptionService(store: store, vault: restarted, clock: desk.clock, append: { try await log.append($0) })
        try await reloaded.load()
        #expect(await reloaded.endpoint(of: near.subscription.id) == WebhookEndpoint(url: "http://127.0.0.1:9/near", secret: near.secret))
        try await reloaded.unsubscribe(near.subscription.id, by: "key:resident-1", anyOwner: false)
        await #expect(throws: AlertError.notFound(far.subscription.id)) {
            try await reloaded.unsubscribe(far.subscription.id, by: "key:resident-1", anyOwner: false)
        }
        let types = try await log.read(after: 0, limit: 100).map(\.event.type)
        #expect(types.filter { $0 == AlertEvents.subscribed }.count == 2)
        #expect(types.filter { $0 == AlertEvents.unsubscribed }.count == 1)
        await desk.close()
    }

    @Test func externalCAPIsRecordedOnceAsASignalAndBadCAPIsRefusedWithTheParsersReason() async throws {
        let desk = try await AlertDesk()
        let log = desk.log
        let ingest = CAPIngest(clock: desk.clock, append: { try await log.append($0) })
        let cap = CAPWriter.write(desk.draft.compose(identifier: "nws-1", sender: "w-nws.webmaster@noaa.gov", sent: desk.clock.now(), msgType: .alert, references: nil))
        let first = try await ingest.ingest(Data(cap.utf8), by: "key:feed")
        guard case let .recorded(sequence) = first.outcome else { Issue.record("not recorded"); return }
        #expect(try await ingest.ingest(Data(cap.utf8), by: "key:feed").outcome == .duplicate(sequence))
        let record = try await log.read(after: sequence - 1, limit: 1)[0]
        #expect(record.event.type == AlertEvents.ingested)
        #expect(record.event.location != nil)
        await #expect(throws: AlertError.self) { try await ingest.ingest(Data("<alert>".utf8), by: "key:feed") }
        await desk.close()
    }
}
