import Geo

/// Which parts of the road network an agency's units reach within a response-time standard, what a
/// dispatch took away, and which move-up (an available unit relocated to a station) wins most of it back.
public enum CoverageAnalysis {
    /// A suggested relocation of one available unit to a station.
    public struct MoveUp: Codable, Sendable, Equatable {
        public var unitID: String
        public var stationID: String
        public var coveredShareAfter: Double
        public var reason: String
    }

    /// An agency's coverage now and as planned, and the best move-up.
    public struct Report: Codable, Sendable, Equatable {
        public var agency: String
        public var minutes: Double
        /// Share of road nodes the agency's available units reach in time from where they are.
        public var coveredShare: Double
        /// Share reached when every in-service unit is available at its station (the plan).
        public var plannedShare: Double
        /// Road nodes the plan covers and the current positions do not (at most `sampleLimit`, evenly sampled).
        public var uncoveredSample: [GeoPoint]
        public var uncoveredCount: Int
        public var moveUp: MoveUp?
    }

    /// Analyses `agency` on `board` against a standard of `minutes` (e.g. 8 for an EMS response).
    public static func analyse(agency: String, minutes: Double, board: DispatchState, routing: some RoutingProvider,
                               sampleLimit: Int = 400) -> Report {
        let seconds = minutes * 60
        let units = board.units.values.filter { $0.agency == agency && $0.status != .outOfService }.sorted { $0.id < $1.id }
        let available = units.filter { $0.status == .available }
        let stations = board.stations.values.filter { $0.agency == agency }.sorted { $0.id < $1.id }
        let homes = units.compactMap { board.stations[$0.stationID]?.location }

        let (now, all) = routing.coverage(from: available.map(\.position), withinSeconds: seconds)
        let planned = routing.coverage(from: homes, withinSeconds: seconds).covered
        let lost = planned.subtracting(now).sorted()
        let stride = max(1, lost.count / max(1, sampleLimit))
        let sample = Swift.stride(from: 0, to: lost.count, by: stride).prefix(sampleLimit).map { routing.coordinate(ofNode: lost[$0]) }
        let total = Double(max(1, all.count))

        var best: MoveUp?
        var bestCovered = now.count
        for unit in available {
            let others = available.filter { $0.id != unit.id }.map(\.position)
            for station in stations where GreatCircle.distanceMetres(station.location, unit.position) > 50 {
                let covered = routing.coverage(from: others + [station.location], withinSeconds: seconds).covered.count
                if covered > bestCovered {
                    bestCovered = covered
                    best = MoveUp(unitID: unit.id, stationID: station.id, coveredShareAfter: Double(covered) / total,
                                  reason: "moving \(unit.id) to \(station.id) raises \(Int(minutes))-minute coverage from "
                                      + "\(percent(Double(now.count) / total)) to \(percent(Double(covered) / total))")
                }
            }
        }
        return Report(agency: agency, minutes: minutes, coveredShare: Double(now.count) / total, plannedShare: Double(planned.count) / total,
                      uncoveredSample: sample, uncoveredCount: lost.count, moveUp: best)
    }

    private static func percent(_ share: Double) -> String { "\((share * 1000).rounded() / 10) %" }
}
