import Geo
import SafeCityCore

/// The fixed layout of the simulated city: stations with their units, and sensors.
public struct CityPlan: Sendable {
    /// A police, fire or EMS station.
    public struct Station: Sendable, Equatable {
        public var id: String
        public var agency: String
        public var node: Int32
    }

    /// A response unit and the station it belongs to.
    public struct Unit: Sendable, Equatable {
        public var id: String
        public var agency: String
        public var kind: String
        public var station: String
        public var homeNode: Int32
    }

    /// An environmental or traffic sensor at a road node.
    public struct Sensor: Sendable, Equatable {
        public var id: String
        public var quantity: String
        public var unit: String
        public var node: Int32
        public var reportEverySeconds: Int64
    }

    public var stations: [Station]
    public var units: [Unit]
    public var sensors: [Sensor]

    /// Lays out a city on a street network, reproducibly for a seed.
    public static func make(on streets: StreetNetwork, seed: UInt64) -> CityPlan {
        var rng = SplitMix64(seed: seed)
        let stationKinds: [(agency: String, units: [String])] = [
            ("police", ["patrol", "patrol", "patrol"]), ("police", ["patrol", "patrol", "patrol"]),
            ("fire", ["engine", "ladder"]), ("fire", ["engine", "hazmat"]),
            ("ems", ["als-ambulance", "bls-ambulance"]), ("ems", ["als-ambulance", "bls-ambulance"]),
        ]
        let stationNodes = streets.spreadNodes(stationKinds.count, using: &rng)
        var stations: [Station] = []
        var units: [Unit] = []
        var perAgency: [String: Int] = [:]
        for (index, kind) in stationKinds.enumerated() where index < stationNodes.count {
            perAgency[kind.agency, default: 0] += 1
            let stationID = "\(kind.agency)-station-\(perAgency[kind.agency]!)"
            stations.append(Station(id: stationID, agency: kind.agency, node: stationNodes[index]))
            for (u, unitKind) in kind.units.enumerated() {
                units.append(Unit(id: "\(stationID)-\(unitKind)-\(u + 1)", agency: kind.agency, kind: unitKind,
                                  station: stationID, homeNode: stationNodes[index]))
            }
        }
        let sensorKinds: [(quantity: String, unit: String, count: Int, every: Int64)] = [
            ("pm25", "ug/m3", 6, 30), ("no2", "ppb", 4, 30), ("noise", "dBA", 4, 15), ("traffic-count", "vehicles/min", 4, 20),
        ]
        let sensorNodes = streets.spreadNodes(sensorKinds.reduce(0) { $0 + $1.count }, using: &rng)
        var sensors: [Sensor] = []
        var next = 0
        for kind in sensorKinds {
            for i in 0..<kind.count where next < sensorNodes.count {
                sensors.append(Sensor(id: "\(kind.quantity)-\(i + 1)", quantity: kind.quantity, unit: kind.unit,
                                      node: sensorNodes[next], reportEverySeconds: kind.every))
                next += 1
            }
        }
        return CityPlan(stations: stations, units: units, sensors: sensors)
    }
}
