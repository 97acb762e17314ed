import Geo

/// A registered sensor: what it is, where it stands, what it measures and how often it should report.
public struct Sensor: Sendable, Hashable, Codable {
    public var id: String
    public var kind: SensorKind
    public var name: String
    public var location: GeoPoint
    /// The quantities it reports, each in its canonical unit once normalised.
    public var quantities: [Quantity]
    /// How often it is expected to report; absence and staleness are measured in these intervals.
    public var reportIntervalSeconds: Int
    /// The agency or company that maintains it.
    public var owner: String

    public init(id: String, kind: SensorKind, name: String, location: GeoPoint, quantities: [Quantity], reportIntervalSeconds: Int, owner: String) {
        self.id = id
        self.kind = kind
        self.name = name
        self.location = location
        self.quantities = quantities
        self.reportIntervalSeconds = reportIntervalSeconds
        self.owner = owner
    }

    public func measures(_ quantity: Quantity) -> Bool { quantities.contains(quantity) }
}

/// The families of sensors a city runs.
public enum SensorKind: String, Sendable, Hashable, Codable, CaseIterable {
    case airQuality = "air_quality"
    case noise
    case weather
    case trafficCounter = "traffic_counter"
    case floodGauge = "flood_gauge"
    case acoustic
}
