import Foundation
import SafeCityCore
import Security
import Simulation
import Storage

/// The composition root: the database, the log, the services and projections the server
/// and the CLI share. One per process.
public final class Platform: Sendable {
    public let database: SQLiteDatabase
    public let log: SQLiteEventLog
    public let keys: KeyService
    public let eventTypes: EventTypeRegistry
    public let activity: ProjectionHost<CityActivity>
    public let metrics: ServerMetrics
    public let clock: any WallClock
    /// The city's road network for routing, ETAs and the map; nil when the platform runs without roads.
    public let roads: CityRoads?

    /// Opens the database at `databasePath` and starts the projections; `roads` enables the routing API.
    public init(databasePath: String, clock: any WallClock = SystemClock(), roads: CityRoads? = nil) async throws {
        database = try SQLiteDatabase(path: databasePath)
        log = try SQLiteEventLog(database: database, clock: clock)
        keys = KeyService(store: SQLiteAPIKeyStore(database: database), log: log, clock: clock)
        eventTypes = SecurityEvents.registry.merging(CityEventTypes.registry).merging(RoadEvents.registry)
        activity = ProjectionHost(CityActivity.self, log: log, checkpoints: SQLiteCheckpointStore(database: database))
        metrics = ServerMetrics()
        self.clock = clock
        self.roads = roads
        try await activity.start()
        metrics.setLogSize(try await log.lastSequence())
    }

    /// Appends events and updates the metrics.
    public func append(_ events: [NewEvent]) async throws -> [EventRecord] {
        let records = try await log.append(events)
        if let last = records.last { metrics.recordAppended(count: records.count, head: last.sequence) }
        return records
    }

    /// Stops background work and saves projection checkpoints.
    public func shutdown() async {
        await activity.stop()
    }
}
