import Geo

/// Suggests, from forecast patient demand per area, which hospital each area's patients should
/// go to and where to station extra ambulances. Pure greedy heuristics, documented below; advice
/// to a dispatcher, not an optimum.
///
/// Diversion: areas are taken in decreasing demand (ties by input order); each goes to the nearest
/// hospital (great-circle distance) whose emergency department is below `maxEDLoad` and that still
/// has ⌈demand⌉ free beds, which are then taken; failing that the nearest with any free bed; failing
/// that none. Ambulance posts: greedy maximum coverage (Church & ReVelle 1974) over area centroids:
/// each step picks the centroid whose `coverageRadiusMetres` circle holds the most demand not yet
/// within reach of an existing or chosen post (ties by input order), and stops early when no
/// centroid adds any.
public struct MedicalAllocation: Sendable {
    /// A receiving hospital and its current state.
    public struct Hospital: Equatable, Sendable {
        /// Caller's identifier.
        public var id: String
        /// Where it is.
        public var location: GeoPoint
        /// Free general beds.
        public var freeBeds: Int
        /// Free intensive-care beds (reported through; not used by the greedy rule).
        public var freeICUBeds: Int
        /// Emergency-department occupancy as a fraction of capacity (0.8 = 80 % full).
        public var edLoad: Double
        /// Creates a hospital.
        public init(id: String, location: GeoPoint, freeBeds: Int, freeICUBeds: Int = 0, edLoad: Double) {
            self.id = id
            self.location = location
            self.freeBeds = freeBeds
            self.freeICUBeds = freeICUBeds
            self.edLoad = edLoad
        }
    }

    /// Forecast demand of one area.
    public struct AreaDemand: Equatable, Sendable {
        /// Caller's identifier.
        public var id: String
        /// Representative point.
        public var centroid: GeoPoint
        /// Expected patients over the planning period.
        public var expectedPatients: Double
        /// Creates a demand.
        public init(id: String, centroid: GeoPoint, expectedPatients: Double) {
            self.id = id
            self.centroid = centroid
            self.expectedPatients = expectedPatients
        }
    }

    /// Where one area's patients should go.
    public struct Destination: Equatable, Sendable {
        /// The area.
        public var areaID: String
        /// The hospital, nil when no hospital has a free bed left.
        public var hospitalID: String?
        /// Distance from the area's centroid to that hospital.
        public var distanceMetres: Double?
        /// Whether the nearest hospital was passed over (full or overloaded).
        public var diverted: Bool
    }

    /// The suggested plan.
    public struct Plan: Equatable, Sendable {
        /// One destination per area, in input order.
        public var destinations: [Destination]
        /// Area IDs at whose centroids to station the extra ambulances, in the order chosen.
        public var ambulancePostAreaIDs: [String]
        /// Expected patients outside every post's coverage radius after placing them.
        public var uncoveredPatients: Double
    }

    /// Emergency departments at or above this load are passed over while others have room.
    public var maxEDLoad: Double
    /// Radius an ambulance post covers.
    public var coverageRadiusMetres: Double

    /// Creates a planner.
    public init(maxEDLoad: Double = 0.9, coverageRadiusMetres: Double = 3_000) {
        self.maxEDLoad = maxEDLoad
        self.coverageRadiusMetres = coverageRadiusMetres
    }

    /// Plans destinations and `extraAmbulances` posts, given posts already staffed.
    ///
    /// - Throws: ``HealthInputError/invalidScanInput(reason:)`` for negative demand, beds or
    ///   ambulances, or invalid coordinates.
    public func plan(hospitals: [Hospital], demand: [AreaDemand], extraAmbulances: Int, existingPosts: [GeoPoint] = []) throws(HealthInputError) -> Plan {
        guard extraAmbulances >= 0 else { throw .invalidScanInput(reason: "extraAmbulances \(extraAmbulances) is negative") }
        guard coverageRadiusMetres > 0 else { throw .invalidScanInput(reason: "coverageRadiusMetres must be positive") }
        for h in hospitals {
            guard h.location.isValid else { throw .invalidScanInput(reason: "hospital \(h.id) location is not a valid coordinate") }
            guard h.freeBeds >= 0, h.freeICUBeds >= 0, h.edLoad >= 0 else { throw .invalidScanInput(reason: "hospital \(h.id) has negative beds or load") }
        }
        for a in demand {
            guard a.centroid.isValid else { throw .invalidScanInput(reason: "area \(a.id) centroid is not a valid coordinate") }
            guard a.expectedPatients >= 0, a.expectedPatients.isFinite else { throw .invalidScanInput(reason: "area \(a.id) demand \(a.expectedPatients) is not a finite count ≥ 0") }
        }
        var destinations = demand.map { Destination(areaID: $0.id, hospitalID: nil, distanceMetres: nil, diverted: false) }
        var beds = hospitals.map(\.freeBeds)
        let order = demand.indices.sorted { demand[$0].expectedPatients > demand[$1].expectedPatients || (demand[$0].expectedPatients == demand[$1].expectedPatients && $0 < $1) }
        for a in order {
            let need = Int(demand[a].expectedPatients.rounded(.up))
            let byDistance = hospitals.indices.map { (GreatCircle.distanceMetres(demand[a].centroid, hospitals[$0].location), $0) }
                .sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            guard let nearest = byDistance.first else { continue }
            let pick = byDistance.first { hospitals[$0.1].edLoad < maxEDLoad && beds[$0.1] >= need }
                ?? byDistance.first { beds[$0.1] > 0 }
            guard let (distance, h) = pick else { continue }
            beds[h] = max(0, beds[h] - need)
            destinations[a] = Destination(areaID: demand[a].id, hospitalID: hospitals[h].id, distanceMetres: distance, diverted: h != nearest.1)
        }

        var covered = demand.map { area in existingPosts.contains { GreatCircle.distanceMetres($0, area.centroid) <= coverageRadiusMetres } }
        var posts: [String] = []
        for _ in 0..<extraAmbulances {
            var bestGain = 0.0
            var best: Int?
            for site in demand.indices {
                var gain = 0.0
                for a in demand.indices where !covered[a] && GreatCircle.distanceMetres(demand[site].centroid, demand[a].centroid) <= coverageRadiusMetres {
                    gain += demand[a].expectedPatients
                }
                if gain > bestGain { bestGain = gain; best = site }
            }
            guard let site = best else { break }
            posts.append(demand[site].id)
            for a in demand.indices where GreatCircle.distanceMetres(demand[site].centroid, demand[a].centroid) <= coverageRadiusMetres { covered[a] = true }
        }
        let uncovered = demand.indices.filter { !covered[$0] }.reduce(0.0) { $0 + demand[$1].expectedPatients }
        return Plan(destinations: destinations, ambulancePostAreaIDs: posts, uncoveredPatients: uncovered)
    }
}
