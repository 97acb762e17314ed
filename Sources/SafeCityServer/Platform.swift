import Alerting
import Community
import Geo
import Foundation
import Logging
import Synchronization
import SafeCityCore
import SafeCityDispatch
import Security
import Sensing
import Simulation
import Storage

/// The composition root: the database, the log, the services and projections the server
/// and the CLI share. One per process.
public final class Platform: Sendable {
    /// The database: SQLite (one node) or PostgreSQL (one or more nodes).
    public let storage: StorageBackend
    public let log: any EventLog
    public let keys: KeyService
    /// Envelope encryption of personal fields: data keys per kind and month, wrapped by the field key.
    public let vault: FieldVault
    /// Field-key rotation, retention purges and residents' exports.
    public let privacy: PrivacyService
    /// People's accounts (password and TOTP) and their sessions.
    public let accounts: AccountService
    /// Watches credential use for abuse and raises `signal.security`.
    public let accessWatch = AccessWatch()
    public let eventTypes: EventTypeRegistry
    public let activity: ProjectionHost<CityActivity>
    /// The alert desk: drafts, approvals and the public CAP feed.
    public let alerts: AlertService
    private let alertBook: ProjectionHost<AlertBook>
    /// Alert subscriptions and the spatial index over their areas.
    public let subscriptions: SubscriptionService
    /// The durable queue of alert deliveries.
    public let outbox: any DeliveryOutbox
    /// Sends queued alert deliveries as signed webhooks.
    public let delivery: DeliveryWorker
    /// Takes in external CAP messages as signals.
    public let capIngest: CAPIngest
    /// The dispatch desk: units, status, incidents, recommendations and assignments.
    public let dispatch: DispatchService
    private let dispatchBoard: ProjectionHost<DispatchProjection>
    /// The sensor registry and the intake of observations.
    public let sensing: SensingService
    /// Stream rules, sensor health and air quality, worked out in log order (the intake's records in memory).
    public let sensingDetector: SensingDetector
    /// Exercises run through the live system, and their after-action reports.
    public let drills: DrillService
    /// Social-media monitoring: bursts of public-safety posts.
    public let social: SocialService
    /// Residents' reports (Open311).
    public let reports: ReportService
    /// Sends reporters their notices (email, SMS) from the notice outbox; the server starts it with `notices.start()`.
    public let notices: ReporterNoticeWorker
    /// The camera registry and the live analysis of detection streams.
    public let vision: VisionService
    /// Place-based crime forecasts, their backtests and fairness audits.
    public let forecasts: ForecastService
    /// Syndromic surveillance: areas, weekly counts and outbreak signals.
    public let health: HealthService
    /// The Merkle tree over the log, for signed tree heads and inclusion and consistency proofs.
    public let auditTree: AuditTree
    /// Open signals and their acknowledgements.
    public let signalBoard: ProjectionHost<SignalBoard>
    /// Residents' preparedness-quiz progress on the public portal, by hashed resident id.
    public let portalProgress: ProjectionHost<PortalProgress>
    public let metrics: ServerMetrics
    /// Per-address limits on the public writes, per-credential ones on the authenticated routes.
    public let rateLimits: RateLimits
    private let mqttIngests = Mutex<[MQTTSubscription]>([])
    public let clock: any WallClock
    /// The city's road network for routing, ETAs and the map; nil when the platform runs without roads.
    public let roads: CityRoads?

    /// Opens the database at `databasePath` (a SQLite file, or a `postgres://` URL) and starts the projections; `roads` enables the routing API.
    /// `fieldCipher` seals caller details; by default from `SAFECITY_FIELD_KEY`, else `field.key` beside a SQLite database
    /// (created if missing); several nodes on PostgreSQL must share one key, so they need `SAFECITY_FIELD_KEY`.
    /// `delivery` paces the alert webhook worker; the server starts it with `delivery.start()`.
    public init(databasePath: String, clock: any WallClock = SystemClock(), roads: CityRoads? = nil,
                fieldCipher: FieldCipher? = nil, delivery: DeliveryWorker.Settings = .init(), sensorRules: RuleSet? = nil,
                rateLimits: RateLimits = RateLimits(), retention: RetentionSettings = RetentionSettings(), nextFieldCipher: FieldCipher? = nil,
                passwordCost: Int = 15, notices: ReporterNoticeWorker.Settings = .init()) async throws {
        self.rateLimits = rateLimits
        storage = try await StorageBackend.open(databasePath, clock: clock)
        log = storage.log
        keys = KeyService(store: storage.apiKeys, log: log, clock: clock)
        eventTypes = SecurityEvents.registry.merging(CityEventTypes.registry).merging(RoadEvents.registry).merging(AlertEvents.registry)
            .merging(DispatchEvents.registry).merging(SensingEvents.registry).merging(SignalBoard.registry)
            .merging(VisionEvents.registry).merging(ReportEvents.registry).merging(SocialEvents.registry).merging(DrillEvents.registry).merging(PortalEvents.registry)
            .merging(PublicHealthEvents.registry).merging(ForecastEvents.registry).merging(PrivacyEvents.registry)
        // The activity board folds every event; its checkpoint holds every source, so it is written rarely.
        activity = ProjectionHost(CityActivity.self, log: log, checkpoints: storage.checkpoints, checkpointEvery: 50_000)
        alertBook = ProjectionHost(AlertBook.self, log: log, checkpoints: storage.checkpoints)
        alerts = AlertService(log: log, book: alertBook, clock: clock)
        metrics = ServerMetrics()
        dispatchBoard = ProjectionHost(DispatchProjection.self, log: log, checkpoints: storage.checkpoints)
        try await dispatchBoard.start()
        let keyFile = storage.localFolder?.appendingPathComponent("field.key").path
        let cipher = try fieldCipher ?? FieldCipher.load(keyFile: keyFile, generateIfMissing: true)
        // Key files (not the environment) let a rotation put the new key in place itself; `field.key.new` is one under way.
        let keyFiles = fieldCipher == nil && ProcessInfo.processInfo.environment["SAFECITY_FIELD_KEY"] == nil
            ? keyFile.map { (current: $0, next: $0 + ".new") } : nil
        vault = FieldVault(kek: cipher, nextKEK: try nextFieldCipher ?? (fieldCipher == nil ? FieldCipher.loadNext(keyFile: keyFiles?.next) : nil),
                           store: storage.fieldKeys)
        try await vault.load(now: clock.now())
        accounts = AccountService(store: storage.accounts, log: log, vault: vault, clock: clock, passwordCost: passwordCost)
        dispatch = DispatchService(
            log: log, routing: roads?.emergency,
            vault: vault,
            clock: clock, start: await dispatchBoard.snapshot(), streets: roads?.streets,
            onAppended: { [metrics] records in if let last = records.last { metrics.recordAppended(count: records.count, head: last.sequence) } })
        self.clock = clock
        self.roads = roads
        try await roads?.replayTraffic(from: log)
        let append = Self.appender(log: log, metrics: metrics)
        subscriptions = SubscriptionService(store: storage.subscriptions, vault: vault, clock: clock, append: append)
        try await subscriptions.load()
        outbox = storage.outbox
        capIngest = CAPIngest(clock: clock, append: append)
        self.delivery = DeliveryWorker(log: log, outbox: outbox, subscriptions: subscriptions, clock: clock, settings: delivery, append: append)
        // Every node judges every reading; a signal's id comes from its key, so the log records it once.
        sensingDetector = SensingDetector(log: log, clock: clock, rules: try sensorRules ?? RuleSet(rules: []),
                                          append: Self.appender(log: log, metrics: metrics, onlyNew: true))
        sensing = SensingService(log: log, clock: clock, feed: sensingDetector.feed, append: append)
        try await sensing.start()
        try await sensingDetector.start()
        vision = VisionService(log: log, clock: clock, append: append)
        try await vision.start()
        reports = ReportService(log: log, clock: clock, vault: vault, append: append)
        try await reports.start()
        self.notices = ReporterNoticeWorker(log: log, outbox: storage.notices, reports: reports, clock: clock, settings: notices, metrics: metrics, append: append)
        privacy = PrivacyService(vault: vault, retention: retention, log: log, accounts: accounts, subscriptions: subscriptions, reports: reports,
                                 clock: clock, keyFiles: keyFiles, append: append)
        let box = roads?.car.graph.boundingBox
        let places = roads?.streets.map { Dictionary($0.streets.map { ($0.name, $0.point) }, uniquingKeysWith: { first, _ in first }) } ?? [:]
        social = SocialService(
            log: log, clock: clock, salt: cipher.derivedSecret(label: "social-author-hash"),
            detector: try BurstDetector(
                configuration: .init(gridOrigin: box.map { GeoPoint(latitude: $0.minLatitude, longitude: $0.minLongitude) } ?? GeoPoint(latitude: 43.72, longitude: 7.40)),
                gazetteer: places.isEmpty ? nil : try PlaceGazetteer(places: places)),
            append: append)
        try await social.start()
        drills = DrillService(log: log, clock: clock, alerts: alerts, append: append)
        forecasts = ForecastService(log: log, clock: clock, bounds: box, districts: [], append: append)
        health = HealthService(log: log, clock: clock, append: append)
        try await health.start()
        auditTree = AuditTree(log: log, signer: try TreeHeadSigner(derivedFrom: cipher), clock: clock)
        signalBoard = ProjectionHost(SignalBoard.self, log: log, checkpoints: storage.checkpoints)
        try await signalBoard.start()
        portalProgress = ProjectionHost(PortalProgress.self, log: log, checkpoints: storage.checkpoints)
        try await portalProgress.start()
        try await activity.start()
        try await alertBook.start()
        metrics.setLogSize(try await log.lastSequence())
    }

    /// The identity of an API key or a session token, or nil when it is unknown, expired or revoked.
    public func authenticate(_ token: String) async throws -> Identity? {
        token.hasPrefix("scs_") ? try await accounts.authenticate(token) : try await keys.authenticate(token)
    }

    /// Notes an authenticated request (and a bulk read of `recordsRead` log records); raises a security signal on abuse.
    public func noteAccess(_ identity: Identity, from address: String?, recordsRead: Int = 0) async {
        let now = clock.now()
        await raise(accessWatch.used(identity.actorName, from: address, at: now))
        if recordsRead > 0 { await raise(accessWatch.read(recordsRead, by: identity.actorName, at: now)) }
    }

    /// Notes a request refused by its credential's rate limit; raises a security signal when one keeps hitting it.
    public func noteRateLimited(_ identity: Identity) async {
        await raise(accessWatch.limited(identity.actorName, at: clock.now()))
    }

    /// Notes a failed sign-in; raises a security signal on guessing.
    public func noteFailedSignIn(_ username: String, from address: String?) async {
        await raise(accessWatch.failedSignIn(username, from: address, at: clock.now()))
    }

    private func raise(_ finding: AccessWatch.Finding?) async {
        guard let finding, let payload = try? EventPayload(encoding: finding) else { return }
        _ = try? await append([NewEvent(type: SecurityEvents.signal, source: "security", actor: "system:access-watch", occurredAt: clock.now(),
                                        payload: payload)])
    }

    /// Appends events and updates the metrics.
    public func append(_ events: [NewEvent]) async throws -> [EventRecord] {
        try await Self.appender(log: log, metrics: metrics)(events)
    }

    /// Appending to the log and counting it in the metrics, for services that write on their own.
    private static func appender(log: any EventLog, metrics: ServerMetrics, onlyNew: Bool = false) -> @Sendable ([NewEvent]) async throws -> [EventRecord] {
        { events in
            let records = onlyNew ? try await log.appendNew(events) : try await log.append(events)
            if let last = records.last { metrics.recordAppended(count: records.count, head: last.sequence) }
            return records
        }
    }

    /// Takes observations from an MQTT broker until ``shutdown()``.
    public func startMQTT(_ source: MQTTSource, logger: Logger) async throws {
        try await subscribe(MQTTIngest.observations(from: source, sensing: sensing, metrics: metrics, logger: logger))
    }

    /// Starts a subscription and stops it at ``shutdown()``.
    func subscribe(_ subscription: MQTTSubscription) async throws {
        try await subscription.start()
        mqttIngests.withLock { $0.append(subscription) }
    }

    /// Stops background work and saves projection checkpoints.
    public func shutdown() async {
        for ingest in mqttIngests.withLock({ $0 }) { await ingest.stop() }
        await delivery.stop()
        await notices.stop()
        await sensingDetector.stop()
        await signalBoard.stop()
        await portalProgress.stop()
        await activity.stop()
        await alertBook.stop()
        await dispatchBoard.stop()
        await storage.close()
    }
}
