import SafeCityCore

/// A sensor as the operations centre sees it now: its latest readings, air quality and health.
public struct SensorStatus: Sendable, Hashable, Codable {
    public var sensorID: String
    public var readings: [Reading]
    public var airQuality: [PollutantAQI]
    /// Nil until the sensor has reported or gone stale.
    public var health: SensorHealthStatus?

    /// The latest value of one quantity.
    public struct Reading: Sendable, Hashable, Codable {
        public var quantity: Quantity
        public var value: Double
        public var unit: String
        public var time: Timestamp
    }

    /// The AQI of one pollutant at this sensor: the NowCast when EPA's data rule is met, else the
    /// current hour's mean marked provisional.
    public struct PollutantAQI: Sendable, Hashable, Codable {
        public var pollutant: String
        public var aqi: Int
        public var category: String
        public var colour: String
        public var concentration: Double
        public var unit: String
        /// `nowcast` or `provisional` (fewer than 2 of the last 3 hours have data).
        public var method: String
    }
}
