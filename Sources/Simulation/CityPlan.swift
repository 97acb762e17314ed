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
        /// The sensor family, as the registry names it (`air_quality`, `noise`, `weather`, `traffic_counter`, `flood_gauge`, `acoustic`).
        public var kind: String
        public var quantity: String
        public var unit: String
        public var node: Int32
        public var reportEverySeconds: Int64
        /// A fault the sensor develops, so that the demo shows sensor-health signals.
        public var fault: SensorFault?
    }

    /// A way a simulated sensor goes wrong.
    public enum SensorFault: Sendable, Equatable {
        /// Stops reporting this many seconds after the start.
        case silentAfter(seconds: Int64)
        /// Repeats its last reading from this many seconds after the start.
        case stuckAfter(seconds: Int64)
        /// Reads this much too high from the start (a miscalibrated or dirty sensor).
        case offset(Double)
    }

    /// The same city with every sensor working, e.g. for the hours before the demo starts.
    public var withoutSensorFaults: CityPlan {
        var plan = self
        for index in plan.sensors.indices { plan.sensors[index].fault = nil }
        return plan
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
        let sensorKinds: [(kind: String, quantity: String, unit: String, count: Int, every: Int64)] = [
            ("air_quality", "pm25", "µg/m³", 6, 30), ("air_quality", "pm10", "µg/m³", 3, 30), ("air_quality", "no2", "ppb", 4, 30),
            ("air_quality", "o3", "ppb", 2, 60), ("noise", "noise", "dBA", 4, 15), ("traffic_counter", "traffic_flow", "veh/h", 4, 20),
            ("flood_gauge", "water_level", "m", 2, 60), ("weather", "temperature", "°C", 2, 60), ("acoustic", "gunshot", "count", 2, 10),
        ]
        // One sensor of each fault, so that sensor health has something to find.
        let faults: [String: SensorFault] = [
            "pm25-6": .silentAfter(seconds: 300), "no2-4": .stuckAfter(seconds: 240), "pm25-5": .offset(45),
        ]
        let sensorNodes = streets.spreadNodes(sensorKinds.reduce(0) { $0 + $1.count }, using: &rng)
        var sensors: [Sensor] = []
        var next = 0
        for kind in sensorKinds {
            for i in 0..<kind.count where next < sensorNodes.count {
                let id = "\(kind.quantity)-\(i + 1)"
                sensors.append(Sensor(id: id, kind: kind.kind, quantity: kind.quantity, unit: kind.unit,
                                      node: sensorNodes[next], reportEverySeconds: kind.every, fault: faults[id]))
                next += 1
            }
        }
        return CityPlan(stations: stations, units: units, sensors: sensors)
    }
}
