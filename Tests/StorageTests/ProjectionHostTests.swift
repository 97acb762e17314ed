import SafeCityCore
import SafeCityTesting
import Storage
import Testing

@Suite(.timeLimit(.minutes(5))) struct ProjectionHostTests {
    @Test func resumesFromItsCheckpointToTheSameStateAsARebuild() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let database = try SQLiteDatabase(path: dir.path("p.sqlite"))
        let log = try SQLiteEventLog(database: database)
        let checkpoints = SQLiteCheckpointStore(database: database)
        _ = try await log.append(EventFactory.observations(30, seed: 1))

        let first = ProjectionHost(CityActivity.self, log: log, checkpoints: checkpoints)
        try await first.start()
        #expect(await first.startMode == "rebuilt")
        #expect(await first.snapshot().sequence == 30)
        await first.stop()

        _ = try await log.append(EventFactory.observations(5, seed: 2))
        let resumed = ProjectionHost(CityActivity.self, log: log, checkpoints: checkpoints)
        try await resumed.start()
        #expect(await resumed.startMode == "checkpoint")
        let resumedState = await resumed.snapshot()
        await resumed.stop()

        let rebuiltStore = SQLiteCheckpointStore(database: try SQLiteDatabase(path: dir.path("empty.sqlite")))
        let rebuilt = ProjectionHost(CityActivity.self, log: log, checkpoints: rebuiltStore)
        try await rebuilt.start()
        let rebuiltState = await rebuilt.snapshot()
        await rebuilt.stop()

        #expect(resumedState.sequence == 35)
        #expect(resumedState.state == rebuiltState.state)
        #expect(resumedState.state.total == 35)
        #expect(resumedState.state.countsByType["sensor.observation"] == 35)
    }

    @Test func followsLiveAppends() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let database = try SQLiteDatabase(path: dir.path("p.sqlite"))
        let log = try SQLiteEventLog(database: database)
        let host = ProjectionHost(CityActivity.self, log: log, checkpoints: SQLiteCheckpointStore(database: database))
        try await host.start()
        let records = try await log.append(EventFactory.observations(4))
        let snapshot = await host.snapshot(atLeast: records.last!.sequence, timeout: .seconds(10))
        #expect(snapshot.sequence == 4)
        #expect(snapshot.state.sources["sensor:pm25-1"]?.lastSequence == 4)
        await host.stop()
    }
}
