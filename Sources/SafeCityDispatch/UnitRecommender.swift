import Geo
import RoadNetwork

/// Fills an incident type's run card with the available units that have the lowest live road ETA.
public enum UnitRecommender {
    /// A unit that could go, with its travel time to the incident.
    public struct Candidate: Sendable, Equatable {
        public var unit: DispatchState.Unit
        public var etaSeconds: Double

        public init(unit: DispatchState.Unit, etaSeconds: Double) {
            self.unit = unit
            self.etaSeconds = etaSeconds
        }
    }

    /// Recommends units for an incident at `target`: one one-to-many query for every available unit, then ``fill(_:with:)``.
    ///
    /// - Parameter nodeOf: where each unit is on the road network, when the caller keeps that (else each is snapped now).
    /// - Returns: nil when `target` is off the map.
    public static func recommend(_ type: IncidentType, at target: GeoPoint, units: some Collection<DispatchState.Unit>,
                                 routing: some RoutingProvider, nodeOf: ((DispatchState.Unit) -> NodeID?)? = nil) -> RecommendationResult? {
        let available = units.filter { $0.status == .available }
        let starts = available.map { unit in nodeOf.map { $0(unit) } ?? routing.nearestNode(unit.position) }
        guard let times = routing.travelTimes(fromNodes: starts, to: target) else { return nil }
        let candidates = zip(available, times).compactMap { unit, time in time.map { Candidate(unit: unit, etaSeconds: $0) } }
        return fill(type, with: candidates)
    }

    /// Fills the run card slot by slot, each with the fastest remaining units of an allowed kind (ties by unit id);
    /// a seat no such unit can take goes to the fastest unit of a mutual-aid kind, and only then is it short.
    public static func fill(_ type: IncidentType, with candidates: [Candidate]) -> RecommendationResult {
        var remaining = candidates.sorted { ($0.etaSeconds, $0.unit.id) < ($1.etaSeconds, $1.unit.id) }
        var chosen: [Recommendation] = []
        var shortfalls: [String] = []
        for slot in type.runCard {
            for _ in 0..<slot.count {
                let own = remaining.firstIndex { slot.kinds.contains($0.unit.kind) }
                guard let index = own ?? remaining.firstIndex(where: { slot.mutualAid.contains($0.unit.kind) }) else {
                    shortfalls.append("\(slot.role): no available \(slot.kinds.joined(separator: " or ")) can reach the incident")
                    continue
                }
                let pick = remaining.remove(at: index)
                let reason: String
                if own != nil {
                    let runnerUp = remaining.first { slot.kinds.contains($0.unit.kind) }
                    let beat = runnerUp.map { "; next fastest \($0.unit.id) at \(duration($0.etaSeconds))" } ?? "; no other available \(slot.role)"
                    reason = "fastest available \(pick.unit.kind) for \(slot.role): ETA \(duration(pick.etaSeconds)) by road\(beat)"
                } else {
                    reason = "mutual aid: no available \(slot.kinds.joined(separator: " or ")), so the fastest \(pick.unit.kind) "
                        + "(\(pick.unit.agency)) covers \(slot.role): ETA \(duration(pick.etaSeconds)) by road"
                }
                chosen.append(Recommendation(
                    unitID: pick.unit.id, agency: pick.unit.agency, kind: pick.unit.kind, stationID: pick.unit.stationID,
                    role: slot.role, etaSeconds: pick.etaSeconds, reason: reason))
            }
        }
        return RecommendationResult(typeCode: type.code, units: chosen, shortfalls: shortfalls)
    }

    /// Seconds as `3 min 05 s`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let rest = total % 60
        return "\(total / 60) min \(rest < 10 ? "0" : "")\(rest) s"
    }
}
