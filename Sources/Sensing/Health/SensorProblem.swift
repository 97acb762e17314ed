/// A way a sensor can be unwell.
public enum SensorProblem: String, Sendable, Hashable, Codable, CaseIterable {
    /// No observation for more than a few report intervals.
    case stale
    /// The same reading over and over: a stuck sensor.
    case flatLine = "flat_line"
    /// A reading outside what the quantity can physically take.
    case outOfRange = "out_of_range"
    /// Readings persistently far from those of nearby sensors measuring the same quantity.
    case outlier
}
