import RoadNetwork
import SafeCityCore

extension CityRoads {
    /// Re-applies every recorded `traffic.updated` event, in log order, so that a restarted server routes
    /// on the traffic it had, not on free-flow speeds.
    ///
    /// An update that no longer fits the roads (another map was loaded since) is skipped and counted.
    /// - Returns: how many updates were applied and how many skipped.
    @discardableResult
    public func replayTraffic(from log: any EventLog) async throws -> (applied: Int, skipped: Int) {
        var applied = 0, skipped = 0
        try await log.forEachRecord(ofTypes: [RoadEvents.trafficUpdated]) { record in
            guard let update = try? record.event.payload.decode(RoadEvents.TrafficUpdated.self) else {
                skipped += 1
                return
            }
            let routers = update.profiles.compactMap(RoadProfile.Vehicle.init(rawValue:)).map(router(for:))
            var fits = !routers.isEmpty
            for router in routers where fits {
                switch (update.way, update.edge) {
                case let (way?, nil): fits = ((try? router.setSpeedFactor(update.speedFactor, way: way)) ?? 0) > 0
                case let (nil, edge?) where edge >= 0 && edge < router.graph.edgeCount:
                    fits = (try? router.setSpeedFactor(update.speedFactor, edge: EdgeID(Int(edge)))) != nil
                default: fits = false
                }
            }
            if fits { applied += 1 } else { skipped += 1 }
        }
        return (applied, skipped)
    }
}
