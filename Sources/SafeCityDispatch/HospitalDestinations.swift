import Geo

/// Where an ambulance should take a patient: receiving hospitals ranked by capacity and road time.
public enum HospitalDestinations {
    /// One hospital as a destination for an incident's patient.
    public struct Suggestion: Codable, Sendable, Equatable {
        public var hospitalID: String
        public var name: String
        public var etaSeconds: Double?
        public var freeBeds: Int
        public var diversion: Bool
        /// Whether it can take the patient now: not on diversion, a free bed of the needed type, reachable by road.
        public var eligible: Bool
        public var reason: String
    }

    /// Every hospital for a patient needing a `bedType` bed at `location`: eligible ones first by ETA, then the rest
    /// with the reason they are not suggested. Nil when the location is off the map.
    public static func rank(for location: GeoPoint, bedType: String, hospitals: some Collection<DispatchState.Hospital>,
                            routing: some RoutingProvider) -> [Suggestion]? {
        let list = hospitals.sorted { $0.id < $1.id }
        guard let times = routing.travelTimes(from: location, to: list.map(\.location)) else { return nil }
        return zip(list, times).map { hospital, eta in
            let free = hospital.beds[bedType, default: 0]
            let reason: String
            switch (hospital.diversion, free, eta) {
            case (true, _, _): reason = "on diversion"
            case (_, ...0, _): reason = "no free \(bedType) bed"
            case (_, _, nil): reason = "no road route"
            case let (_, _, .some(seconds)): reason = "\(free) free \(bedType) bed\(free == 1 ? "" : "s"), \(UnitRecommender.duration(seconds)) by road"
            }
            return Suggestion(hospitalID: hospital.id, name: hospital.name, etaSeconds: eta, freeBeds: free, diversion: hospital.diversion,
                              eligible: !hospital.diversion && free > 0 && eta != nil, reason: reason)
        }.sorted { a, b in
            if a.eligible != b.eligible { return a.eligible }
            return (a.etaSeconds ?? .infinity, a.hospitalID) < (b.etaSeconds ?? .infinity, b.hospitalID)
        }
    }
}
